// Best mode's choice in the worker: candidates decoded, scored, the winner sent.
import { describe, expect, it } from 'vitest';
import type { FrameScore } from '../../src/shared/frameFlags';
import type { RawFrame } from '../../workers/engine';
import { SlotChoices } from '../../workers/slotChoice';

const sharp: FrameScore = { mean: 110, spread: 60, sharpness: 400, hash: '0f0f0f0f0f0f0f0f' };
const black: FrameScore = { mean: 2, spread: 1, sharpness: 0, hash: '0000000000000000' };
const raw = (id: number, pts: number): RawFrame => ({
  id,
  pts,
  rgba: new Uint8ClampedArray(4),
  width: 1,
  height: 1,
  keyframe: true,
  pictType: 'I',
  exact: null,
  decodeMs: 10,
});

describe('SlotChoices', () => {
  const targets = [
    { id: 0, kind: 'pts' as const, pts: 1, keyframe: true },
    { id: 1, kind: 'choice' as const, time: 5, candidates: [4, 5, 6].map((pts) => ({ pts, keyframe: true })) },
  ];

  it('hands the engine plain targets, a choice as its candidates under ids of their own', () => {
    const choices = new SlotChoices(targets);
    expect(choices.engineTargets).toEqual([targets[0], ...[4, 5, 6].map((pts, i) => ({ id: 2 + i, kind: 'pts', pts, keyframe: true }))]);
  });

  it('passes plain targets through and sends a choice once every candidate is in: the best, under the choice id, with their decode time', () => {
    const choices = new SlotChoices(targets);
    expect(choices.frame(raw(0, 1), sharp)).toMatchObject({ kind: 'frame', frame: { raw: { id: 0, pts: 1 } } });
    expect(choices.frame(raw(2, 4), sharp)).toBeNull();
    expect(choices.frame(raw(3, 5), black)).toBeNull();
    const settled = choices.frame(raw(4, 6), sharp);
    expect(settled).toMatchObject({ kind: 'frame', frame: { raw: { id: 1, decodeMs: 30 }, score: sharp } });
    // 4 and 6 score the same and are as near to 5: either, never the black 5.
    expect([4, 6]).toContain(settled?.kind === 'frame' ? settled.frame.raw.pts : null);
  });

  it('never picks a blank candidate over one that is not', () => {
    const choices = new SlotChoices(targets);
    choices.frame(raw(2, 4), black);
    choices.frame(raw(3, 5), black);
    const settled = choices.frame(raw(4, 6), sharp);
    expect(settled?.kind === 'frame' ? settled.frame.raw.pts : null).toBe(6);
  });

  it('misses a choice only when every candidate missed, and chooses among those decoded otherwise', () => {
    const miss = { kind: 'failed' as const, message: 'broken' };
    const allMissed = new SlotChoices(targets);
    expect(allMissed.miss(2, miss)).toBeNull();
    expect(allMissed.miss(3, miss)).toBeNull();
    expect(allMissed.miss(4, miss)).toEqual({ kind: 'miss', id: 1, miss });
    const oneMissed = new SlotChoices(targets);
    oneMissed.frame(raw(2, 4), black);
    oneMissed.miss(3, miss);
    expect(oneMissed.frame(raw(4, 6), sharp)).toMatchObject({ kind: 'frame', frame: { raw: { id: 1, pts: 6 } } });
  });

  it('settles what the engine left unmentioned once it is done', () => {
    const choices = new SlotChoices(targets);
    choices.frame(raw(2, 4), sharp);
    expect(choices.finish()).toMatchObject([{ kind: 'frame', frame: { raw: { id: 1, pts: 4 } } }]);
    expect(choices.finish()).toEqual([]);
  });

  it('keeps its own copy of a candidate’s pixels (an engine may reuse its buffer)', () => {
    const choices = new SlotChoices(targets);
    const frame = raw(2, 4);
    choices.frame(frame, sharp);
    frame.rgba.fill(9);
    const [settled] = choices.finish();
    expect(settled?.kind === 'frame' ? [...settled.frame.raw.rgba] : null).toEqual([0, 0, 0, 0]);
  });
});
