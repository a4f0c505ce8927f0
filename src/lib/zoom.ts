// "More like this": the span a thumbnail zooms into. Pure.
import { planTimes } from '../shared/plan';
import type { Span } from '../shared/types';

/**
 * From the requested time of thumbnail `index`'s left neighbour to its right
 * neighbour's (the span's own ends for the first and the last), widened to
 * whole milliseconds so the hash (milliseconds) holds it exactly.
 */
export function zoomSpan(span: Span, count: number, index: number): Span {
  const times = planTimes(span, count);
  const start = index > 0 ? times[index - 1]! : span.start;
  const end = index < count - 1 ? times[index + 1]! : span.end;
  return { start: Math.floor(start * 1000) / 1000, end: Math.ceil(end * 1000) / 1000 };
}

/** A frame's pts as the hash's `at` holds it: milliseconds, rounded up so that the frame a player shows there is this one. */
export function atOf(pts: number): number {
  return Math.ceil(pts * 1000 - 1e-6) / 1000;
}
