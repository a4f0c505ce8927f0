// The picture type (I, P, B) of an encoded frame, read from its bitstream:
// WebCodecs hands back frames without it. Pure: tested in Node.

import { BitReader, descriptionBytes, unescapeNal } from '../bitstream';

/**
 * H.264: the slice_type of the frame's first slice, as ffmpeg reports the
 * frame's type. `nalLengthSize` is 1-4 for length-prefixed (AVCC) data, or
 * 0 for Annex B start codes (MPEG-TS).
 */
export function h264PictureType(data: Uint8Array, nalLengthSize: number): string {
  for (const nal of nalUnits(data, nalLengthSize)) {
    const type = (nal[0] ?? 0) & 0x1f;
    if (type !== 1 && type !== 5) continue; // not a coded slice
    const bits = new BitReader(unescapeNal(nal.subarray(1, 16)));
    bits.ue(); // first_mb_in_slice
    const sliceType = bits.ue() % 5;
    return ['P', 'B', 'I', 'SP', 'SI'][sliceType] ?? '?';
  }
  return '?';
}

/** The NAL unit size field length in an avcC box (its fifth byte's low bits, plus one). */
export function avcNalLengthSize(description: AllowSharedBufferSource | undefined): number {
  if (!description) return 0;
  const bytes = descriptionBytes(description);
  return bytes.length > 4 ? ((bytes[4] ?? 3) & 3) + 1 : 4;
}

function* nalUnits(data: Uint8Array, lengthSize: number): Generator<Uint8Array> {
  if (lengthSize > 0) {
    for (let at = 0; at + lengthSize <= data.length; ) {
      let length = 0;
      for (let i = 0; i < lengthSize; i++) length = length * 256 + (data[at + i] ?? 0);
      at += lengthSize;
      yield data.subarray(at, at + length);
      at += length;
    }
    return;
  }
  // Annex B: units separated by 00 00 01 (or 00 00 00 01).
  let start = -1;
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) yield data.subarray(start, i);
      start = i + 3;
      i += 2;
    }
  }
  if (start >= 0) yield data.subarray(start);
}
