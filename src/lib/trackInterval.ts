// The seconds between a player track's thumbnails: a setting of this
// browser, not of a view (it is not in the URL hash). Pure.

export const TRACK_INTERVAL = {
  /** Players show a thumbnail per cue; under half a second apart they are the same picture to the eye. */
  min: 0.5,
  max: 3600,
  /** What video.js's and Vidstack's examples use, and YouTube's storyboards roughly. */
  default: 10,
} as const;

/**
 * A typed-in interval as the track takes it: in range, to the millisecond
 * (what WebVTT writes); `fallback` when it is no number at all.
 */
export function normalizeInterval(value: unknown, fallback: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) return fallback;
  return Math.min(TRACK_INTERVAL.max, Math.max(TRACK_INTERVAL.min, Math.round(number * 1000) / 1000));
}
