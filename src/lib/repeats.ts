// The rule for requested times that land on the same frame: every requested
// time keeps its card (the contract's N thumbnails, in time order), and a
// card whose frame an earlier card already shows says so. One rule for both
// engines and every container, since it is read off the frames' pts: fast
// mode with sparse keyframes, a 4-frame phone clip, a 1-frame file.

/** Pts closer than this are one frame (far below any frame duration; pts carry rounding from their time base). */
const SAME_PTS = 1e-6;

/** The first thumbnail (in index order) that shows a frame: its index and requested time. */
export interface FirstShowing {
  index: number;
  time: number;
}

/**
 * For each thumbnail whose frame an earlier one shows, keyed by its index,
 * the first that shows it. `thumbs` in index order.
 */
export function repeatsOf(thumbs: readonly { index: number; time: number; identity: { pts: number } }[]): Map<number, FirstShowing> {
  const firstByPts = new Map<number, FirstShowing>();
  const repeats = new Map<number, FirstShowing>();
  for (const { index, time, identity } of thumbs) {
    const key = Math.round(identity.pts / SAME_PTS);
    const first = firstByPts.get(key);
    if (first === undefined) firstByPts.set(key, { index, time });
    else repeats.set(index, first);
  }
  return repeats;
}
