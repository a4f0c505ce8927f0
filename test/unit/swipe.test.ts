import { describe, expect, it } from 'vitest';
import { swipeStep } from '../../src/lib/swipe';

describe('swipeStep', () => {
  it('steps forward on a swipe to the left, back on one to the right', () => {
    expect(swipeStep(-120, 10)).toBe(1);
    expect(swipeStep(90, -20)).toBe(-1);
  });
  it('ignores taps, short moves and mostly vertical drags', () => {
    expect(swipeStep(0, 0)).toBeNull();
    expect(swipeStep(-30, 0)).toBeNull();
    expect(swipeStep(-80, 60)).toBeNull();
  });
});
