import { describe, expect, it } from 'vitest';
import { repeatsOf } from '../../src/lib/repeats';

const thumb = (index: number, time: number, pts: number) => ({ index, time, identity: { pts } });

describe('repeatsOf', () => {
  it('names, for each thumbnail showing a frame an earlier one shows, the first that shows it', () => {
    const thumbs = [thumb(0, 0.2, 0), thumb(1, 0.6, 0), thumb(2, 1.0, 0.96), thumb(3, 1.4, 0), thumb(4, 1.8, 0.96)];
    expect(repeatsOf(thumbs)).toEqual(
      new Map([
        [1, { index: 0, time: 0.2 }],
        [3, { index: 0, time: 0.2 }],
        [4, { index: 2, time: 1.0 }],
      ]),
    );
  });

  it('takes pts that differ only by time-base rounding as one frame, and distinct frames as distinct', () => {
    expect(repeatsOf([thumb(0, 1, 2.6666666), thumb(1, 2, 2.6666667)]).get(1)).toEqual({ index: 0, time: 1 });
    expect(repeatsOf([thumb(0, 1, 0.033), thumb(1, 2, 0.034)]).size).toBe(0);
  });
});
