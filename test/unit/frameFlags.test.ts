// flagThumbs, suggestThumb and pickCandidate on made-up scores: the rules,
// apart from the measured thresholds (frameScore.test.ts holds those to real frames).
import { describe, expect, it } from 'vitest';
import { flagThumbs, hashDistance, isBlank, pickCandidate, suggestThumb, type FrameScore, type ScoredThumb } from '../../src/shared/frameFlags';

const ZERO = '0000000000000000';
/** A sharp, well-exposed picture unless told otherwise. */
const score = (over: Partial<FrameScore> = {}): FrameScore => ({ mean: 120, spread: 60, sharpness: 1000, hash: ZERO, ...over });
/** A hash `bits` bits from ZERO (the lowest ones set), so thumbnails are told apart by it. */
const hashWith = (bits: number) => (bits === 64 ? 'f'.repeat(16) : (2n ** BigInt(bits) - 1n).toString(16).padStart(16, '0'));
/** Thumbnails 0..n-1, one a second, each looking unlike the others unless `over` says so. */
const distinct = ['0000000000000000', 'ffffffff00000000', '00000000ffffffff', 'ffff0000ffff0000', '0000ffff0000ffff', 'ff00ff00ff00ff00', '00ff00ff00ff00ff'];
const thumb = (index: number, over: Partial<FrameScore> = {}, pts = index): ScoredThumb => ({ index, pts, score: score({ hash: distinct[index % distinct.length], ...over }) });
const flagsOf = (thumbs: ScoredThumb[]) => [...flagThumbs(thumbs).values()].map((f) => f.flags);

describe('isBlank', () => {
  it('calls black, white and one flat colour blank, and near black or white with no detail', () => {
    expect(isBlank(score({ mean: 0, spread: 0, sharpness: 0 }))).toBe(true);
    expect(isBlank(score({ mean: 254, spread: 0.1, sharpness: 0 }))).toBe(true);
    expect(isBlank(score({ mean: 90, spread: 3, sharpness: 5 }))).toBe(true);
    expect(isBlank(score({ mean: 31, spread: 19, sharpness: 84 }))).toBe(true);
    expect(isBlank(score({ mean: 251, spread: 14, sharpness: 70 }))).toBe(true);
  });

  it('does not call a dark, bright or faint picture with detail blank', () => {
    expect(isBlank(score({ mean: 39, spread: 25, sharpness: 1700 }))).toBe(false);
    expect(isBlank(score({ mean: 250, spread: 16, sharpness: 210 }))).toBe(false);
    expect(isBlank(score({ mean: 64, spread: 10, sharpness: 135 }))).toBe(false);
  });
});

describe('hashDistance', () => {
  it('counts the bits that differ', () => {
    expect(hashDistance(ZERO, ZERO)).toBe(0);
    expect(hashDistance(ZERO, '0000000000000001')).toBe(1);
    expect(hashDistance('8000000000000000', ZERO)).toBe(1);
    expect(hashDistance(ZERO, 'f'.repeat(16))).toBe(64);
    expect(hashDistance(hashWith(7), hashWith(2))).toBe(5);
  });

  it('refuses what is not a 64-bit hash', () => {
    expect(() => hashDistance('abc', ZERO)).toThrow(RangeError);
    expect(() => hashDistance('F'.repeat(16), ZERO)).toThrow(RangeError);
  });
});

describe('flagThumbs', () => {
  it('keys by index, flags nothing without a score and nothing in a sharp picture', () => {
    const flags = flagThumbs([thumb(3), { index: 7, pts: 7, score: null }, thumb(9)]);
    expect([...flags.keys()]).toEqual([3, 7, 9]);
    for (const f of flags.values()) expect(f).toEqual({ flags: [], sameAs: null });
  });

  it('flags a blank thumbnail blank, not also blurry', () => {
    expect(flagsOf([thumb(0), thumb(1, { mean: 0, spread: 0, sharpness: 0 }), thumb(2)])).toEqual([[], ['blank'], []]);
  });

  it('flags blurry under the absolute threshold, with any number of thumbnails', () => {
    expect(flagsOf([thumb(0, { sharpness: 10 })])).toEqual([['blurry']]);
    expect(flagsOf([thumb(0, { sharpness: 30 })])).toEqual([[]]);
  });

  it("flags blurry far below the median of the video's non-blank thumbnails, once there are enough of them", () => {
    const blank = { mean: 0, spread: 0, sharpness: 0 };
    expect(flagsOf([thumb(0, { sharpness: 1000 }), thumb(1, { sharpness: 1200 }), thumb(2, { sharpness: 100 }), thumb(3, blank), thumb(4, blank)]))
      .toEqual([[], [], ['blurry'], ['blank'], ['blank']]);
    expect(flagsOf([thumb(0, { sharpness: 1000 }), thumb(1, { sharpness: 1200 }), thumb(2, { sharpness: 300 })])).toEqual([[], [], []]);
    expect(flagsOf([thumb(0, { sharpness: 1000 }), thumb(1, { sharpness: 100 })]), 'two make no median').toEqual([[], []]);
  });

  it('flags a thumbnail that looks like an earlier one duplicate, of the first it looks like', () => {
    const flags = flagThumbs([thumb(0, { hash: hashWith(0) }), thumb(1, { hash: hashWith(40) }), thumb(2, { hash: hashWith(6) }), thumb(3, { hash: hashWith(3) })]);
    expect(flags.get(0)).toEqual({ flags: [], sameAs: null });
    expect(flags.get(1)).toEqual({ flags: [], sameAs: null });
    expect(flags.get(2)).toEqual({ flags: ['duplicate'], sameAs: { index: 0, pts: 0 } });
    expect(flags.get(3)).toEqual({ flags: ['duplicate'], sameAs: { index: 0, pts: 0 } });
    expect(flagThumbs([thumb(0, { hash: hashWith(0) }), thumb(1, { hash: hashWith(7) })]).get(1)?.flags).toEqual([]);
  });

  it('always flags two thumbnails of the same pts duplicates, blank ones too, and never blank ones by hash alone', () => {
    const black = { mean: 0, spread: 0, sharpness: 0, hash: ZERO };
    const flags = flagThumbs([thumb(0, black, 0), thumb(1, black, 1), thumb(2, black, 1), thumb(3, { hash: hashWith(64) }, 5), thumb(4, { hash: ZERO }, 5)]);
    expect(flags.get(1)).toEqual({ flags: ['blank'], sameAs: null });
    expect(flags.get(2)).toEqual({ flags: ['blank', 'duplicate'], sameAs: { index: 1, pts: 1 } });
    expect(flags.get(4)).toEqual({ flags: ['duplicate'], sameAs: { index: 3, pts: 5 } });
  });

  it('compares nothing to a thumbnail without a score', () => {
    expect(flagsOf([{ index: 0, pts: 0, score: null }, thumb(1, {}, 0)])).toEqual([[], []]);
  });
});

describe('suggestThumb', () => {
  const span = { start: 0, end: 100 };
  const suggest = (thumbs: ScoredThumb[]) => suggestThumb(thumbs, flagThumbs(thumbs), span);

  it('suggests nothing without scored thumbnails', () => {
    expect(suggest([])).toBeNull();
    expect(suggest([{ index: 0, pts: 50, score: null }])).toBeNull();
  });

  it('suggests the sharpest, skipping thumbnails without a score', () => {
    expect(suggest([thumb(0, { sharpness: 900 }, 30), { index: 1, pts: 40, score: null }, thumb(2, { sharpness: 1500 }, 50), thumb(3, { sharpness: 1200 }, 60)])).toBe(2);
  });

  it('never suggests a flagged thumbnail while an unflagged one exists', () => {
    // The sharpest here is a repeat of the first; the next a blurry one by the median; the unflagged one is soft.
    const thumbs = [thumb(0, { sharpness: 3000, hash: ZERO }, 20), thumb(1, { sharpness: 5000, hash: ZERO }, 30), thumb(2, { sharpness: 3000 }, 40), thumb(3, { sharpness: 3000 }, 50), thumb(4, { sharpness: 25 }, 60)];
    expect(suggest(thumbs)).toBe(0);
    expect(suggest([thumb(0, { sharpness: 10 }, 40), thumb(1, { mean: 0, spread: 0, sharpness: 0 }, 50), thumb(2, { sharpness: 30 }, 60)])).toBe(2);
  });

  it('takes the least flagged when all are: a repeat before a blurry one before a blank one', () => {
    const blank = { mean: 0, spread: 0, sharpness: 0 };
    expect(suggest([thumb(0, { sharpness: 10 }, 40), thumb(1, blank, 50)])).toBe(0);
    expect(suggest([thumb(0, blank, 40), thumb(1, blank, 50)])).toBe(0);
  });

  it('avoids the first and last few percent of the span when it can', () => {
    expect(suggest([thumb(0, { sharpness: 3000 }, 1), thumb(1, { sharpness: 1000 }, 50), thumb(2, { sharpness: 3000 }, 99)])).toBe(1);
    expect(suggest([thumb(0, { sharpness: 3000 }, 1), thumb(1, { sharpness: 1000 }, 99)]), 'none inside: the sharpest').toBe(0);
    expect(suggest([thumb(0, { sharpness: 3000 }, 1), thumb(1, { sharpness: 10 }, 50)]), 'an unflagged edge one before a flagged inside one').toBe(0);
  });
});

describe('pickCandidate', () => {
  const candidate = (over: Partial<FrameScore>, distance: number) => ({ score: score(over), distance });

  it('prefers not blank to blank, and not blurry to blurry, whatever the distance', () => {
    expect(pickCandidate([candidate({ mean: 0, spread: 0, sharpness: 0 }, 0), candidate({ sharpness: 10 }, 2)])).toBe(1);
    expect(pickCandidate([candidate({ sharpness: 10 }, 0), candidate({ sharpness: 30 }, 2)])).toBe(1);
  });

  it('takes the sharper, beyond the tolerance', () => {
    expect(pickCandidate([candidate({ sharpness: 1000 }, 0), candidate({ sharpness: 1200 }, 1)])).toBe(1);
  });

  it('breaks a near tie in sharpness by the smaller distance, then by order', () => {
    expect(pickCandidate([candidate({ sharpness: 1000 }, 0.5), candidate({ sharpness: 1030 }, 0.9), candidate({ sharpness: 990 }, 0.1)])).toBe(2);
    expect(pickCandidate([candidate({ sharpness: 1000 }, 0.2), candidate({ sharpness: 1000 }, 0.2)])).toBe(0);
  });

  it('has nothing to pick from an empty list', () => {
    expect(() => pickCandidate([])).toThrow(RangeError);
  });
});
