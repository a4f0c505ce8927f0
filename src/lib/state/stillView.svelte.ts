// The large view of a still image: the image bigger than its thumbnail, at
// a size that is safe to decode and show (see LARGE_STILL_SIDE), made in a
// worker as its thumbnail was.
import { errorMessage } from '../../shared/errorMessage';
import type { StillInfo } from '../../shared/types';
import type { FrameService } from '../extraction/frameService';
import type { VideoEntry } from './videoEntry.svelte';

/**
 * The large view fits a still into this square. It is more than the view's
 * 1400 px on a screen of 2 device pixels a CSS pixel, and a 16384 px JPEG
 * decodes for it at 1/4 size (4096 px, 64 MB of RGBA) rather than whole (1 GB).
 */
export const LARGE_STILL_SIDE = 2560;

export interface ShownStill {
  url: string;
  blob: Blob;
  width: number;
  height: number;
  quality: number;
  still: StillInfo;
}

export class StillViewState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  shown = $state.raw<ShownStill | null>(null);
  message = $state<string | null>(null);
  private readonly closed = new AbortController();

  constructor(
    private readonly frames: Pick<FrameService, 'renderStill'>,
    readonly entry: VideoEntry,
    quality: number,
  ) {
    if (!entry.file) {
      this.status = 'error';
      this.message = 'Restored from the library: drop the file again to see this image larger.';
      return;
    }
    void this.show(entry.file, quality);
  }

  get thumb() {
    return this.entry.thumbs[0];
  }

  close(): void {
    // Stops a decode still running for this view (terminating its worker).
    this.closed.abort(new DOMException('The large view was closed', 'AbortError'));
    if (this.shown) URL.revokeObjectURL(this.shown.url);
    this.shown = null;
  }

  private async show(file: File, quality: number): Promise<void> {
    try {
      const outcome = await this.frames.renderStill(file, { size: { kind: 'fit', side: LARGE_STILL_SIDE }, quality }, this.closed.signal);
      if (this.closed.signal.aborted) return;
      if (!outcome.ok) {
        this.status = 'error';
        this.message = outcome.message;
        return;
      }
      const blob = new Blob([outcome.jpeg], { type: 'image/jpeg' });
      this.shown = { url: URL.createObjectURL(blob), blob, width: outcome.width, height: outcome.height, quality, still: outcome.still };
      this.status = 'ready';
    } catch (error) {
      if (this.closed.signal.aborted) return;
      this.status = 'error';
      this.message = `The image could not be decoded: ${errorMessage(error)}`;
    }
  }
}
