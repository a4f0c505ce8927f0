import { describe, expect, it } from 'vitest';
import { frameRateFromPts } from '../../src/shared/frameRate';

const ms = (x: number) => Math.round(x * 1000) / 1000;
const run = (rate: number, n: number, round = ms) => Array.from({ length: n }, (_, i) => round(i / rate));

describe('frameRateFromPts', () => {
  it('keeps the declared rate when the frames agree with it', () => {
    expect(frameRateFromPts(run(24000 / 1001, 120), 24000 / 1001)).toBe(24000 / 1001);
  });

  it('tells 23.976 from 24 in millisecond timestamps over 120 frames', () => {
    expect(frameRateFromPts(run(24000 / 1001, 120), null)).toBeCloseTo(23.976, 3);
    expect(frameRateFromPts(run(24, 120), null)).toBe(24);
  });

  it('overrules a declared rate the frames contradict (an FLV saying 60 for 30, a WebM guessed at 1000)', () => {
    expect(frameRateFromPts(run(30, 8), 60)).toBe(30);
    const withExtras = run(24, 80).flatMap((p, i) => (i % 10 === 5 ? [p, p + 0.001] : [p]));
    expect(frameRateFromPts(withExtras, 1000)).toBe(24);
  });

  it('measures only up to the first hole: packets in decode order end with B-frames missing', () => {
    const decodeOrder = run(30, 120).flatMap((p, i, all) => (i % 4 === 1 ? [all[i + 2] ?? p, p] : i % 4 === 3 ? [] : [p]));
    expect(frameRateFromPts([...decodeOrder.slice(0, 100), 5.5, 6.0], null)).toBe(30);
  });

  it('gives a measured rate that is no standard one as measured, and the declared one when there is nothing to measure', () => {
    expect(frameRateFromPts(run(12.5, 20, (x) => x), null)).toBeCloseTo(12.5, 6);
    expect(frameRateFromPts([0.046], null)).toBeNull();
    expect(frameRateFromPts([0.046], 25)).toBe(25);
  });
});
