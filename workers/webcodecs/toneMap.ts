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
import { BT2020, codedPixels, type Picture } from './picture';

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
  const coded = codedPixels(picture, width, height, BT2020);
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
