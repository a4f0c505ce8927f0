// What kind of media a dropped file is, from its name and type. Pure. The
// file input's `accept` list is made from the same tables, so what the
// picker offers and what the page takes are one decision.
import type { StillFormat } from '../shared/types';
import { STILL_MIME_TYPES } from '../shared/stillFormats';

/** A file on the page is a video, or a still image (JPEG, PNG, WebP, AVIF). */
export type MediaKind = 'video' | 'image';

/**
 * Extensions of the containers we read (Mediabunny or ffmpeg.wasm). The
 * extension decides before the MIME type: browsers type files from their
 * own tables, which differ (`.mkv` and `.ts` get `video/x-matroska` and
 * `video/mp2t` in Chromium, nothing or `text/...` elsewhere). A TypeScript
 * source in a folder of recordings is taken as MPEG-TS and ends in the
 * probe's clear message, like any other file that is not what its name says.
 */
const VIDEO_EXTENSIONS: readonly string[] = ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'ts', 'm2ts', 'mts', 'mpg', 'mpeg', 'vob', 'wmv', 'asf', 'flv', 'f4v', 'ogv', '3gp', '3g2', 'mxf'];

const IMAGE_TYPES: Record<string, StillFormat> = { 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/pjpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif' };
const IMAGE_EXTENSIONS: Record<string, StillFormat> = { jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', jfif: 'jpeg', png: 'png', webp: 'webp', avif: 'avif' };

/** The file's extension, lower case, with its dot (`.srt`), or '' when it has none (`README`, `.DS_Store`). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot).toLowerCase() : '';
}

/** Whether `file` is a video we read: by its extension, else by its MIME type. */
export function isVideoFile(file: Pick<File, 'name' | 'type'>): boolean {
  return VIDEO_EXTENSIONS.includes(extensionOf(file.name).slice(1)) || file.type.startsWith('video/');
}

/**
 * Whether a file is one of the still images Framepick makes a thumbnail of:
 * by its MIME type, or where the system gives none (or a generic one) by its
 * extension. The worker reads the file's own header before decoding, so a
 * misnamed file gets a clear message, not a wrong decoder.
 */
export function isImageFile(file: Pick<File, 'name' | 'type'>): boolean {
  if (Object.hasOwn(IMAGE_TYPES, file.type)) return true;
  if (file.type !== '' && file.type !== 'application/octet-stream') return false;
  return Object.hasOwn(IMAGE_EXTENSIONS, extensionOf(file.name).slice(1));
}

/** What kind of media `file` is, or null for anything we do not read. */
export function mediaKindOf(file: Pick<File, 'name' | 'type'>): MediaKind | null {
  return isVideoFile(file) ? 'video' : isImageFile(file) ? 'image' : null;
}

/** The file input's `accept` attribute: videos, and the stills beside them. */
export const ACCEPTED_FILES = [
  'video/*',
  ...VIDEO_EXTENSIONS.map((extension) => `.${extension}`),
  ...Object.values(STILL_MIME_TYPES),
  ...Object.keys(IMAGE_EXTENSIONS).map((extension) => `.${extension}`),
].join(',');
