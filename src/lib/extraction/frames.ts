// Frames rendered on request, through the pool: the large view, full-size
// downloads, a thumbnail moved to a stepped-to frame.
import * as Comlink from 'comlink';
import { DECODE_STALL_MS } from './extraction';
import type { WorkerPool } from './workerPool';
import type { FrameRequest, RenderedFrame } from '../../shared/types';

export function renderFrame(pool: WorkerPool, request: FrameRequest, signal: AbortSignal): Promise<RenderedFrame | null> {
  return pool.submit<RenderedFrame | null>({
    priority: 'interactive',
    signal,
    stallMs: DECODE_STALL_MS,
    run: (api, alive) => api.renderFrame(request, Comlink.proxy(alive)),
  });
}
