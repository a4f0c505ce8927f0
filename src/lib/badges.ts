// What a blank thumbnail is, in the word a person would use. Pure.
import type { FrameScore } from '../shared/frameFlags';

/** Mean luma below this reads as black, above WHITE as white (0..255). */
const BLACK = 40;
const WHITE = 215;

/** `black`, `white`, or `blank` (one flat colour, a fade's middle). */
export function blankLabel(score: Pick<FrameScore, 'mean'>): string {
  if (score.mean < BLACK) return 'black';
  if (score.mean > WHITE) return 'white';
  return 'blank';
}
