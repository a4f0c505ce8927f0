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

/** The payload of the file's moov box, or null when there is no whole one of a readable size. */
export async function readMoov(file: Blob): Promise<DataView | null> {
  for (let at = 0; at + 8 <= file.size; ) {
    const head = new DataView(await file.slice(at, at + 16).arrayBuffer());
    let size = head.getUint32(0);
    const type = String.fromCharCode(head.getUint8(4), head.getUint8(5), head.getUint8(6), head.getUint8(7));
    let header = 8;
    if (size === 1 && head.byteLength >= 16) {
      size = Number(head.getBigUint64(8));
      header = 16;
    } else if (size === 0) size = file.size - at;
    if (size < header) return null;
    if (type === 'moov') {
      if (at + size > file.size || size > MAX_MOOV_BYTES) return null;
      return new DataView(await file.slice(at + header, at + size).arrayBuffer());
    }
    at += size;
  }
  return null;
}
