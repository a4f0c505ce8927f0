// Requested times on the container's own clock. Shared by the page and the workers.

/** Where a stream's pts live: its start time and ticks per second. */
export interface StreamClock {
  startTime: number;
  /** Ticks per second. */
  timeBase: number;
}

/**
 * `t` as the container can say it: rounded to the nearest tick of the
 * stream's time base, on its absolute timeline (start time included). A
 * frame whose pts equals a requested time at that resolution is a frame at
 * that time: 10.0096 s in a millisecond WebM is tick 10010, so the frame at
 * 10.010 s is shown there, not the one at 9.977 s (issue 11, class 3; ffmpeg
 * rounds a seek time to the stream's ticks the same way).
 */
export function onStreamTick(t: number, clock: StreamClock): number {
  if (!(clock.timeBase > 0) || !Number.isFinite(clock.timeBase)) return t;
  return toTicks(t, clock) / clock.timeBase - clock.startTime;
}

/** The tick nearest a time (relative to the start) on the stream's own, absolute timeline. */
export function toTicks(seconds: number, clock: StreamClock): number {
  return Math.round((clock.startTime + seconds) * clock.timeBase);
}
