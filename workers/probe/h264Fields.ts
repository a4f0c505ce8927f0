// Whether an H.264 stream may code fields (PAFF or MBAFF: interlaced video),
// read from its sequence parameter set. Mediabunny does
// not say, and Chromium's WebCodecs hands such frames over with both fields
// woven, which shrink to a double image. Pure: tested in Node.
import { BitReader, descriptionBytes, nalUnits, unescapeNal } from '../bitstream';

/**
 * True when the stream's first SPS has frame_mbs_only_flag = 0: read from
 * the decoder config's avcC, or, where there is none (MPEG-TS carries its
 * SPS in-band), from the first keyframe's Annex B NAL units. False when
 * progressive, unreadable or absent.
 */
export function h264CodesFields(description: AllowSharedBufferSource | undefined, keyframe?: Uint8Array): boolean {
  const avcC = descriptionBytes(description);
  if (avcC.length > 0) {
    // AVCDecoderConfigurationRecord: 5 bytes, then the SPS count and the first SPS's length.
    if (avcC.length < 8 || avcC[0] !== 1 || (avcC[5]! & 0x1f) === 0) return false;
    const length = (avcC[6]! << 8) | avcC[7]!;
    return spsCodesFields(avcC.subarray(8, 8 + length));
  }
  for (const nal of nalUnits(keyframe ?? new Uint8Array(), 0)) if (((nal[0] ?? 0) & 0x1f) === 7) return spsCodesFields(nal);
  return false;
}

function spsCodesFields(nal: Uint8Array): boolean {
  if (nal.length < 4 || (nal[0]! & 0x1f) !== 7) return false;
  const bits = new BitReader(unescapeNal(nal.subarray(1)));
  const fieldsAllowed = frameMbsOnly(bits) === 0;
  return fieldsAllowed && !bits.exhausted; // a truncated SPS says nothing
}

/** Profiles whose SPS carries chroma format, bit depths and scaling lists (H.264 7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function frameMbsOnly(bits: BitReader): number {
  const profile = bits.u(8);
  bits.u(16); // constraint flags, level
  bits.ue(); // seq_parameter_set_id
  if (HIGH_PROFILES.has(profile)) {
    const chroma = bits.ue();
    if (chroma === 3) bits.u(1); // separate_colour_plane_flag
    bits.ue(); // bit_depth_luma_minus8
    bits.ue(); // bit_depth_chroma_minus8
    bits.u(1); // qpprime_y_zero_transform_bypass_flag
    if (bits.u(1)) {
      for (let i = 0; i < (chroma === 3 ? 12 : 8); i++) if (bits.u(1)) skipScalingList(bits, i < 6 ? 16 : 64);
    }
  }
  bits.ue(); // log2_max_frame_num_minus4
  const pocType = bits.ue();
  if (pocType === 0) bits.ue();
  else if (pocType === 1) {
    bits.u(1);
    bits.se();
    bits.se();
    const cycle = bits.ue();
    if (cycle > 255) return 1; // past the spec's limit: a damaged SPS, read as progressive
    for (let i = 0; i < cycle; i++) bits.se();
  }
  bits.ue(); // max_num_ref_frames
  bits.u(1); // gaps_in_frame_num_value_allowed_flag
  bits.ue(); // pic_width_in_mbs_minus1
  bits.ue(); // pic_height_in_map_units_minus1
  return bits.u(1);
}

function skipScalingList(bits: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size && next !== 0; j++) {
    next = (last + bits.se() + 256) % 256;
    if (next !== 0) last = next;
  }
}
