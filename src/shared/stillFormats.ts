// The still formats' MIME types, for the page's file picker and the
// workers' ImageDecoder alike.
import type { StillFormat } from './types';

/** Each still format's standard MIME type (systems use others too, as aliases: see src/lib/mediaKind.ts). */
export const STILL_MIME_TYPES: Record<StillFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };
