// The boxes of an MP4/MOV's moov, read by our own checks before Mediabunny
// reads the file (sampleTables.ts, editList.ts).

/** A moov bigger than this is not read whole for the check (a 4 GiB, 40-minute file's is about 1 MB). */
const MAX_MOOV_BYTES = 256 * 2 ** 20;

export interface Box {
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
export function boxes(view: DataView, from: number, to: number): { found: Box[]; intact: boolean } {
  const found: Box[] = [];
  for (let at = from; at + 8 <= to; ) {
    const head = boxHeader(view, at, to - at);
    if (!head || at + head.size > to) return { found, intact: false };
    found.push({ type: head.type, start: at + head.header, end: at + head.size });
    at += head.size;
  }
  return { found, intact: true };
}

/**
 * The header of the box at `at` in `view`: its type, its whole size (a
 * size of 0 means "to the end", `remaining` bytes) and the header's own
 * length (8, or 16 with a 64-bit size); null when it cannot be read.
 */
function boxHeader(view: DataView, at: number, remaining: number): { type: string; size: number; header: number } | null {
  if (at + 8 > view.byteLength) return null;
  let size = view.getUint32(at);
  const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6), view.getUint8(at + 7));
  let header = 8;
  if (size === 1) {
    if (at + 16 > view.byteLength) return null;
    size = Number(view.getBigUint64(at + 8));
    header = 16;
  } else if (size === 0) size = remaining;
  return size < header ? null : { type, size, header };
}

/** The payload of the file's moov box, or null when there is no whole one of a readable size. */
export async function readMoov(file: Blob): Promise<DataView | null> {
  for (let at = 0; at + 8 <= file.size; ) {
    const head = boxHeader(new DataView(await file.slice(at, at + 16).arrayBuffer()), 0, file.size - at);
    if (!head) return null;
    if (head.type === 'moov') {
      if (at + head.size > file.size || head.size > MAX_MOOV_BYTES) return null;
      return new DataView(await file.slice(at + head.header, at + head.size).arrayBuffer());
    }
    at += head.size;
  }
  return null;
}
