// What a folder gives up: its videos in path order, and everything else
// counted and named in one line. Pure. Stills are taken when chosen or
// dropped as files, not from folders: an archive's folders hold covers and
// frame grabs beside the recordings, and the job is one poster per recording.
import { someNames } from './format';
import { extensionOf, isVideoFile } from './mediaKind';

/** A file found in a folder, with its path inside the folder. */
export interface FolderFile {
  file: File;
  path: string;
}

export interface Intake {
  /** The videos, in the order a person reads the folder: `ep2` before `ep10`. */
  taken: File[];
  /** Names of the other files. */
  skipped: string[];
}

const byPath = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** What a folder gives up: its media to take, in path order, and a line about the rest (null when nothing was left). */
export interface Taken {
  files: File[];
  skipped: string | null;
}

/** The files of a folder chosen with the folder input (each knows its `webkitRelativePath`). */
export function takeChosenFolder(files: readonly File[]): Taken {
  const intake = sortFolder(files.map((file) => ({ file, path: file.webkitRelativePath || file.name })));
  return { files: intake.taken, skipped: skippedLine(intake.skipped) };
}

export function sortFolder(files: readonly FolderFile[]): Intake {
  const sorted = [...files].sort((a, b) => byPath.compare(a.path, b.path));
  const intake: Intake = { taken: [], skipped: [] };
  for (const { file } of sorted) {
    if (isVideoFile(file)) intake.taken.push(file);
    else intake.skipped.push(file.name);
  }
  return intake;
}

/** Kinds named before the line says "and N more". */
const NAMED = 6;

/**
 * "Skipped 12 files that are not video: .srt (5), .txt (4), cover.jpg, ...":
 * grouped by extension, the largest groups first; a group of one is named
 * by its file, and a file without an extension by its name. Files that
 * could not be read at all are named after it. Null when nothing was skipped.
 */
export function skippedLine(names: readonly string[], unreadable: readonly string[] = []): string | null {
  const parts = [notTaken(names), cannotRead(unreadable)].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

function notTaken(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const key = extensionOf(name) || name;
    const group = groups.get(key);
    if (group) group.push(name);
    else groups.set(key, [name]);
  }
  const ordered = [...groups].sort(([a, x], [b, y]) => y.length - x.length || byPath.compare(a, b));
  const named = ordered.slice(0, NAMED).map(([key, members]) => (members.length === 1 ? members[0]! : `${key} (${members.length})`));
  const more = ordered.length - named.length;
  const one = names.length === 1;
  return `Skipped ${names.length} file${one ? '' : 's'} that ${one ? 'is' : 'are'} not video: ${named.join(', ')}${more > 0 ? `, and ${more} more kind${more === 1 ? '' : 's'}` : ''}.`;
}

function cannotRead(paths: readonly string[]): string | null {
  return paths.length === 0 ? null : `${paths.length} could not be read: ${someNames(paths, NAMED)}.`;
}
