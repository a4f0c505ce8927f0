// A look at a file's first bytes, to explain failures in the user's terms
// (ffmpeg picks a demuxer from the extension, so a text file named .mp4
// otherwise reads as "an MP4 whose index is missing").

const SNIFF_BYTES = 4096;

export type Sniffed = 'text' | 'binary';

export async function sniff(file: Blob): Promise<Sniffed> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  return looksLikeText(head) ? 'text' : 'binary';
}

/** Printable ASCII, whitespace and UTF-8 multibyte sequences only. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // A multibyte sequence cut at the end of the sample is still text.
    return !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text);
  } catch {
    return bytes.length === SNIFF_BYTES && looksLikeText(bytes.subarray(0, SNIFF_BYTES - 4));
  }
}
