// Our read of the sample tables against Mediabunny's packets, on every
// MP4, MOV and 3GP the tests have: the timelines must agree to the bit,
// since WebCodecs frames are matched to packets by these timestamps.
import fs from 'node:fs';
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { readMoov } from '../../workers/probe/moovBoxes';
import { sampleIndex } from '../../workers/probe/sampleIndex';
import { media } from '../support/truth.mjs';

const FILES = [
  'h264_bframes.mp4',
  'h264_1080p.mp4',
  'editlist.mp4',
  'late_video.mp4',
  'four_frames.mp4',
  'rotated.mp4',
  'sar2.mp4',
  'vfr.mp4',
  'hevc.mp4',
  'av1.mp4',
  'best_frames.mp4',
  'realworld/ax_av1.mp4',
  'realworld/ax_dolbyvision_hdr.mov',
  'realworld/ax_h263.3gp',
  'realworld/ax_h265_bframes.mp4',
  'realworld/ax_hlg10.mp4',
  'realworld/ax_mpeg4part2.mp4',
  'realworld/ax_portrait.mp4',
  'realworld/ax_rotate_reflect.mp4',
  'realworld/ft_fixture.3gp',
  'realworld/mb_cursed-vfr.mp4',
  'realworld/mp_h264_white_frame_sar_16_9.mp4',
  'realworld/mp_tiny_av1.mp4',
  'realworld/mp_video_rotation_90.mp4',
];

async function mediabunnyIndex(path: string): Promise<{ trackId: number; pts: number[]; keyframe: number[]; bytes: number[] }> {
  const input = new Input({ source: new FilePathSource(path), formats: ALL_FORMATS });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error(`${path}: no video track`);
  const sink = new EncodedPacketSink(track);
  const pts: number[] = [];
  const keyframe: number[] = [];
  const bytes: number[] = [];
  for await (const packet of sink.packets(undefined, undefined, { metadataOnly: true })) {
    pts.push(packet.timestamp);
    keyframe.push(packet.type === 'key' ? 1 : 0);
    bytes.push(packet.byteLength);
  }
  return { trackId: track.id, pts, keyframe, bytes };
}

describe('sampleIndex', () => {
  for (const name of FILES) {
    it(`gives Mediabunny's timestamps, keyframes and sizes for every sample of ${name}`, async () => {
      const path = media(name);
      const expected = await mediabunnyIndex(path);
      const moov = await readMoov(new Blob([fs.readFileSync(path)]));
      const index = moov && sampleIndex(moov, expected.trackId);
      expect(index).not.toBeNull();
      expect(Array.from(index!.pts)).toEqual(expected.pts);
      expect(Array.from(index!.keyframe)).toEqual(expected.keyframe);
      expect(Array.from(index!.bytes)).toEqual(expected.bytes);
    });
  }

  it('leaves a fragmented file (samples in moof boxes) to Mediabunny', async () => {
    const path = media('realworld/ax_fragmented.mp4');
    const { trackId } = await mediabunnyIndex(path);
    const moov = await readMoov(new Blob([fs.readFileSync(path)]));
    expect(moov && sampleIndex(moov, trackId)).toBeNull();
  });

  it('has no index for a track the moov does not hold', async () => {
    const moov = await readMoov(new Blob([fs.readFileSync(media('h264_bframes.mp4'))]));
    expect(moov && sampleIndex(moov, 99)).toBeNull();
  });
});
