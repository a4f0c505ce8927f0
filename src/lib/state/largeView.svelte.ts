// The large view of one thumbnail's frame: decoded again at the video's
// full display resolution, stepped one frame at a time, encoded at one
// quality (or two, side by side), and made the thumbnail's frame on request.
import { errorMessage } from '../../shared/errorMessage';
import { outputSize } from '../../shared/plan';
import type { FrameAt, RenderedFrame } from '../../shared/types';
import type { Library, VideoEntry } from './library.svelte';

export interface ShownImage {
  url: string;
  blob: Blob;
  quality: number;
}

export type LargeViewStatus = 'loading' | 'ready' | 'error';

/** The pieces of the library the large view uses: frames rendered, the thumbnail moved, whether its video is still there. */
export type LargeViewSources = Pick<Library, 'frames' | 'adjustThumb' | 'videos'>;

/** A change of quality waits this long for the slider to settle. */
const QUALITY_DEBOUNCE_MS = 200;

export class LargeViewState {
  frame = $state.raw<RenderedFrame | null>(null);
  images = $state.raw<ShownImage[]>([]);
  status = $state<LargeViewStatus>('loading');
  /** Why the view is stuck (no file, an error), or where stepping stopped. */
  message = $state<string | null>(null);
  qualityA = $state(80);
  qualityB = $state(40);
  compare = $state(false);

  /** Only the latest request's result is shown; earlier ones are dropped when they arrive. */
  private latest = 0;
  private readonly closed = new AbortController();
  private qualityTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly library: LargeViewSources,
    readonly entry: VideoEntry,
    readonly index: number,
    quality: number,
  ) {
    this.qualityA = quality;
    const thumb = this.thumb;
    if (!entry.file || !entry.info || !entry.engine || !thumb) {
      this.status = 'error';
      this.message = 'Restored from the library: drop the file again to see this frame at full size and step through frames.';
      return;
    }
    void this.show({ kind: 'pts', pts: thumb.identity.pts, keyframe: thumb.identity.keyframe });
  }

  get thumb() {
    return this.entry.thumbs.find((t) => t.index === this.index);
  }

  /** Whether the frame shown is the one the thumbnail shows. */
  get onThumbFrame(): boolean {
    const thumb = this.thumb;
    return !!thumb && !!this.frame && Math.abs(thumb.identity.pts - this.frame.pts) < 1e-6;
  }

  step(direction: 1 | -1): void {
    if (!this.frame || this.status === 'loading') return;
    void this.show({ kind: 'step', from: this.frame.pts, direction });
  }

  toggleCompare(): void {
    this.compare = !this.compare;
    this.qualitiesChanged();
  }

  /** Re-encodes the frame shown (the worker kept it decoded) once the slider settles. */
  qualitiesChanged(): void {
    clearTimeout(this.qualityTimer);
    this.qualityTimer = setTimeout(() => {
      if (this.frame) void this.show({ kind: 'pts', pts: this.frame.pts, keyframe: this.frame.keyframe });
    }, QUALITY_DEBOUNCE_MS);
  }

  /**
   * Makes the frame shown the thumbnail's frame, at the thumbnail's size and
   * quality, and picks it. Nothing changes if the view is closed first, or
   * the video is extracted again or forgotten while the frame renders (the
   * thumbnail it was for is gone); a failure is said in the view.
   */
  async useThisFrame(): Promise<void> {
    const { entry, frame } = this;
    if (!frame || !entry.file || !entry.info || !entry.engine || !entry.settings) return;
    const generation = entry.generation;
    const size = outputSize(entry.info, entry.settings.width);
    const at: FrameAt = { kind: 'pts', pts: frame.pts, keyframe: frame.keyframe };
    try {
      const small = await this.library.frames.render({ file: entry.file, info: entry.info, engine: entry.engine, at, ...size, qualities: [entry.settings.quality] }, this.closed.signal);
      if (this.closed.signal.aborted) return;
      if (entry.generation !== generation || !this.library.videos.includes(entry)) {
        this.message = 'The video was extracted again or removed meanwhile: its thumbnails are not the ones this frame was for.';
        return;
      }
      const jpeg = small?.jpegs[0];
      if (!small || !jpeg) {
        this.message = 'This frame could not be made into the thumbnail: the decoder returned nothing for it.';
        return;
      }
      this.library.adjustThumb(entry, this.index, small, new Blob([jpeg], { type: 'image/jpeg' }));
    } catch (error) {
      if (this.closed.signal.aborted) return;
      this.message = `This frame could not be made into the thumbnail: ${errorMessage(error)}`;
    }
  }

  close(): void {
    clearTimeout(this.qualityTimer);
    // Stops a decode still running for this view (terminating its worker).
    this.closed.abort(new DOMException('The large view was closed', 'AbortError'));
    this.release();
  }

  private async show(at: FrameAt): Promise<void> {
    const { entry } = this;
    if (!entry.file || !entry.info || !entry.engine) return;
    const request = ++this.latest;
    this.status = 'loading';
    this.message = null;
    const qualities = this.compare ? [this.qualityA, this.qualityB] : [this.qualityA];
    try {
      const frame = await this.library.frames.render(
        { file: entry.file, info: entry.info, engine: entry.engine, at, width: entry.info.width, height: entry.info.height, qualities },
        this.closed.signal,
      );
      if (request !== this.latest || this.closed.signal.aborted) return;
      if (!frame) {
        this.status = 'ready';
        this.message = at.kind === 'step' && at.direction === 1 ? 'This is the last frame.' : 'This is the first frame.';
        return;
      }
      this.release();
      this.frame = frame;
      this.images = frame.jpegs.map((bytes, i) => {
        const blob = new Blob([bytes], { type: 'image/jpeg' });
        return { blob, url: URL.createObjectURL(blob), quality: qualities[i]! };
      });
      this.status = 'ready';
    } catch (error) {
      if (request !== this.latest || this.closed.signal.aborted) return;
      this.status = 'error';
      this.message = `The frame could not be decoded: ${errorMessage(error)}`;
    }
  }

  private release(): void {
    for (const image of this.images) URL.revokeObjectURL(image.url);
    this.images = [];
  }
}
