// The large view's navigation, against a fake frame service: which frames
// it asks for, and which answers it keeps.
import { describe, expect, it } from 'vitest';
import { LargeViewState, type LargeViewOpening, type LargeViewSources, type TimeSpan } from '../../src/lib/state/largeView.svelte';
import type { VideoEntry } from '../../src/lib/state/library.svelte';
import type { FrameAt, FrameRequest, RenderedFrame, VideoInfo } from '../../src/shared/types';

/** A frame service whose renders resolve when the test says, each with the frame at the time it asked for. */
function fakeFrames() {
  const asked: { at: FrameAt; resolve: (frame: RenderedFrame | null) => void }[] = [];
  const render = (request: FrameRequest) => new Promise<RenderedFrame | null>((resolve) => asked.push({ at: request.at, resolve }));
  return { asked, render };
}

const frameAt = (pts: number, keyframe = false): RenderedFrame => ({ pts, keyframe, pictType: keyframe ? 'I' : 'P', frameNumber: null, frameNumberDerived: true, width: 4, height: 2, jpegs: [new ArrayBuffer(8)], score: { mean: 100, spread: 50, sharpness: 100, hash: '0123456789abcdef' } });

function setup(opening: LargeViewOpening, span?: TimeSpan) {
  const frames = fakeFrames();
  const entry = {
    name: 'clip.mp4',
    file: new File([], 'clip.mp4'),
    info: { duration: 10, width: 4, height: 2 } as VideoInfo,
    engine: 'webcodecs',
    thumbs: [{ index: 2, identity: { pts: 3, keyframe: true } }],
  } as unknown as VideoEntry;
  const library = { frames: { render: frames.render, drawSheet: () => Promise.reject(new Error('unused')) }, adjustThumb: () => {}, videos: [entry], zooms: [] } as unknown as LargeViewSources;
  const view = new LargeViewState(library, entry, opening, 80, span);
  /** Answers request `i` with the frame at its own time (or pts). */
  const answer = async (i: number, frame?: RenderedFrame | null) => {
    const { at, resolve } = frames.asked[i]!;
    resolve(frame !== undefined ? frame : frameAt(at.kind === 'time' ? at.time : at.kind === 'pts' ? at.pts : 0, at.kind === 'time' && at.keyframe));
    await new Promise((r) => setTimeout(r));
  };
  return { view, asked: frames.asked, answer };
}

describe('LargeViewState', () => {
  it('opens on a thumbnail at its pts, or on a time at the exact frame there without a thumbnail', async () => {
    const onThumb = setup({ kind: 'thumb', index: 2 });
    expect(onThumb.view.index).toBe(2);
    expect(onThumb.asked[0]!.at).toEqual({ kind: 'pts', pts: 3, keyframe: true });
    await onThumb.answer(0);
    expect(onThumb.view.onThumbFrame).toBe(true);

    const atTime = setup({ kind: 'time', time: 7.25 });
    expect(atTime.view.index).toBeNull();
    expect(atTime.view.thumb).toBeUndefined();
    expect(atTime.asked[0]!.at).toEqual({ kind: 'time', time: 7.25, keyframe: false });
    await atTime.answer(0);
    expect(atTime.view.frame?.pts).toBe(7.25);
    expect(atTime.view.onThumbFrame).toBe(false);
  });

  it('spans the whole video unless told otherwise', () => {
    expect(setup({ kind: 'time', time: 1 }).view.span).toEqual({ start: 0, end: 10 });
    expect(setup({ kind: 'time', time: 1 }, { start: 2, end: 4 }).view.span).toEqual({ start: 2, end: 4 });
  });

  it('goes to a time or a frame number; text that names neither only says so', async () => {
    const { view, asked, answer } = setup({ kind: 'time', time: 1 });
    await answer(0);
    expect(view.goTo('#12')).toBe(true);
    expect(asked[1]!.at).toEqual({ kind: 'frame', number: 12 });
    await answer(1, frameAt(0.4));
    expect(view.goTo('0:04.500')).toBe(true);
    expect(asked[2]!.at).toEqual({ kind: 'time', time: 4.5, keyframe: false });
    await answer(2);

    expect(view.goTo('later')).toBe(false);
    expect(view.goToError).toContain('"later" is neither a time');
    expect(asked).toHaveLength(3);
    expect(view.frame?.pts).toBe(4.5);
    expect(view.status).toBe('ready');

    view.goTo('#99999');
    await answer(3, null);
    expect(view.message).toBe('There is no frame #99999: the video has fewer frames.');
    expect(view.frame?.pts).toBe(4.5);
    expect(view.goToError).toBeNull();
  });

  it('scrubbing previews keyframes one at a time, the latest value waiting; letting go shows the exact frame and drops late previews', async () => {
    const { view, asked, answer } = setup({ kind: 'time', time: 1 }, { start: 0, end: 8 });
    await answer(0);
    view.scrub(2, false);
    view.scrub(3, false);
    view.scrub(4, false);
    expect(asked.map((a) => a.at)).toEqual([expect.anything(), { kind: 'time', time: 2, keyframe: true }]);
    expect(view.position).toBe(4);
    await answer(1);
    expect(view.frame?.pts).toBe(2);
    // Only the latest of the values scrubbed meanwhile.
    expect(asked[2]!.at).toEqual({ kind: 'time', time: 4, keyframe: true });
    expect(asked).toHaveLength(3);

    view.scrub(20, true);
    expect(asked[3]!.at).toEqual({ kind: 'time', time: 8, keyframe: false });
    await answer(2);
    // The preview of 4 answered after the release: dropped, the frame stays.
    expect(view.frame?.pts).toBe(2);
    expect(view.position).toBe(8);
    await answer(3, frameAt(7.96));
    expect(asked).toHaveLength(4);
    expect(view.frame?.pts).toBe(7.96);
    // Let go, the scrubber follows the frame shown.
    expect(view.position).toBe(7.96);
  });

  it('jumps a second held within the span, and goes to its ends', async () => {
    const { view, asked, answer } = setup({ kind: 'time', time: 4.5 }, { start: 2, end: 5 });
    await answer(0);
    view.jump(1);
    expect(asked[1]!.at).toEqual({ kind: 'time', time: 5, keyframe: false });
    view.jump(-1);
    expect(asked[2]!.at).toEqual({ kind: 'time', time: 3.5, keyframe: false });
    await answer(1);
    await answer(2);
    expect(view.frame?.pts).toBe(3.5);
    view.jump(-1);
    expect(asked[3]!.at).toEqual({ kind: 'time', time: 2.5, keyframe: false });
    view.goToEdge('start');
    view.goToEdge('end');
    expect(asked.slice(4).map((a) => a.at)).toEqual([
      { kind: 'time', time: 2, keyframe: false },
      { kind: 'time', time: 5, keyframe: false },
    ]);
  });
});
