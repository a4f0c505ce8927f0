// One poster per video: named by the template, made at thumbnail size or
// rendered again at full resolution, and taken away as one ZIP with
// posters.json, or written into a folder (posterFolder.ts).
import { formatBytes, someNames } from '../format';
import type { Library, VideoEntry } from '../state/library.svelte';
import { frameJpeg, rendersFull, type ExportSize, type ExportSources, type Made } from './exports';
import { fillTemplate, type ParsedTemplate } from './nameTemplate';
import { fileTime, resolveNames, stampedName } from './names';
import { postersOf, type NoPoster, type Poster } from './posterChoice';
import { postersJson, type PosterRecord, type PostersJson } from './postersJson';
import { saveZip, type ZipEntry } from './save';
import { frameFacts } from './sidecar';

/** What the posters are made from: the exports' sources, and each video's zoomed views (picks there count). */
export type PosterSources = ExportSources & Pick<Library, 'zoomsOf'>;

export interface PosterOptions {
  /** The template as typed, and as parsed (only a valid one is used). */
  template: string;
  parsed: Extract<ParsedTemplate, { ok: true }>;
  size: ExportSize;
  /** The JPEG quality of posters rendered at full size. */
  quality: number;
}

/** A poster with its file name and the size it will have. */
export interface PlannedPoster extends Poster {
  name: string;
  /** The name the template made, when another poster had it first. */
  renamedFrom: string | null;
  /** `full` only where the video's file is here to render from. */
  size: ExportSize;
  width: number;
  height: number;
}

/** The posters' names and sizes, before any is made. `{index}` is the video's place in `videos`. Pure. */
export function planPosters(posters: readonly Poster[], videos: readonly VideoEntry[], options: Pick<PosterOptions, 'parsed' | 'size'>): PlannedPoster[] {
  const place = new Map(videos.map((video, i) => [video, i + 1]));
  const sized = posters.map((poster) => {
    const holder = poster.holder;
    const fullInfo = options.size === 'full' && rendersFull(holder) ? holder.info : null;
    const [width, height] = fullInfo ? [fullInfo.width, fullInfo.height] : [poster.thumb.width, poster.thumb.height];
    const wanted = fillTemplate(options.parsed.parts, {
      videoName: poster.video.name,
      time: fileTime(poster.thumb.identity.pts),
      frame: poster.thumb.identity.frameNumber,
      index: place.get(poster.video) ?? 0,
      count: videos.length,
      width,
    });
    return { poster, wanted, size: fullInfo ? ('full' as const) : ('thumbnail' as const), width, height };
  });
  const names = resolveNames(sized.map((s) => s.wanted));
  return sized.map(({ poster, size, width, height }, i) => ({ ...poster, ...names[i]!, size, width, height }));
}

/** A poster's JPEG (see Made), made when it is needed. */
export function makePoster(sources: PosterSources, poster: PlannedPoster, quality: number, signal: AbortSignal): Promise<Made> {
  return frameJpeg(sources, { entry: poster.holder, thumb: poster.thumb }, poster.size, quality, signal);
}

/** The record posters.json keeps of a poster written (or found already there) as `file`. */
export function posterRecord(poster: PlannedPoster, file: string, made: Pick<Made, 'width' | 'height' | 'quality'> & { bytes: number }): PosterRecord {
  return {
    file,
    renamedFrom: file === poster.name ? poster.renamedFrom : (poster.renamedFrom ?? poster.name),
    source: poster.video.name,
    fingerprint: poster.video.id,
    chosen: poster.chosen,
    index: poster.thumb.index,
    size: poster.size,
    ...frameFacts(poster.thumb, made),
  };
}

export function postersSidecar(records: readonly PosterRecord[], without: readonly NoPoster[], options: Pick<PosterOptions, 'template' | 'size'>): PostersJson {
  return postersJson(
    {
      template: options.template,
      size: options.size,
      posters: [...records],
      without: without.map(({ video, reason }) => ({ source: video.name, fingerprint: video.id, reason })),
    },
    new Date(),
  );
}

/** The posters for `videos` (the shown ones), planned; and the videos that have none. */
export function postersFor(sources: PosterSources, videos: readonly VideoEntry[], options: Pick<PosterOptions, 'parsed' | 'size'>): { planned: PlannedPoster[]; without: NoPoster[] } {
  const { posters, without } = postersOf(videos, (video) => sources.zoomsOf(video));
  return { planned: planPosters(posters, videos, options), without };
}

/** Names shown in a sentence before "and N more". */
const NAMED = 5;
const some = (names: readonly string[]) => someNames(names, NAMED);

/**
 * What else to say about a set of posters: names renamed because another
 * poster (or a file in the folder) had them, videos with no poster and
 * why, videos with several picks, full size not possible without a file.
 * Pure.
 */
export function postersNotes(records: readonly Pick<PosterRecord, 'file' | 'renamedFrom' | 'size'>[], planned: readonly Pick<PlannedPoster, 'picks'>[], without: readonly NoPoster[], size: ExportSize): string[] {
  const notes: string[] = [];
  const renamed = records.filter((r) => r.renamedFrom !== null);
  if (renamed.length > 0) notes.push(`${renamed.length} name${renamed.length === 1 ? ' was' : 's were'} taken already, so ${renamed.length === 1 ? 'it got' : 'they got'} a number: ${some(renamed.map((r) => `${r.file} (not ${r.renamedFrom})`))}.`);
  if (without.length > 0) {
    const one = without.length === 1;
    notes.push(`${without.length} video${one ? ' has' : 's have'} neither a pick nor a suggestion: ${some(without.map((w) => `${w.video.name} (${w.reason})`))}.`);
  }
  const several = planned.filter((p) => p.picks > 1).length;
  if (several > 0) notes.push(`${several} video${several === 1 ? ' has' : 's have'} several picks: the earliest frame was used.`);
  const small = records.filter((r) => r.size === 'thumbnail').length;
  if (size === 'full' && small > 0) notes.push(`${small} at thumbnail size: their videos were restored without their files.`);
  return notes;
}

/** Downloads one ZIP: a JPEG per video, then posters.json. Returns what to tell the person. */
export async function downloadPosters(sources: PosterSources, videos: readonly VideoEntry[], options: PosterOptions, signal: AbortSignal): Promise<string> {
  const { planned, without } = postersFor(sources, videos, options);
  if (planned.length === 0) return ['No video has a pick or a suggestion yet.', ...postersNotes([], [], without, options.size)].join(' ');
  const records: PosterRecord[] = [];
  async function* entries(): AsyncGenerator<ZipEntry> {
    for (const poster of planned) {
      const made = await makePoster(sources, poster, options.quality, signal);
      records.push(posterRecord(poster, poster.name, { ...made, bytes: made.jpeg.size }));
      yield { name: poster.name, input: made.jpeg };
    }
    yield { name: 'posters.json', input: JSON.stringify(postersSidecar(records, without, options), null, 2) };
  }
  const name = stampedName('posters', 'zip', new Date());
  const bytes = await saveZip(entries(), name);
  const notes = postersNotes(records, planned, without, options.size);
  sources.activity.add('download', null, `Downloaded ${name}: ${planned.length} posters named ${options.template} (${formatBytes(bytes)})`, {
    archive: name,
    posters: planned.length,
    size: options.size,
    template: options.template,
    renamed: records.filter((r) => r.renamedFrom !== null).map((r) => r.file),
    without: without.map((w) => w.video.name),
  });
  return [`Downloaded ${planned.length} poster${planned.length === 1 ? '' : 's'} as ${name}.`, ...notes].join(' ');
}
