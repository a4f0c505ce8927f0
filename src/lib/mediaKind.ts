// What kind of media a dropped file is, from its type and name. Pure.
import type { StillFormat } from '../shared/types';

/** A file on the page is a video, or a still image (JPEG, PNG, WebP, AVIF). */
export type MediaKind = 'video' | 'image';

const IMAGE_TYPES: Record<string, StillFormat> = { 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/pjpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif' };
/** Each format's standard type (the others are aliases systems use). */
const MIME_TYPE_OF: Record<StillFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };
const IMAGE_EXTENSIONS: Record<string, StillFormat> = { jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', jfif: 'jpeg', png: 'png', webp: 'webp', avif: 'avif' };

/** What the file input offers for stills, beside the videos. */
export const IMAGE_ACCEPT = [...Object.values(MIME_TYPE_OF), ...Object.keys(IMAGE_EXTENSIONS).map((extension) => `.${extension}`)].join(',');

/**
 * Whether a file is one of the still images Framepick makes a thumbnail of:
 * by its MIME type, or where the system gives none (or a generic one) by its
 * extension. The worker reads the file's own header before decoding, so a
 * misnamed file gets a clear message, not a wrong decoder.
 */
export function isImageFile(file: Pick<File, 'name' | 'type'>): boolean {
  if (Object.hasOwn(IMAGE_TYPES, file.type)) return true;
  if (file.type !== '' && file.type !== 'application/octet-stream') return false;
  const extension = /\.([^./\\]+)$/.exec(file.name)?.[1]?.toLowerCase();
  return extension !== undefined && Object.hasOwn(IMAGE_EXTENSIONS, extension);
}
