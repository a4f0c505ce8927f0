// Which frame is each video's poster: its pick (in the video or a zoomed
// view of it; the earliest when there are several), else its suggestion.
// A video with neither is named with the reason. Pure, over the entries.
import { suggestionOf } from '../suggestion';
import type { ThumbView, VideoEntry } from '../state/library.svelte';

export interface Poster {
  video: VideoEntry;
  /** The entry that holds the thumbnail: the video, or a zoomed view of it. */
  holder: VideoEntry;
  thumb: ThumbView;
  chosen: 'pick' | 'suggestion';
  /** Frames picked in the video and its views: more than one means the earliest was taken. */
  picks: number;
}

export interface NoPoster {
  video: VideoEntry;
  reason: string;
}

/** The video's picked thumbnails, in it and in its zoomed views, earliest frame first. */
function picksOf(video: VideoEntry, views: readonly VideoEntry[]): { holder: VideoEntry; thumb: ThumbView }[] {
  return [video, ...views]
    .flatMap((holder) => holder.thumbs.filter((t) => t.picked).map((thumb) => ({ holder, thumb })))
    .sort((a, b) => a.thumb.identity.pts - b.thumb.identity.pts);
}

function missing(video: VideoEntry): string {
  switch (video.state) {
    case 'error':
      return 'it could not be read';
    case 'cancelled':
      return video.needsFile ? 'it is not finished, and its file is needed' : 'it was cancelled before it finished';
    case 'done':
      return 'none of its thumbnails could be made';
    default:
      return 'it is not finished yet';
  }
}

/** Each video's poster, or why it has none. `viewsOf` gives a video's zoomed views. */
export function postersOf(videos: readonly VideoEntry[], viewsOf: (video: VideoEntry) => readonly VideoEntry[]): { posters: Poster[]; without: NoPoster[] } {
  const posters: Poster[] = [];
  const without: NoPoster[] = [];
  for (const video of videos) {
    const picks = picksOf(video, viewsOf(video));
    const first = picks[0];
    if (first) {
      posters.push({ video, ...first, chosen: 'pick', picks: picks.length });
      continue;
    }
    const index = suggestionOf(video).suggested;
    const thumb = index === null ? undefined : video.thumbs.find((t) => t.index === index);
    if (thumb) posters.push({ video, holder: video, thumb, chosen: 'suggestion', picks: 0 });
    else without.push({ video, reason: missing(video) });
  }
  return { posters, without };
}

/** The suggestion of every video that has nothing picked (in it or its views), as picks to make. */
export function suggestionsToPick(posters: readonly Poster[]): { entry: VideoEntry; index: number }[] {
  return posters.filter((p) => p.chosen === 'suggestion').map((p) => ({ entry: p.video, index: p.thumb.index }));
}
