import { describe, expect, it } from 'vitest';
import { onStreamTick, toTicks } from '../../src/shared/ticks';

const ms = { startTime: 0, timeBase: 1000 };

describe('toTicks', () => {
  it('puts a pts on its exact tick, start time included', () => {
    expect(toTicks(296, { startTime: 0, timeBase: 15360 })).toBe(4546560);
    expect(toTicks(0.682667, { startTime: 2.384, timeBase: 90000 })).toBe(276000);
  });
});

describe('onStreamTick', () => {
  it('rounds a requested time to the nearest tick: in a millisecond WebM, 10.0096 s is the frame at 10.010 s', () => {
    expect(onStreamTick(10.0096, ms)).toBeCloseTo(10.01, 9);
    expect(onStreamTick(10.0094, ms)).toBeCloseTo(10.009, 9);
  });

  it('rounds on the absolute timeline when the stream starts late', () => {
    // Start 0.0333 s, 1/30 s ticks (Ogg Theora): 2.64 s is 2.6733 absolute, tick 80, 2.6667 - 0.0333.
    expect(onStreamTick(2.64, { startTime: 1 / 30, timeBase: 30 })).toBeCloseTo(80 / 30 - 1 / 30, 9);
  });

  it('leaves a time alone when the time base is unknown', () => {
    expect(onStreamTick(1.23456, { startTime: 0, timeBase: 0 })).toBe(1.23456);
  });
});
