// Best mode's choice, made where the pixels are: every candidate of a slot
// is decoded and scored, and only the winner is encoded and sent. Other
// targets pass straight through.
import { pickCandidate, type FrameScore } from '../src/shared/frameFlags';
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
  waiting: number;
  /** The candidates decoded so far; their pixels are copies (an engine may reuse its buffer). */
  decoded: ScoredFrame[];
  firstMiss: Miss | null;
}

export class SlotChoices {
  /** What the engine decodes: choices replaced by their candidates, under ids of their own. */
  readonly engineTargets: EngineTarget[] = [];
  private readonly slotOf = new Map<number, Slot>();

  constructor(targets: readonly DecodeTarget[]) {
    let nextId = Math.max(-1, ...targets.map((t) => t.id)) + 1;
    for (const target of targets) {
      if (target.kind !== 'choice') {
        this.engineTargets.push(target);
        continue;
      }
      const slot: Slot = { id: target.id, time: target.time, waiting: target.candidates.length, decoded: [], firstMiss: null };
      for (const candidate of target.candidates) {
        const id = nextId++;
        this.slotOf.set(id, slot);
        this.engineTargets.push({ id, kind: 'pts', pts: candidate.pts, keyframe: candidate.keyframe });
      }
    }
  }

  /** A decoded, scored frame for engine target `raw.id`. */
  frame(raw: RawFrame, score: FrameScore): Settled {
    const slot = this.slotOf.get(raw.id);
    if (!slot) return { kind: 'frame', frame: { raw, score } };
    slot.decoded.push({ raw: { ...raw, id: slot.id, rgba: raw.rgba.slice() }, score });
    return this.settle(slot);
  }

  miss(id: number, miss: Miss): Settled {
    const slot = this.slotOf.get(id);
    if (!slot) return { kind: 'miss', id, miss };
    slot.firstMiss ??= miss;
    return this.settle(slot);
  }

  /** Once the engine is done: slots it left some candidates of unmentioned choose among those it decoded. */
  finish(): Settled[] {
    const open = new Set([...this.slotOf.values()].filter((slot) => slot.waiting > 0 && slot.decoded.length > 0));
    return [...open].map((slot) => this.choose(slot));
  }

  private settle(slot: Slot): Settled {
    if (--slot.waiting > 0) return null;
    return this.choose(slot);
  }

  private choose(slot: Slot): Settled {
    slot.waiting = 0;
    if (slot.decoded.length === 0) return { kind: 'miss', id: slot.id, miss: slot.firstMiss ?? { kind: 'failed', message: 'No candidate frame could be decoded.' } };
    const best = pickCandidate(slot.decoded.map(({ raw, score }) => ({ score, distance: Math.abs(raw.pts - slot.time) })));
    const winner = slot.decoded[best]!;
    // The winner's decode cost includes the candidates it was chosen over.
    const decodeMs = slot.decoded.reduce((sum, d) => sum + d.raw.decodeMs, 0);
    return { kind: 'frame', frame: { raw: { ...winner.raw, decodeMs }, score: winner.score } };
  }
}
