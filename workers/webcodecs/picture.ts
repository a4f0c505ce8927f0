// A decoded picture's samples (as VideoFrame.copyTo lays them out), resized
// and turned into R'G'B' at the thumbnail's size, where the HDR tone map
// (toneMap.ts) starts: the resize happens on the planes, so the per-pixel
// work is at thumbnail size.
//
// SDR frames are drawn by the browser instead (drawFrame.ts). Converting
// them here too was measured and dropped: on the 10-minute 1080p bench
// file, fast mode, the browser's draw cost 2.75-2.83 s of CPU in all and
// 1.45-1.47 s of wall time, these planes 2.83-2.86 s and 1.48-1.50 s.

export type Picture = YuvPicture | RgbPicture;

export interface YuvPicture {
  kind: 'yuv';
  width: number;
  height: number;
  bitDepth: 8 | 10 | 12;
  /** Chroma planes are this many times smaller (1 or 2) in each direction. */
  chromaShiftX: 0 | 1;
  chromaShiftY: 0 | 1;
  fullRange: boolean;
  /** 8-bit samples in a Uint8Array, deeper ones in a Uint16Array. */
  y: Plane;
  /** For NV12 `u` and `v` are the same plane, interleaved (step 2, v at offset 1). */
  u: Plane;
  v: Plane;
}

/**
 * 8-bit R'G'B' as the browser converted it: Firefox 153 hands HDR frames
 * over as BGRX, converted from YUV but not tone-mapped.
 */
export interface RgbPicture {
  kind: 'rgb';
  width: number;
  height: number;
  red: Plane;
  green: Plane;
  blue: Plane;
}

export interface Plane {
  data: Uint8Array | Uint16Array;
  /** In samples, not bytes. */
  offset: number;
  stride: number;
  /** Samples from one pixel's to the next's (2 for NV12's chroma). */
  step: number;
}

/** A YCbCr matrix's luma weights of red and blue (green's is the rest). */
export interface Matrix {
  kr: number;
  kb: number;
}

export const BT2020: Matrix = { kr: 0.2627, kb: 0.0593 };

/** Writes pixel i's R'G'B' (0 to 1, not clamped) into `out`. */
export type CodedPixel = (i: number, out: number[]) => void;

/** The picture's R'G'B' at width x height (stretched to it, as drawImage would). */
export function codedPixels(picture: Picture, width: number, height: number, matrix: Matrix): CodedPixel {
  return picture.kind === 'yuv' ? yuvToCoded(picture, width, height, matrix) : rgbToCoded(picture, width, height);
}

function yuvToCoded(picture: YuvPicture, width: number, height: number, { kr, kb }: Matrix): CodedPixel {
  const chromaWidth = (picture.width + picture.chromaShiftX) >> picture.chromaShiftX;
  const chromaHeight = (picture.height + picture.chromaShiftY) >> picture.chromaShiftY;
  const y = resample(picture.y, picture.width, picture.height, width, height);
  // 4:2:0 and 4:2:2 chroma is sited left, a quarter chroma sample from
  // where a centred grid puts it: 33 dB to ffmpeg's frame without this,
  // 48-80 with it, at full size.
  const siting = picture.chromaShiftX ? 0.25 : 0;
  const u = resample(picture.u, chromaWidth, chromaHeight, width, height, siting);
  const v = resample(picture.v, chromaWidth, chromaHeight, width, height, siting);
  const scale = 1 << (picture.bitDepth - 8);
  const [yBlack, yRange, cRange] = picture.fullRange ? [0, 255 * scale, 255 * scale] : [16 * scale, 219 * scale, 224 * scale];
  const cZero = 128 * scale;
  const kg = 1 - kr - kb;
  return (i, out) => {
    const luma = (y[i]! - yBlack) / yRange;
    const cb = (u[i]! - cZero) / cRange;
    const cr = (v[i]! - cZero) / cRange;
    out[0] = luma + 2 * (1 - kr) * cr;
    out[2] = luma + 2 * (1 - kb) * cb;
    out[1] = (luma - kr * out[0]! - kb * out[2]!) / kg;
  };
}

function rgbToCoded(picture: RgbPicture, width: number, height: number): CodedPixel {
  const [r, g, b] = [picture.red, picture.green, picture.blue].map((plane) => resample(plane, picture.width, picture.height, width, height)) as [Float32Array, Float32Array, Float32Array];
  return (i, out) => {
    out[0] = r[i]! / 255;
    out[1] = g[i]! / 255;
    out[2] = b[i]! / 255;
  };
}

/**
 * `plane` (sourceWidth x sourceHeight) resampled to width x height: the
 * mean over each output pixel's footprint when shrinking (as ffmpeg's
 * area scaler), linear interpolation when growing. `shiftX` (in source
 * samples) moves where the interpolation reads; the means ignore it,
 * because against ffmpeg's area scaler they measured worse with it
 * (45 dB to 37 on ax_hlg10.mp4 at 320x180).
 *
 * Flat typed arrays, not lists of [index, weight] pairs: the tone map of a
 * 1080p frame to 320x180 took 99 ms with the pairs, 52 like this (vitest,
 * one core).
 */
function resample(plane: Plane, sourceWidth: number, sourceHeight: number, width: number, height: number, shiftX = 0): Float32Array {
  // Locals, not property reads in the loops: 7.1 ms to 3.9 for a 1080p luma plane (node).
  const { first: columnFirst, count: columnCount, weights: columnWeights, span: columnSpan } = taps(sourceWidth, width, shiftX);
  const { first: rowFirst, count: rowCount, weights: rowWeights, span: rowSpan } = taps(sourceHeight, height);
  const { data, offset, stride, step } = plane;
  // Only the source rows some output row reads are resampled across.
  const across = new Float32Array(width * sourceHeight);
  const lastRow = rowFirst[height - 1]! + rowCount[height - 1]!;
  for (let sy = rowFirst[0]!; sy < lastRow; sy++) {
    const line = offset + sy * stride;
    const row = sy * width;
    for (let x = 0; x < width; x++) {
      const n = columnCount[x]!;
      let at = line + columnFirst[x]! * step;
      let w = x * columnSpan;
      let sum = 0;
      for (let k = 0; k < n; k++, at += step, w++) sum += data[at]! * columnWeights[w]!;
      across[row + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const n = rowCount[y]!;
    const to = y * width;
    for (let k = 0; k < n; k++) {
      const weight = rowWeights[y * rowSpan + k]!;
      const from = (rowFirst[y]! + k) * width;
      for (let x = 0; x < width; x++) out[to + x]! += across[from + x]! * weight;
    }
  }
  return out;
}

/**
 * For each of `size` output positions, the run of source samples that make
 * it (`count` from `first`) and their weights (summing to 1), `span` apart.
 */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  weights: Float32Array;
  span: number;
}

function taps(sourceSize: number, size: number, shift = 0): Taps {
  const ratio = sourceSize / size;
  const span = ratio <= 1 ? 2 : Math.ceil(ratio) + 1;
  const first = new Int32Array(size);
  const count = new Int32Array(size);
  const weights = new Float32Array(size * span);
  for (let i = 0; i < size; i++) {
    if (ratio <= 1) {
      const centre = Math.min(Math.max((i + 0.5) * ratio - 0.5 + shift, 0), sourceSize - 1);
      const low = Math.floor(centre);
      const t = centre - low;
      first[i] = low;
      if (t > 0 && low + 1 < sourceSize) {
        count[i] = 2;
        weights[i * span] = 1 - t;
        weights[i * span + 1] = t;
      } else {
        count[i] = 1;
        weights[i * span] = 1;
      }
      continue;
    }
    const start = i * ratio;
    const end = start + ratio;
    first[i] = Math.floor(start);
    // Every sample in [floor(start), ceil(end)) is partly covered: the run is contiguous.
    for (let s = Math.floor(start); s < Math.min(Math.ceil(end), sourceSize); s++) {
      const covered = Math.min(end, s + 1) - Math.max(start, s);
      weights[i * span + count[i]!++] = covered / ratio;
    }
  }
  return { first, count, weights, span };
}
