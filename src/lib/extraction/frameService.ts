// What the large view and the exports may ask of the workers: a frame
// decoded again (the large view, full-size downloads, a thumbnail moved to
// a stepped-to frame), a still's larger picture, a contact sheet and a
// player track's sprite sheets.
// A small service over the pool, so neither can queue other work or resize it.
import * as Comlink from 'comlink';
import type { FrameRequest, RenderedFrame, SheetRequest, SpriteRequest, StillOutcome, StillRequest } from '../../shared/types';
import { DECODE_STALL_MS } from './poolDecode';
import { stillOnPool } from './stillExtraction';
import { fileKey } from './fileKeys';
import type { WorkerPool } from './workerPool';

/** Time allowed for a contact sheet (thousands of thumbnails take a while to draw and encode). */
const SHEET_STALL_MS = 120_000;
/**
 * Time allowed for one sprite sheet, which says nothing until it is done:
 * MozJPEG took 11 s for a 4032x4050 sprite at quality 100 with the
 * machine's two cores shared by 17 runnable processes. The budget is there
 * to catch a dead worker, so it is the contact sheet's.
 */
const SPRITE_STALL_MS = SHEET_STALL_MS;

export interface FrameService {
  /** The frame `request` asks for, encoded at its qualities; null when a step has nowhere to go or a frame number is out of range. */
  render(request: Omit<FrameRequest, 'fileKey'>, signal: AbortSignal): Promise<RenderedFrame | null>;
  /** A picture of a still image (its large view, a copy of it), made in a worker. */
  renderStill(file: File, request: StillRequest, signal: AbortSignal): Promise<StillOutcome>;
  /** A contact sheet, drawn and encoded in a worker. */
  drawSheet(request: SheetRequest, signal: AbortSignal): Promise<{ jpeg: ArrayBuffer; width: number; height: number }>;
  /**
   * A sprite sheet of a player track, drawn and encoded in a worker. Ahead
   * of decoding work, so a finished sprite's tiles are let go soon.
   */
  drawSprite(request: SpriteRequest, signal: AbortSignal): Promise<ArrayBuffer>;
}

export function frameService(pool: WorkerPool): FrameService {
  return {
    render: (request, signal) =>
      pool.submit<RenderedFrame | null>({
        priority: 'interactive',
        signal,
        stallMs: DECODE_STALL_MS,
        run: (api, alive) => api.renderFrame({ ...request, fileKey: fileKey(request.file) }, Comlink.proxy(alive)),
      }),
    renderStill: (file, request, signal) => stillOnPool(pool, file, request, 'interactive', signal),
    drawSheet: (request, signal) => pool.submit({ priority: 'interactive', signal, stallMs: SHEET_STALL_MS, run: (api) => api.contactSheet(request) }),
    drawSprite: (request, signal) => pool.submit({ priority: 'interactive', signal, stallMs: SPRITE_STALL_MS, run: (api) => api.sprite(request) }),
  };
}
