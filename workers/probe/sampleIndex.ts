// A track's whole index (every sample's pts and sync flag) read straight
// from the moov's sample tables, where the frame timeline needs it. Walking
// the same samples through Mediabunny's packet API costs an await per
// sample: 70 ms in the page for the 10-minute 1080p bench file's 18 000,
// four times that for the 40-minute one, all before the first thumbnail.
// The tables are already in memory (readMoov), and this takes 2 ms.
//
// The timestamps must be Mediabunny's to the last bit, since packets are
// matched to frames by them: the same integer sums, divided once, with the
// same edit-list rule (isobmff-demuxer.ts 1.61: the first edit that is not
// empty sets the offset, the empty ones before it shift it, a rate other
// than 1 is ignored). test/unit/sampleIndex.test.ts compares the two on
// every MP4 and MOV the tests have.
import { editEntries, elstOf, movieTimescale } from './editList';
import { boxes, type Box } from './moovBoxes';

/** The samples of a track in decode order: pts in seconds on Mediabunny's timeline, whether each is a sync sample, and its size in bytes. */
export interface SampleIndex {
  pts: Float64Array;
  keyframe: Uint8Array;
  bytes: Uint32Array;
}

/**
 * The index of track `trackId` in `moov` (the moov box's payload), its
 * first `limit` samples, or null when its tables are not all there or not
 * laid out whole (a fragmented file keeps its samples in moof boxes):
 * Mediabunny is asked then.
 */
export function sampleIndex(moov: DataView, trackId: number, limit = Infinity): SampleIndex | null {
  const top = boxes(moov, 0, moov.byteLength).found;
  const movieScale = movieTimescale(moov, top);
  const trak = top.filter((b) => b.type === 'trak').find((t) => trackIdOf(moov, t) === trackId);
  if (movieScale === null || !trak) return null;
  const trakChildren = boxes(moov, trak.start, trak.end).found;
  const mdia = child(moov, trakChildren, 'mdia');
  const mdhd = mdia && child(moov, mdia, 'mdhd');
  const stbl = mdia && descend(moov, mdia, ['minf', 'stbl']);
  if (!mdhd || !stbl || mdhd.end - mdhd.start < 24) return null;
  const timescale = moov.getUint32(mdhd.start + (moov.getUint8(mdhd.start) === 1 ? 20 : 12));
  if (!timescale) return null;
  const tables = boxes(moov, stbl.start, stbl.end).found;
  const stts = tables.find((b) => b.type === 'stts');
  if (!stts) return null;
  const elst = elstOf(moov, trakChildren);
  const offset = elst ? editOffset(moov, elst, movieScale, timescale) : 0;
  const timing = entries(moov, stts, 8);
  if (!timing) return null;
  let samples = 0;
  for (let i = 0; i < timing.count; i++) samples += moov.getUint32(timing.at + i * 8);
  // Timing for fewer samples than the sizes list (harmless to Mediabunny, which lists them all) is asked of Mediabunny.
  const sizes = tables.find((b) => b.type === 'stsz' || b.type === 'stz2');
  if (!sizes || sizes.end - sizes.start < 12 || moov.getUint32(sizes.start + 8) !== samples) return null;
  const count = Math.min(samples, limit);
  const bytes = sampleSizes(moov, sizes, count);
  const index = bytes && decodeOrder(moov, timing, tables.find((b) => b.type === 'ctts'), tables.find((b) => b.type === 'stss'), offset, timescale, count);
  return index && bytes ? { ...index, bytes } : null;
}

/** The first `count` sample sizes of a stsz (one size for all, or a table) or stz2 (4, 8 or 16-bit fields) box. */
function sampleSizes(view: DataView, box: Box, count: number): Uint32Array | null {
  const out = new Uint32Array(count);
  if (box.type === 'stsz') {
    const uniform = view.getUint32(box.start + 4);
    if (uniform !== 0) return out.fill(uniform);
    if (box.start + 12 + count * 4 > box.end) return null;
    for (let i = 0; i < count; i++) out[i] = view.getUint32(box.start + 12 + i * 4);
    return out;
  }
  const fieldBits = view.getUint8(box.start + 7);
  if (![4, 8, 16].includes(fieldBits) || box.start + 12 + Math.ceil((count * fieldBits) / 8) > box.end) return null;
  for (let i = 0; i < count; i++) {
    const at = box.start + 12 + Math.floor((i * fieldBits) / 8);
    out[i] = fieldBits === 16 ? view.getUint16(at) : fieldBits === 8 ? view.getUint8(at) : (view.getUint8(at) >> (i % 2 ? 0 : 4)) & 0xf;
  }
  return out;
}

function decodeOrder(view: DataView, timing: Table, ctts: Box | undefined, stss: Box | undefined, offset: number, timescale: number, count: number): Omit<SampleIndex, 'bytes'> | null {
  const ticks = new Float64Array(count);
  let n = 0;
  let dts = 0;
  for (let i = 0; i < timing.count && n < count; i++) {
    const samples = view.getUint32(timing.at + i * 8);
    const delta = view.getUint32(timing.at + i * 8 + 4);
    for (let k = 0; k < samples && n < count; k++, dts += delta) ticks[n++] = dts;
  }
  const composition = ctts && entries(view, ctts, 8);
  if (ctts && !composition) return null;
  if (composition) {
    n = 0;
    for (let i = 0; i < composition.count && n < count; i++) {
      const samples = view.getUint32(composition.at + i * 8);
      // Signed, whatever the box's version says, as Mediabunny reads it.
      const shift = view.getInt32(composition.at + i * 8 + 4);
      for (let k = 0; k < samples && n < count; k++) ticks[n++]! += shift;
    }
  }
  const pts = ticks.map((t) => (t - offset) / timescale);
  // No sync table: every sample is one. With one, the first sample is
  // counted a keyframe even if unmarked (a muxer's mistake Mediabunny mends).
  const keyframe = new Uint8Array(count).fill(stss ? 0 : 1);
  if (stss) {
    const sync = entries(view, stss, 4);
    if (!sync) return null;
    keyframe[0] = 1;
    for (let i = 0; i < sync.count; i++) {
      const sample = view.getUint32(sync.at + i * 4) - 1;
      if (sample < count) keyframe[sample] = 1;
    }
  }
  return { pts, keyframe };
}

/**
 * The edit list's shift of the media timeline, in the track's ticks: the
 * first non-empty edit's media time, less the empty edits before it
 * (movie ticks, converted and rounded).
 */
function editOffset(view: DataView, elst: Box, movieScale: number, timescale: number): number {
  let empty = 0;
  for (const { duration, mediaTime, rate } of editEntries(view, elst).edits) {
    if (mediaTime === -1) {
      empty += duration;
      continue;
    }
    if (rate !== 0x10000) return 0;
    return mediaTime - (movieScale ? Math.round((empty / movieScale) * timescale) : 0);
  }
  return 0;
}

/** Where a full box's table starts, and how many entries it holds. */
interface Table {
  at: number;
  count: number;
}

/** The table of a full box whose entries are `entrySize` bytes, or null if they overrun it. */
function entries(view: DataView, box: Box, entrySize: number): Table | null {
  if (box.end - box.start < 8) return null;
  const count = view.getUint32(box.start + 4);
  return box.start + 8 + count * entrySize <= box.end ? { at: box.start + 8, count } : null;
}

function trackIdOf(view: DataView, trak: Box): number | null {
  const tkhd = boxes(view, trak.start, trak.end).found.find((b) => b.type === 'tkhd');
  if (!tkhd || tkhd.end - tkhd.start < 24) return null;
  return view.getUint32(tkhd.start + (view.getUint8(tkhd.start) === 1 ? 20 : 12));
}

function child(view: DataView, parent: Box | Box[], type: string): Box | undefined {
  return (Array.isArray(parent) ? parent : boxes(view, parent.start, parent.end).found).find((b) => b.type === type);
}

function descend(view: DataView, from: Box, path: string[]): Box | undefined {
  let box: Box | undefined = from;
  for (const type of path) box = box && child(view, box, type);
  return box;
}
