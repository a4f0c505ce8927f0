// The size a video's frames are shown at: the coded size corrected for the
// pixel aspect ratio, then turned by the rotation. Both probes go through
// here, so a damaged aspect ratio is caught the same way whichever read it.
import type { VideoInfo } from '../../src/shared/types';

/**
 * A pixel aspect ratio further from square than this, either way, is taken
 * for damage and ignored. Real ones stay within 2:1 (the H.264 and MPEG-2
 * tables, anamorphic lenses). A bit-flipped MPEG-2 header said 15:32783,
 * which made 480x270 frames 480x590094 pixels: half a gigabyte of RGBA for
 * one 320-px-wide thumbnail, and taller than a JPEG can be.
 */
export const MAX_PIXEL_ASPECT = 4;

/** Square-pixel size: widen for wide pixels, heighten for tall ones (never shrink), as Mediabunny does. */
export function squarePixels(width: number, height: number, sar: number | null): [number, number] {
  if (!sar || sar === 1 || !(sar <= MAX_PIXEL_ASPECT && sar >= 1 / MAX_PIXEL_ASPECT)) return [width, height];
  return sar > 1 ? [Math.round(width * sar), height] : [width, Math.round(height / sar)];
}

/** The displayed size of `codedWidth` x `codedHeight` frames with pixel aspect ratio `sar`, turned by `rotation`. */
export function displaySize(codedWidth: number, codedHeight: number, sar: number | null, rotation: VideoInfo['rotation']): { width: number; height: number } {
  const [width, height] = squarePixels(codedWidth, codedHeight, sar);
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height };
}
