// File names for what leaves the page. Pure.
import { pad, timeParts } from '../format';

/** `hh-mm-ss.mmm`: sorts by time and is a legal file name everywhere. */
export function fileTime(seconds: number): string {
  const { h, m, s, ms } = timeParts(Math.max(0, seconds));
  return `${pad(h, 2)}-${pad(m, 2)}-${pad(s, 2)}.${pad(ms, 3)}`;
}

/** Characters no file system takes in a name (Windows' set, which holds the others'), and control characters. */
// eslint-disable-next-line no-control-regex
export const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
const UNSAFE_RUNS = new RegExp(`${UNSAFE_IN_NAMES.source}+`, 'g');

/** `name` without dots and spaces at either end: a leading dot hides a file, and Windows drops trailing ones. */
export function trimNameEdges(name: string): string {
  return name.replace(/^[\s.]+|[\s.]+$/g, '');
}

/** The video's name without its extension, with characters no file system accepts replaced. */
export function videoStem(name: string): string {
  const stem = name.replace(/\.[^./\\]{1,5}$/, '');
  return trimNameEdges(stem.replace(UNSAFE_RUNS, '_')).slice(0, 120) || 'video';
}

/** `<video-stem>_<hh-mm-ss.mmm>.jpg` */
export function frameFileName(videoName: string, seconds: number): string {
  return `${videoStem(videoName)}_${fileTime(seconds)}.jpg`;
}

/** A still's picture at a size: `<stem>_<width>x<height>.jpg`, never the original's own name. */
export function stillFileName(name: string, width: number, height: number): string {
  return `${videoStem(name)}_${width}x${height}.jpg`;
}

/** A thumbnail's download name (and a dragged-out one's): a frame's by its time, a still's by its size. */
export function thumbFileName(videoName: string, still: boolean, thumb: { width: number; height: number; identity: { pts: number } }): string {
  return still ? stillFileName(videoName, thumb.width, thumb.height) : frameFileName(videoName, thumb.identity.pts);
}

/** A still's original, as it goes into an archive: its name, made safe, its extension kept. */
export function originalFileName(name: string): string {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  return extension ? `${videoStem(name)}.${extension}` : videoStem(name);
}

/**
 * `name` itself if `taken` says it is free, else `name` with `_2`, `_3`,
 * ... before its extension, the first that is free. Names are compared as
 * `taken` compares them (case-insensitively, where a file system does).
 */
export function freeName(name: string, taken: (name: string) => boolean): string {
  if (!taken(name)) return name;
  const dot = name.lastIndexOf('.');
  const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const renamed = `${base}_${n}${extension}`;
    if (!taken(renamed)) return renamed;
  }
}

/** Each name made unique among those before it (case-insensitively, as some file systems compare them), and what it was before, if renamed. */
export function resolveNames(names: readonly string[]): { name: string; renamedFrom: string | null }[] {
  const used = new Set<string>();
  return names.map((wanted) => {
    const name = freeName(wanted, (candidate) => used.has(candidate.toLowerCase()));
    used.add(name.toLowerCase());
    return { name, renamedFrom: name === wanted ? null : wanted };
  });
}

/** Makes names unique (see resolveNames): a.jpg, A_2.jpg, a_3.jpg, ... */
export function uniqueNames(names: readonly string[]): string[] {
  return resolveNames(names).map(({ name }) => name);
}

/** `framepick-<what>-2026-11-21_14-05-09.<ext>` in local time. */
export function stampedName(what: string, extension: string, at: Date): string {
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1, 2)}-${pad(at.getDate(), 2)}`;
  const time = `${pad(at.getHours(), 2)}-${pad(at.getMinutes(), 2)}-${pad(at.getSeconds(), 2)}`;
  return `framepick-${what}-${date}_${time}.${extension}`;
}

