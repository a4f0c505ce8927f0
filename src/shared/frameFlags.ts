// What a thumbnail's score (workers/score/frameScore.ts) says about it:
// blank, blurry, a repeat of an earlier one; which thumbnail of a video to
// suggest; which of a best-mode slot's candidate frames to show. Pure: the
// page and the workers share it.
//
// The thresholds were measured at 320 px on test/fixtures/.cache/best_frames.mp4
// (layout in test/fixtures/bestFrames.mjs) and every file of the real-world
// corpus (test/fixtures/realworld/, 1.8 k frames), frames pulled with the
// system ffmpeg (`-vf scale=320:-2:flags=area -pix_fmt rgba`).

export interface FrameScore {
  /** Mean luma, 0..255 (BT.709 weights on the RGB). */
  mean: number;
  /** Standard deviation of luma, 0..255. */
  spread: number;
  /** Variance of a Laplacian of luma at a fixed analysis size: >= 0, higher is sharper, comparable across thumbnail widths. */
  sharpness: number;
  /** 64-bit perceptual hash (DCT of a 32x32 luma, 8x8 low frequencies vs median), 16 lowercase hex digits. */
  hash: string;
}

export type Flag = 'blank' | 'blurry' | 'duplicate';

export interface ScoredThumb {
  index: number;
  pts: number;
  score: FrameScore | null;
}

export interface ThumbFlags {
  flags: Flag[];
  /** For a duplicate: the first earlier thumbnail (by index) it looks the same as. */
  sameAs: { index: number; pts: number } | null;
}

/**
 * Under this spread a frame is one flat colour, whatever the colour. Black
 * and white frames (best_frames' lead-in and lead-out, the corpus's white
 * frames) measure 0.0-0.1, the empty dark editor that opens
 * mb_cursed-vfr.mp4 4.0; the faintest real picture, Big Buck Bunny's bird
 * on an even blue sky (ax_sample.avi), 7.1 while it fades in, 10.4 after.
 */
const FLAT_SPREAD = 6;
/**
 * Near black (mean under DARK_MEAN) or near white (over LIGHT_MEAN) with
 * next to no detail (sharpness under FEATURELESS_SHARPNESS) is blank too:
 * the dark part of a fade, a white frame with a stripe. Measured: a fade
 * from black a quarter of the way in (best_frames at 2.5 s and 37.5 s) has
 * mean 31, sharpness 84-88 (at a third, mean 40); ft_fixture.flv's white
 * frame with a grey stripe mean 251, sharpness 70. Not blank: the dark
 * screen recording in mb_cursed-vfr.mp4 (mean 39.6, sharpness 1700) and
 * mb_frames.webm's white cards with a number on (mean 231-251, sharpness 210
 * and up).
 */
const DARK_MEAN = 40;
const LIGHT_MEAN = 235;
const FEATURELESS_SHARPNESS = 120;

/**
 * Under this sharpness a frame is blurry, whatever the video. best_frames'
 * box-blurred stretch measures 8.0-10.1; the softest real pictures that are
 * not blank 52 (mp_video_rotation_90.mp4: two flat halves), 66
 * (sk_video.ts opening out of focus), 80 (ax_vp9_p2_10bit.webm's title).
 */
const BLURRY_SHARPNESS = 20;
/**
 * A thumbnail is blurry, too, under this share of the median sharpness of
 * its video's non-blank thumbnails (with at least RELATIVE_MINIMUM of them
 * for a median to mean something). best_frames' blurry stretch is 0.006 of
 * its median; the softest in-focus corpus frames 0.15 of theirs (sk_video's
 * soft opening, ax_vp9_p2's title); half-faded frames 0.03-0.1.
 */
const RELATIVE_BLURRY = 1 / 8;
const RELATIVE_MINIMUM = 3;
/**
 * Hashes at most this many bits apart look the same. Measured: a frame and
 * its JPEG (-q:v 5) 0-4 bits (median 0, 90th percentile 2, over 143
 * non-blank corpus and fixture frames), the slide's frames 0, frames of one
 * corpus shot 1/30 s apart up to 8; best_frames' moving stretches 0.5 s
 * apart 10 and more (the blurred one, with less detail, the closest), 12
 * and more for the sharp ones.
 */
const DUPLICATE_DISTANCE = 6;
/**
 * Candidates whose sharpness is within this share of the sharpest are tied
 * (the nearest to the requested time wins): consecutive frames of one shot
 * differ by 0.9% (median) to 3.8% (75th percentile) in sharpness over the
 * corpus and best_frames (1.7 k pairs), from coding noise, not focus.
 */
const SHARPNESS_TIE = 0.05;
/** The share of the span at either end (titles, credits) the suggestion avoids when it can. */
const EDGE_SHARE = 0.05;

export function isBlank(score: FrameScore): boolean {
  if (score.spread < FLAT_SPREAD) return true;
  return (score.mean < DARK_MEAN || score.mean > LIGHT_MEAN) && score.sharpness < FEATURELESS_SHARPNESS;
}

/** Hamming distance between two hashes, 0..64. */
export function hashDistance(a: string, b: string): number {
  const [a0, a1] = hashHalves(a);
  const [b0, b1] = hashHalves(b);
  return bitCount(a0 ^ b0) + bitCount(a1 ^ b1);
}

/** A hash as its two 32-bit halves. */
function hashHalves(hash: string): [number, number] {
  if (!/^[0-9a-f]{16}$/.test(hash)) throw new RangeError(`not a 64-bit hash: ${hash}`);
  return [Number.parseInt(hash.slice(0, 8), 16), Number.parseInt(hash.slice(8), 16)];
}

/** Set bits of a 32-bit value (SWAR). */
function bitCount(value: number): number {
  let v = value >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Flags of each thumbnail (input in index order; null score -> no flags),
 * keyed by index. A thumbnail without a score takes no part: nothing is a
 * duplicate of it. Blank frames are not compared by hash (a flat frame's
 * hash is noise: 54 bits apart from its own JPEG on ft_fixture.flv), only by pts.
 *
 * Every thumbnail is compared with every earlier one, and this runs again as
 * each thumbnail arrives: with the hashes parsed once into a typed array and
 * pts looked up in a map, 1000 thumbnails none alike (the worst case) take
 * 5-16 ms in Node (it was a 227 ms main-thread task in responsive.spec when
 * each comparison parsed both hashes).
 */
export function flagThumbs(thumbs: readonly ScoredThumb[]): Map<number, ThumbFlags> {
  const scored = thumbs.filter((t): t is ScoredThumb & { score: FrameScore } => t.score !== null);
  const blank = scored.map((t) => isBlank(t.score));
  // Both halves of every hash side by side, for the tight loop below.
  const halves = new Uint32Array(scored.length * 2);
  scored.forEach((t, i) => halves.set(hashHalves(t.score.hash), i * 2));
  const sharpnessMedian = median(scored.filter((_, i) => !blank[i]).map((t) => t.score.sharpness));
  const firstAtPts = new Map<number, number>();
  const result = new Map<number, ThumbFlags>();
  for (const thumb of thumbs) result.set(thumb.index, { flags: [], sameAs: null });
  scored.forEach((thumb, i) => {
    const flags: Flag[] = [];
    if (blank[i]) flags.push('blank');
    else if (thumb.score.sharpness < BLURRY_SHARPNESS || (sharpnessMedian !== null && thumb.score.sharpness < sharpnessMedian * RELATIVE_BLURRY)) flags.push('blurry');
    let original = firstAtPts.get(thumb.pts) ?? -1;
    if (!firstAtPts.has(thumb.pts)) firstAtPts.set(thumb.pts, i);
    if (!blank[i]) {
      const h0 = halves[i * 2]!;
      const h1 = halves[i * 2 + 1]!;
      for (let j = 0; j < (original < 0 ? i : original); j++) {
        if (blank[j]) continue;
        if (bitCount(h0 ^ halves[j * 2]!) + bitCount(h1 ^ halves[j * 2 + 1]!) <= DUPLICATE_DISTANCE) {
          original = j;
          break;
        }
      }
    }
    const earlier = original >= 0 ? scored[original]! : null;
    if (earlier) flags.push('duplicate');
    result.set(thumb.index, { flags, sameAs: earlier ? { index: earlier.index, pts: earlier.pts } : null });
  });
  return result;
}

/** The median, or null with fewer than RELATIVE_MINIMUM values. */
function median(values: number[]): number | null {
  if (values.length < RELATIVE_MINIMUM) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** How bad a flag is for a suggestion: a repeat is still a good picture, a blurry one less so, a blank one not at all. */
const FLAG_COST: Record<Flag, number> = { duplicate: 1, blurry: 2, blank: 3 };

/**
 * The suggested thumbnail's index, or null when there are none.
 * span = the [start, end] seconds the thumbnails cover. The sharpest of the
 * least flagged thumbnails (so never a flagged one while an unflagged one
 * exists), away from the first and last EDGE_SHARE of the span when one of
 * them is; the earlier on a tie.
 */
export function suggestThumb(thumbs: readonly ScoredThumb[], flags: ReadonlyMap<number, ThumbFlags>, span: { start: number; end: number }): number | null {
  const scored = thumbs.filter((t): t is ScoredThumb & { score: FrameScore } => t.score !== null);
  if (scored.length === 0) return null;
  const cost = (t: ScoredThumb) => Math.max(0, ...(flags.get(t.index)?.flags ?? []).map((f) => FLAG_COST[f]));
  const leastCost = Math.min(...scored.map(cost));
  const least = scored.filter((t) => cost(t) === leastCost);
  const edge = (span.end - span.start) * EDGE_SHARE;
  const inside = least.filter((t) => t.pts >= span.start + edge && t.pts <= span.end - edge);
  const pool = inside.length > 0 ? inside : least;
  return pool.reduce((best, t) => (t.score.sharpness > best.score.sharpness ? t : best)).index;
}

/** 0 for a frame best mode may settle on: neither blank nor blurry (absolute threshold); 1 blurry, 2 blank. */
function candidateRank(score: FrameScore): number {
  return isBlank(score) ? 2 : score.sharpness < BLURRY_SHARPNESS ? 1 : 0;
}

/** Whether best mode may show this candidate without trying its slot's others: nothing is better than it by rank. */
export function goodCandidate(score: FrameScore): boolean {
  return candidateRank(score) === 0;
}

/**
 * For best mode, in the worker: which of one slot's candidate frames to
 * show. `distance` = |pts - requested time| in seconds. Returns the index
 * into `candidates` of the best: not blank beats blank, not blurry
 * (absolute threshold) beats blurry, then the sharper, where sharpness
 * within SHARPNESS_TIE of the sharpest counts as a tie that goes to the
 * smaller distance (then the earlier candidate).
 */
export function pickCandidate(candidates: readonly { score: FrameScore; distance: number }[]): number {
  if (candidates.length === 0) throw new RangeError('pickCandidate: no candidates');
  const rank = ({ score }: { score: FrameScore }) => candidateRank(score);
  const bestRank = Math.min(...candidates.map(rank));
  const ranked = candidates.map((c, i) => ({ ...c, i })).filter((c) => rank(c) === bestRank);
  const sharpest = Math.max(...ranked.map((c) => c.score.sharpness));
  const tied = ranked.filter((c) => c.score.sharpness >= sharpest * (1 - SHARPNESS_TIE));
  return tied.reduce((best, c) => (c.distance < best.distance ? c : best)).i;
}
