// Which files Framepick takes from a folder: what kind of media a file is,
// by its extension first and its MIME type second. Pure. The file input's
// `accept` list is made from the same table, so what the picker offers and
// what a folder gives up are one decision.

export type MediaKind = 'video';

/**
 * Extensions of the containers we read (Mediabunny or ffmpeg.wasm). The
 * extension decides before the MIME type: browsers type files from their
 * own tables, which differ (`.mkv` and `.ts` get `video/x-matroska` and
 * `video/mp2t` in Chromium, nothing or `text/...` elsewhere). A TypeScript
 * source in a folder of recordings is taken as MPEG-TS and ends in the
 * probe's clear message, like any other file that is not what its name says.
 */
const EXTENSIONS: Record<MediaKind, readonly string[]> = {
  video: ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'ts', 'm2ts', 'mts', 'mpg', 'mpeg', 'vob', 'wmv', 'asf', 'flv', 'f4v', 'ogv', '3gp', '3g2', 'mxf'],
};

const KINDS = Object.keys(EXTENSIONS) as MediaKind[];

/** The file's extension, lower case, with its dot (`.srt`), or '' when it has none (`README`, `.DS_Store`). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot).toLowerCase() : '';
}

/** What kind of media `file` is, or null for anything we do not read. */
export function mediaKindOf(file: { name: string; type: string }): MediaKind | null {
  const extension = extensionOf(file.name).slice(1);
  const byName = KINDS.find((kind) => EXTENSIONS[kind].includes(extension));
  if (byName) return byName;
  return KINDS.find((kind) => file.type.startsWith(`${kind}/`)) ?? null;
}

/** The file input's `accept` attribute: every kind's MIME family and extensions. */
export const ACCEPTED_FILES = KINDS.flatMap((kind) => [`${kind}/*`, ...EXTENSIONS[kind].map((extension) => `.${extension}`)]).join(',');

/** What the taken kinds are called in a sentence ("not video"). */
export const TAKEN_KINDS = KINDS.join(' or ');
