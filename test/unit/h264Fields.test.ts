import { describe, expect, it } from 'vitest';
import { h264CodesFields } from '../../workers/probe/h264Fields';

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (byte) => parseInt(byte, 16));
// The avcC records x264 wrote for 720x576 with +ildct+ilme (MBAFF) and for the progressive h264_bframes.mp4.
const interlaced = hex('0164001effe100186764001eacd940b424d8088000000300800000190f8a14cb01000668fba3cb22c0fdf8f800');
const progressive = hex('0164001effe1001a6764001eacd940a02ff970110000030001000003003c0f162d9601000668ebe3cb22c0fdf8f800');

describe('h264CodesFields', () => {
  it('reads frame_mbs_only_flag from the first SPS, through High profile fields and emulation prevention', () => {
    expect(h264CodesFields(interlaced)).toBe(true);
    expect(h264CodesFields(progressive)).toBe(false);
  });

  it('says false for what it cannot read', () => {
    expect(h264CodesFields(new Uint8Array())).toBe(false);
    expect(h264CodesFields(interlaced.subarray(0, 12))).toBe(false);
    expect(h264CodesFields(Uint8Array.from([1, 0x64, 0, 0x1e, 0xff, 0xe0]))).toBe(false);
  });

  it('reads the SPS in-band from a keyframe in Annex B when there is no avcC (MPEG-TS)', () => {
    const annexB = (avcC: Uint8Array) => {
      const sps = avcC.subarray(8, 8 + ((avcC[6]! << 8) | avcC[7]!));
      return Uint8Array.from([0, 0, 0, 1, 0x09, 0xf0, 0, 0, 0, 1, ...sps, 0, 0, 1, 0x68, 0xeb, 0xe3, 0xcb]);
    };
    expect(h264CodesFields(undefined, annexB(interlaced))).toBe(true);
    expect(h264CodesFields(undefined, annexB(progressive))).toBe(false);
    expect(h264CodesFields(undefined, Uint8Array.from([0, 0, 1, 0x65, 0x88]))).toBe(false);
    expect(h264CodesFields(undefined)).toBe(false);
  });
});
