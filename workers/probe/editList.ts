// Where an MP4/MOV video track's presentation ends, from its edit list.
import { boxes, type Box } from './moovBoxes';

/**
 * The end, in seconds on the movie's timeline, of the first video track's
 * edit: its empty edits plus its first media edit. Samples at or after it
 * are decoded but never shown: an iPhone HEVC MOV of 4 frames holds a fifth
 * sample, at 0.133 s, past its 0.107 s edit (ffprobe flags its packet
 * "discard"), and Mediabunny, which reads only where an edit starts, made
 * it 3 thumbnails that ffmpeg could not decode. Null where there is no such
 * edit, and for fragmented files (their moov's edit need not cover the
 * fragments).
 */
export function videoEditEnd(moov: DataView): number | null {
  const top = boxes(moov, 0, moov.byteLength).found;
  const timescale = movieTimescale(moov, top);
  if (!timescale) return null;
  for (const trak of top.filter((b) => b.type === 'trak')) {
    const children = boxes(moov, trak.start, trak.end).found;
    const mdia = children.find((b) => b.type === 'mdia');
    const hdlr = mdia && boxes(moov, mdia.start, mdia.end).found.find((b) => b.type === 'hdlr');
    if (!hdlr || hdlr.end - hdlr.start < 12 || fourcc(moov, hdlr.start + 8) !== 'vide') continue;
    const elst = elstOf(moov, children);
    return elst ? editEnd(moov, elst, timescale) : null;
  }
  return null;
}

/**
 * The movie's timescale (mvhd), or null when the moov has no mvhd or is
 * fragmented (mvex: the fragments carry samples and timing its tables do
 * not list).
 */
export function movieTimescale(moov: DataView, top: Box[]): number | null {
  const mvhd = top.find((b) => b.type === 'mvhd');
  if (!mvhd || mvhd.end - mvhd.start < 24 || top.some((b) => b.type === 'mvex')) return null;
  return moov.getUint32(mvhd.start + (moov.getUint8(mvhd.start) === 1 ? 20 : 12));
}

/** A track's edit list box, from the track's children. */
export function elstOf(moov: DataView, trakChildren: Box[]): Box | undefined {
  const edts = trakChildren.find((b) => b.type === 'edts');
  return edts && boxes(moov, edts.start, edts.end).found.find((b) => b.type === 'elst');
}

function editEnd(view: DataView, elst: Box, timescale: number): number | null {
  const { edits, whole } = editEntries(view, elst);
  // An elst whose entries overrun it says nothing we can trust about where the video ends.
  if (!whole) return null;
  let end = 0;
  for (const { duration, mediaTime } of edits) {
    end += duration;
    // An empty edit (media time -1) delays the media; the first other one is what is shown.
    if (mediaTime !== -1) return duration > 0 ? end / timescale : null;
  }
  return null;
}

/** One edit of an elst: how long it lasts (movie ticks), where in the media it starts (-1: empty), at what rate (16.16 fixed point). */
export interface Edit {
  duration: number;
  mediaTime: number;
  rate: number;
}

/** The edits of an elst box that fit in it; `whole` says whether that is every entry it declares. */
export function editEntries(view: DataView, elst: Box): { edits: Edit[]; whole: boolean } {
  if (elst.end - elst.start < 8) return { edits: [], whole: false };
  const version = view.getUint8(elst.start);
  const declared = view.getUint32(elst.start + 4);
  const entrySize = version === 1 ? 20 : 12;
  const count = Math.min(declared, Math.floor((elst.end - elst.start - 8) / entrySize));
  const edits = Array.from({ length: count }, (_, i) => {
    const at = elst.start + 8 + i * entrySize;
    return {
      duration: version === 1 ? Number(view.getBigUint64(at)) : view.getUint32(at),
      mediaTime: version === 1 ? Number(view.getBigInt64(at + 8)) : view.getInt32(at + 4),
      rate: view.getInt32(at + entrySize - 4),
    };
  });
  return { edits, whole: count === declared };
}

const fourcc = (view: DataView, at: number): string => String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
