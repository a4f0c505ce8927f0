// Scores a thumbnail on the RGBA pixels the worker already has at thumbnail
// size, for the flags and the suggestion (src/shared/frameFlags.ts): no
// second decode. Cost, by test/bench/frameScore.mjs (node 20, a 2-core
// machine under load average 11-14): 1.1-1.2 ms per 320x180 thumbnail,
// 1.5-1.7 ms at 320x240 (median of 200); the budget is 3 ms at 320 px wide.
import type { FrameScore } from '../../src/shared/frameFlags';

/**
 * Sharpness is measured on luma area-resampled to this width (or the
 * frame's own, if narrower): a Laplacian's variance grows with resolution
 * (an edge spans fewer pixels), so without a fixed size a 640 px thumbnail
 * of a frame would score about twice its 320 px one.
 */
const ANALYSIS_WIDTH = 160;
/** The perceptual hash's input: 32x32 luma, of which the 8x8 lowest DCT frequencies are kept. */
const HASH_SIZE = 32;
const HASH_FREQUENCIES = 8;

/**
 * Runs scoring on a made-up frame until the JIT has compiled it. In a new
 * worker the first calls run cold: 31-38 ms, then 13-19 ms, then about
 * 1.1 ms from the third on (node 20, 320x180, test/bench/frameScore.mjs's
 * frames); in the page, fast mode's 15 thumbnails averaged 17-24 ms each
 * (`npm run bench`, score ms/frame) before this ran at worker start.
 */
export function warmUpScoring(): void {
  const width = 320;
  const height = 180;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 2654435761) >>> 24;
  for (let run = 0; run < WARM_UP_RUNS; run++) scoreFrame(rgba, width, height);
}
const WARM_UP_RUNS = 4;

export function scoreFrame(rgba: Uint8ClampedArray, width: number, height: number): FrameScore {
  const luma = lumaOf(rgba, width, height);
  const { mean, spread } = meanAndSpread(luma);
  const analysisWidth = Math.min(ANALYSIS_WIDTH, width);
  const analysisHeight = Math.max(1, Math.round((height * analysisWidth) / width));
  const analysis = areaResample(luma, width, height, analysisWidth, analysisHeight);
  return {
    mean,
    spread,
    sharpness: laplacianVariance(analysis, analysisWidth, analysisHeight),
    // From the analysis plane, a quarter of a 320 px frame's pixels: the same hash for less work.
    hash: perceptualHash(areaResample(analysis, analysisWidth, analysisHeight, HASH_SIZE, HASH_SIZE)),
  };
}

/** BT.709 luma of each pixel, 0..255 (alpha ignored: thumbnails are opaque). */
function lumaOf(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const luma = new Float32Array(width * height);
  for (let p = 0, q = 0; p < luma.length; p++, q += 4) luma[p] = 0.2126 * rgba[q]! + 0.7152 * rgba[q + 1]! + 0.0722 * rgba[q + 2]!;
  return luma;
}

function meanAndSpread(values: Float32Array): { mean: number; spread: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, spread: Math.sqrt(squares / values.length) };
}

/** Resamples a plane to `toWidth` x `toHeight`, each output pixel the average of the source area it covers (fractional edges weighted). */
function areaResample(plane: Float32Array, width: number, height: number, toWidth: number, toHeight: number): Float32Array {
  if (toWidth === width && toHeight === height) return plane;
  const rows = new Float32Array(toWidth * height);
  const across = areaWeights(width, toWidth);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < toWidth; x++) rows[y * toWidth + x] = weightedSum(plane, y * width, 1, across[x]!);
  }
  const out = new Float32Array(toWidth * toHeight);
  const down = areaWeights(height, toHeight);
  for (let y = 0; y < toHeight; y++) {
    for (let x = 0; x < toWidth; x++) out[y * toWidth + x] = weightedSum(rows, x, toWidth, down[y]!);
  }
  return out;
}

interface Span { first: number; weights: Float32Array }

/** For each of `to` output samples, the source samples it covers and their weights (summing to 1). */
function areaWeights(from: number, to: number): Span[] {
  const step = from / to;
  return Array.from({ length: to }, (_, o) => {
    const start = o * step;
    const end = start + step;
    const first = Math.floor(start);
    const last = Math.min(from - 1, Math.ceil(end) - 1);
    const weights = new Float32Array(last - first + 1);
    for (let i = first; i <= last; i++) weights[i - first] = (Math.min(end, i + 1) - Math.max(start, i)) / step;
    return { first, weights };
  });
}

/** The weighted sum of the samples of `plane` at offset + (first + k) * stride. */
function weightedSum(plane: Float32Array, offset: number, stride: number, { first, weights }: Span): number {
  let sum = 0;
  for (let k = 0, at = offset + first * stride; k < weights.length; k++, at += stride) sum += weights[k]! * plane[at]!;
  return sum;
}

/** Variance of the 4-neighbour Laplacian over the interior pixels (0 for a plane too small to have any). */
function laplacianVariance(plane: Float32Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let squares = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1, p = y * width + 1; x < width - 1; x++, p++) {
      const l = plane[p - 1]! + plane[p + 1]! + plane[p - width]! + plane[p + width]! - 4 * plane[p]!;
      sum += l;
      squares += l * l;
    }
  }
  const count = (width - 2) * (height - 2);
  return Math.max(0, squares / count - (sum / count) ** 2);
}

/** DCT-II basis for the kept frequencies: COSINES[u * HASH_SIZE + x] = cos((2x + 1) u pi / 2N). */
const COSINES = Float64Array.from({ length: HASH_FREQUENCIES * HASH_SIZE }, (_, i) => {
  const u = Math.floor(i / HASH_SIZE);
  const x = i % HASH_SIZE;
  return Math.cos(((2 * x + 1) * u * Math.PI) / (2 * HASH_SIZE));
});

/**
 * pHash: the 8x8 lowest frequencies of the 32x32 luma's DCT, one bit each,
 * set where the coefficient is above their median (the DC term, which only
 * says how bright the frame is, left out of the median). 16 hex digits,
 * row-major from the DC term.
 */
function perceptualHash(plane: Float32Array): string {
  const rows = new Float64Array(HASH_SIZE * HASH_FREQUENCIES);
  for (let y = 0; y < HASH_SIZE; y++) {
    for (let u = 0; u < HASH_FREQUENCIES; u++) {
      let sum = 0;
      for (let x = 0; x < HASH_SIZE; x++) sum += plane[y * HASH_SIZE + x]! * COSINES[u * HASH_SIZE + x]!;
      rows[y * HASH_FREQUENCIES + u] = sum;
    }
  }
  const coefficients = new Float64Array(HASH_FREQUENCIES * HASH_FREQUENCIES);
  for (let v = 0; v < HASH_FREQUENCIES; v++) {
    for (let u = 0; u < HASH_FREQUENCIES; u++) {
      let sum = 0;
      for (let y = 0; y < HASH_SIZE; y++) sum += rows[y * HASH_FREQUENCIES + u]! * COSINES[v * HASH_SIZE + y]!;
      coefficients[v * HASH_FREQUENCIES + u] = sum;
    }
  }
  const median = coefficients.slice(1).sort()[31]!;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let digit = 0;
    for (let bit = 0; bit < 4; bit++) digit = (digit << 1) | (coefficients[nibble * 4 + bit]! > median ? 1 : 0);
    hex += digit.toString(16);
  }
  return hex;
}
