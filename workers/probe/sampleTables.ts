// A sanity check of an MP4/MOV sample table before Mediabunny reads it.
// Mediabunny expands the timing tables (stts, ctts) entry by entry: one
// flipped bit in an entry's count (up to 2^32 samples) costs seconds of
// blocked worker per reading worker, or all its memory. The spec requires
// the counts to add up to the number of samples (stsz), so a table where
// they claim more samples than there are is damaged, and the file goes to
// ffmpeg, which clamps. So does a file whose boxes, down to the sample
// tables, claim more than their parent holds.

/** A moov bigger than this is not read whole for the check (a 4 GiB, 40-minute file's is about 1 MB). */
const MAX_MOOV_BYTES = 256 * 2 ** 20;
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

interface Box {
  type: string;
  /** Offset of the payload, and its end, within the buffer. */
  start: number;
  end: number;
}

/**
 * The boxes laid out in `view` from `from` to `to`. `intact` is false when
 * a header claims more than is left of its parent: the layout is damaged
 * (Mediabunny read one such stsc for minutes), and the rest is not listed.
 */
function boxes(view: DataView, from: number, to: number): { found: Box[]; intact: boolean } {
  const found: Box[] = [];
  for (let at = from; at + 8 <= to; ) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return { found, intact: false };
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = to - at;
    if (size < header || at + size > to) return { found, intact: false };
    found.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return { found, intact: true };
}

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

/**
 * Whether the boxes of a moov payload (`view`) down to the sample tables are
 * laid out whole, and no sample table has timing entries for more samples
 * than it holds.
 */
export function sampleTablesAgree(view: DataView): boolean {
  const stbls: Box[] = [];
  const walk = (from: number, to: number): boolean => {
    const { found, intact } = boxes(view, from, to);
    for (const box of found) {
      if (box.type === 'stbl') stbls.push(box);
      else if (CONTAINERS.has(box.type) && !walk(box.start, box.end)) return false;
    }
    return intact;
  };
  if (!walk(0, view.byteLength)) return false;
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

/**
 * Finds the file's moov box and checks its sample tables. True when they
 * agree, or when there is no whole moov to check (Mediabunny then explains
 * what is missing).
 */
export async function mp4SampleTablesAgree(file: Blob): Promise<boolean> {
  for (let at = 0; at + 8 <= file.size; ) {
    const head = new DataView(await file.slice(at, at + 16).arrayBuffer());
    let size = head.getUint32(0);
    const type = String.fromCharCode(head.getUint8(4), head.getUint8(5), head.getUint8(6), head.getUint8(7));
    let header = 8;
    if (size === 1 && head.byteLength >= 16) {
      size = Number(head.getBigUint64(8));
      header = 16;
    } else if (size === 0) size = file.size - at;
    if (size < header) return true;
    if (type === 'moov') {
      if (at + size > file.size || size > MAX_MOOV_BYTES) return true;
      return sampleTablesAgree(new DataView(await file.slice(at + header, at + size).arrayBuffer()));
    }
    at += size;
  }
  return true;
}
