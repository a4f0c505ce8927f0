// What a person types into the large view's "Go to" box: a time
// ("4:12.48", "1:02:03.5", "252.48") or a frame number ("#6312"). Pure.
import type { FrameAt } from '../shared/types';
import { parseTimeInput } from './timeInput';

/** Where "Go to" can go: the exact frame at a time, or a frame by its number. */
export type GoToTarget = Extract<FrameAt, { kind: 'time' } | { kind: 'frame' }>;

/** `#` and a 0-based frame number in presentation order. */
const FRAME_NUMBER = /^#\s*(\d{1,9})$/;

/** The frame the text names, or null when it names none (empty text too). */
export function parseGoToInput(text: string): GoToTarget | null {
  const trimmed = text.trim();
  const frame = FRAME_NUMBER.exec(trimmed);
  if (frame) return { kind: 'frame', number: Number(frame[1]) };
  const time = parseTimeInput(trimmed);
  return time === null ? null : { kind: 'time', time, keyframe: false };
}
