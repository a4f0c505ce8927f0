// What the library keeps in IndexedDB, per video and per thumbnail.
import type { ExtractionSettings, ExtractionTimings, Thumbnail } from '../engine/extraction';
import type { EngineName, VideoInfo } from '../engine/types';

export type VideoState = 'probing' | 'extracting' | 'done' | 'error' | 'cancelled';

export interface MissedThumb {
  index: number;
  reason: string;
}

export interface VideoRecord {
  /** The file's fingerprint. */
  id: string;
  name: string;
  size: number;
  lastModified: number;
  addedAt: number;
  info: VideoInfo | null;
  engine: EngineName | null;
  settings: ExtractionSettings | null;
  state: VideoState;
  error: string | null;
  total: number;
  misses: MissedThumb[];
  timings: ExtractionTimings | null;
}

export interface ThumbRecord extends Thumbnail {
  videoId: string;
  picked: boolean;
}
