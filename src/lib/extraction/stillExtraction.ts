// A still image's one thumbnail: decoded in a pool worker (at reduced size
// where the browser can, see workers/still/), handed to the listener as a
// video's thumbnails are, so it is shown, picked, stored and exported alike.
import * as Comlink from 'comlink';
import { FileFailure } from '../../shared/fileFailure';
import type { FrameIdentity, StillOutcome, StillRequest } from '../../shared/types';
import { objectUrls } from '../offMainThread/objectUrls';
import type { ExtractionListener, ExtractionSettings, ExtractionTimings } from './extraction';
import type { JobPriority, WorkerPool } from './workerPool';

/**
 * A still's job sends signs of life only while the file is read. Decoding
 * a 16384x16384 JPEG at 1/8 took 0.5-1.5 s here (25-96 MB files), and
 * that at full size 2.6 s; the budget leaves room for a loaded machine.
 */
const STILL_STALL_MS = 30_000;

/** Who a still's one thumbnail is: the only frame there is. */
const STILL_IDENTITY: FrameIdentity = { pts: 0, keyframe: true, exact: true, frameNumber: 0, frameNumberDerived: false };

/** A still decoded in a pool worker. `held`: while it says true (a paused batch), the job waits in the pool. */
export function stillOnPool(pool: WorkerPool, file: File, request: StillRequest, priority: JobPriority, signal: AbortSignal, held?: () => boolean): Promise<StillOutcome> {
  return pool.submit<StillOutcome>({ priority, signal, held, stallMs: STILL_STALL_MS, run: (api, alive) => api.still(file, request, Comlink.proxy(alive)) });
}

/** `held`: while it says true (a paused batch), the job waits in the pool. */
export async function extractStill(pool: WorkerPool, file: File, settings: ExtractionSettings, listener: ExtractionListener, signal: AbortSignal, held?: () => boolean): Promise<ExtractionTimings> {
  const started = performance.now();
  // Ahead of decoding work, as a video's probe is: a still is one quick job, and the person sees it at once.
  const outcome = await stillOnPool(pool, file, { size: { kind: 'width', width: settings.width }, quality: settings.quality }, 'prepare', signal, held);
  if (!outcome.ok) throw new FileFailure(outcome.kind, outcome.message);
  listener.described(outcome.still);
  listener.started(null, 1);
  const { blob, urls } = await objectUrls({ bytes: outcome.jpeg, type: 'image/jpeg', count: 1 });
  if (signal.aborted) {
    urls.forEach((url) => URL.revokeObjectURL(url));
    throw signal.reason;
  }
  const { width, height, score, decodeMs, encodeMs } = outcome;
  listener.thumbnail({ index: 0, time: 0, identity: STILL_IDENTITY, pictType: 'still', score, jpeg: blob, url: urls[0]!, width, height, decodeMs, encodeMs });
  return { prepareMs: outcome.readMs, decodeMs, encodeMs, totalMs: performance.now() - started, frames: 1 };
}
