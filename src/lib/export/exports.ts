// What a person takes away: picked frames (one JPEG, or a ZIP), everything
// shown (a ZIP with frames.json), a contact sheet, a frame on the clipboard.
import boldFontUrl from '@fontsource/inter/files/inter-latin-600-normal.woff2?url';
import regularFontUrl from '@fontsource/inter/files/inter-latin-400-normal.woff2?url';
import type { EngineName, SheetRequest, VideoInfo } from '../../shared/types';
import { thumbShown } from '../filters';
import { formatBytes, formatTime, stillSummary } from '../format';
import type { Filters } from '../hash/view';
import type { Library, ThumbView, VideoEntry } from '../state/library.svelte';
import { copyImage } from './clipboard';
import { LARGE_STILL_SIDE } from '../state/stillView.svelte';
import { frameFileName, originalFileName, stampedName, thumbFileName, uniqueNames } from './names';
import { saveBlob, saveZip, type ZipEntry } from './save';
import { framesJson, type ExportedFrame } from './sidecar';
import { suggestionOf } from '../suggestion';

export type ExportSize = 'thumbnail' | 'full';

interface Item {
  entry: VideoEntry;
  thumb: ThumbView;
}

/**
 * Every picked frame, in the videos and in their zoomed views. A frame
 * picked in a video and again in a zoomed view of it (one pts of one video)
 * is taken once; two thumbnails of one view showing one frame stay two.
 */
export function pickedItems(library: ExportSources): Item[] {
  const takenBy = new Map<string, VideoEntry>();
  return [...library.videos, ...library.zooms].flatMap((entry) =>
    entry.thumbs
      .filter((t) => {
        if (!t.picked) return false;
        const key = `${entry.videoId}|${t.identity.pts}`;
        const owner = takenBy.get(key) ?? entry;
        takenBy.set(key, owner);
        return owner === entry;
      })
      .map((thumb) => ({ entry, thumb })),
  );
}

/** What the page shows: the shown videos (or zoomed views), thumbnails in range (and picked, if asked). */
export function shownItems(entries: readonly VideoEntry[], filters: Filters): Item[] {
  return entries.flatMap((entry) => entry.thumbs.filter((t) => thumbShown(t, filters)).map((thumb) => ({ entry, thumb })));
}

/** A picture taken away: a JPEG (quality known), or a still's original file (quality null). */
export interface Made {
  jpeg: Blob;
  width: number;
  height: number;
  quality: number | null;
}

/**
 * Whether `item` leaves as its still's original file: a still at full
 * resolution is the file itself, since decoding it whole (1 GB of pixels
 * for a 16384 px square) to encode it again is what stills are never made to do.
 */
function asOriginal(entry: VideoEntry, size: ExportSize): entry is VideoEntry & { file: File } {
  return entry.kind === 'image' && size === 'full' && entry.file !== null;
}

/** Whether `entry` can be rendered again at full size: its file is here, probed, with an engine chosen. */
export function rendersFull(entry: VideoEntry): entry is VideoEntry & { file: File; info: VideoInfo; engine: EngineName } {
  return entry.file !== null && entry.info !== null && entry.engine !== null;
}

/** The file name `item` is taken away under (before names are made unique). */
function itemFileName({ entry, thumb }: Item, size: ExportSize): string {
  return asOriginal(entry, size) ? originalFileName(entry.name) : thumbFileName(entry.name, entry.kind === 'image', thumb);
}

/** One frame's JPEG (the stored thumbnail, or the frame rendered again at full size when the file is there), or a still's original. */
export async function frameJpeg(library: ExportSources, item: Item, size: ExportSize, quality: number, signal: AbortSignal): Promise<Made> {
  const { entry, thumb } = item;
  const thumbQuality = entry.settings?.quality ?? quality;
  if (asOriginal(entry, size)) return { jpeg: entry.file, width: entry.still?.width ?? thumb.width, height: entry.still?.height ?? thumb.height, quality: null };
  if (size === 'thumbnail' || !rendersFull(entry)) return { jpeg: thumb.jpeg, width: thumb.width, height: thumb.height, quality: thumbQuality };
  const frame = await library.frames.render(
    { file: entry.file, info: entry.info, engine: entry.engine, at: { kind: 'pts', pts: thumb.identity.pts, keyframe: thumb.identity.keyframe }, width: entry.info.width, height: entry.info.height, qualities: [quality] },
    signal,
  );
  const bytes = frame?.jpegs[0];
  if (!frame || !bytes) throw new Error(`The frame at ${formatTime(thumb.identity.pts)} of ${entry.name} could not be decoded.`);
  return { jpeg: new Blob([bytes], { type: 'image/jpeg' }), width: frame.width, height: frame.height, quality };
}

/**
 * ZIP entries for `items`, each JPEG made only when the archive reaches
 * it, and frames.json last (it records the sizes of what was made).
 */
async function* archiveEntries(library: ExportSources, items: readonly Item[], size: ExportSize, quality: number, signal: AbortSignal): AsyncGenerator<ZipEntry> {
  const names = uniqueNames(items.map((item) => itemFileName(item, size)));
  const exported: ExportedFrame[] = [];
  for (const [i, item] of items.entries()) {
    const made = await frameJpeg(library, item, size, quality, signal);
    const { entry, thumb } = item;
    const judged = suggestionOf(entry);
    exported.push({
      video: { id: entry.videoId, kind: entry.kind, name: entry.name, size: entry.size, info: entry.info, still: entry.still, engine: entry.engine, settings: entry.settings },
      file: names[i]!,
      index: thumb.index,
      time: thumb.time,
      identity: thumb.identity,
      pictType: thumb.pictType,
      width: made.width,
      height: made.height,
      bytes: made.jpeg.size,
      quality: made.quality,
      span: entry.span,
      flags: judged.flags.get(thumb.index)?.flags ?? [],
      sharpness: thumb.score?.sharpness ?? null,
      suggested: judged.suggested === thumb.index,
    });
    yield { name: names[i]!, input: made.jpeg };
  }
  yield { name: 'frames.json', input: JSON.stringify(framesJson(exported, new Date()), null, 2) };
}

/** The pieces of the page the exports use. */
export type ExportSources = Pick<Library, 'videos' | 'zooms' | 'frames' | 'activity'>;

/** Saves one frame's JPEG under its file name, and logs it. */
export function downloadFrame(log: Library['activity'], videoName: string, pts: number, made: { jpeg: Blob; width: number; height: number; quality?: number }, details: Record<string, unknown> = {}): string {
  return downloadNamed(log, videoName, frameFileName(videoName, pts), made, details);
}

/** Saves a picture as `name`, and logs it. */
export function downloadNamed(log: Library['activity'], videoName: string, name: string, made: { jpeg: Blob; width: number; height: number; quality?: number }, details: Record<string, unknown> = {}): string {
  saveBlob(made.jpeg, name);
  const quality = made.quality === undefined ? '' : `, quality ${made.quality}`;
  log.add('download', videoName, `Downloaded ${name} (${made.width}×${made.height}${quality}, ${formatBytes(made.jpeg.size)})`, { files: [name], bytes: made.jpeg.size, ...details });
  return name;
}

/** Puts one frame's JPEG on the clipboard, and logs it. */
export async function copyFrame(log: Library['activity'], videoName: string, pts: number, made: { jpeg: Blob; width: number; height: number }): Promise<void> {
  await copyImage(made.jpeg);
  log.add('copy', videoName, `Copied the frame at ${formatTime(pts)} to the clipboard (${made.width}×${made.height})`);
}

export async function downloadPicked(library: ExportSources, size: ExportSize, quality: number, signal: AbortSignal): Promise<string> {
  const items = pickedItems(library);
  const first = items[0];
  if (!first) return 'Nothing is picked yet.';
  const fullSize = size === 'full' && items.some(({ entry }) => !entry.file) ? ' (videos restored without their file are at thumbnail size)' : '';
  if (items.length === 1) {
    const { jpeg, width, height } = await frameJpeg(library, first, size, quality, signal);
    const name = downloadNamed(library.activity, first.entry.name, itemFileName(first, size), { jpeg, width, height }, { size });
    return `Downloaded ${name}${fullSize}.`;
  }
  const name = stampedName('picked', 'zip', new Date());
  const bytes = await saveZip(archiveEntries(library, items, size, quality, signal), name);
  library.activity.add('download', null, `Downloaded ${name}: ${items.length} picked frames at ${size === 'full' ? 'full size' : 'thumbnail size'} (${formatBytes(bytes)})`, { archive: name, frames: items.length, size, bytes });
  return `Downloaded ${items.length} picked frames as ${name}${fullSize}.`;
}

export async function downloadShown(library: ExportSources, items: readonly Item[], quality: number, signal: AbortSignal): Promise<string> {
  if (items.length === 0) return 'No thumbnails are shown.';
  const name = stampedName('thumbnails', 'zip', new Date());
  const bytes = await saveZip(archiveEntries(library, items, 'thumbnail', quality, signal), name);
  library.activity.add('download', null, `Downloaded ${name}: ${items.length} thumbnails and frames.json (${formatBytes(bytes)})`, { archive: name, frames: items.length, bytes });
  return `Downloaded ${items.length} thumbnails as ${name}.`;
}

export async function downloadContactSheet(library: ExportSources, items: readonly Item[], columns: number, quality: number, signal: AbortSignal): Promise<string> {
  if (items.length === 0) return 'No thumbnails are shown.';
  const byVideo = new Map<VideoEntry, ThumbView[]>();
  for (const { entry, thumb } of items) byVideo.set(entry, [...(byVideo.get(entry) ?? []), thumb]);
  const sections = [...byVideo].map(([entry, thumbs]) => ({
    title: entry.name,
    details: sheetDetails(entry),
    aspect: thumbs[0]!.height / thumbs[0]!.width,
    cells: thumbs.map((t) => ({ jpeg: t.jpeg, label: entry.still ? `${entry.still.width}×${entry.still.height}` : formatTime(t.identity.pts) })),
  }));
  const request: SheetRequest = {
    sections,
    columns,
    cellWidth: Math.max(...items.map(({ thumb }) => thumb.width)),
    quality,
    fonts: { regular: new URL(regularFontUrl, document.baseURI).href, bold: new URL(boldFontUrl, document.baseURI).href },
  };
  const sheet = await library.frames.drawSheet(request, signal);
  const name = stampedName('contact-sheet', 'jpg', new Date());
  const jpeg = new Blob([sheet.jpeg], { type: 'image/jpeg' });
  saveBlob(jpeg, name);
  library.activity.add('contact-sheet', byVideo.size === 1 ? sections[0]!.title : null, `Made ${name}: ${items.length} thumbnails in ${columns} columns, ${sheet.width}×${sheet.height} (${formatBytes(jpeg.size)})`, {
    file: name,
    width: sheet.width,
    height: sheet.height,
    thumbnails: items.length,
    columns,
  });
  return `Downloaded ${name} (${sheet.width}×${sheet.height}).`;
}

function sheetDetails(entry: VideoEntry): string {
  if (entry.still) return `${stillSummary(entry.still)} · ${formatBytes(entry.size)}`;
  const info = entry.info;
  if (!info) return formatBytes(entry.size);
  const fps = info.frameRate ? `${+info.frameRate.toFixed(3)} fps` : 'unknown frame rate';
  return `${formatTime(info.duration)} · ${formatBytes(entry.size)} · ${info.codec} · ${info.width}×${info.height} · ${fps}`;
}

export async function copyPicked(library: ExportSources, quality: number, signal: AbortSignal): Promise<string> {
  const first = pickedItems(library)[0];
  if (!first) return 'Nothing is picked yet.';
  const made = first.entry.kind === 'image' ? await stillToCopy(library, first, quality, signal) : await frameJpeg(library, first, 'full', quality, signal);
  await copyFrame(library.activity, first.entry.name, first.thumb.identity.pts, made);
  return first.entry.kind === 'image' ? `Copied ${first.entry.name} (${made.width}×${made.height}).` : `Copied the frame at ${formatTime(first.thumb.identity.pts)} of ${first.entry.name}.`;
}

/** A still as copied: as large as its large view shows it (the clipboard takes decoded pixels, so never the whole of an enormous image). */
async function stillToCopy(library: ExportSources, { entry, thumb }: Item, quality: number, signal: AbortSignal): Promise<Made> {
  if (!entry.file) return { jpeg: thumb.jpeg, width: thumb.width, height: thumb.height, quality: entry.settings?.quality ?? quality };
  const outcome = await library.frames.renderStill(entry.file, { size: { kind: 'fit', side: LARGE_STILL_SIDE }, quality }, signal);
  if (!outcome.ok) throw new Error(outcome.message);
  return { jpeg: new Blob([outcome.jpeg], { type: 'image/jpeg' }), width: outcome.width, height: outcome.height, quality };
}
