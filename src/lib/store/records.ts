// What the library keeps in IndexedDB, per video and per thumbnail.
import type { ExtractionSettings, ExtractionTimings, Thumbnail } from '../extraction/extraction';
import type { EngineName, Span, StillInfo, VideoInfo } from '../../shared/types';
import type { MediaKind } from '../mediaKind';

/** `queued`: waiting for its turn in a batch. */
export type VideoState = 'queued' | 'probing' | 'extracting' | 'done' | 'error' | 'cancelled';

export interface MissedThumb {
  index: number;
  reason: string;
}

export interface VideoRecord {
  /** The file's fingerprint; for a zoomed view, the fingerprint and the span (see zoomId). */
  id: string;
  /** A video, or a still image; absent in records from before stills (all videos). */
  kind?: MediaKind;
  /** A zoomed view: the id of the video it zooms into. Absent or null for a video. */
  parentId?: string | null;
  /** A zoomed view: the part of the video its thumbnails cover. */
  span?: Span | null;
  name: string;
  size: number;
  lastModified: number;
  addedAt: number;
  info: VideoInfo | null;
  /** A still image's format and size, once read; absent or null for a video. */
  still?: StillInfo | null;
  engine: EngineName | null;
  /** Why WebCodecs gave up on this video, when ffmpeg.wasm finished it. */
  fallback?: string | null;
  settings: ExtractionSettings | null;
  state: VideoState;
  error: string | null;
  total: number;
  misses: MissedThumb[];
  timings: ExtractionTimings | null;
}

/** A thumbnail as stored: its object URL belongs to the page that made it. */
export interface ThumbRecord extends Omit<Thumbnail, 'url'> {
  videoId: string;
  picked: boolean;
  /** Set when the thumbnail was moved to a stepped-to frame: the time it was first requested at. */
  adjustedFrom?: number;
}

export type ActivityKind =
  | 'extract'
  | 'extract-done'
  | 'extract-failed'
  | 'extract-cancelled'
  | 'fallback'
  | 'reuse'
  | 'pick'
  | 'unpick'
  | 'adjust'
  | 'download'
  | 'contact-sheet'
  | 'copy'
  | 'forget'
  | 'clear'
  | 'storage'
  | 'skip'
  | 'batch';

/** One thing the person did, or that happened to their work. */
export interface ActivityRecord {
  id?: number;
  /** ISO 8601. */
  at: string;
  kind: ActivityKind;
  /** The video it concerns, by name, if one. */
  video: string | null;
  message: string;
  details: Record<string, unknown> | null;
}
