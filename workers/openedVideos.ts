// Mediabunny's view of each file, opened once per worker and reused by
// every later call about that file: prepare, each decode task, the large
// view's steps. Opening again costs what the first open did: on the
// 10-minute 1080p bench file, 49 ms to open plus 40 ms to find a keyframe
// in freshly parsed sample tables, for every one of fast mode's 15 tasks.
import type { FileKey } from '../src/shared/types';
import { openWithMediabunny, type OpenedVideo } from './probe/mediabunnyProbe';
import { kept } from './recentlyUsed';

/**
 * Files kept open per worker. A 40-minute MP4's parsed index is a few MB;
 * a queue of many files moves on, and the large view keeps to one.
 */
const KEPT = 4;

/** Most recently used last. */
const opened = new Map<FileKey, Promise<OpenedVideo | null>>();

export function openVideo(file: File, key: FileKey): Promise<OpenedVideo | null> {
  return kept(opened, key, KEPT, () => openWithMediabunny(file));
}
