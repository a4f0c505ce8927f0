import { describe, expect, it } from 'vitest';
import { batchTargets, coveredSpan, framesPerTask, outputSize, planTargets, planTimes, slotWindow } from '../../src/shared/plan';
import type { FrameIdentity } from '../../src/shared/types';

const identity = (pts: number, exact = false): FrameIdentity => ({ pts, keyframe: true, exact, frameNumber: null, frameNumberDerived: true });

const whole = (duration: number) => coveredSpan(duration, null);

describe('planTimes', () => {
  it('spaces times evenly, half a step in from each end', () => {
    expect(planTimes(whole(600), 15)).toEqual(Array.from({ length: 15 }, (_, i) => (i + 0.5) * 40));
    expect(planTimes(whole(10), 1)).toEqual([5]);
  });

  it('puts every time at 0 for unknown or zero durations: the count holds for every file', () => {
    expect(planTimes(whole(0), 15)).toEqual(Array(15).fill(0));
    expect(planTimes(whole(Number.NaN), 3)).toEqual([0, 0, 0]);
    expect(planTimes(whole(Infinity), 3)).toEqual([0, 0, 0]);
  });

  it('gives nothing for a count of 0', () => {
    expect(planTimes(whole(10), 0)).toEqual([]);
  });

  it('spreads over a zoomed span the same way: a + (i + 0.5) * (b - a) / N', () => {
    expect(planTimes({ start: 240, end: 280 }, 4)).toEqual([245, 255, 265, 275]);
  });
});

describe('spans and slots', () => {
  it('keeps a zoomed span inside the video', () => {
    expect(coveredSpan(100, { start: 20, end: 40 })).toEqual({ start: 20, end: 40 });
    expect(coveredSpan(100, { start: 90, end: 140 })).toEqual({ start: 90, end: 100 });
    expect(coveredSpan(100, { start: 150, end: 160 })).toEqual({ start: 100, end: 100 });
    expect(coveredSpan(Number.NaN, { start: 1, end: 2 })).toEqual({ start: 0, end: 0 });
  });

  it("gives each slot the window around its time, the windows tiling the span", () => {
    const span = { start: 240, end: 280 };
    const windows = [0, 1, 2, 3].map((i) => slotWindow(span, 4, i));
    expect(windows).toEqual([
      { start: 240, end: 250 },
      { start: 250, end: 260 },
      { start: 260, end: 270 },
      { start: 270, end: 280 },
    ]);
    planTimes(span, 4).forEach((t, i) => expect(t).toBeGreaterThan(windows[i]!.start));
  });
});

describe('outputSize', () => {
  it('keeps the display aspect ratio', () => {
    expect(outputSize({ width: 1920, height: 1080 }, 320)).toEqual({ width: 320, height: 180 });
    expect(outputSize({ width: 360, height: 640 }, 320)).toEqual({ width: 320, height: 569 });
    expect(outputSize({ width: 640, height: 360 }, 33)).toEqual({ width: 33, height: 19 });
  });

  it('never gives a zero height', () => {
    expect(outputSize({ width: 10000, height: 10 }, 32)).toEqual({ width: 32, height: 1 });
  });

  it('makes frames taller than four widths narrower, not taller', () => {
    expect(outputSize({ width: 320, height: 1280 }, 320)).toEqual({ width: 320, height: 1280 });
    expect(outputSize({ width: 16, height: 30000 }, 320)).toEqual({ width: 1, height: 1280 });
    expect(outputSize({ width: 480, height: 4800 }, 3840)).toEqual({ width: 1536, height: 15360 });
  });
});

describe('planTargets', () => {
  it('decodes a frame once however many thumbnails show it', () => {
    const planned = planTargets([1, 2, 3, 9], [[identity(0)], [identity(0)], [identity(0, true)], [identity(8)]]);
    expect(planned.map((p) => p.indices)).toEqual([[0, 1, 2], [3]]);
    expect(planned.map((p) => p.target)).toEqual([
      { id: 0, kind: 'pts', pts: 0, keyframe: true },
      { id: 1, kind: 'pts', pts: 8, keyframe: true },
    ]);
  });

  it('decodes by time where the container could not say which frame', () => {
    const planned = planTargets([1, 2], [[], []]);
    expect(planned.map((p) => p.target)).toEqual([
      { id: 0, kind: 'time', time: 1 },
      { id: 1, kind: 'time', time: 2 },
    ]);
  });

  it('decodes an exactly repeated time once (a file without a duration asks for 0 every time)', () => {
    const planned = planTargets([0, 0, 0], [[], [], []]);
    expect(planned).toEqual([{ target: { id: 0, kind: 'time', time: 0 }, indices: [0, 1, 2] }]);
  });
});

describe('best mode choices', () => {
  it('makes one choice of a slot with several candidates, and a plain target of one with a single candidate', () => {
    const planned = planTargets([5, 15], [[identity(2), identity(4), identity(8)], [identity(12)]]);
    expect(planned.map((p) => p.target)).toEqual([
      { id: 0, kind: 'choice', time: 5, candidates: [2, 4, 8].map((pts) => ({ pts, keyframe: true })) },
      { id: 1, kind: 'pts', pts: 12, keyframe: true },
    ]);
    expect(planned.map((p) => p.indices)).toEqual([[0], [1]]);
  });
});

describe('batching', () => {
  it('puts one frame in the first task and `size` in the others', () => {
    expect(batchTargets([1, 2, 3, 4, 5, 6], 4)).toEqual([[1], [2, 3, 4, 5], [6]]);
    expect(batchTargets([1, 2, 3], 1)).toEqual([[1], [2], [3]]);
    expect(batchTargets([], 4)).toEqual([]);
  });

  it('shares an exec where ffmpeg must probe the streams, and a decoder flush on WebCodecs', () => {
    expect(framesPerTask('fast', 'mp4', 'ffmpeg')).toBe(1);
    expect(framesPerTask('fast', 'matroska', 'ffmpeg')).toBe(1);
    expect(framesPerTask('fast', 'mpegts', 'ffmpeg')).toBe(4);
    expect(framesPerTask('fast', 'avi', 'ffmpeg')).toBe(4);
    expect(framesPerTask('fast', 'mp4', 'webcodecs')).toBe(4);
    expect(framesPerTask('exact', 'mp4', 'webcodecs')).toBe(1);
    expect(framesPerTask('exact', 'avi', 'ffmpeg')).toBe(1);
    expect(framesPerTask('best', 'avi', 'ffmpeg')).toBe(1);
    expect(framesPerTask('best', 'mp4', 'webcodecs')).toBe(4);
  });
});
