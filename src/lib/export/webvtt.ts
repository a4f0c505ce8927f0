// A player's thumbnail track as WebVTT: one cue per thumbnail, its text the
// sprite and the region in it (`sprite-1.jpg#xywh=x,y,w,h`, the media
// fragment video.js, Plyr, JW Player and Vidstack read). Pure.
import { pad, timeParts } from '../format';

export interface ThumbnailCue {
  /** Seconds; a cue covers [start, end). */
  start: number;
  end: number;
  /** The sprite's path, relative to the VTT file. */
  image: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `HH:MM:SS.mmm`, hours always written (WebVTT allows more than two digits of them). */
export function vttTimestamp(seconds: number): string {
  const { h, m, s, ms } = timeParts(Math.max(0, seconds));
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
}

export function thumbnailsVtt(cues: readonly ThumbnailCue[]): string {
  const blocks = cues.map((cue) => `${vttTimestamp(cue.start)} --> ${vttTimestamp(cue.end)}\n${cue.image}#xywh=${cue.x},${cue.y},${cue.width},${cue.height}\n`);
  return ['WEBVTT\n', ...blocks].join('\n');
}
