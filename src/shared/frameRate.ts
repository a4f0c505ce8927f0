// The frame rate that derived frame numbers use, from the spacing of the
// frames themselves. Shared by both probes (workers).

/** Rates real video is made at; a measured rate this close to one is taken as it. */
const STANDARD_RATES = [24000 / 1001, 24, 25, 30000 / 1001, 30, 48, 50, 60000 / 1001, 60, 100, 120];
const SNAP = 0.005;

/**
 * Frames per second from the pts of a run of frames (any order). What the
 * container declares is taken when the frames agree with it, since its
 * rational is exact. Where they do not, the frames decide; seen in real
 * files: a VP9 WebM whose 1 ms-apart extra packets made Mediabunny guess
 * 1000 fps ("#1752" for frame 42), an FLV declaring 60 for 30, an ASF 120
 * for 30. Gaps under half the median are packets that are not frames of
 * their own and are skipped; the rate is the count over the span of the
 * run without holes, so millisecond rounding averages out (23.976 vs 24
 * over 120 frames).
 */
export function frameRateFromPts(pts: readonly number[], declared: number | null): number | null {
  const sorted = [...pts].filter(Number.isFinite).sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((p, i) => p - sorted[i]!).filter((g) => g > 0);
  if (gaps.length === 0) return usable(declared);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
  let frames = 1;
  let last = sorted[0]!;
  for (const p of sorted) {
    // The first hole ends the run: packets read in decode order leave
    // holes near the end where B-frames shown there come later.
    if (p - last > median * 1.5) break;
    if (p - last >= median / 2) {
      frames++;
      last = p;
    }
  }
  const measured = (frames - 1) / (last - sorted[0]!);
  if (!Number.isFinite(measured) || measured <= 0) return usable(declared);
  const rate = usable(declared);
  if (rate !== null && Math.abs(rate / measured - 1) <= 0.02) return rate;
  const standard = STANDARD_RATES.reduce((best, r) => (Math.abs(r / measured - 1) < Math.abs(best / measured - 1) ? r : best));
  return Math.abs(standard / measured - 1) <= SNAP ? standard : measured;
}

const usable = (rate: number | null): number | null => (rate !== null && Number.isFinite(rate) && rate > 0 ? rate : null);
