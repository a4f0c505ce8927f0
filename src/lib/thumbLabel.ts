// What a thumbnail says to a screen reader when it takes the focus: its
// time, its frame and the frame's type first (what the card shows in
// figures), then what the page judged of it. Times in words: "00:04.250"
// read aloud is a string of digits and colons. Pure.
import { plural, timeParts } from './format';

export interface ThumbSpeech {
  time: number;
  pts: number;
  frameNumber: number | null;
  frameNumberDerived: boolean;
  pictType: string;
  keyframe: boolean;
  suggested: boolean;
  /** What its badges say, in words, joined ("black, blurry"); empty when none. */
  badges: string;
  /** The time of the earlier thumbnail showing the same frame, if any. */
  repeatOf: number | null;
}

/** `1 hour 2 minutes 5.5 seconds`, `4.25 seconds`, `0 seconds`. */
export function spokenTime(seconds: number): string {
  const { h, m, s, ms } = timeParts(Math.max(0, seconds));
  const secs = ms === 0 ? s : Number(`${s}.${String(ms).padStart(3, '0')}`);
  const parts = [h > 0 ? plural(h, 'hour') : '', h > 0 || m > 0 ? plural(m, 'minute') : '', secs > 0 || (h === 0 && m === 0) ? plural(secs, 'second') : ''];
  return parts.filter(Boolean).join(' ');
}

export function thumbLabel(t: ThumbSpeech): string {
  const frame = t.frameNumber === null ? 'frame number unknown' : `${t.frameNumberDerived ? 'about ' : ''}frame ${t.frameNumber}`;
  const type = `${t.pictType} frame${t.keyframe ? ', keyframe' : ''}`;
  const parts = [`${spokenTime(t.time)}: ${frame}`, type];
  // In fast mode (and best) the frame shown is not at the requested time: say when it is not.
  if (Math.round(t.pts * 1000) !== Math.round(t.time * 1000)) parts.push(`shown frame at ${spokenTime(t.pts)}`);
  if (t.suggested) parts.push('suggested');
  if (t.badges) parts.push(t.badges);
  if (t.repeatOf !== null) parts.push(`the same frame as at ${spokenTime(t.repeatOf)}`);
  return parts.join(', ');
}
