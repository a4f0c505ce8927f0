// Pure planning: which times to show, at what size, and how to split the
// decoding into tasks for the pool.
import type { DecodeTarget, FrameIdentity, Mode, VideoInfo } from './types';

/** `t_i = (i + 0.5) * duration / count`: evenly spaced, never the very first or last instant. */
export function planTimes(duration: number, count: number): number[] {
  if (!(duration > 0) || !Number.isFinite(duration)) return count > 0 ? [0] : [];
  return Array.from({ length: count }, (_, i) => ((i + 0.5) * duration) / count);
}

/** Output size for a requested width: the display aspect ratio, height rounded to a whole pixel. */
export function outputSize(info: Pick<VideoInfo, 'width' | 'height'>, width: number): { width: number; height: number } {
  const height = Math.max(1, Math.round((width * info.height) / info.width));
  return { width, height };
}

/** A distinct frame to decode, and every thumbnail index that shows it. */
export interface PlannedTarget {
  target: DecodeTarget;
  indices: number[];
}

/**
 * Turns per-thumbnail identities into distinct decode targets: thumbnails
 * that resolve to the same frame (common in fast mode with many thumbnails
 * and sparse keyframes) share one decode. A null identity means the
 * container cannot say, so that time is decoded on its own.
 */
export function planTargets(times: readonly number[], identities: readonly (FrameIdentity | null)[]): PlannedTarget[] {
  const byPts = new Map<number, PlannedTarget>();
  const planned: PlannedTarget[] = [];
  times.forEach((time, index) => {
    const identity = identities[index] ?? null;
    if (!identity) {
      planned.push({ target: { id: planned.length, kind: 'time', time }, indices: [index] });
      return;
    }
    const existing = byPts.get(identity.pts);
    if (existing) {
      existing.indices.push(index);
      return;
    }
    const entry: PlannedTarget = { target: { id: planned.length, kind: 'pts', pts: identity.pts }, indices: [index] };
    byPts.set(identity.pts, entry);
    planned.push(entry);
  });
  return planned;
}

/**
 * Splits targets into tasks. Fast mode decodes about one frame per target,
 * so several share a task (one ffmpeg exec, one probe of the file); exact
 * mode decodes up to a whole GOP per target, so targets run one per task
 * and spread over the pool. The first task is kept small so the first
 * thumbnail appears as early as possible.
 */
export function batchTargets<T>(targets: readonly T[], mode: Mode, workers: number): T[][] {
  if (targets.length === 0) return [];
  if (mode === 'exact') return targets.map((t) => [t]);
  const perWorker = Math.ceil(targets.length / Math.max(1, workers));
  const size = Math.max(1, Math.min(MAX_FAST_BATCH, perWorker));
  const batches: T[][] = [targets.slice(0, 1)];
  for (let i = 1; i < targets.length; i += size) batches.push(targets.slice(i, i + size));
  return batches;
}

/**
 * Frames per fast-mode exec. Each input of an exec holds its own decoder
 * (tens of MB for 1080p H.264 in the wasm heap), so memory caps this.
 */
export const MAX_FAST_BATCH = 4;
