// One video on the page, as reactive state. Finished thumbnails are
// immutable objects in `$state.raw` arrays: a change replaces the object,
// and keyed blocks re-render only what changed.
import type { ExtractionSettings, ExtractionTimings, Thumbnail } from '../extraction/extraction';
import { searchKey } from '../filters';
import type { MediaKind } from '../mediaKind';
import { sameExtraction, sameStill } from '../settings';
import type { EngineName, RenderedFrame, Span, StillInfo, VideoInfo } from '../../shared/types';
import type { MissedThumb, ThumbRecord, VideoRecord, VideoState } from '../store/records';

export interface ThumbView extends Thumbnail {
  bytes: number;
  picked: boolean;
  /** The time first requested, when the thumbnail was moved to a stepped-to frame. */
  adjustedFrom?: number;
}

/** A zoomed view's id: its video's, and the span (ids never hold `@`). */
export function zoomId(videoId: string, span: Span): string {
  return `${videoId}@${span.start}-${span.end}`;
}

export class VideoEntry {
  readonly id: string;
  /** A video, or a still image (one thumbnail, no timeline). */
  readonly kind: MediaKind;
  /** For a zoomed view: the video it zooms into; null for a video. */
  readonly parentId: string | null;
  /** For a zoomed view: the part of the video its thumbnails cover; null for all of it. */
  readonly span: Span | null;
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
  readonly addedAt: number;
  /** The name as the search compares it, computed once. */
  readonly searchKey: string;
  /** The dropped file; null for a video restored from the library until it is dropped again. */
  file = $state.raw<File | null>(null);

  state = $state<VideoState>('probing');
  info = $state.raw<VideoInfo | null>(null);
  /** A still's format and size, once read. */
  still = $state.raw<StillInfo | null>(null);
  engine = $state<EngineName | null>(null);
  /** Why WebCodecs gave up on this video, when ffmpeg.wasm finished it. */
  fallback = $state<string | null>(null);
  total = $state(0);
  thumbs = $state.raw<ThumbView[]>([]);
  /** Its thumbnails' JPEG bytes (for the library's size, summed over every entry whenever one changes). */
  readonly bytes = $derived(this.thumbs.reduce((sum, thumb) => sum + thumb.bytes, 0));
  misses = $state.raw<MissedThumb[]>([]);
  error = $state<string | null>(null);
  /** The settings of the latest run. */
  settings = $state.raw<ExtractionSettings | null>(null);
  timings = $state.raw<ExtractionTimings | null>(null);

  controller: AbortController | null = null;
  /**
   * Counts the resets (a new run, a forget): work begun for the thumbnails
   * of one generation (the large view's "Use this frame") checks it before
   * it touches those of another.
   */
  generation = 0;

  constructor(record: Pick<VideoRecord, 'id' | 'kind' | 'name' | 'size' | 'lastModified' | 'addedAt' | 'parentId' | 'span'>) {
    this.id = record.id;
    this.kind = record.kind ?? 'video';
    this.parentId = record.parentId ?? null;
    this.span = record.span ?? null;
    this.name = record.name;
    this.size = record.size;
    this.lastModified = record.lastModified;
    this.addedAt = record.addedAt;
    this.searchKey = searchKey(record.name);
  }

  static fromRecord(record: VideoRecord, thumbs: readonly ThumbRecord[]): VideoEntry {
    const entry = new VideoEntry(record);
    entry.info = record.info;
    entry.still = record.still ?? null;
    entry.engine = record.engine;
    entry.fallback = record.fallback ?? null;
    entry.settings = record.settings;
    // Work that was waiting or running when the page closed did not finish: it needs its file again (needsFile).
    entry.state = record.state === 'queued' || record.state === 'probing' || record.state === 'extracting' ? 'cancelled' : record.state;
    entry.error = record.error;
    entry.total = record.total;
    entry.misses = record.misses;
    entry.timings = record.timings;
    entry.thumbs = [...thumbs].sort((a, b) => a.index - b.index).map((thumb) => toView({ ...thumb, url: URL.createObjectURL(thumb.jpeg) }));
    return entry;
  }

  /** The video's id, for a zoomed view too: what the page's `data-id` and the hash's `video` say. */
  get videoId(): string {
    return this.parentId ?? this.id;
  }

  toRecord(): VideoRecord {
    return {
      id: this.id,
      kind: this.kind,
      parentId: this.parentId,
      span: this.span,
      name: this.name,
      size: this.size,
      lastModified: this.lastModified,
      addedAt: this.addedAt,
      info: this.info,
      still: this.still,
      engine: this.engine,
      fallback: this.fallback,
      settings: this.settings,
      state: this.state,
      error: this.error,
      total: this.total,
      misses: this.misses,
      timings: this.timings,
    };
  }

  /** Whether its thumbnails are what `settings` would make now (for a still only the width and quality count). */
  madeWith(settings: ExtractionSettings): boolean {
    return this.kind === 'image' ? sameStill(this.settings, settings) : sameExtraction(this.settings, settings);
  }

  get working(): boolean {
    return this.state === 'probing' || this.state === 'extracting';
  }

  /** Not finished, and its file is not here (restored from the library): it waits for the file to be dropped again. */
  get needsFile(): boolean {
    return this.file === null && (this.state === 'cancelled' || this.state === 'queued');
  }

  /** Thumbnails settled so far (made or missed), for the progress bar. */
  get settled(): number {
    return this.thumbs.length + this.misses.length;
  }

  addThumb(thumb: Thumbnail): ThumbView {
    const view = toView({ ...thumb, picked: false });
    this.thumbs = insertByIndex(this.thumbs, view);
    return view;
  }

  /** Shows the frame `frame` (its JPEG `jpeg` at thumbnail size) in place of thumbnail `index`, picked. */
  adjust(index: number, frame: RenderedFrame, jpeg: Blob): ThumbView | null {
    const old = this.thumbs.find((t) => t.index === index);
    if (!old) return null;
    URL.revokeObjectURL(old.url);
    const view = toView({
      ...old,
      time: frame.pts,
      identity: { pts: frame.pts, keyframe: frame.keyframe, exact: true, frameNumber: frame.frameNumber, frameNumberDerived: frame.frameNumberDerived },
      pictType: frame.pictType,
      score: frame.score,
      jpeg,
      url: URL.createObjectURL(jpeg),
      picked: true,
      adjustedFrom: old.adjustedFrom ?? old.time,
    });
    this.thumbs = this.thumbs.map((t) => (t.index === index ? view : t));
    return view;
  }

  setPicked(index: number, picked: boolean): void {
    this.thumbs = this.thumbs.map((t) => (t.index === index && t.picked !== picked ? { ...t, picked } : t));
  }

  /** Forgets the previous run's results, releasing their object URLs. */
  reset(): void {
    this.generation++;
    for (const thumb of this.thumbs) URL.revokeObjectURL(thumb.url);
    this.thumbs = [];
    this.misses = [];
    this.error = null;
    this.fallback = null;
    this.total = 0;
    this.timings = null;
  }
}

function toView(thumb: Thumbnail & { picked: boolean; adjustedFrom?: number }): ThumbView {
  return {
    ...(thumb.adjustedFrom === undefined ? {} : { adjustedFrom: thumb.adjustedFrom }),
    index: thumb.index,
    time: thumb.time,
    identity: thumb.identity,
    pictType: thumb.pictType,
    score: thumb.score ?? null,
    jpeg: thumb.jpeg,
    width: thumb.width,
    height: thumb.height,
    decodeMs: thumb.decodeMs,
    encodeMs: thumb.encodeMs,
    picked: thumb.picked,
    url: thumb.url,
    bytes: thumb.jpeg.size,
  };
}

export function thumbRecord(videoId: string, thumb: ThumbView): ThumbRecord {
  const { url: _url, bytes: _bytes, ...rest } = thumb;
  return { ...rest, videoId };
}

function insertByIndex(list: readonly ThumbView[], view: ThumbView): ThumbView[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.index < view.index) lo = mid + 1;
    else hi = mid;
  }
  const copy = list.slice();
  if (copy[lo]?.index === view.index) copy[lo] = view;
  else copy.splice(lo, 0, view);
  return copy;
}
