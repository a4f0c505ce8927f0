// Mediabunny's view of each file, opened once per worker and reused by
// every call about that file.
import { openWithMediabunny, type OpenedVideo } from './probe/mediabunnyProbe';

const opened = new WeakMap<File, Promise<OpenedVideo | null>>();

export function openVideo(file: File): Promise<OpenedVideo | null> {
  let video = opened.get(file);
  if (!video) {
    video = openWithMediabunny(file);
    opened.set(file, video);
  }
  return video;
}
