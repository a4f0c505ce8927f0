// What a still image's first bytes say about it before anything is decoded:
// which format, how many pixels, and for a JPEG how it is coded (the cost
// of decoding it depends on that) and which way up it is (EXIF). Pure: a
// damaged or hostile header gives an answer, never a large allocation.
import type { StillFormat } from '../../src/shared/types';

export interface StillHeader {
  format: StillFormat;
  /** As stored, before any orientation is applied. */
  width: number;
  height: number;
  /** JPEG: the EXIF orientation (1-8, 1 when there is none). Other formats: 1 (their decoders are trusted, see stillDecode.ts). */
  orientation: number;
  /** JPEG: progressive coding, for which libjpeg keeps every DCT coefficient of the image while it decodes. */
  progressive: boolean;
  /** JPEG: each component's sampling factors (horizontal, vertical); empty for other formats. */
  components: { h: number; v: number }[];
}

export type HeaderRead =
  | { kind: 'header'; header: StillHeader }
  /** The header goes on past these bytes: read more. */
  | { kind: 'more' }
  | { kind: 'not-still' }
  | { kind: 'damaged'; message: string };

/** Reads the header from the file's first bytes (`bytes`, `complete` when that is the whole file). */
export function readStillHeader(bytes: Uint8Array, complete: boolean): HeaderRead {
  const more = (): HeaderRead => (complete ? { kind: 'damaged', message: 'The file ends inside its header.' } : { kind: 'more' });
  try {
    if (bytes.length < 12) return complete ? { kind: 'not-still' } : { kind: 'more' };
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegHeader(bytes) ?? more();
    if (ascii(bytes, 1, 3) === 'PNG' && bytes[0] === 0x89 && bytes[4] === 0x0d && bytes[5] === 0x0a) return pngHeader(bytes) ?? more();
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpHeader(bytes) ?? more();
    if (ascii(bytes, 4, 4) === 'ftyp') return avifHeader(bytes) ?? more();
    return { kind: 'not-still' };
  } catch (error) {
    if (error instanceof Damaged) return { kind: 'damaged', message: error.message };
    throw error;
  }
}

class Damaged extends Error {}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function u16be(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 8) | bytes[at + 1]!;
}

function u32be(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function u16le(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u24le(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
}

function sized(format: StillFormat, width: number, height: number, rest: Partial<StillHeader> = {}): HeaderRead {
  if (!(width > 0 && height > 0)) throw new Damaged(`The ${format.toUpperCase()} header gives no picture size.`);
  return { kind: 'header', header: { format, width, height, orientation: 1, progressive: false, components: [], ...rest } };
}

/** SOFn markers: every C0-CF but DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Walks the markers up to the start of frame, reading an EXIF orientation on the way; null when the bytes end first. */
function jpegHeader(bytes: Uint8Array): HeaderRead | null {
  let orientation = 1;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw new Damaged('The JPEG is damaged: a marker was expected.');
    const marker = bytes[at + 1]!;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) throw new Damaged('The JPEG has no frame header before its image data.');
    const length = u16be(bytes, at + 2);
    if (length < 2) throw new Damaged('The JPEG is damaged: a segment is shorter than its own length field.');
    const end = at + 2 + length;
    if (isStartOfFrame(marker)) {
      if (end > bytes.length) return null;
      const height = u16be(bytes, at + 5);
      const width = u16be(bytes, at + 7);
      const count = bytes[at + 9]!;
      const components = Array.from({ length: count }, (_, c) => {
        const factors = bytes[at + 11 + c * 3] ?? 0x11;
        return { h: Math.max(1, factors >> 4), v: Math.max(1, factors & 15) };
      });
      // SOF2, SOF6, SOF10, SOF14: progressive.
      const progressive = (marker & 3) === 2;
      if (height === 0) throw new Damaged('The JPEG gives its height only after the image data (a DNL marker), which browsers do not read.');
      return sized('jpeg', width, height, { orientation, progressive, components });
    }
    if (marker === 0xe1 && end <= bytes.length) orientation = exifOrientation(bytes.subarray(at + 4, end)) ?? orientation;
    at = end;
  }
  return null;
}

/** The orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment's body; null when absent or unreadable. */
function exifOrientation(app1: Uint8Array): number | null {
  if (ascii(app1, 0, 6) !== 'Exif\0\0') return null;
  const tiff = app1.subarray(6);
  const little = ascii(tiff, 0, 2) === 'II';
  if (!little && ascii(tiff, 0, 2) !== 'MM') return null;
  const u16 = (at: number) => (at + 2 <= tiff.length ? (little ? u16le(tiff, at) : u16be(tiff, at)) : null);
  const u32 = (at: number) => (at + 4 <= tiff.length ? (little ? (u16le(tiff, at) | (u16le(tiff, at + 2) << 16)) >>> 0 : u32be(tiff, at)) : null);
  const ifd = u32(4);
  const entries = ifd === null ? null : u16(ifd);
  if (ifd === null || entries === null) return null;
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) !== 0x0112) continue;
    const value = u16(entry + 8);
    return value !== null && value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** IHDR, which must come first. */
function pngHeader(bytes: Uint8Array): HeaderRead | null {
  if (bytes.length < 24) return null;
  if (ascii(bytes, 12, 4) !== 'IHDR') throw new Damaged('The PNG does not start with its header chunk.');
  return sized('png', u32be(bytes, 16), u32be(bytes, 20));
}

/** The first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended: the canvas size). */
function webpHeader(bytes: Uint8Array): HeaderRead | null {
  if (bytes.length < 30) return null;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) throw new Damaged('The WebP image is damaged: no VP8 start code.');
    return sized('webp', u16le(bytes, 26) & 0x3fff, u16le(bytes, 28) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) throw new Damaged('The WebP image is damaged: no VP8L signature.');
    const bits = (bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24)) >>> 0;
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return sized('webp', u24le(bytes, 24) + 1, u24le(bytes, 27) + 1);
  throw new Damaged(`The WebP image starts with an unknown chunk (${JSON.stringify(chunk)}).`);
}

/**
 * An AVIF (ISO BMFF with an `avif` or `avis` brand): the size from the
 * `ispe` properties in meta/iprp/ipco, the largest one (the primary
 * image's; a grid's tiles, an alpha plane or a thumbnail have their own).
 */
function avifHeader(bytes: Uint8Array): HeaderRead | null {
  const ftypSize = u32be(bytes, 0);
  if (ftypSize < 16 || ftypSize > bytes.length) return ftypSize > bytes.length && ftypSize < 4096 ? null : { kind: 'not-still' };
  const brands = [ascii(bytes, 8, 4), ...Array.from({ length: (ftypSize - 16) / 4 }, (_, i) => ascii(bytes, 16 + i * 4, 4))];
  if (!brands.includes('avif') && !brands.includes('avis')) return { kind: 'not-still' };
  const meta = findBox(bytes, ftypSize, bytes.length, 'meta');
  if (meta === 'more') return null;
  if (!meta) throw new Damaged('The AVIF file has no metadata box.');
  // meta is a full box: 4 bytes of version and flags before its children.
  const iprp = findBox(bytes, meta.start + 4, meta.end, 'iprp');
  const ipco = iprp && iprp !== 'more' ? findBox(bytes, iprp.start, iprp.end, 'ipco') : iprp;
  if (ipco === 'more') return null;
  if (!ipco) throw new Damaged('The AVIF file has no item properties.');
  let best = { width: 0, height: 0 };
  for (let at = ipco.start; at + 8 <= ipco.end; ) {
    const size = u32be(bytes, at);
    if (size < 8) break;
    if (ascii(bytes, at + 4, 4) === 'ispe' && at + 20 <= ipco.end) {
      const width = u32be(bytes, at + 12);
      const height = u32be(bytes, at + 16);
      if (width * height > best.width * best.height) best = { width, height };
    }
    at += size;
  }
  return sized('avif', best.width, best.height);
}

/** The box of `type` among the boxes in [from, to): where its content is, 'more' when the bytes end before it does, null when there is none. */
function findBox(bytes: Uint8Array, from: number, to: number, type: string): { start: number; end: number } | 'more' | null {
  for (let at = from; at + 8 <= to; ) {
    const size = u32be(bytes, at);
    if (size < 8) return null;
    if (ascii(bytes, at + 4, 4) === type) return at + size > bytes.length ? 'more' : { start: at + 8, end: at + size };
    at += size;
  }
  return to >= bytes.length ? 'more' : null;
}
