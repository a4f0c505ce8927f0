// The WebCodecs path's tone map against native ffmpeg's (zscale + tonemap,
// the same chain pictures.spec holds both engines to), on frames native
// ffmpeg decodes: the fixtures WebCodecs gets, and the real camera and
// iPhone files it cannot decode in this Chromium (HEVC). Unrotated: the
// turn is drawFrame's business.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toneMapToRgba } from '../../workers/webcodecs/toneMap';

const TONE_MAP = 'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=gbrp';

function ffmpeg(file: string, filters: string, pixFmt: string): Buffer {
  return execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-noautorotate', '-i', file, '-an', '-vf', filters, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', pixFmt, '-'], {
    maxBuffer: 256 << 20,
  });
}

/** PSNR (dB) over RGB of two RGBA images. */
function psnr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let squared = 0;
  let count = 0;
  for (let p = 0; p < a.length; p += 4) {
    for (let c = 0; c < 3; c++, count++) squared += (a[p + c]! - b[p + c]!) ** 2;
  }
  return 10 * Math.log10((255 * 255) / (squared / count));
}

const cases = [
  { file: 'test/fixtures/.cache/vp9_hlg.webm', transfer: 'hlg', width: 640, height: 360, floor: 40 },
  { file: 'test/fixtures/.cache/vp9_pq.webm', transfer: 'pq', width: 640, height: 360, floor: 40 },
  { file: 'test/fixtures/realworld/ax_hlg10.mp4', transfer: 'hlg', width: 1920, height: 1080, floor: 40 },
  { file: 'test/fixtures/realworld/ax_dolbyvision_hdr.mov', transfer: 'hlg', width: 1280, height: 720, floor: 40 },
] as const;

describe('toneMapToRgba', () => {
  for (const { file, transfer, width, height, floor } of cases) {
    // Native ffmpeg decodes and tone-maps a 1080p frame three times: seconds on a busy 2-core machine.
    it(`matches ffmpeg's zscale + tonemap on ${path.basename(file)} (${transfer}), at full and thumbnail size`, { timeout: 60_000 }, () => {
      const raw = ffmpeg(file, 'null', 'yuv420p10le');
      const samples = new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
      const chroma = (width / 2) * (height / 2);
      const plane = (offset: number, stride: number) => ({ data: samples, offset, stride, step: 1 });
      const planes = {
        kind: 'yuv',
        width,
        height,
        bitDepth: 10,
        chromaShiftX: 1,
        chromaShiftY: 1,
        fullRange: false,
        y: plane(0, width),
        u: plane(width * height, width / 2),
        v: plane(width * height + chroma, width / 2),
      } as const;
      for (const [w, h] of [[width, height], [320, Math.round((320 * height) / width)]] as const) {
        const mine = toneMapToRgba(planes, w, h, transfer);
        const right = ffmpeg(file, `${TONE_MAP},scale=${w}:${h}:flags=area`, 'rgba');
        const naive = ffmpeg(file, `scale=${w}:${h}:flags=area`, 'rgba');
        const report = `${w}x${h}: ${psnr(mine, right).toFixed(1)} dB to ffmpeg's tone map, ${psnr(mine, naive).toFixed(1)} dB to the naive conversion`;
        expect(psnr(mine, right), report).toBeGreaterThanOrEqual(floor);
        expect(psnr(mine, right) - psnr(mine, naive), report).toBeGreaterThanOrEqual(8);
      }
    });
  }
});
