// Scores of real frames, pulled with the system ffmpeg at thumbnail size as
// the page has them, from best_frames.mp4 (test/fixtures/bestFrames.mjs has
// its stretches) and the real-world corpus; and what flagThumbs and
// suggestThumb make of them.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BEST_FRAMES, BEST_FRAMES_SEGMENTS, segmentAt } from '../fixtures/bestFrames.mjs';
import { flagThumbs, hashDistance, isBlank, suggestThumb, type FrameScore, type ScoredThumb } from '../../src/shared/frameFlags';
import { scoreFrame } from '../../workers/score/frameScore';
import { media } from '../support/truth.mjs';

const ffmpegArgs = ['-hide_banner', '-loglevel', 'error', '-nostdin'];

/** The first `count` frames `filters` pick from fixture `name` (as media() takes it) after `seek` seconds, at `width` px, in RGBA. */
function frames(name: string, { filters = 'null', width = 320, count = 1, seek = 0 } = {}): { width: number; height: number; rgba: Uint8ClampedArray[] } {
  const decode = (n: number) => execFileSync('ffmpeg', [...ffmpegArgs, ...(seek > 0 ? ['-ss', String(seek)] : []), '-i', media(name), '-an',
    '-vf', `${filters},scale=${width}:-2:flags=area`, '-fps_mode', 'passthrough', '-frames:v', String(n), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 256 << 20 });
  const raw = decode(count);
  const size = count === 1 ? raw.length : decode(1).length;
  const rgba = Array.from({ length: raw.length / size }, (_, i) => new Uint8ClampedArray(raw.buffer, raw.byteOffset + i * size, size));
  if (rgba.length !== count) throw new Error(`${name}: ${rgba.length} frames, not ${count}`);
  return { width, height: size / 4 / width, rgba };
}

/** The score of the frame at `time` seconds of `name`, at `width` px. */
function scoreAt(name: string, time: number, width = 320): FrameScore {
  const { height, rgba } = frames(name, { width, seek: time });
  return scoreFrame(rgba[0]!, width, height);
}

/** A frame through a JPEG at ffmpeg's -q:v 5 and back. */
function throughJpeg(rgba: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const raw = ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`];
  const jpeg = execFileSync('ffmpeg', [...ffmpegArgs, ...raw, '-i', '-', '-q:v', '5', '-f', 'mjpeg', '-'], { input: rgba });
  const back = execFileSync('ffmpeg', [...ffmpegArgs, '-f', 'mjpeg', '-i', '-', ...raw, '-'], { input: jpeg });
  return new Uint8ClampedArray(back.buffer, back.byteOffset, back.length);
}

describe('scoreFrame', () => {
  it('measures luma with BT.709 weights, and a flat frame has no spread, no sharpness', () => {
    const green = new Uint8ClampedArray(320 * 180 * 4).map((_, i) => (i % 4 === 1 || i % 4 === 3 ? 255 : 0));
    const score = scoreFrame(green, 320, 180);
    expect(score.mean).toBeCloseTo(0.7152 * 255, 3);
    expect(score.spread).toBeCloseTo(0, 3);
    expect(score.sharpness).toBeCloseTo(0, 3);
    expect(score.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('scores a 320 px and a 640 px thumbnail of one frame within 25% in sharpness', { timeout: 30_000 }, () => {
    for (const [name, time] of [['best_frames.mp4', 8], ['best_frames.mp4', 20], ['realworld/mm_short.ogv', 2], ['realworld/sk_bframes.ts', 1]] as const) {
      const ratio = scoreAt(name, time, 640).sharpness / scoreAt(name, time, 320).sharpness;
      expect(ratio, `${name} at ${time} s`).toBeGreaterThan(0.75);
      expect(ratio, `${name} at ${time} s`).toBeLessThan(1.25);
    }
  });

  it('hashes a frame and its JPEG (-q:v 5) the same: a duplicate, a few bits apart', { timeout: 30_000 }, () => {
    for (const [name, time] of [['best_frames.mp4', 8], ['best_frames.mp4', 15], ['best_frames.mp4', 20], ['realworld/mm_short.ogv', 2], ['realworld/ax_sample.avi', 1.5], ['realworld/sk_bframes.ts', 1]] as const) {
      const { width, height, rgba } = frames(name, { seek: time });
      const original = scoreFrame(rgba[0]!, width, height);
      const decoded = scoreFrame(throughJpeg(rgba[0]!, width, height), width, height);
      expect(hashDistance(original.hash, decoded.hash), `${name} at ${time} s`).toBeLessThanOrEqual(4);
      const flags = flagThumbs([{ index: 0, pts: 0, score: original }, { index: 1, pts: 1, score: decoded }]);
      expect(flags.get(1)?.flags, `${name} at ${time} s`).toContain('duplicate');
    }
  });
});

describe("best_frames.mp4's stretches", () => {
  // A thumbnail every half second, as a run of 80 would have them.
  const { width, height, rgba } = frames(BEST_FRAMES.name, { filters: `select=not(mod(n\\,${BEST_FRAMES.rate / 2}))`, count: BEST_FRAMES.duration * 2 });
  const thumbs: ScoredThumb[] = rgba.map((pixels, index) => ({ index, pts: index / 2, score: scoreFrame(pixels, width, height) }));
  const flags = flagThumbs(thumbs);
  const flagsAt = (t: ScoredThumb) => flags.get(t.index)?.flags;
  const inKind = (kind: string) => thumbs.filter((t) => segmentAt(t.pts).kind === kind);

  it('flags the black lead-in and lead-out blank, and the dark quarter of each fade; the rest of a fade is a picture', { timeout: 30_000 }, () => {
    for (const t of inKind('black')) expect(flagsAt(t), `${t.pts} s`).toContain('blank');
    for (const fade of BEST_FRAMES_SEGMENTS.filter((s) => s.kind === 'fade')) {
      const fadingIn = fade.start < BEST_FRAMES.duration / 2;
      const quarter = (fade.end - fade.start) / 4;
      const dark = fadingIn ? fade.start + quarter : fade.end - quarter;
      const bright = fadingIn ? fade.end - quarter : fade.start + quarter;
      expect(isBlank(scoreAt(BEST_FRAMES.name, dark)), `${dark} s`).toBe(true);
      expect(isBlank(scoreAt(BEST_FRAMES.name, bright)), `${bright} s`).toBe(false);
    }
  });

  it('leaves the sharp moving content unflagged: not blank, not blurry, no two alike', () => {
    expect(inKind('sharp').length).toBeGreaterThan(30);
    for (const t of inKind('sharp')) expect(flagsAt(t), `${t.pts} s`).toEqual([]);
  });

  it('flags the out-of-focus stretch blurry, and only that', () => {
    for (const t of inKind('blurry')) expect(flagsAt(t), `${t.pts} s`).toEqual(['blurry']);
  });

  it("flags the slide's frames duplicates of its first, and none of the moving content", () => {
    const [first, ...rest] = inKind('slide');
    expect(flagsAt(first!)).toEqual([]);
    for (const t of rest) expect(flags.get(t.index), `${t.pts} s`).toEqual({ flags: ['duplicate'], sameAs: { index: first!.index, pts: first!.pts } });
    for (const t of thumbs.filter((t) => segmentAt(t.pts).kind !== 'slide' && !flagsAt(t)?.includes('blank'))) {
      expect(hashDistance(t.score!.hash, first!.score!.hash), `${t.pts} s`).toBeGreaterThan(6);
    }
  });

  it('suggests a sharp thumbnail', () => {
    const suggested = suggestThumb(thumbs, flags, { start: 0, end: BEST_FRAMES.duration });
    expect(suggested).not.toBeNull();
    expect(segmentAt(thumbs[suggested!]!.pts).kind).toBe('sharp');
  });
});

describe('the real-world corpus', () => {
  it('calls white, black and flat frames blank', { timeout: 30_000 }, () => {
    for (const [name, time, why] of [
      ['realworld/mp_h264_white_frame_sar_16_9.mp4', 0, 'a white frame'],
      ['realworld/ft_fixture.flv', 0, 'white with a grey stripe'],
      ['realworld/ax_keyframe_index.flv', 0, 'black, before a fade in'],
      ['realworld/ax_sample.avi', 0.5, 'black with a faint bird, fading in'],
      ['realworld/mb_cursed-vfr.mp4', 0, 'an empty dark editor'],
    ] as const) expect(isBlank(scoreAt(name, time)), `${name} at ${time} s: ${why}`).toBe(true);
  });

  it('calls real pictures neither blank nor blurry, faint, dark or soft ones too', { timeout: 30_000 }, () => {
    for (const [name, time, why] of [
      ['realworld/ax_sample.avi', 1.5, 'a bird on an even blue sky'],
      ['realworld/mb_cursed-vfr.mp4', 3, 'a dark screen recording'],
      ['realworld/mb_frames.webm', 3, 'a white card with a number'],
      ['realworld/ax_keyframe_index.flv', 2.5, 'soft pastel clouds'],
      ['realworld/sk_video.ts', 0, 'an out-of-focus close-up'],
      ['realworld/mm_short.ogv', 2, 'a street'],
      ['realworld/sk_bframes.ts', 1, 'a bus'],
      ['realworld/ax_vp9_p2_10bit.webm', 0, 'a title over a landscape'],
    ] as const) {
      const score = scoreAt(name, time);
      expect(flagThumbs([{ index: 0, pts: time, score }]).get(0)?.flags, `${name} at ${time} s: ${why}`).toEqual([]);
    }
  });
});
