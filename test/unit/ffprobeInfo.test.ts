import { describe, expect, it } from 'vitest';
import { displaySize, squarePixels } from '../../workers/probe/displaySize';
import { failureFromLog, videoInfoFromFfprobe } from '../../workers/probe/ffprobeInfo';
import { FileFailure } from '../../src/shared/fileFailure';

// Trimmed from what the wasm core's ffprobe writes for the fixtures.
const avi = {
  frames: [{ best_effort_timestamp_time: '0.040000' }, { best_effort_timestamp_time: '0.080000' }, { best_effort_timestamp_time: '0.120000' }],
  streams: [{ codec_name: 'mpeg2video', width: 480, height: 270, sample_aspect_ratio: '1:1', r_frame_rate: '25/1', avg_frame_rate: '25/1', time_base: '1/25' }],
  format: { format_name: 'avi', start_time: '0.000000', duration: '8.000000', nb_streams: 1 },
};
const rotatedSar = {
  streams: [{ codec_name: 'h264', width: 320, height: 360, sample_aspect_ratio: '2:1', avg_frame_rate: '30/1', time_base: '1/15360', side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }],
  format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', start_time: '0.000000', duration: '6.000000', nb_streams: 1 },
};

describe('videoInfoFromFfprobe', () => {
  it('reads container, codec, duration, frame rate, time base and the first frame', () => {
    expect(videoInfoFromFfprobe(JSON.stringify(avi), [])).toEqual({
      container: 'avi',
      codec: 'mpeg2video',
      duration: 8,
      startTime: 0,
      width: 480,
      height: 270,
      codedWidth: 480,
      codedHeight: 270,
      rotation: 0,
      frameRate: 25,
      firstFramePts: 0.04,
      timeBase: 25,
      interlaced: false,
      hdr: null,
      probedBy: 'ffprobe',
      indexed: false,
      webcodecsDecodable: false,
    });
  });

  it('calls a stream interlaced when its leading frames are flagged so', () => {
    const frames = avi.frames.map((f, i) => ({ ...f, interlaced_frame: i === 0 ? 0 : 1 }));
    expect(videoInfoFromFfprobe(JSON.stringify({ ...avi, frames }), []).interlaced).toBe(true);
    expect(videoInfoFromFfprobe(JSON.stringify({ ...avi, frames: frames.map((f) => ({ ...f, interlaced_frame: 0 })) }), []).interlaced).toBe(false);
  });

  it('applies the sample aspect ratio, then the rotation, for the display size', () => {
    const info = videoInfoFromFfprobe(JSON.stringify(rotatedSar), []);
    expect(info).toMatchObject({ container: 'mp4', rotation: 90, width: 360, height: 640, codedWidth: 320, codedHeight: 360 });
  });

  it('says when there is no video track', () => {
    const audio = { streams: [], format: { format_name: 'mov,mp4', duration: '3', nb_streams: 1 } };
    expect(() => videoInfoFromFfprobe(JSON.stringify(audio), [])).toThrow(/no video track/);
  });

  it('refuses frame sizes beyond 8K before anything is decoded', () => {
    const huge = { streams: [{ codec_name: 'h264', width: 65535, height: 65535 }], format: { format_name: 'avi', duration: '1', nb_streams: 1 } };
    const error = (() => {
      try {
        videoInfoFromFfprobe(JSON.stringify(huge), []);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FileFailure);
    expect(error).toMatchObject({ kind: 'too-large' });
  });

  it('explains unreadable output from the log', () => {
    expect(() => videoInfoFromFfprobe('', ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found'])).toThrow(/index \(moov atom\) is missing/);
  });
});

describe('failureFromLog', () => {
  it('turns ffmpeg errors into a kind and words', () => {
    expect(failureFromLog(['/in/0/input.mkv: Invalid data found when processing input'])).toMatchObject({ kind: 'unsupported' });
    expect(failureFromLog([])).toMatchObject({ kind: 'unsupported', message: 'ffmpeg could not read this file.' });
  });
});

describe('squarePixels', () => {
  it('widens wide pixels and heightens tall ones, never shrinks', () => {
    expect(squarePixels(320, 360, 2)).toEqual([640, 360]);
    expect(squarePixels(720, 480, 8 / 9)).toEqual([720, 540]);
    expect(squarePixels(640, 360, null)).toEqual([640, 360]);
  });

  it('ignores a pixel aspect ratio no real file has (a damaged header)', () => {
    // Hostile file 2613 of seed 1: a bit-flipped MPEG-2 sequence header.
    expect(squarePixels(480, 270, 15 / 32783)).toEqual([480, 270]);
    expect(squarePixels(480, 270, 5)).toEqual([480, 270]);
    expect(squarePixels(480, 270, 4)).toEqual([1920, 270]);
    expect(squarePixels(480, 270, Number.NaN)).toEqual([480, 270]);
  });
});

describe('displaySize', () => {
  it('turns the square-pixel size for a quarter turn', () => {
    expect(displaySize(720, 480, 8 / 9, 90)).toEqual({ width: 540, height: 720 });
    expect(displaySize(720, 480, 8 / 9, 180)).toEqual({ width: 720, height: 540 });
  });
});
