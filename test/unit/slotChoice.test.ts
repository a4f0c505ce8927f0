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
  const blurry: FrameScore = { mean: 110, spread: 60, sharpness: 5, hash: '0f0f0f0f0f0f0f0f' };
  const candidate = (id: number, pts: number) => ({ id, kind: 'pts', pts, keyframe: true });

  it('hands the engine the plain targets and each choice\'s first candidate, under an id of its own', () => {
    const choices = new SlotChoices(targets);
    expect(choices.nextRound()).toEqual([targets[0], candidate(2, 4)]);
  });

  it('settles a choice on its first candidate when that one is good: one decode, not three', () => {
    const choices = new SlotChoices(targets);
    choices.nextRound();
    expect(choices.frame(raw(0, 1), sharp)).toMatchObject({ kind: 'frame', frame: { raw: { id: 0, pts: 1 } } });
    expect(choices.frame(raw(2, 4), sharp)).toMatchObject({ kind: 'frame', frame: { raw: { id: 1, pts: 4, decodeMs: 10 }, score: sharp } });
    expect(choices.nextRound()).toEqual([]);
    expect(choices.finish()).toEqual([]);
  });

  it('tries the next candidate, round by round, while those decoded are blank or blurry, then sends the best of them with their decode time', () => {
    const choices = new SlotChoices(targets);
    choices.nextRound();
    expect(choices.frame(raw(2, 4), black)).toBeNull();
    expect(choices.nextRound()).toEqual([candidate(3, 5)]);
    expect(choices.frame(raw(3, 5), blurry)).toBeNull();
    expect(choices.nextRound()).toEqual([candidate(4, 6)]);
    // Blurry beats blank when nothing better turns up.
    const settled = choices.frame(raw(4, 6), black);
    expect(settled).toMatchObject({ kind: 'frame', frame: { raw: { id: 1, pts: 5, decodeMs: 30 }, score: blurry } });
    expect(choices.nextRound()).toEqual([]);
  });

  it('misses a choice only when every candidate missed, and chooses among those decoded otherwise', () => {
    const miss = { kind: 'failed' as const, message: 'broken' };
    const allMissed = new SlotChoices(targets);
    allMissed.nextRound();
    expect(allMissed.miss(2, miss)).toBeNull();
    allMissed.nextRound();
    expect(allMissed.miss(3, miss)).toBeNull();
    allMissed.nextRound();
    expect(allMissed.miss(4, miss)).toEqual({ kind: 'miss', id: 1, miss });
    const oneMissed = new SlotChoices(targets);
    oneMissed.nextRound();
    oneMissed.frame(raw(2, 4), black);
    oneMissed.nextRound();
    oneMissed.miss(3, miss);
    oneMissed.nextRound();
    expect(oneMissed.frame(raw(4, 6), sharp)).toMatchObject({ kind: 'frame', frame: { raw: { id: 1, pts: 6 } } });
  });

  it('moves on from a candidate the engine left unmentioned, and settles on what was decoded once the rounds are over', () => {
    const choices = new SlotChoices(targets);
    choices.nextRound();
    choices.frame(raw(2, 4), blurry);
    expect(choices.nextRound()).toEqual([candidate(3, 5)]);
    // Nothing said of 5: the next round offers 6; nothing said of it either.
    expect(choices.nextRound()).toEqual([candidate(4, 6)]);
    expect(choices.nextRound()).toEqual([]);
    expect(choices.finish()).toMatchObject([{ kind: 'frame', frame: { raw: { id: 1, pts: 4 } } }]);
    expect(choices.finish()).toEqual([]);
  });

  it('keeps its own copy of a candidate’s pixels (an engine may reuse its buffer)', () => {
    const choices = new SlotChoices(targets);
    choices.nextRound();
    const frame = raw(2, 4);
    choices.frame(frame, blurry);
    frame.rgba.fill(9);
    const [settled] = choices.finish();
    expect(settled?.kind === 'frame' ? [...settled.frame.raw.rgba] : null).toEqual([0, 0, 0, 0]);
  });
});
