import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { avcNalLengthSize, h264IsReference, h264PictureType } from '../../workers/webcodecs/pictureType';

// Slice headers made by hand: NAL header, then first_mb_in_slice = 0 ("1")
// and slice_type as Exp-Golomb: 0 P ("1"), 1 B ("010"), 2 I ("011"), 7 I ("0001000").
const slice = (nalType: number, bits: string) => {
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  const body = padded.match(/.{8}/g)!.map((b) => parseInt(b, 2));
  return [0x60 | nalType, ...body];
};
const avcc = (...nals: number[][]) => Uint8Array.from(nals.flatMap((nal) => [0, 0, 0, nal.length, ...nal]));
const annexB = (...nals: number[][]) => Uint8Array.from(nals.flatMap((nal) => [0, 0, 0, 1, ...nal]));

describe('h264PictureType', () => {
  it('reads slice_type from the first slice, skipping SEI and parameter sets', () => {
    expect(h264PictureType(avcc([0x06, 0x05, 0x01, 0xff], slice(5, '1' + '011')), 4)).toBe('I');
    expect(h264PictureType(avcc(slice(1, '1' + '1')), 4)).toBe('P');
    expect(h264PictureType(avcc(slice(1, '1' + '010')), 4)).toBe('B');
    expect(h264PictureType(avcc(slice(1, '1' + '0001000')), 4)).toBe('I'); // 7 = I, all slices
  });

  it('reads Annex B streams too', () => {
    expect(h264PictureType(annexB([0x09, 0x10], slice(1, '1' + '010')), 0)).toBe('B');
  });

  it('says ? when there is no slice', () => {
    expect(h264PictureType(avcc([0x06, 0x05]), 4)).toBe('?');
    expect(h264PictureType(new Uint8Array(), 4)).toBe('?');
  });

  it('agrees with ffprobe on a real x264 stream', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pict-'));
    const clip = path.join(dir, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-t', '1', '-c:v', 'libx264', '-g', '12', '-bf', '3', clip]);
    const probe = (entries: string) => JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', entries, '-of', 'json', clip]).toString());
    const types = (probe('frame=pict_type').frames as { pict_type: string }[]).map((f) => f.pict_type);
    const packets = probe('packet=pts,pos,size').packets as { pts: string; pos: string; size: string }[];
    const bytes = fs.readFileSync(clip);
    // MP4 samples are length-prefixed (4 bytes); presentation order from pts.
    const parsed = packets
      .map((p) => ({ pts: Number(p.pts), type: h264PictureType(bytes.subarray(Number(p.pos), Number(p.pos) + Number(p.size)), 4) }))
      .sort((a, b) => a.pts - b.pts)
      .map((p) => p.type);
    expect(parsed).toEqual(types);
    expect(new Set(parsed)).toEqual(new Set(['I', 'P', 'B']));
    fs.rmSync(dir, { recursive: true });
  });
});

describe('h264IsReference', () => {
  it("reads nal_ref_idc of the first slice, past SEI and parameter sets", () => {
    expect(h264IsReference(avcc([0x06, 0x05], slice(1, '1' + '010')), 4)).toBe(true); // slice() sets nal_ref_idc 3
    expect(h264IsReference(avcc([0x06, 0x05], [0x01, 0xb8]), 4)).toBe(false); // nal_ref_idc 0
    expect(h264IsReference(annexB([0x21, 0xb8]), 0)).toBe(true); // nal_ref_idc 1
  });

  it('counts a frame without a readable slice a reference, so it is decoded', () => {
    expect(h264IsReference(avcc([0x06, 0x05]), 4)).toBe(true);
  });

  it("agrees with ffmpeg's trace of a real x264 stream with B-pyramid", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ref-'));
    const clip = path.join(dir, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=25', '-t', '2', '-c:v', 'libx264', '-g', '25', '-bf', '3', '-x264-params', 'b-pyramid=normal', clip]);
    // trace_headers prints each slice's NAL header, in decode order.
    const trace = spawnSync('ffmpeg', ['-hide_banner', '-i', clip, '-c', 'copy', '-bsf:v', 'trace_headers', '-f', 'null', '-']).stderr.toString();
    const refIdc = [...trace.matchAll(/nal_ref_idc\s+\d+ = (\d)\s*\n.*nal_unit_type\s+\d+ = (\d+)/g)].filter((m) => m[2] === '1' || m[2] === '5').map((m) => m[1] !== '0');
    const packets = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pos,size', '-of', 'json', clip]).toString()).packets as { pos: string; size: string }[];
    const bytes = fs.readFileSync(clip);
    const parsed = packets.map((p) => h264IsReference(bytes.subarray(Number(p.pos), Number(p.pos) + Number(p.size)), 4));
    expect(parsed).toEqual(refIdc);
    expect(parsed.filter((ref) => !ref).length).toBeGreaterThan(parsed.length / 4);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('avcNalLengthSize', () => {
  it('reads lengthSizeMinusOne from avcC, and 0 (Annex B) without one', () => {
    expect(avcNalLengthSize(Uint8Array.from([1, 0x64, 0, 0x1e, 0xff]))).toBe(4);
    expect(avcNalLengthSize(Uint8Array.from([1, 0x64, 0, 0x1e, 0xfd]))).toBe(2);
    expect(avcNalLengthSize(undefined)).toBe(0);
  });
});
