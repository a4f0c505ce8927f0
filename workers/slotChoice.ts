// Best mode's choice, made where the pixels are: a slot's candidates are
// decoded in the order given (the most promising first, see
// resolveCandidates) until one is good (neither blank nor blurry), or all
// have been tried; the best of those decoded is the slot's thumbnail. Only
// the winner is encoded and sent. Other targets pass straight through.
//
// Decoding all three candidates of every slot cost best mode 2.0-2.2x
// fast mode's time (10-minute and 3-minute 1080p bench files); trying the
// largest keyframe first settles most slots with one decode.
import { goodCandidate, pickCandidate, type FrameScore } from '../src/shared/frameFlags';
import type { DecodeTarget, EngineTarget, Miss } from '../src/shared/types';
import type { RawFrame } from './engine';

export interface ScoredFrame {
  raw: RawFrame;
  score: FrameScore;
}

/** What a frame or a miss from the engine settles: a target's frame, a target's miss, or nothing yet. */
export type Settled = { kind: 'frame'; frame: ScoredFrame } | { kind: 'miss'; id: number; miss: Miss } | null;

interface Slot {
  id: number;
  time: number;
  /** The candidates not yet handed to the engine, as engine targets (a candidate a round leaves unmentioned was not decoded). */
  untried: EngineTarget[];
  /** The candidates decoded so far; their pixels are copies (an engine may reuse its buffer). */
  decoded: ScoredFrame[];
  firstMiss: Miss | null;
  settled: boolean;
}

export class SlotChoices {
  private readonly slotOf = new Map<number, Slot>();
  private readonly slots: Slot[] = [];
  private round: EngineTarget[] = [];

  constructor(targets: readonly DecodeTarget[]) {
    let nextId = Math.max(-1, ...targets.map((t) => t.id)) + 1;
    for (const target of targets) {
      if (target.kind !== 'choice') {
        this.round.push(target);
        continue;
      }
      const untried = target.candidates.map(({ pts, keyframe }): EngineTarget => ({ id: nextId++, kind: 'pts', pts, keyframe }));
      const slot: Slot = { id: target.id, time: target.time, untried, decoded: [], firstMiss: null, settled: false };
      for (const candidate of untried) this.slotOf.set(candidate.id, slot);
      this.slots.push(slot);
    }
  }

  /**
   * What the engine decodes next: at first the plain targets and each
   * slot's first candidate (under an id of its own), then each open slot's
   * next. Empty once every slot is settled or out of candidates.
   */
  nextRound(): EngineTarget[] {
    const round = this.round;
    this.round = [];
    for (const slot of this.slots) {
      const next = slot.settled ? undefined : slot.untried.shift();
      if (next) round.push(next);
    }
    return round;
  }

  /** A decoded, scored frame for engine target `raw.id`. */
  frame(raw: RawFrame, score: FrameScore): Settled {
    const slot = this.slotOf.get(raw.id);
    if (!slot) return { kind: 'frame', frame: { raw, score } };
    if (slot.settled) return null;
    slot.decoded.push({ raw: { ...raw, id: slot.id, rgba: raw.rgba.slice() }, score });
    return goodCandidate(score) || slot.untried.length === 0 ? this.choose(slot) : null;
  }

  miss(id: number, miss: Miss): Settled {
    const slot = this.slotOf.get(id);
    if (!slot) return { kind: 'miss', id, miss };
    if (slot.settled) return null;
    slot.firstMiss ??= miss;
    return slot.untried.length === 0 ? this.choose(slot) : null;
  }

  /**
   * Once the engine is done with the rounds: slots whose candidates it
   * left unmentioned choose among those it decoded.
   */
  finish(): Settled[] {
    return this.slots.filter((slot) => !slot.settled && slot.decoded.length > 0).map((slot) => this.choose(slot));
  }

  private choose(slot: Slot): Settled {
    slot.settled = true;
    if (slot.decoded.length === 0) return { kind: 'miss', id: slot.id, miss: slot.firstMiss ?? { kind: 'failed', message: 'No candidate frame could be decoded.' } };
    const best = pickCandidate(slot.decoded.map(({ raw, score }) => ({ score, distance: Math.abs(raw.pts - slot.time) })));
    const winner = slot.decoded[best]!;
    // The winner's decode cost includes the candidates it was chosen over.
    const decodeMs = slot.decoded.reduce((sum, d) => sum + d.raw.decodeMs, 0);
    return { kind: 'frame', frame: { raw: { ...winner.raw, decodeMs }, score: winner.score } };
  }
}
