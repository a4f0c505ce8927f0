// Posters written straight into a folder the person chooses (Chromium's
// File System Access API), file by file, so a batch that stops half way
// can be taken up again: a file already there with the same name and size
// is skipped. Files an earlier write made (listed in its posters.json) are
// replaced when their poster changed; anyone else's file is never
// overwritten: the poster takes the next free name instead, and says so.
import { freeName } from './names';
import type { NoPoster } from './posterChoice';
import type { VideoEntry } from '../state/library.svelte';
import type { Made } from './exports';
import { makePoster, posterRecord, postersFor, postersNotes, postersSidecar, type PlannedPoster, type PosterOptions, type PosterSources } from './posters';
import { readPostersJson, type EarlierPoster, type PosterRecord } from './postersJson';

/** What is used of a directory handle (FileSystemDirectoryHandle; a fake in the unit tests). */
export interface PosterFolder {
  readonly name: string;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<{
    getFile(): Promise<Blob>;
    createWritable(): Promise<{ write(data: Blob | string): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
  }>;
}

export interface FolderOutcome {
  records: PosterRecord[];
  written: number;
  replaced: number;
  skipped: number;
}

const SIDECAR = 'posters.json';
/** posters.json is brought up to date this often, so a write cut short still says what it made. */
const SIDECAR_EVERY = 10;

/** Where a folder can be chosen for writing (Chromium; not Firefox or Safari). */
export function canWriteFolders(): boolean {
  return typeof window !== 'undefined' && 'showDirectoryPicker' in window;
}

/** Asks the person for a folder to write into; null if they chose none. */
export async function chooseFolder(): Promise<PosterFolder | null> {
  const picker = (window as unknown as { showDirectoryPicker(options: { id: string; mode: 'readwrite' }): Promise<PosterFolder> }).showDirectoryPicker;
  try {
    return await picker.call(window, { id: 'framepick-posters', mode: 'readwrite' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
}

/** The size of the file `name` in `folder`; null if there is none, -1 if a folder has the name. */
async function sizeOf(folder: PosterFolder, name: string): Promise<number | null> {
  try {
    return (await (await folder.getFileHandle(name)).getFile()).size;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return null;
    if (error instanceof DOMException && error.name === 'TypeMismatchError') return -1;
    throw error;
  }
}

async function put(folder: PosterFolder, name: string, data: Blob | string): Promise<void> {
  const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
  try {
    await writable.write(data);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => {});
    throw error;
  }
}

/** An earlier write's posters.json in the folder, and the name ours goes under (posters.json, unless someone else's file has it). */
async function earlierSidecar(folder: PosterFolder): Promise<{ earlier: Map<string, EarlierPoster>; sidecar: string }> {
  for (let n = 1; ; n++) {
    const name = n === 1 ? SIDECAR : SIDECAR.replace('.json', `_${n}.json`);
    let text: string;
    try {
      text = await (await (await folder.getFileHandle(name)).getFile()).text();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'NotFoundError') return { earlier: new Map(), sidecar: name };
      throw error;
    }
    const earlier = readPostersJson(text);
    if (earlier) return { earlier, sidecar: name };
  }
}

/** Whether an earlier write's record is this poster, as it would be made now. */
function sameAs(earlier: EarlierPoster | undefined, poster: PlannedPoster, quality: number): boolean {
  return !!earlier && earlier.fingerprint === poster.video.id && earlier.pts === poster.thumb.identity.pts && earlier.size === poster.size && (poster.size === 'thumbnail' || earlier.quality === quality);
}

/**
 * Writes `planned` into `folder` in order, then posters.json. `progress`
 * hears of each poster settled. Cancelled by `signal` between files.
 */
export async function writePosters(
  folder: PosterFolder,
  sources: PosterSources,
  planned: readonly PlannedPoster[],
  without: readonly NoPoster[],
  options: Pick<PosterOptions, 'template' | 'size' | 'quality'>,
  signal: AbortSignal,
  progress: (settled: number) => void,
): Promise<FolderOutcome> {
  const { earlier, sidecar } = await earlierSidecar(folder);
  const outcome: FolderOutcome = { records: [], written: 0, replaced: 0, skipped: 0 };
  const used = new Set<string>([sidecar.toLowerCase()]);
  const saveSidecar = () => put(folder, sidecar, JSON.stringify(postersSidecar(outcome.records, without, options), null, 2));
  try {
    for (const poster of planned) {
      signal.throwIfAborted();
      let name = freeName(poster.name, (n) => used.has(n.toLowerCase()));
      let made: Made | null = null;
      const make = async () => (made ??= await makePoster(sources, poster, options.quality, signal));
      let record: PosterRecord | null = null;
      const tried = new Set<string>();
      while (!record) {
        const there = await sizeOf(folder, name);
        const ours = earlier.get(name.toLowerCase());
        if (there !== null && ours && sameAs(ours, poster, options.quality) && ours.bytes === there) {
          // Written by an earlier run as this very poster: not made again (a full-size render costs a decode).
          outcome.skipped++;
          record = posterRecord(poster, name, { width: poster.width, height: poster.height, quality: ours.quality, bytes: there });
          break;
        }
        const jpeg = (await make()).jpeg;
        if (there === jpeg.size) {
          outcome.skipped++;
        } else if (there === null || ours) {
          await put(folder, name, jpeg);
          if (there === null) outcome.written++;
          else outcome.replaced++;
        } else {
          tried.add(name.toLowerCase());
          name = freeName(name, (n) => used.has(n.toLowerCase()) || tried.has(n.toLowerCase()));
          continue;
        }
        record = posterRecord(poster, name, { ...(await make()), bytes: jpeg.size });
      }
      used.add(name.toLowerCase());
      outcome.records.push(record);
      progress(outcome.records.length);
      if (outcome.records.length % SIDECAR_EVERY === 0) await saveSidecar();
    }
  } catch (error) {
    // Stopped (or failed) part way: posters.json still says what is there, so the next run skips it without rendering.
    await saveSidecar().catch(() => {});
    throw error;
  }
  await saveSidecar();
  return outcome;
}

/** Writes the posters of `videos` into `folder`, logs it, and returns what to tell the person. `progress`: posters settled, of how many. */
export async function postersIntoFolder(
  folder: PosterFolder,
  sources: PosterSources,
  videos: readonly VideoEntry[],
  options: PosterOptions,
  signal: AbortSignal,
  progress: (settled: number, total: number) => void,
): Promise<string> {
  const { planned, without } = postersFor(sources, videos, options);
  if (planned.length === 0) return ['No video has a pick or a suggestion yet.', ...postersNotes([], [], without, options.size)].join(' ');
  const outcome = await writePosters(folder, sources, planned, without, options, signal, (settled) => progress(settled, planned.length));
  const said = [`${outcome.written} written`, ...(outcome.replaced > 0 ? [`${outcome.replaced} replaced (their poster changed)`] : []), `${outcome.skipped} already there and skipped`];
  sources.activity.add('download', null, `Wrote ${planned.length} posters into the folder “${folder.name}”: ${said.join(', ')}`, {
    folder: folder.name,
    written: outcome.written,
    replaced: outcome.replaced,
    skipped: outcome.skipped,
    template: options.template,
    size: options.size,
  });
  return [`Posters in “${folder.name}”: ${said.join(', ')}.`, ...postersNotes(outcome.records, planned, without, options.size)].join(' ');
}
