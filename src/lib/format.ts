// Formatting for display. Pure.
import type { StillInfo } from '../shared/types';

/** Hours, minutes, seconds and milliseconds of a duration, rounded to the millisecond. */
export function timeParts(seconds: number): { h: number; m: number; s: number; ms: number } {
  const totalMs = Math.round(seconds * 1000);
  return { h: Math.floor(totalMs / 3600000), m: Math.floor(totalMs / 60000) % 60, s: Math.floor(totalMs / 1000) % 60, ms: totalMs % 1000 };
}

/** `mm:ss.mmm`, or `h:mm:ss.mmm` from an hour on. */
export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--.---';
  const negative = seconds < 0;
  const { h, m, s, ms } = timeParts(Math.abs(seconds));
  const mmss = `${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
  return `${negative ? '-' : ''}${h > 0 ? `${h}:` : ''}${mmss}`;
}

// One formatter for every call: toLocaleTimeString() builds a new one each
// time, about 1.7 ms in Chromium; 50 activity entries rendered at once took
// 84 ms that way (CPU profile of 50 videos dropped at once).
const clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** The local wall-clock time of an ISO timestamp, as toLocaleTimeString() shows it. */
export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** `1 video`, `2 videos`. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The first `shown` of `names` in a sentence, and how many more: `a, b, and 3 more`. */
export function someNames(names: readonly string[], shown: number): string {
  return `${names.slice(0, shown).join(', ')}${names.length > shown ? `, and ${names.length - shown} more` : ''}`;
}

/** `n` with leading zeros to `width` digits. */
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A frame's number as the cards show it: `#42`, `≈#42` when derived from pts and frame rate, `frame ?` when unknown. */
export function frameLabel(identity: { frameNumber: number | null; frameNumberDerived: boolean }): string {
  return identity.frameNumber === null ? 'frame ?' : `${identity.frameNumberDerived ? '≈' : ''}#${identity.frameNumber}`;
}

/** A still as its card and exports describe it: `JPEG · 16384×16384 (268 MP)`. */
export function stillSummary(still: Pick<StillInfo, 'format' | 'width' | 'height'>): string {
  const megapixels = (still.width * still.height) / 1e6;
  return `${still.format.toUpperCase()} · ${still.width}×${still.height} (${megapixels >= 10 ? megapixels.toFixed(0) : megapixels.toFixed(1)} MP)`;
}
