// How to decode a still for a picture of a given size without risking the
// tab: at reduced size where the format and the browser allow it, at full
// size only when that is small enough, else not at all. Pure.
import type { StillHeader } from './stillHeader';
import { quarterTurned, swapped } from './orientation';

/**
 * The most pixels decoded at full size. The largest photos cameras and
 * phones make (48-50 MP) fit; their RGBA is 200 MB, the contact sheet's own
 * limit. Measured in Chromium 156: a full decode grows the browser's memory
 * by about 4.2 bytes a pixel (createImageBitmap of a 16384x16384 JPEG: 1.1
 * GB), so 50 MP is about 210 MB, within the 300 MB a still may cost.
 */
export const FULL_DECODE_MAX_PIXELS = 50_000_000;

/**
 * The most memory a reduced JPEG decode may hold: its output's RGBA, and for
 * a progressive JPEG every DCT coefficient of the image (libjpeg buffers the
 * whole image's coefficients to refine them scan by scan, 2 bytes each,
 * whatever the output size). A baseline 16384x16384 JPEG at 1/8 is 16 MB;
 * the same image progressive would hold 805 MB.
 */
const REDUCED_DECODE_MAX_BYTES = 200_000_000;

export type StillDecodePlan =
  /** ImageDecoder; `desired` asks a JPEG's DCT scaling for at least this size (as stored), null decodes at full size. */
  | { kind: 'image-decoder'; desired: { width: number; height: number } | null }
  /** createImageBitmap, resizing as it decodes (at full size first, in every engine we know). */
  | { kind: 'bitmap' }
  | { kind: 'refuse'; message: string };

/** What this browser's ImageDecoder can do: take the format at all, and decode a JPEG at reduced size. */
export interface DecoderAbilities {
  takes: boolean;
  scalesJpeg: boolean;
}

/**
 * How to decode `header` for a picture of `target` (as displayed). A JPEG
 * through an ImageDecoder seen to scale decodes at the smallest scale M/8
 * (M = 1..8, libjpeg's DCT scaling) that still covers the target; other
 * formats and other paths decode every pixel, so only up to
 * FULL_DECODE_MAX_PIXELS.
 */
export function planStillDecode(header: StillHeader, target: { width: number; height: number }, imageDecoder: DecoderAbilities): StillDecodePlan {
  const { width, height } = header;
  const pixels = width * height;
  const size = `${width}×${height} (${(pixels / 1e6).toFixed(0)} megapixels)`;
  if (header.format === 'jpeg' && imageDecoder.takes && imageDecoder.scalesJpeg) {
    const stored = swapped(target, quarterTurned(header.orientation));
    const scale = jpegScale(width, height, stored);
    const desired = { width: Math.ceil((width * scale) / 8), height: Math.ceil((height * scale) / 8) };
    const bytes = desired.width * desired.height * 4 + (header.progressive ? coefficientBytes(header) : 0);
    if (bytes <= REDUCED_DECODE_MAX_BYTES) return { kind: 'image-decoder', desired: scale === 8 ? null : desired };
    const why = header.progressive
      ? `it is a progressive JPEG, which is decoded holding all of its ${formatMegabytes(coefficientBytes(header))} of coefficients at any output size`
      : `even at 1/8 size it is ${formatMegabytes(bytes)} of pixels`;
    return { kind: 'refuse', message: `This image is ${size} and too large to decode safely in the browser: ${why}.` };
  }
  if (pixels <= FULL_DECODE_MAX_PIXELS) return imageDecoder.takes ? { kind: 'image-decoder', desired: null } : { kind: 'bitmap' };
  const hint =
    header.format === 'jpeg'
      ? ' Chromium-based browsers decode JPEGs at reduced size (over https or from this computer); a smaller copy of the image works everywhere.'
      : ' A smaller copy of the image works in any browser.';
  return {
    kind: 'refuse',
    message: `This image is ${size}: here it can only be decoded at full size, ${formatMegabytes(pixels * 4)} of pixels, more than is safe (at most ${FULL_DECODE_MAX_PIXELS / 1e6} megapixels).${hint}`,
  };
}

/** The smallest M in 1..8 whose M/8 scaling keeps both sides at least the target's (8 when none does: the image is smaller). */
export function jpegScale(width: number, height: number, target: { width: number; height: number }): number {
  for (let m = 1; m < 8; m++) {
    if (Math.ceil((width * m) / 8) >= target.width && Math.ceil((height * m) / 8) >= target.height) return m;
  }
  return 8;
}

/** What libjpeg holds for a progressive image: 64 coefficients of 2 bytes per 8x8 block of every component. */
export function coefficientBytes(header: StillHeader): number {
  const hMax = Math.max(1, ...header.components.map((c) => c.h));
  const vMax = Math.max(1, ...header.components.map((c) => c.v));
  return header.components.reduce((sum, c) => {
    const blocksAcross = Math.ceil(Math.ceil((header.width * c.h) / hMax) / 8);
    const blocksDown = Math.ceil(Math.ceil((header.height * c.v) / vMax) / 8);
    return sum + blocksAcross * blocksDown * 128;
  }, 0);
}

function formatMegabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}
