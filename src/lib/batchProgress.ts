// The batch's progress in words: videos done of total, thumbnails, and the
// time left, estimated from the work done so far. Pure.
import type { BatchProgress } from './state/batchQueue.svelte';

/** No estimate before this much work: the first video's probe and the workers' start-up say little about the rest. */
const MIN_ELAPSED_MS = 3000;

/**
 * Milliseconds left at the pace so far, or null while too little is known.
 * The unit of work is the thumbnail (a video settles all of its own:
 * made, missed or cancelled), so a batch of long and short videos is
 * judged by what each asks for, not by its count.
 */
export function timeLeftMs(progress: BatchProgress, elapsedMs: number): number | null {
  if (elapsedMs < MIN_ELAPSED_MS || progress.finished === 0 || progress.thumbs === 0) return null;
  const left = Math.max(0, progress.expectedThumbs - progress.thumbs);
  return (elapsedMs * left) / progress.thumbs;
}

/** "about 3 min", "about 40 s", "less than 10 s". */
export function aboutDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return 'less than 10 s';
  if (s < 60) return `about ${Math.round(s / 5) * 5} s`;
  if (s < 3600) return `about ${Math.round(s / 60)} min`;
  const h = Math.floor(s / 3600);
  return `about ${h} h ${Math.floor((s - h * 3600) / 60)} min`;
}

/** "3 min 12 s", "48 s", "1 h 02 min". */
export function spentDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min`;
}

/** "12 of 300 videos · 180 of 4,500 thumbnails", with failures and cancellations said. */
export function progressLine(progress: BatchProgress): string {
  const number = (n: number) => n.toLocaleString('en');
  const plural = (n: number, word: string) => `${word}${n === 1 ? '' : 's'}`;
  const parts = [
    `${number(progress.finished)} of ${number(progress.videos)} ${plural(progress.videos, 'video')}`,
    `${number(progress.thumbs)} of ${number(progress.expectedThumbs)} ${plural(progress.expectedThumbs, 'thumbnail')}`,
  ];
  if (progress.failed > 0) parts.push(`${progress.failed} failed`);
  if (progress.cancelled > 0) parts.push(`${progress.cancelled} cancelled`);
  return parts.join(' · ');
}
