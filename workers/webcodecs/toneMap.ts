// HDR (BT.2100 PQ or HLG, BT.2020) YUV planes to an SDR BT.709 thumbnail,
// the same conversion the ffmpeg.wasm path does with zscale and tonemap:
// resize in YUV (so the float work is at thumbnail size), linearise with a
// nominal peak of 100 cd/m2, BT.2020 to BT.709 primaries, Hable's curve on
// the brightest component, BT.1886's gamma out.
//
// Why by hand: browsers draw HDR frames each its own way. Debian's
// Chromium 156 tone-maps PQ with its own curve (25 dB PSNR to ffmpeg's)
// and clips HLG (17 dB); this is 42-80 dB to ffmpeg's on the same frames
// (test/unit/toneMap.test.ts measures it against native ffmpeg).
import type { HdrTransfer } from '../../src/shared/hdr';

/** One decoded picture's samples, as VideoFrame.copyTo lays them out. */
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
 * 8-bit R'G'B', still in the stream's transfer and primaries: Firefox 153
 * hands HDR frames over as BGRX, converted from YUV but not tone-mapped.
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

/** ffmpeg's REFERENCE_WHITE: linear 1.0 is 100 cd/m2. */
const NOMINAL_PEAK = 100;
/**
 * The signal peak Hable's curve is normalised to, in units of NOMINAL_PEAK:
 * 1000 cd/m2. ffmpeg's tonemap filter takes it from the frame's light-level
 * metadata, and without it (after zscale nothing is left of it, so on
 * either path) from the frame's transfer, by then linear: 10, measured on
 * vp9_pq.webm's frames.
 */
const SIGNAL_PEAK = 1000 / NOMINAL_PEAK;

// BT.2020 non-constant luminance.
const KR = 0.2627;
const KB = 0.0593;
const KG = 1 - KR - KB;

/** Linear BT.2020 RGB to linear BT.709 RGB (row-major). */
const BT2020_TO_BT709 = [
  1.660491, -0.5876411, -0.0728499,
  -0.1245505, 1.1328999, -0.0083494,
  -0.0181508, -0.1005789, 1.1187297,
];

/**
 * RGBA at `width` x `height` (the picture is stretched to it, as drawImage
 * would), tone-mapped from `transfer` to SDR BT.709.
 */
export function toneMapToRgba(picture: Picture, width: number, height: number, transfer: Exclude<HdrTransfer, null>): Uint8ClampedArray<ArrayBuffer> {
  const coded = picture.kind === 'yuv' ? yuvToCoded(picture, width, height) : rgbToCoded(picture, width, height);
  const toLinear = transfer === 'pq' ? pqToLinear : hlgToLinear;
  const peak = hable(SIGNAL_PEAK);
  const m = BT2020_TO_BT709;
  const out = new Uint8ClampedArray(width * height * 4);
  const rgb = [0, 0, 0];
  for (let i = 0; i < width * height; i++) {
    coded(i, rgb);
    const [r, g, b] = rgb as [number, number, number];
    toLinear(r, g, b, rgb);
    const [lr, lg, lb] = rgb as [number, number, number];
    let r709 = m[0]! * lr + m[1]! * lg + m[2]! * lb;
    let g709 = m[3]! * lr + m[4]! * lg + m[5]! * lb;
    let b709 = m[6]! * lr + m[7]! * lg + m[8]! * lb;
    // ffmpeg's tonemap filter: Hable on the brightest component, the same
    // factor applied to all three so hues do not shift.
    const signal = Math.max(r709, g709, b709, 1e-6);
    const factor = hable(signal) / peak / signal;
    r709 *= factor;
    g709 *= factor;
    b709 *= factor;
    out[i * 4] = bt1886Inverse(r709) * 255;
    out[i * 4 + 1] = bt1886Inverse(g709) * 255;
    out[i * 4 + 2] = bt1886Inverse(b709) * 255;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Writes pixel i's R'G'B' (0 to 1) into `out`. */
type CodedPixel = (i: number, out: number[]) => void;

function yuvToCoded(picture: YuvPicture, width: number, height: number): CodedPixel {
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
  return (i, out) => {
    const luma = (y[i]! - yBlack) / yRange;
    const cb = (u[i]! - cZero) / cRange;
    const cr = (v[i]! - cZero) / cRange;
    out[0] = luma + 2 * (1 - KR) * cr;
    out[2] = luma + 2 * (1 - KB) * cb;
    out[1] = (luma - KR * out[0]! - KB * out[2]!) / KG;
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

/** John Hable's filmic curve as ffmpeg's vf_tonemap has it. */
function hable(x: number): number {
  const [a, b, c, d, e, f] = [0.15, 0.5, 0.1, 0.2, 0.02, 0.3];
  return (x * (x * a + b * c) + d * e) / (x * (x * a + b) + d * f) - e / f;
}

const PQ_M1 = 2610 / 16384;
const PQ_M2 = (2523 / 4096) * 128;
const PQ_C1 = 3424 / 4096;
const PQ_C2 = (2413 / 4096) * 32;
const PQ_C3 = (2392 / 4096) * 32;

function pqEotf(e: number): number {
  const p = Math.max(e, 0) ** (1 / PQ_M2);
  return (Math.max(p - PQ_C1, 0) / (PQ_C2 - PQ_C3 * p)) ** (1 / PQ_M1) * (10000 / NOMINAL_PEAK);
}

function pqToLinear(r: number, g: number, b: number, out: number[]): void {
  out[0] = pqEotf(r);
  out[1] = pqEotf(g);
  out[2] = pqEotf(b);
}

const HLG_A = 0.17883277;
const HLG_B = 1 - 4 * HLG_A;
const HLG_C = 0.5 - HLG_A * Math.log(4 * HLG_A);

function hlgInverseOetf(e: number): number {
  const x = Math.min(Math.max(e, 0), 1);
  return x <= 0.5 ? (x * x) / 3 : (Math.exp((x - HLG_C) / HLG_A) + HLG_B) / 12;
}

/**
 * HLG's display light for a 1000 cd/m2 display as zimg makes it: BT.2100's
 * system gamma 1.2 on each component (measured on vp9_hlg.webm's frames,
 * where the luminance-weighted OOTF of BT.2100 was 7 dB further off).
 */
function hlgToLinear(r: number, g: number, b: number, out: number[]): void {
  const gain = 1000 / NOMINAL_PEAK;
  out[0] = hlgInverseOetf(r) ** 1.2 * gain;
  out[1] = hlgInverseOetf(g) ** 1.2 * gain;
  out[2] = hlgInverseOetf(b) ** 1.2 * gain;
}

/**
 * zimg's "bt709" from linear light is display-referred: the inverse of
 * BT.1886's gamma 2.4, not BT.709's camera curve (measured: linear 0.0112
 * comes out 0.154, where the camera curve gives 0.050).
 */
function bt1886Inverse(l: number): number {
  return Math.min(Math.max(l, 0), 1) ** (1 / 2.4);
}

/**
 * `plane` (sourceWidth x sourceHeight) resampled to width x height: the
 * mean over each output pixel's footprint when shrinking (as ffmpeg's
 * area scaler), linear interpolation when growing. `shiftX` (in source
 * samples) moves where the interpolation reads; the means ignore it,
 * because against ffmpeg's area scaler they measured worse with it
 * (45 dB to 37 on ax_hlg10.mp4 at 320x180).
 */
function resample(plane: Plane, sourceWidth: number, sourceHeight: number, width: number, height: number, shiftX = 0): Float32Array {
  const columns = taps(sourceWidth, width, shiftX);
  const rows = taps(sourceHeight, height);
  const across = new Float32Array(width * sourceHeight);
  for (let sy = 0; sy < sourceHeight; sy++) {
    const line = plane.offset + sy * plane.stride;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (const [sx, weight] of columns[x]!) sum += plane.data[line + sx * plane.step]! * weight;
      across[sy * width + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (const [sy, weight] of rows[y]!) {
      const from = sy * width;
      for (let x = 0; x < width; x++) out[y * width + x]! += across[from + x]! * weight;
    }
  }
  return out;
}

/** For each of `size` output positions, the source samples and weights (summing to 1) that make it. */
function taps(sourceSize: number, size: number, shift = 0): [number, number][][] {
  const ratio = sourceSize / size;
  return Array.from({ length: size }, (_, i) => {
    if (ratio <= 1) {
      const centre = Math.min(Math.max((i + 0.5) * ratio - 0.5 + shift, 0), sourceSize - 1);
      const low = Math.floor(centre);
      const high = Math.min(low + 1, sourceSize - 1);
      const t = centre - low;
      return t > 0 && high !== low ? [[low, 1 - t], [high, t]] : [[low, 1]];
    }
    const start = i * ratio;
    const end = start + ratio;
    const list: [number, number][] = [];
    for (let s = Math.floor(start); s < Math.min(Math.ceil(end), sourceSize); s++) {
      const covered = Math.min(end, s + 1) - Math.max(start, s);
      if (covered > 0) list.push([s, covered / ratio]);
    }
    return list;
  });
}
