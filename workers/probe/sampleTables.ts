// A sanity check of an MP4/MOV sample table before Mediabunny reads it.
// Mediabunny expands the timing tables (stts, ctts) entry by entry: one
// flipped bit in an entry's count (up to 2^32 samples) costs seconds of
// blocked worker per reading worker, or all its memory. The spec requires
// the counts to add up to the number of samples (stsz), so a table where
// they claim more samples than there are is damaged, and the file goes to
// ffmpeg, which clamps. So does a file whose boxes, down to the sample
// tables, claim more than their parent holds.
import { boxes, type Box } from './moovBoxes';

/** Sum of the first field of each 8-byte entry of a stts/ctts box, or null if the box is malformed. */
function entryCountSum(view: DataView, box: Box, limit: number): number | null {
  if (box.end - box.start < 8) return null;
  const entries = view.getUint32(box.start + 4);
  if (box.start + 8 + entries * 8 > box.end) return null;
  let sum = 0;
  for (let i = 0; i < entries; i++) {
    sum += view.getUint32(box.start + 8 + i * 8);
    if (sum > limit) return sum;
  }
  return sum;
}

/** Number of samples a stsz or stz2 box declares. */
function sampleCount(view: DataView, box: Box): number | null {
  return box.end - box.start >= 12 ? view.getUint32(box.start + 8) : null;
}

/** The moov's sample tables (stbl boxes), or null when the boxes down to them are not laid out whole. */
const SAMPLE_TABLE_PATH = new Set(['trak', 'mdia', 'minf']);

function sampleTableBoxes(view: DataView): Box[] | null {
  const stbls: Box[] = [];
  const walk = (from: number, to: number): boolean => {
    const { found, intact } = boxes(view, from, to);
    for (const box of found) {
      if (box.type === 'stbl') stbls.push(box);
      else if (SAMPLE_TABLE_PATH.has(box.type) && !walk(box.start, box.end)) return false;
    }
    return intact;
  };
  return walk(0, view.byteLength) ? stbls : null;
}

/**
 * Whether the moov (`view`) has samples of its own and says fragments
 * follow (an mvex box): a recording cut into fragments after it started.
 * Mediabunny lists only the moov's samples of such a file
 * (ax_partially_fragmented.mp4: every frame after the first second missing).
 */
export function samplesAndFragments(view: DataView): boolean {
  if (!boxes(view, 0, view.byteLength).found.some((box) => box.type === 'mvex')) return false;
  return (sampleTableBoxes(view) ?? []).some((stbl) => {
    const sizes = boxes(view, stbl.start, stbl.end).found.find((b) => b.type === 'stsz' || b.type === 'stz2');
    return (sizes ? sampleCount(view, sizes) ?? 0 : 0) > 0;
  });
}

/**
 * Whether the boxes of a moov payload (`view`) down to the sample tables are
 * laid out whole, and no sample table has timing entries for more samples
 * than it holds.
 */
export function sampleTablesAgree(view: DataView): boolean {
  const stbls = sampleTableBoxes(view);
  if (!stbls) return false;
  for (const stbl of stbls) {
    const { found: children, intact } = boxes(view, stbl.start, stbl.end);
    if (!intact) return false;
    const sizes = children.find((b) => b.type === 'stsz' || b.type === 'stz2');
    const samples = sizes ? sampleCount(view, sizes) : null;
    if (samples === null) continue; // fragmented files keep their tables in moof boxes
    for (const timing of children.filter((b) => b.type === 'stts' || b.type === 'ctts')) {
      const sum = entryCountSum(view, timing, samples);
      // Too few is harmless (and some muxers write it); too many is what costs.
      if (sum === null || sum > samples) return false;
    }
  }
  return true;
}
