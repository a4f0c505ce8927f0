// A video's decoding over the worker pool, shared by the thumbnails
// (extraction.ts) and a player's thumbnail track (export/playerTrack.ts):
// prepare (probe + locate the frames) on a worker, then the planned
// targets in tasks spread over the pool, each task retried once on a fresh
// worker, and every target settled exactly once, as a frame or a miss.
import * as Comlink from 'comlink';
import { errorMessage } from '../../shared/errorMessage';
import { FileFailure } from '../../shared/fileFailure';
import { batchTargets, framesPerTask, type PlannedTarget } from '../../shared/plan';
import type { DecodedFrame, EngineName, EnginePreference, Mode, PrepareOutcome, TimePlan, VideoInfo, WorkerEvent } from '../../shared/types';
import { chooseEngine, ffmpegCanDecode } from './engineChoice';
import { fileKey } from './fileKeys';
import type { WorkerPool } from './workerPool';

/**
 * A prepare step gets this long without answering. Reading the index of a
 * 40-minute MP4 takes under a second; every file, however damaged, must
 * settle within 30 s, retries included.
 */
const PREPARE_STALL_MS = 15_000;
/** A decode task must show a sign of life (a log line, a frame) this often. */
export const DECODE_STALL_MS = 10_000;

/** What prepare() found: the file's metadata, the times planned, and the frames each may show. */
export type Prepared = Extract<PrepareOutcome, { ok: true }>;

/**
 * Probes `file` and locates the frames `times` asks for; a file that cannot
 * be used throws a FileFailure saying why. While `held()` says true (a
 * paused batch), the job waits in the pool.
 */
export async function prepareOnPool(pool: WorkerPool, file: File, times: TimePlan, signal: AbortSignal, held?: () => boolean): Promise<Prepared> {
  const prepared = await pool.submit<PrepareOutcome>({
    priority: 'prepare',
    signal,
    held,
    stallMs: PREPARE_STALL_MS,
    // ffprobe's reads are its sign of life: in WebKitGTK, with a dozen files
    // queued, probing an interlaced broadcast TS alone took over 15 s.
    run: (api, alive) => api.prepare(file, { fileKey: fileKey(file), times }, Comlink.proxy(alive)),
  });
  if (!prepared.ok) throw new FileFailure(prepared.kind, prepared.message);
  return prepared;
}

/**
 * The engine `preference` gives this file, and whether a WebCodecs failure
 * may send the rest to ffmpeg.wasm (only under `auto`); a file no engine
 * here can decode throws a FileFailure saying why.
 */
export function decodingEngine(info: VideoInfo, preference: EnginePreference): Pick<DecodeRun, 'engine' | 'canFallBack'> {
  const choice = chooseEngine(info, preference);
  if (!choice.ok) throw new FileFailure('decoder', choice.message);
  return { engine: choice.engine, canFallBack: preference === 'auto' && ffmpegCanDecode(info) };
}

/** How the planned targets are decoded. */
export interface DecodeRun {
  file: File;
  info: VideoInfo;
  mode: Mode;
  /** The engine chosen for the file, and whether a WebCodecs failure may send the rest to ffmpeg.wasm (`auto`). */
  engine: EngineName;
  canFallBack: boolean;
  /** Output size, and JPEG quality. */
  width: number;
  height: number;
  quality: number;
  /** While this says true (a paused batch), the decode jobs wait in the pool. */
  held?: () => boolean;
}

export interface DecodeHandlers {
  /** Target `planned` was decoded (its JPEG is this call's to keep). */
  frame(planned: PlannedTarget, frame: DecodedFrame): void;
  /** Target `planned` gave no frame, and why. */
  missed(planned: PlannedTarget, reason: string): void;
  /** WebCodecs failed in the middle; the rest is decoded by ffmpeg.wasm. */
  fellBack(reason: string): void;
}

/**
 * Decodes `targets` over the pool in tasks of the size the mode and engine
 * call for, queued in order (so what is asked first arrives first). Events
 * already on their way when `signal` aborts belong to no one: nothing is
 * handed over after it, and the call rejects with its reason.
 */
export async function decodeOnPool(pool: WorkerPool, run: DecodeRun, targets: readonly PlannedTarget[], handlers: DecodeHandlers, signal: AbortSignal): Promise<void> {
  const key = fileKey(run.file);
  const byId = new Map(targets.map((t) => [t.target.id, t]));
  let engine = run.engine;

  let firstFrameIn: () => void = () => {};
  const firstFrame = new Promise<void>((resolve) => (firstFrameIn = resolve));
  const deliver = (frame: DecodedFrame) => {
    firstFrameIn();
    const planned = byId.get(frame.id);
    if (signal.aborted || !planned) return;
    byId.delete(frame.id);
    handlers.frame(planned, frame);
  };
  const miss = (id: number, reason: string) => {
    const planned = byId.get(id);
    if (signal.aborted || !planned) return;
    byId.delete(id);
    handlers.missed(planned, reason);
  };

  // The engine is read when the batch starts: batches queued before a
  // fallback run on ffmpeg.wasm too.
  const runBatch = (batch: readonly PlannedTarget[]) =>
    pool.submit({
      priority: 'decode',
      signal,
      held: run.held,
      stallMs: DECODE_STALL_MS,
      run: (api, alive) => {
        const onEvent = (event: WorkerEvent) => {
          alive();
          if (event.type === 'frame') deliver(event.frame);
          else if (event.type === 'miss') miss(event.id, event.miss.message);
        };
        const task = { file: run.file, fileKey: key, info: run.info, engine, mode: run.mode, width: run.width, height: run.height, quality: run.quality, targets: batch.map((p) => p.target) };
        return api.decode(task, Comlink.proxy(onEvent));
      },
    });

  // A batch whose worker crashed, trapped or stalled is retried once, for
  // the targets it had not delivered yet (on ffmpeg.wasm, if WebCodecs was
  // what failed), each on its own, so that one undecodable frame of a
  // damaged file costs only itself; then a target that failed again is
  // missed. Retried as a batch, one bad frame lost all four of a best-mode
  // task's thumbnails (noise-damaged VP9: 3 thumbnails became 1).
  const runWithRetry = async (batch: readonly PlannedTarget[]) => {
    try {
      await runBatch(batch);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      // Until the first fallback every batch runs on WebCodecs, so this failure was WebCodecs'.
      if (engine === 'webcodecs' && run.canFallBack) {
        engine = 'ffmpeg';
        handlers.fellBack(errorMessage(error));
      }
      const rest = batch.filter((p) => byId.has(p.target.id));
      await Promise.all(
        rest.map(async (p) => {
          try {
            await runBatch([p]);
          } catch (error) {
            if (signal.aborted) throw signal.reason;
            miss(p.target.id, errorMessage(error));
          }
        }),
      );
    }
    // A worker that finished without mentioning a target did not decode it.
    for (const p of batch) miss(p.target.id, 'The decoder returned no frame for this time.');
  };

  // A first keyframe on WebCodecs is decoded alone: the other workers'
  // batches shared the cores with it, and it came out 50-150 ms after its
  // task began. Chromium's decoder keeps both cores busy on it alone, so
  // the whole run loses little (10-minute 1080p fast mode: first thumbnail
  // 197-292 ms -> 154-168 ms, all 15 in 0.70-0.93 s either way). Not for
  // exact mode, whose first thumbnail is a whole run of frames, nor for
  // ffmpeg.wasm, which decodes on one core and would leave the other idle.
  const [first, ...rest] = batchTargets(targets, framesPerTask(run.mode, run.info.container, run.engine));
  const firstRun = first ? runWithRetry(first) : Promise.resolve();
  if (engine === 'webcodecs' && run.mode !== 'exact') await Promise.race([firstRun, firstFrame]);
  await Promise.all([firstRun, ...rest.map(runWithRetry)]);
  if (signal.aborted) throw signal.reason;
}
