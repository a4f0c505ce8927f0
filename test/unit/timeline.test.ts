import { describe, expect, it } from 'vitest';
import { displayableFrames, IndexedTimeline, lastAtOrBefore, MAX_CANDIDATES, resolveCandidates, resolveIdentity, spreadOver, type PresentationOrder, type TimelineFrame } from '../../workers/frames/timeline';

/** 30 fps, a keyframe every `gop` frames, presentation order. */
function cfr(count: number, gop: number, start = 0): TimelineFrame[] {
  return Array.from({ length: count }, (_, n) => ({ pts: start + n / 30, keyframe: n % gop === 0 }));
}

/** Packets listed in decode order, as the sample tables give them. */
function packets(frames: readonly TimelineFrame[]) {
  return { pts: Float64Array.from(frames, (f) => f.pts), keyframe: Uint8Array.from(frames, (f) => (f.keyframe ? 1 : 0)), bytes: null };
}

/** A full index over these packets. */
function indexed(frames: readonly TimelineFrame[]): IndexedTimeline {
  return new IndexedTimeline(displayableFrames(packets(frames)), 30);
}

/** The frames of a presentation order, as objects. */
function framesOf({ pts, keyPts }: PresentationOrder): TimelineFrame[] {
  return Array.from(pts, (p) => ({ pts: p, keyframe: keyPts.includes(p) }));
}

describe('lastAtOrBefore', () => {
  const xs = Float64Array.from([0, 1, 2, 3]);
  it('finds the last element <= x', () => {
    expect(lastAtOrBefore(xs, -1)).toBe(-1);
    expect(lastAtOrBefore(xs, 0)).toBe(0);
    expect(lastAtOrBefore(xs, 2.5)).toBe(2);
    expect(lastAtOrBefore(xs, 99)).toBe(3);
    expect(lastAtOrBefore(new Float64Array(), 1)).toBe(-1);
  });
});

describe('resolveIdentity on a full index', () => {
  const timeline = indexed(cfr(300, 60));

  it('exact mode: the last frame at or before t, which is what a player shows', async () => {
    expect(await resolveIdentity(timeline, 2.51, 'exact')).toEqual({ pts: 75 / 30, keyframe: false, exact: true, frameNumber: 75, frameNumberDerived: false });
  });

  it('a time exactly on a frame picks that frame despite floating point', async () => {
    const t = (150 * 1) / 60; // 2.5, computed, as the planner does
    const id = await resolveIdentity(timeline, t, 'exact');
    expect(id?.frameNumber).toBe(75);
  });

  it('fast mode: the keyframe at or before t, exact only if nothing lies between', async () => {
    expect(await resolveIdentity(timeline, 2.51, 'fast')).toEqual({ pts: 2, keyframe: true, exact: false, frameNumber: 60, frameNumberDerived: false });
    expect(await resolveIdentity(timeline, 2.01, 'fast')).toMatchObject({ pts: 2, exact: true });
  });

  it('a time before the first frame shows the first frame, not exact', async () => {
    const late = indexed(cfr(30, 10, 0.5));
    expect(await resolveIdentity(late, 0.2, 'exact')).toMatchObject({ pts: 0.5, exact: false, frameNumber: 0 });
  });

  it('gives nothing for an empty index', async () => {
    expect(await resolveIdentity(indexed([]), 1, 'fast')).toBeNull();
  });
});

describe('displayableFrames', () => {
  it('drops an edit list pre-roll (pts < 0) and reorders into presentation order', () => {
    const decodeOrder: TimelineFrame[] = [
      { pts: -0.1, keyframe: true },
      { pts: 0.1, keyframe: false },
      { pts: -0.05, keyframe: false },
      { pts: 0, keyframe: false },
      { pts: 0.05, keyframe: false },
    ];
    expect(Array.from(displayableFrames(packets(decodeOrder)).pts)).toEqual([0, 0.05, 0.1]);
  });

  it('drops packets before the first keyframe (a stream cut mid-GOP)', () => {
    const decodeOrder: TimelineFrame[] = [
      { pts: 0.2, keyframe: false },
      { pts: 0.1, keyframe: false },
      { pts: 0.3, keyframe: true },
      { pts: 0.4, keyframe: false },
    ];
    expect(framesOf(displayableFrames(packets(decodeOrder)))).toEqual([
      { pts: 0.3, keyframe: true },
      { pts: 0.4, keyframe: false },
    ]);
  });

  it('fast mode with only a hidden keyframe before t shows the first displayed frame', async () => {
    const id = await resolveIdentity(indexed([{ pts: -0.9, keyframe: true }, ...cfr(60, 100, 0).map((f) => ({ ...f, keyframe: false })), { pts: 2, keyframe: true }]), 0.2, 'fast');
    expect(id).toMatchObject({ pts: 0, keyframe: false, exact: false, frameNumber: 0 });
  });
});

describe('neighbor on a full index', () => {
  const timeline = indexed(cfr(90, 30));

  it('steps exactly one frame either way, across keyframes', async () => {
    expect(await timeline.neighbor(1, 1)).toEqual({ pts: 31 / 30, keyframe: false });
    expect(await timeline.neighbor(1, -1)).toEqual({ pts: 29 / 30, keyframe: false });
    expect(await timeline.neighbor(29 / 30, 1)).toEqual({ pts: 1, keyframe: true });
  });

  it('stops at the ends', async () => {
    expect(await timeline.neighbor(0, -1)).toBeNull();
    expect(await timeline.neighbor(89 / 30, 1)).toBeNull();
  });
});

describe('best mode candidates', () => {
  // 10 s at 30 fps, a keyframe every second.
  const timeline = indexed(cfr(300, 30));

  it('lists the keyframes inside a window, the one at its end belonging to the next', async () => {
    expect((await timeline.keyframesIn(2, 5, 100)).map((f) => f.pts)).toEqual([2, 3, 4]);
    expect((await timeline.keyframesIn(2.5, 3.5, 100)).map((f) => f.pts)).toEqual([3]);
    expect(await timeline.keyframesIn(2.1, 2.9, 100)).toEqual([]);
    expect((await timeline.keyframesIn(0, 10, 4)).map((f) => f.pts)).toEqual([0, 1, 2, 3]);
  });

  it('without sizes: at most a few keyframes, spread over the window, the nearest its time first', async () => {
    const candidates = await resolveCandidates(timeline, { start: 0, end: 10 }, 5);
    expect(candidates.map((c) => c.pts)).toEqual([5, 8, 1]);
    expect(candidates).toHaveLength(MAX_CANDIDATES);
    expect(candidates.every((c) => c.keyframe && c.frameNumber === Math.round(c.pts * 30))).toBe(true);
    expect(candidates.find((c) => c.pts === 5)?.exact).toBe(true);
  });

  it("with sizes: the window's largest keyframes, largest first, equal sizes nearest the time first", async () => {
    const frames = cfr(300, 30);
    const sizes = frames.map((f, i) => (f.keyframe ? [900, 100, 700, 100, 300, 700, 100, 50, 100, 100][i / 30]! : 10));
    const sized = new IndexedTimeline(displayableFrames({ ...packets(frames), bytes: Uint32Array.from(sizes) }), 30);
    const candidates = await resolveCandidates(sized, { start: 1, end: 10 }, 5);
    // 0 (900 bytes) lies outside the window; 2 and 5 are 700 bytes, 5 nearer the time.
    expect(candidates.map((c) => c.pts)).toEqual([5, 2, 4]);
    expect(candidates).toHaveLength(MAX_CANDIDATES);
  });

  it('without a keyframe in the window: the frame a player shows at its time', async () => {
    const [only, ...rest] = await resolveCandidates(timeline, { start: 2.1, end: 2.9 }, 2.5);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ pts: 75 / 30, keyframe: false, exact: true, frameNumber: 75 });
  });

  it("never a frame from before its window: a window narrower than a frame gets the first frame starting in it", async () => {
    // Frames at 2.5 and 2.5333: the frame shown at 2.52 began at 2.5, before the window [2.51, 2.53).
    const [only] = await resolveCandidates(timeline, { start: 2.51, end: 2.54 }, 2.52);
    expect(only?.pts).toBeCloseTo(76 / 30, 9);
    expect(only?.exact).toBe(false);
  });

  it('spreads evenly', () => {
    expect(spreadOver([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([2, 5, 8]);
    expect(spreadOver([1, 2], 3)).toEqual([1, 2]);
  });
});

describe('frames by number on a full index', () => {
  // B-frames: decode order differs, the index is in presentation order.
  const timeline = indexed([0, 3, 1, 2, 6, 4, 5].map((n) => ({ pts: n / 30, keyframe: n % 6 === 0 })));

  it('counts the displayable frames', () => {
    expect(timeline.frameCount).toBe(7);
    expect(indexed([]).frameCount).toBe(0);
  });

  it('gives frame n in presentation order, the inverse of frameNumber', () => {
    expect(timeline.frameByNumber(0)).toEqual({ pts: 0, keyframe: true });
    expect(timeline.frameByNumber(3)).toEqual({ pts: 3 / 30, keyframe: false });
    expect(timeline.frameByNumber(6)).toEqual({ pts: 6 / 30, keyframe: true });
    for (let n = 0; n < 7; n++) expect(timeline.frameNumber(timeline.frameByNumber(n)!.pts)).toBe(n);
  });

  it('gives nothing out of range or between frames', () => {
    expect(timeline.frameByNumber(7)).toBeNull();
    expect(timeline.frameByNumber(-1)).toBeNull();
    expect(timeline.frameByNumber(1.5)).toBeNull();
  });
});
