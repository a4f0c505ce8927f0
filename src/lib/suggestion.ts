// A video's thumbnails as an editor sees them judged: each one's flags, and
// the one suggested once the video is done. Pure, derived from the entry.
import { flagThumbs, suggestThumb, type ScoredThumb, type ThumbFlags } from '../shared/frameFlags';
import { coveredSpan } from '../shared/plan';
import type { Span, VideoInfo } from '../shared/types';

export interface Judged {
  flags: Map<number, ThumbFlags>;
  /** The suggested thumbnail's index; null until the video is done, or when it has none. */
  suggested: number | null;
}

interface Judgeable {
  state: string;
  info: Pick<VideoInfo, 'duration'> | null;
  /** A still's description: its one thumbnail is judged over an empty span (it is the suggestion unless it has none). */
  still?: object | null;
  span: Span | null;
  thumbs: readonly { index: number; identity: { pts: number }; score: ScoredThumb['score'] }[];
}

/**
 * The last judgement of each thumbnail list, with what else it read. An
 * entry's list is replaced, never changed in place, so a list seen before
 * is judged already: with 300 videos, the batch's posters bar and each
 * card ask on every thumbnail that arrives anywhere, and only the video
 * that changed is judged again (flagging compares every pair of hashes).
 */
const judgements = new WeakMap<object, { state: string; info: Judgeable['info']; span: Span | null; judged: Judged }>();

export function suggestionOf(entry: Judgeable): Judged {
  const known = judgements.get(entry.thumbs);
  if (known && known.state === entry.state && known.info === entry.info && known.span === entry.span) return known.judged;
  const scored: ScoredThumb[] = entry.thumbs.map((t) => ({ index: t.index, pts: t.identity.pts, score: t.score }));
  const flags = flagThumbs(scored);
  const span = entry.info ? coveredSpan(entry.info.duration, entry.span) : entry.still ? { start: 0, end: 0 } : null;
  const suggested = entry.state === 'done' && span ? suggestThumb(scored, flags, span) : null;
  const judged = { flags, suggested };
  judgements.set(entry.thumbs, { state: entry.state, info: entry.info, span: entry.span, judged });
  return judged;
}
