// Which frame a thumbnail shows, decided from container metadata before
// anything is decoded, so every engine gives the same answer.
import { deriveFrameNumber } from '../../src/shared/identity';
import type { FrameIdentity, Mode, Span } from '../../src/shared/types';

/** A frame as the container describes it, pts on the contract's timeline. */
export interface TimelineFrame {
  pts: number;
  keyframe: boolean;
  /** Its compressed size, where keyframes are listed (keyframesIn) and the container says it. */
  bytes?: number;
}

/**
 * The displayable frames of a video track: decodable (at or after the first
 * keyframe in decode order) and not hidden by an edit list (pts >= 0).
 */
export interface FrameTimeline {
  /** The first displayable frame in presentation order, or null if there is none. */
  first(): Promise<TimelineFrame | null>;
  /** The last displayable frame with pts <= t. */
  frameAtOrBefore(t: number): Promise<TimelineFrame | null>;
  /** The last displayable keyframe with pts <= t. */
  keyframeAtOrBefore(t: number): Promise<TimelineFrame | null>;
  /** The displayable keyframes with `start <= pts < end`, in order, with their sizes; at most `limit` of them, the first ones. */
  keyframesIn(start: number, end: number, limit: number): Promise<TimelineFrame[]>;
  /** The displayable frame just after (1) or just before (-1) the frame at `pts`, in presentation order. */
  neighbor(pts: number, direction: 1 | -1): Promise<TimelineFrame | null>;
  /** 0-based position in presentation order, or null when the container has no full index. */
  frameNumber(pts: number): number | null;
  /** How many displayable frames there are, or null when the container has no full index. */
  readonly frameCount: number | null;
  /** The frame at 0-based position `n` in presentation order; null when out of range or without a full index. */
  frameByNumber(n: number): TimelineFrame | null;
  /** Frames per second used to derive frame numbers when there is no index. */
  readonly frameRate: number | null;
}

/**
 * Tolerance for comparing a requested time with a pts: a requested time is
 * computed in floating point from the duration, and a pts that is meant to
 * equal it must not lose to rounding. Far below any real frame duration.
 */
export const PTS_EPSILON = 1e-6;

/** The identity of the frame that `mode` shows at time `t`. */
export async function resolveIdentity(timeline: FrameTimeline, t: number, mode: Exclude<Mode, 'best'>): Promise<FrameIdentity | null> {
  const first = await timeline.first();
  if (!first) return null;
  const displayed = (await timeline.frameAtOrBefore(t)) ?? first;
  // Fast mode: the keyframe at or before t. When the only keyframe before t
  // is hidden (an edit list's pre-roll) or missing (a stream cut mid-GOP),
  // the first displayable frame is what decoding from that point gives.
  const chosen = mode === 'exact' ? displayed : ((await timeline.keyframeAtOrBefore(t)) ?? first);
  const exact = sameFrame(chosen, displayed) && chosen.pts <= t + PTS_EPSILON;
  return { pts: chosen.pts, keyframe: chosen.keyframe, exact, ...frameNumberOf(timeline, chosen.pts, first.pts) };
}

/**
 * Keyframes a best-mode slot weighs at most. Each is decoded alone (about a
 * fast-mode thumbnail's cost); three spread over the window find a sharp,
 * non-blank frame where one would land on a fade or a blur.
 */
export const MAX_CANDIDATES = 3;
/** Keyframes listed in a window before choosing among them (a 40 s window of a 1 s-GOP file has 40). */
const LISTED_KEYFRAMES = 256;

/**
 * Best mode: the frames slot `window` may show, in the order the worker
 * tries them, its scores choosing (workers/slotChoice.ts). The window's
 * keyframes where it has some (cheap to decode): the largest first, where
 * their sizes are known, else spread over the window, nearest `t` first;
 * else the frame a player shows at `t`, or the window's first frame when
 * that one began before the window, so that no two slots show one frame
 * where the span holds enough of them.
 *
 * Why the largest: a keyframe's size is what its encoder needed for its
 * detail, and it is known without decoding. On best_frames.mp4 black
 * keyframes are 94 bytes, fades 6.5-7 KB, the blur 2.7 KB, the sharp
 * stretches 8.6-9.9 KB, the photo slide 23 KB. Trying the largest first,
 * most slots are settled by one decode where three were decoded before.
 */
export async function resolveCandidates(timeline: FrameTimeline, window: Span, t: number): Promise<FrameIdentity[]> {
  const first = await timeline.first();
  if (!first) return [];
  const displayed = (await timeline.frameAtOrBefore(t)) ?? first;
  const keys = await timeline.keyframesIn(window.start, window.end, LISTED_KEYFRAMES);
  const nearest = (a: TimelineFrame, b: TimelineFrame) => Math.abs(a.pts - t) - Math.abs(b.pts - t);
  const sized = keys.every((k) => k.bytes !== undefined);
  let chosen = sized ? [...keys].sort((a, b) => b.bytes! - a.bytes! || nearest(a, b)).slice(0, MAX_CANDIDATES) : spreadOver(keys, MAX_CANDIDATES).sort(nearest);
  if (chosen.length === 0) {
    const next = displayed.pts < window.start - PTS_EPSILON ? await timeline.neighbor(displayed.pts, 1) : null;
    chosen = [next && next.pts < window.end - PTS_EPSILON ? next : displayed];
  }
  return chosen.map((frame) => ({
    pts: frame.pts,
    keyframe: frame.keyframe,
    exact: sameFrame(frame, displayed) && frame.pts <= t + PTS_EPSILON,
    ...frameNumberOf(timeline, frame.pts, first.pts),
  }));
}

/** At most `count` items, evenly spread over `items` (all of them when there are no more). */
export function spreadOver<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

/** The frame number from the index where there is one, else derived from pts and frame rate. */
export function frameNumberOf(timeline: FrameTimeline, pts: number, firstPts: number): Pick<FrameIdentity, 'frameNumber' | 'frameNumberDerived'> {
  const indexed = timeline.frameNumber(pts);
  return { frameNumber: indexed ?? deriveFrameNumber(pts, firstPts, timeline.frameRate), frameNumberDerived: indexed === null };
}

const sameFrame = (a: TimelineFrame, b: TimelineFrame): boolean => Math.abs(a.pts - b.pts) <= PTS_EPSILON;

/** Packets in decode order: each one's pts (seconds, on the contract's timeline), whether it is a keyframe (1), and its size where known. */
export interface DecodeOrder {
  pts: Float64Array;
  keyframe: Uint8Array;
  bytes: Uint32Array | null;
}

/** A track's displayable frames in presentation order, and its displayable keyframes among them with their sizes where known. */
export interface PresentationOrder {
  pts: Float64Array;
  keyPts: Float64Array;
  keyBytes: Uint32Array | null;
}

/**
 * A timeline over a complete, in-memory index (MP4/MOV sample tables),
 * made by displayableFrames().
 */
export class IndexedTimeline implements FrameTimeline {
  readonly frameRate: number | null;
  private readonly pts: Float64Array;
  private readonly keyPts: Float64Array;
  private readonly keyBytes: Uint32Array | null;
  private readonly keys: Uint8Array;

  constructor({ pts, keyPts, keyBytes }: PresentationOrder, frameRate: number | null) {
    this.pts = pts;
    this.keyPts = keyPts;
    this.keyBytes = keyBytes;
    // Both sorted: a keyframe's place among the frames is found in one pass.
    this.keys = new Uint8Array(pts.length);
    for (let i = 0, k = 0; i < pts.length && k < keyPts.length; i++) {
      if (pts[i] === keyPts[k]) {
        this.keys[i] = 1;
        k++;
      }
    }
    this.frameRate = frameRate;
  }

  get frameCount(): number {
    return this.pts.length;
  }

  async first(): Promise<TimelineFrame | null> {
    return this.at(0);
  }

  async frameAtOrBefore(t: number): Promise<TimelineFrame | null> {
    return this.at(lastAtOrBefore(this.pts, t + PTS_EPSILON));
  }

  async keyframeAtOrBefore(t: number): Promise<TimelineFrame | null> {
    const i = lastAtOrBefore(this.keyPts, t + PTS_EPSILON);
    const pts = this.keyPts[i];
    return pts === undefined ? null : { pts, keyframe: true };
  }

  async keyframesIn(start: number, end: number, limit: number): Promise<TimelineFrame[]> {
    const from = lastAtOrBefore(this.keyPts, start - PTS_EPSILON) + 1;
    const to = Math.min(lastAtOrBefore(this.keyPts, end - PTS_EPSILON) + 1, from + limit);
    const listed: TimelineFrame[] = [];
    for (let i = from; i < to; i++) {
      const pts = this.keyPts[i]!;
      // A keyframe exactly at `end` belongs to the next window.
      if (pts >= end - PTS_EPSILON) break;
      listed.push(this.keyBytes ? { pts, keyframe: true, bytes: this.keyBytes[i]! } : { pts, keyframe: true });
    }
    return listed;
  }

  frameNumber(pts: number): number | null {
    const i = lastAtOrBefore(this.pts, pts + PTS_EPSILON);
    const found = this.pts[i];
    return found !== undefined && Math.abs(found - pts) <= PTS_EPSILON ? i : null;
  }

  frameByNumber(n: number): TimelineFrame | null {
    return Number.isInteger(n) ? this.at(n) : null;
  }

  async neighbor(pts: number, direction: 1 | -1): Promise<TimelineFrame | null> {
    // The frame at pts (or the last before it), then one step.
    const at = lastAtOrBefore(this.pts, pts + PTS_EPSILON);
    const onFrame = at >= 0 && Math.abs((this.pts[at] as number) - pts) <= PTS_EPSILON;
    return this.at(direction === 1 ? at + 1 : onFrame ? at - 1 : at);
  }

  private at(i: number): TimelineFrame | null {
    const pts = this.pts[i];
    return pts === undefined ? null : { pts, keyframe: this.keys[i] === 1 };
  }
}

/** Index of the last element <= x in a sorted array, or -1. */
export function lastAtOrBefore(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * The displayable frames among packets listed in decode order: drop
 * everything before the first keyframe (undecodable), everything an edit
 * list hides (pts < 0) and everything at or after `shownUntil` (past the
 * edit's end), then sort into presentation order. Typed arrays, sorted
 * natively: a 40-minute file has 72 000 packets.
 */
export function displayableFrames({ pts, keyframe, bytes }: DecodeOrder, shownUntil = Infinity): PresentationOrder {
  const firstKey = keyframe.indexOf(1);
  const shown = (i: number) => pts[i]! >= -PTS_EPSILON && pts[i]! < shownUntil;
  const frames: number[] = [];
  const keys: number[] = [];
  for (let i = Math.max(firstKey, 0); firstKey >= 0 && i < pts.length; i++) {
    if (!shown(i)) continue;
    frames.push(pts[i]!);
    if (keyframe[i]) keys.push(i);
  }
  // Keyframes, a few thousand at most, sorted with their sizes.
  keys.sort((a, b) => pts[a]! - pts[b]!);
  return {
    pts: Float64Array.from(frames).sort(),
    keyPts: Float64Array.from(keys, (i) => pts[i]!),
    keyBytes: bytes && Uint32Array.from(keys, (i) => bytes[i]!),
  };
}
