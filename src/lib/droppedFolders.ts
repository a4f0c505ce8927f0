// Files and folders dropped on the page. A dropped folder arrives as a
// directory entry (the File and Directory Entries API, which every engine
// has for drops), walked here to every file beneath it.
import { skippedLine, sortFolder, type FolderFile, type Taken } from './folderIntake';

export interface Dropped {
  /** Files dropped as files: each was chosen, and each is taken. */
  files: File[];
  /** Folders dropped: walk them with filesInFolders(). */
  folders: FileSystemDirectoryEntry[];
}

/**
 * What was dropped. Call it during the drop event: the items are emptied
 * when the event returns.
 */
export function droppedItems(dataTransfer: DataTransfer): Dropped {
  const dropped: Dropped = { files: [], folders: [] };
  const items = [...dataTransfer.items].filter((item) => item.kind === 'file');
  if (items.length === 0 || typeof items[0]!.webkitGetAsEntry !== 'function') return { files: [...dataTransfer.files], folders: [] };
  for (const item of items) {
    const entry = item.webkitGetAsEntry();
    if (entry?.isDirectory) dropped.folders.push(entry as FileSystemDirectoryEntry);
    else {
      const file = item.getAsFile();
      if (file) dropped.files.push(file);
    }
  }
  return dropped;
}

/** The files dropped as files, then the media found in the folders dropped, and a line about what was left. */
export async function takeDropped(dropped: Dropped): Promise<Taken> {
  if (dropped.folders.length === 0) return { files: dropped.files, skipped: null };
  const walked = await filesInFolders(dropped.folders);
  const intake = sortFolder(walked.files);
  return { files: [...dropped.files, ...intake.taken], skipped: skippedLine(intake.skipped, walked.unreadable) };
}

export interface Walked {
  files: FolderFile[];
  /** Paths of files or folders that could not be read (removed meanwhile, no permission). */
  unreadable: string[];
}

/** Every file under `folders`, however deep, with its path. */
export async function filesInFolders(folders: readonly FileSystemDirectoryEntry[]): Promise<Walked> {
  const walked: Walked = { files: [], unreadable: [] };
  const stack: FileSystemEntry[] = [...folders];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    try {
      if (entry.isDirectory) stack.push(...(await allEntries(entry as FileSystemDirectoryEntry)));
      else walked.files.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.fullPath.replace(/^\//, '') });
    } catch {
      walked.unreadable.push(entry.fullPath.replace(/^\//, ''));
    }
  }
  return walked;
}

/**
 * A folder's entries. `readEntries` answers in chunks (Chromium: 100 at a
 * time) and says it is done with an empty one.
 */
async function allEntries(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const entries: FileSystemEntry[] = [];
  while (true) {
    const chunk = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) return entries;
    entries.push(...chunk);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}
