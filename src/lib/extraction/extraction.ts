// One video's extraction: prepare (probe + locate) on a worker, turn the
// located frames into distinct decode targets, spread them over the pool,
// and hand every thumbnail to the listener as soon as it exists.
import * as Comlink from 'comlink';
import { errorMessage } from '../../shared/errorMessage';
import { objectUrls } from '../offMainThread/objectUrls';
import { fileKey } from './fileKeys';
import { chooseEngine, ffmpegCanDecode } from './engineChoice';
import { identityFromDecoded } from '../../shared/identity';
import { batchTargets, framesPerTask, outputSize, planTargets, type PlannedTarget } from '../../shared/plan';
import type { WorkerPool } from './workerPool';
import type { FrameScore } from '../../shared/frameFlags';
import type { DecodedFrame, EngineName, EnginePreference, FrameIdentity, Mode, PrepareOutcome, Span, VideoInfo, WorkerEvent } from '../../shared/types';

import type { ExtractionSettings } from '../settings';
import { FileFailure } from '../../shared/fileFailure';

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
  /** Decoding starts on `engine`; `total` thumbnails will settle. */
  started(engine: EngineName, total: number): void;
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
 * A prepare step gets this long without answering. Reading the index of a
 * 40-minute MP4 takes under a second; every file, however damaged, must
 * settle within 30 s, retries included.
 */
const PREPARE_STALL_MS = 15_000;
/** A decode task must show a sign of life (a log line, a frame) this often. */
export const DECODE_STALL_MS = 10_000;

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
  const key = fileKey(file);
  const prepared = await pool.submit<PrepareOutcome>({
    priority: 'prepare',
    signal,
    held,
    stallMs: PREPARE_STALL_MS,
    // ffprobe's reads are its sign of life: in WebKitGTK, with a dozen files
    // queued, probing an interlaced broadcast TS alone took over 15 s.
    run: (api, alive) => api.prepare(file, { fileKey: key, count: settings.count, mode: settings.mode, span }, Comlink.proxy(alive)),
  });
  if (!prepared.ok) throw new FileFailure(prepared.kind, prepared.message);
  const prepareMs = performance.now() - started;
  const { info, times, candidates } = prepared;
  listener.probed(info);
  const choice = chooseEngine(info, settings.engine);
  if (!choice.ok) throw new FileFailure('decoder', choice.message);
  let engine = choice.engine;
  listener.started(engine, times.length);
  // Under `auto`, a WebCodecs failure sends the rest of the video to ffmpeg.wasm.
  const canFallBack = settings.engine === 'auto' && ffmpegCanDecode(info);

  const timings: Required<ExtractionTimings> = { prepareMs, decodeMs: 0, encodeMs: 0, scoreMs: 0, scoredFrames: 0, totalMs: 0, frames: 0 };
  const size = outputSize(info, settings.width);
  const targets = planTargets(times, candidates);
  const byId = new Map(targets.map((t) => [t.target.id, t]));

  // Events already on their way when the run was cancelled belong to no one.
  const arriving = new Set<Promise<void>>();
  const deliver = (frame: DecodedFrame) => {
    if (signal.aborted) return;
    const planned = byId.get(frame.id);
    if (!planned) return;
    byId.delete(frame.id);
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
  const miss = (id: number, reason: string) => {
    if (signal.aborted) return;
    const planned = byId.get(id);
    if (!planned) return;
    byId.delete(id);
    for (const index of planned.indices) listener.missed(index, reason);
  };

  // The engine is read when the batch starts: batches queued before a
  // fallback run on ffmpeg.wasm too.
  const runBatch = (batch: PlannedTarget[]) =>
    pool.submit({
      priority: 'decode',
      signal,
      held,
      stallMs: DECODE_STALL_MS,
      run: (api, alive) => {
        const onEvent = (event: WorkerEvent) => {
          alive();
          if (event.type === 'frame') deliver(event.frame);
          else if (event.type === 'miss') miss(event.id, event.miss.message);
        };
        const task = { file, fileKey: key, info, engine, mode: settings.mode, ...size, quality: settings.quality, targets: batch.map((p) => p.target) };
        return api.decode(task, Comlink.proxy(onEvent));
      },
    });

  // A batch whose worker crashed, trapped or stalled is retried once, for
  // the targets it had not delivered yet (on ffmpeg.wasm, if WebCodecs was
  // what failed); then those targets are missed.
  const runWithRetry = async (batch: PlannedTarget[]) => {
    try {
      await runBatch(batch);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      // Until the first fallback every batch runs on WebCodecs, so this failure was WebCodecs'.
      if (engine === 'webcodecs' && canFallBack) {
        engine = 'ffmpeg';
        listener.fellBack(errorMessage(error));
      }
      const rest = batch.filter((p) => byId.has(p.target.id));
      if (rest.length > 0) {
        try {
          await runBatch(rest);
        } catch (error) {
          if (signal.aborted) throw signal.reason;
          for (const p of rest) miss(p.target.id, errorMessage(error));
        }
      }
    }
    // A worker that finished without mentioning a target did not decode it.
    for (const p of batch) miss(p.target.id, 'The decoder returned no frame for this time.');
  };

  await Promise.all(batchTargets(targets, framesPerTask(settings.mode, info.container, choice.engine)).map(runWithRetry));
  // The last frames' URLs may still be on their way.
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
