// Pure planning: which times to show, at what size, and how to split the
// decoding into tasks for the pool.
import { headerDescribesStreams } from './containers';
import type { DecodeTarget, EngineName, FrameIdentity, Mode, Span, TimePlan, VideoInfo } from './types';

/**
 * The span the thumbnails cover: the one asked for, within the video, or
 * the whole video. Without a duration (a one-frame TS states none) it is
 * [0, 0].
 */
export function coveredSpan(duration: number, span: Span | null): Span {
  const end = duration > 0 && Number.isFinite(duration) ? duration : 0;
  if (!span) return { start: 0, end };
  const start = Math.min(Math.max(0, span.start), end);
  return { start, end: Math.max(start, Math.min(span.end, end)) };
}

/**
 * `t_i = a + (i + 0.5) * (b - a) / count` over the span [a, b]: evenly
 * spaced, each in the middle of its slot's window, never the very first or
 * last instant. Over an empty span every time is its start: still `count`
 * thumbnails, which say they repeat (lib/repeats.ts), as a 4-frame clip's do.
 */
export function planTimes(span: Span, count: number): number[] {
  const width = span.end - span.start;
  return Array.from({ length: count }, (_, i) => span.start + ((i + 0.5) * width) / count);
}

/**
 * A player's thumbnail cues, one every `seconds`, contiguous over the whole
 * duration: `[0, k)`, `[k, 2k)`, ..., the last ending at the duration. In
 * whole milliseconds, as WebVTT writes times, so that a cue's end and the
 * next one's start are the same number, and no cue is empty (a duration
 * just past a multiple of `k` gives a last cue of at least 1 ms, not one
 * that rounds to nothing). None when the video states no duration.
 */
export function trackCues(duration: number, seconds: number): Span[] {
  const { durationMs, stepMs, count } = cueSteps(duration, seconds);
  return Array.from({ length: count }, (_, i) => ({ start: (i * stepMs) / 1000, end: Math.min((i + 1) * stepMs, durationMs) / 1000 }));
}

/** How many cues trackCues() makes, without making them (a card says it before the track is asked for). */
export function trackCueCount(duration: number, seconds: number): number {
  return cueSteps(duration, seconds).count;
}

function cueSteps(duration: number, seconds: number): { durationMs: number; stepMs: number; count: number } {
  const durationMs = Number.isFinite(duration) && duration > 0 ? Math.round(duration * 1000) : 0;
  const stepMs = Math.max(1, Math.round(seconds * 1000));
  return { durationMs, stepMs, count: Math.ceil(durationMs / stepMs) };
}

/** The times a plan asks for, over a video of `duration` seconds. */
export function plannedTimes(duration: number, plan: TimePlan): number[] {
  if (plan.kind === 'every') return trackCues(duration, plan.seconds).map((cue) => cue.start);
  return planTimes(coveredSpan(duration, plan.span), plan.count);
}

/** Slot `index`'s window `[start, end)`: the part of the span its thumbnail must come from in best mode. */
export function slotWindow(span: Span, count: number, index: number): Span {
  const width = span.end - span.start;
  return { start: span.start + (index * width) / count, end: span.start + ((index + 1) * width) / count };
}

/**
 * A thumbnail is at most this many times as tall as the requested width.
 * Tall phone video (9:16, 9:21) fits; a header claiming frames of 16x30000
 * does not get a 320x600000 thumbnail, which no JPEG can hold (65500 px).
 */
export const TALLEST_THUMBNAIL = 4;

/**
 * Output size for a requested width: the display aspect ratio, height
 * rounded to a whole pixel. Frames taller than TALLEST_THUMBNAIL are made
 * narrower instead, keeping their shape.
 */
export function outputSize(info: Pick<VideoInfo, 'width' | 'height'>, width: number): { width: number; height: number } {
  const height = Math.max(1, Math.round((width * info.height) / info.width));
  const tallest = width * TALLEST_THUMBNAIL;
  if (height <= tallest) return { width, height };
  return { width: Math.max(1, Math.round((tallest * info.width) / info.height)), height: tallest };
}

/** A distinct frame to decode, and every thumbnail index that shows it. */
export interface PlannedTarget {
  target: DecodeTarget;
  indices: number[];
}

/**
 * Turns per-thumbnail candidates into distinct decode targets: thumbnails
 * that resolve to the same frame (common in fast mode with many thumbnails
 * and sparse keyframes) share one decode. No candidate means the container
 * cannot say, so that time is decoded on its own (once, however many
 * thumbnails ask for exactly that time). Several (best mode) are one choice,
 * made in the worker.
 */
export function planTargets(times: readonly number[], candidates: readonly (readonly FrameIdentity[])[]): PlannedTarget[] {
  const byPts = new Map<number, PlannedTarget>();
  const byTime = new Map<number, PlannedTarget>();
  const planned: PlannedTarget[] = [];
  times.forEach((time, index) => {
    const options = candidates[index] ?? [];
    if (options.length > 1) {
      const choices = options.map(({ pts, keyframe }) => ({ pts, keyframe }));
      planned.push({ target: { id: planned.length, kind: 'choice', time, candidates: choices }, indices: [index] });
      return;
    }
    const identity = options[0];
    if (!identity) {
      // Equal times (a file without a duration puts every one at 0) are one decode.
      const same = byTime.get(time);
      if (same) {
        same.indices.push(index);
        return;
      }
      const entry: PlannedTarget = { target: { id: planned.length, kind: 'time', time }, indices: [index] };
      byTime.set(time, entry);
      planned.push(entry);
      return;
    }
    const existing = byPts.get(identity.pts);
    if (existing) {
      existing.indices.push(index);
      return;
    }
    const entry: PlannedTarget = { target: { id: planned.length, kind: 'pts', pts: identity.pts, keyframe: identity.keyframe }, indices: [index] };
    byPts.set(identity.pts, entry);
    planned.push(entry);
  });
  return planned;
}

/**
 * Frames per decode task. On ffmpeg.wasm each task is one exec; each frame
 * in it is one more input, with its own decoder in the wasm heap (tens of
 * MB at 1080p, and the heap never shrinks). Where ffmpeg can skip its
 * stream probe, opening an input is cheap and one frame per exec is both
 * the fastest and the leanest (measured with `npm run bench`). Where it
 * cannot, the probe decodes a frame per input and is worth sharing: a few
 * frames per exec (fast mode; best mode there decodes runs, as exact
 * does). On WebCodecs a task is one decoder run with one flush, which fast
 * mode's keyframes share (see WebCodecsEngine.decode), and best mode's
 * slots, each a keyframe mostly (3-minute 1080p bench file, 1 s GOP: best
 * mode 1.24x fast mode with one slot per task, 1.0x with four). Exact mode
 * decodes up to a GOP per thumbnail: one per task, spread over the pool.
 */
export function framesPerTask(mode: Mode, container: string, engine: EngineName): number {
  if (mode === 'exact') return 1;
  if (engine === 'webcodecs') return WEBCODECS_BATCH;
  return mode === 'fast' && !headerDescribesStreams(container) ? PROBED_CONTAINER_BATCH : 1;
}

const WEBCODECS_BATCH = 4;
const PROBED_CONTAINER_BATCH = 4;

/** Splits targets into tasks of `size`; the first holds one, so the first thumbnail comes early. */
export function batchTargets<T>(targets: readonly T[], size: number): T[][] {
  if (targets.length === 0) return [];
  const step = Math.max(1, size);
  const batches: T[][] = [targets.slice(0, 1)];
  for (let i = 1; i < targets.length; i += step) batches.push(targets.slice(i, i + step));
  return batches;
}
