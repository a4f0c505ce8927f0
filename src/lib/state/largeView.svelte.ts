// The large view of one frame: a thumbnail's, or the one shown at a time.
// Decoded again at the video's full display resolution; stepped one frame
// at a time, jumped a second, gone to by time or frame number, scrubbed
// over the span; encoded at one quality (or two, side by side), and made
// the thumbnail's frame on request.
import { errorMessage } from '../../shared/errorMessage';
import { outputSize } from '../../shared/plan';
import type { FrameAt, RenderedFrame } from '../../shared/types';
import { parseGoToInput } from '../goToInput';
import type { Library, VideoEntry } from './library.svelte';

export interface ShownImage {
  url: string;
  blob: Blob;
  quality: number;
}

export type LargeViewStatus = 'loading' | 'ready' | 'error';

/** The pieces of the library the large view uses: frames rendered, the thumbnail moved, whether its video is still there. */
export type LargeViewSources = Pick<Library, 'frames' | 'adjustThumb' | 'videos' | 'zooms'>;

/** Seconds on the contract's timeline, both ends included. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** What the view opens on: a thumbnail's frame, or the frame a player shows at a time (no thumbnail then). */
export type LargeViewOpening = { kind: 'thumb'; index: number } | { kind: 'time'; time: number };

/** A change of quality waits this long for the slider to settle. */
const QUALITY_DEBOUNCE_MS = 200;

/** How far Shift+Arrow jumps, in seconds. */
const JUMP_SECONDS = 1;

const exactAt = (time: number): FrameAt => ({ kind: 'time', time, keyframe: false });

export class LargeViewState {
  frame = $state.raw<RenderedFrame | null>(null);
  images = $state.raw<ShownImage[]>([]);
  status = $state<LargeViewStatus>('loading');
  /** Why the view is stuck (no file, an error), or where stepping stopped. */
  message = $state<string | null>(null);
  qualityA = $state(80);
  qualityB = $state(40);
  compare = $state(false);
  /** Why the last "Go to" text was refused; null when it was understood. */
  goToError = $state<string | null>(null);
  /** Where the scrubber was let go or is being dragged, until the exact frame there is shown; null: it follows the frame. */
  private scrubTime = $state<number | null>(null);

  /** The thumbnail the view was opened on; null when opened at a time. */
  readonly index: number | null;
  /** What the scrubber covers and Home/End go to: the whole video unless zoomed. */
  readonly span: TimeSpan;

  /** Only the latest request's result is shown; earlier ones are dropped when they arrive. */
  private latest = 0;
  /** A keyframe preview is being rendered; scrubbing meanwhile only queues its latest value. */
  private previewing = false;
  private queuedPreview: number | null = null;
  private readonly closed = new AbortController();
  private qualityTimer: ReturnType<typeof setTimeout> | undefined;

  /** `span` defaults to the whole video, [0, duration]. */
  constructor(
    private readonly library: LargeViewSources,
    readonly entry: VideoEntry,
    opening: LargeViewOpening,
    quality: number,
    span?: TimeSpan,
  ) {
    this.qualityA = quality;
    this.index = opening.kind === 'thumb' ? opening.index : null;
    this.span = span ?? { start: 0, end: entry.info?.duration ?? 0 };
    const thumb = this.thumb;
    const first: FrameAt | null = opening.kind === 'time' ? exactAt(opening.time) : thumb ? { kind: 'pts', pts: thumb.identity.pts, keyframe: thumb.identity.keyframe } : null;
    if (!this.canRender || !first) {
      this.status = 'error';
      this.message = 'Restored from the library: drop the file again to see this frame at full size and step through frames.';
      return;
    }
    void this.show(first);
  }

  get thumb() {
    return this.index === null ? undefined : this.entry.thumbs.find((t) => t.index === this.index);
  }

  /** Whether frames can be decoded at all (a video restored from the library has no file until it is dropped again). */
  get canRender(): boolean {
    return !!this.entry.file && !!this.entry.info && !!this.entry.engine;
  }

  /** Where the scrubber stands: where it is held, else the shown frame's pts. */
  get position(): number {
    return this.scrubTime ?? this.frame?.pts ?? this.span.start;
  }

  /** Whether the frame shown is the one the thumbnail shows. */
  get onThumbFrame(): boolean {
    const thumb = this.thumb;
    return !!thumb && !!this.frame && Math.abs(thumb.identity.pts - this.frame.pts) < 1e-6;
  }

  step(direction: 1 | -1): void {
    if (!this.frame || this.status === 'loading') return;
    this.navigate({ kind: 'step', from: this.frame.pts, direction });
  }

  /** The exact frame a second later or earlier than the one shown, held within the span. */
  jump(direction: 1 | -1): void {
    if (!this.frame) return;
    this.navigate(exactAt(this.clamp(this.frame.pts + direction * JUMP_SECONDS)));
  }

  /** The span's first frame (the one shown at its start) or its last (the one shown at its end). */
  goToEdge(edge: 'start' | 'end'): void {
    if (this.canRender) this.navigate(exactAt(edge === 'start' ? this.span.start : this.span.end));
  }

  /**
   * What the "Go to" box says: a time or `#N`. Text that names no frame
   * only sets goToError; the frame shown stays. Returns whether it was understood.
   */
  goTo(text: string): boolean {
    const at = parseGoToInput(text);
    if (!at) {
      this.goToError = `"${text.trim()}" is neither a time (4:12.48, 1:02:03.5, 252.48) nor a frame number (#6312).`;
      return false;
    }
    this.goToError = null;
    if (this.canRender) this.navigate(at);
    return true;
  }

  /**
   * The scrubber moved to `seconds`. While it is dragged (`final` false)
   * the keyframe at or before is shown, cheap to decode; one preview
   * renders at a time and only the latest value waits behind it. Let go
   * (`final`), the exact frame there is shown, and any preview's result dropped.
   */
  scrub(seconds: number, final: boolean): void {
    if (!this.canRender || !Number.isFinite(seconds)) return;
    const time = this.clamp(seconds);
    this.scrubTime = time;
    if (final) {
      this.queuedPreview = null;
      void this.show(exactAt(time)).then(() => {
        if (this.scrubTime === time) this.scrubTime = null;
      });
    } else if (this.previewing) {
      this.queuedPreview = time;
    } else {
      void this.preview(time);
    }
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
    const { entry, frame, index } = this;
    if (index === null || !frame || !entry.file || !entry.info || !entry.engine || !entry.settings) return;
    const generation = entry.generation;
    const size = outputSize(entry.info, entry.settings.width);
    const at: FrameAt = { kind: 'pts', pts: frame.pts, keyframe: frame.keyframe };
    try {
      const small = await this.library.frames.render({ file: entry.file, info: entry.info, engine: entry.engine, at, ...size, qualities: [entry.settings.quality] }, this.closed.signal);
      if (this.closed.signal.aborted) return;
      if (entry.generation !== generation || ![...this.library.videos, ...this.library.zooms].includes(entry)) {
        this.message = 'The video was extracted again or removed meanwhile: its thumbnails are not the ones this frame was for.';
        return;
      }
      const jpeg = small?.jpegs[0];
      if (!small || !jpeg) {
        this.message = 'This frame could not be made into the thumbnail: the decoder returned nothing for it.';
        return;
      }
      this.library.adjustThumb(entry, index, small, new Blob([jpeg], { type: 'image/jpeg' }));
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

  /** A move of the person's own: it replaces any scrubbing still under way. */
  private navigate(at: FrameAt): void {
    this.queuedPreview = null;
    this.scrubTime = null;
    void this.show(at);
  }

  private async preview(time: number): Promise<void> {
    this.previewing = true;
    try {
      await this.show({ kind: 'time', time, keyframe: true });
    } finally {
      this.previewing = false;
    }
    const next = this.queuedPreview;
    this.queuedPreview = null;
    if (next !== null) void this.preview(next);
  }

  private clamp(seconds: number): number {
    return Math.min(this.span.end, Math.max(this.span.start, seconds));
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
        this.message = nothingThere(at);
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

/** Why the worker had no frame for `at` (the frame shown stays). */
function nothingThere(at: FrameAt): string {
  if (at.kind === 'step') return at.direction === 1 ? 'This is the last frame.' : 'This is the first frame.';
  if (at.kind === 'frame') return `There is no frame #${at.number}: the video has fewer frames.`;
  return 'The decoder found no frame there.';
}
