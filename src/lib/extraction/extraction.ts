// One video's extraction: prepare (probe + locate) on a worker, turn the
// located frames into distinct decode targets, spread them over the pool,
// and hand every thumbnail to the listener as soon as it exists.
import { errorMessage } from '../../shared/errorMessage';
import { objectUrls } from '../offMainThread/objectUrls';
import { identityFromDecoded } from '../../shared/identity';
import { outputSize, planTargets, type PlannedTarget } from '../../shared/plan';
import type { WorkerPool } from './workerPool';
import type { FrameScore } from '../../shared/frameFlags';
import type { DecodedFrame, EngineName, FrameIdentity, Span, StillInfo, VideoInfo } from '../../shared/types';
import { decodeOnPool, decodingEngine, prepareOnPool } from './poolDecode';

import type { ExtractionSettings } from '../settings';

export type { ExtractionSettings };

export interface Thumbnail {
  index: number;
  /** Requested time, seconds. */
  time: number;
  identity: FrameIdentity;
  pictType: string;
  /** Measured on its pixels in the worker; null for thumbnails stored before scoring existed. */
  score: FrameScore | null;
  jpeg: Blob;
  /** An object URL of `jpeg`, this thumbnail's own. */
  url: string;
  width: number;
  height: number;
  decodeMs: number;
  encodeMs: number;
}

export interface ExtractionListener {
  /** The file's metadata is known (even if it then cannot be decoded). */
  probed(info: VideoInfo): void;
  /** A still image's format and size are known (see stillExtraction.ts). */
  described(still: StillInfo): void;
  /** Decoding starts on `engine` (null for a still: the browser's image decoder); `total` thumbnails will settle. */
  started(engine: EngineName | null, total: number): void;
  /** WebCodecs failed in the middle; the rest is decoded by ffmpeg.wasm. */
  fellBack(reason: string): void;
  thumbnail(thumb: Thumbnail): void;
  missed(index: number, reason: string): void;
}

export interface ExtractionTimings {
  prepareMs: number;
  /** Sum over frames of decode time, and of encode time (worker-side). */
  decodeMs: number;
  encodeMs: number;
  /** Scoring every decoded frame (best mode's candidates too), worker-side; absent in runs stored before scoring. */
  scoreMs?: number;
  scoredFrames?: number;
  totalMs: number;
  frames: number;
}

/**
 * Extracts `file`'s thumbnails over the pool. While `held()` says true (a
 * paused batch), its jobs wait in the pool, keeping their place.
 */
export async function extract(
  pool: WorkerPool,
  file: File,
  settings: ExtractionSettings,
  span: Span | null,
  listener: ExtractionListener,
  signal: AbortSignal,
  held?: () => boolean,
): Promise<ExtractionTimings> {
  const started = performance.now();
  const { info, times, candidates } = await prepareOnPool(pool, file, { kind: 'spread', count: settings.count, span, mode: settings.mode }, signal, held);
  const prepareMs = performance.now() - started;
  listener.probed(info);
  const engine = decodingEngine(info, settings.engine);
  listener.started(engine.engine, times.length);

  const timings: Required<ExtractionTimings> = { prepareMs, decodeMs: 0, encodeMs: 0, scoreMs: 0, scoredFrames: 0, totalMs: 0, frames: 0 };
  const size = outputSize(info, settings.width);
  // The last frames' URLs may still be on their way when decoding ends.
  const arriving = new Set<Promise<void>>();
  const decoded = (planned: PlannedTarget, frame: DecodedFrame) => {
    timings.decodeMs += frame.decodeMs;
    timings.encodeMs += frame.encodeMs;
    timings.scoreMs += frame.scoring.ms;
    timings.scoredFrames += frame.scoring.frames;
    timings.frames++;
    const shown = objectUrls({ bytes: frame.jpeg, type: 'image/jpeg', count: planned.indices.length }).then(({ blob: jpeg, urls }) => {
      if (signal.aborted) return urls.forEach((url) => URL.revokeObjectURL(url));
      planned.indices.forEach((index, i) => {
        const time = times[index]!;
        const identity = locatedAs(candidates[index] ?? [], frame.pts) ?? identityFromDecoded(frame, time, info, settings.mode);
        listener.thumbnail({ index, time, identity, pictType: frame.pictType, score: frame.score, jpeg, url: urls[i]!, ...size, decodeMs: frame.decodeMs, encodeMs: frame.encodeMs });
      });
    }, (error: unknown) => {
      if (!signal.aborted) for (const index of planned.indices) listener.missed(index, `The thumbnail could not be kept: ${errorMessage(error)}`);
    });
    arriving.add(shown);
    void shown.finally(() => arriving.delete(shown));
  };
  const run = { file, info, mode: settings.mode, ...engine, ...size, quality: settings.quality, held };
  await decodeOnPool(pool, run, planTargets(times, candidates), {
    frame: decoded,
    missed: (planned, reason) => planned.indices.forEach((index) => listener.missed(index, reason)),
    fellBack: (reason) => listener.fellBack(reason),
  }, signal);
  await Promise.all(arriving);
  if (signal.aborted) throw signal.reason;
  timings.totalMs = performance.now() - started;
  return timings;
}

/**
 * Which located frame a decoded one is: the only one, or (a best-mode
 * choice) the candidate nearest its pts. Candidates are keyframes, frames
 * apart, and ffmpeg prints pts with six significant digits, so nearest,
 * not equal.
 */
function locatedAs(candidates: readonly FrameIdentity[], pts: number): FrameIdentity | undefined {
  if (candidates.length <= 1) return candidates[0];
  return candidates.reduce((a, b) => (Math.abs(b.pts - pts) < Math.abs(a.pts - pts) ? b : a));
}
