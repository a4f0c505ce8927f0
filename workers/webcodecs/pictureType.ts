// The picture type (I, P, B) of an encoded frame, read from its bitstream:
// WebCodecs hands back frames without it. Pure: tested in Node.

import { BitReader, descriptionBytes, nalUnits, unescapeNal } from '../bitstream';

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

/**
 * H.264: whether the frame may be a reference for others (nal_ref_idc of
 * its first slice is not 0). A frame no other frame refers to need not be
 * decoded on the way to a later one: with x264's default B-pyramid, half
 * the frames of a GOP. True when there is no slice to read (the decoder
 * gets it, as before).
 */
export function h264IsReference(data: Uint8Array, nalLengthSize: number): boolean {
  for (const nal of nalUnits(data, nalLengthSize)) {
    const header = nal[0] ?? 0;
    const type = header & 0x1f;
    if (type === 1 || type === 5) return (header & 0x60) !== 0;
  }
  return true;
}

/** The NAL unit size field length in an avcC box (its fifth byte's low bits, plus one). */
export function avcNalLengthSize(description: AllowSharedBufferSource | undefined): number {
  if (!description) return 0;
  const bytes = descriptionBytes(description);
  return bytes.length > 4 ? ((bytes[4] ?? 3) & 3) + 1 : 4;
}
