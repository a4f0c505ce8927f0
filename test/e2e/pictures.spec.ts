// Pictures that look right, measured against what native ffmpeg makes of
// the same frame at the same size: the page's thumbnail must be close to
// the properly processed frame and clearly closer to it than to the naive one.
import { execFileSync } from 'node:child_process';
import { expect, media, test, truth, type App, type ThumbData } from './fixtures';

/**
 * The frame at `pts` (seconds from the container start) as native ffmpeg
 * makes it with `filters` then the page's scaler, in RGBA, as base64.
 */
function nativeFrame(name: string, pts: number, filters: string[], width: number, height: number): string {
  // -copyts: t is on the file's own clock, as the frame's pts plus the container start.
  const chain = [...filters, `select=lt(abs(t-${truth(name).startTime + pts})\\,0.0005)`, `scale=${width}:${height}:flags=area`, 'setsar=1'].join(',');
  const rgba = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-copyts', '-i', media(name), '-an', '-vf', chain, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
    maxBuffer: 64 << 20,
  });
  expect(rgba.length, `native ffmpeg's frame at ${pts}`).toBe(width * height * 4);
  return rgba.toString('base64');
}

/** PSNR (dB, RGB) of the thumbnail shown at `index` against each reference frame, computed in the page. */
async function psnrAgainst(app: App, name: string, index: number, references: string[]): Promise<number[]> {
  const img = app.video(name).locator(`[data-testid="thumb"][data-index="${index}"] img`);
  return img.evaluate(async (node, references) => {
    const image = node as HTMLImageElement;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const mine = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    return references.map((base64) => {
      const theirs = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      let squared = 0;
      for (let p = 0; p < mine.length; p += 4) {
        for (let c = 0; c < 3; c++) squared += (mine[p + c]! - theirs[p + c]!) ** 2;
      }
      return 10 * Math.log10((255 * 255) / (squared / ((mine.length / 4) * 3)));
    });
  }, references);
}

/** ffmpeg's documented HDR to SDR BT.709 conversion (zscale + tonemap), at full size. */
const TONE_MAP = 'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=gbrp';
const YADIF = 'yadif=mode=send_frame:parity=auto:deint=interlaced';

interface Measured {
  pts: number;
  /** PSNR to the frame processed as it should be. */
  right: number;
  /** PSNR to the frame converted naively. */
  naive: number;
}

/**
 * Extracts `count` thumbnails of `file` and measures each one after the
 * first against native ffmpeg's frame at its pts, processed by `right` and
 * naively. At quality 100 the JPEG costs little (45 dB to native yadif);
 * at the default 80 the same frame measured 28.6 dB.
 */
async function measure(app: App, file: string, right: string): Promise<{ measured: Measured[]; report: string }> {
  const name = file.split('/').at(-1)!;
  await app.open('mode=exact&count=5&quality=100');
  await app.drop(file);
  expect(await app.settled(name)).toBe('done');
  const thumbs: ThumbData[] = await app.thumbs(name);
  const measured: Measured[] = [];
  for (const t of thumbs.slice(1)) {
    const refs = [[right], []].map((filters) => nativeFrame(file, t.pts, filters, t.naturalWidth, t.naturalHeight));
    const [rightDb, naiveDb] = await psnrAgainst(app, name, t.index, refs);
    measured.push({ pts: t.pts, right: rightDb!, naive: naiveDb! });
  }
  const report = measured.map((m) => `${m.pts.toFixed(2)} s: ${m.right.toFixed(1)} dB right, ${m.naive.toFixed(1)} dB naive`).join('; ');
  return { measured, report };
}

/** Each thumbnail at least `floor` dB to the right frame, and `margin` dB closer to it than to the naive one. */
function expectRight({ measured, report }: { measured: Measured[]; report: string }, floor: number, margin: number): void {
  for (const m of measured) {
    expect(m.right, `${report}: at ${m.pts} s against the right frame`).toBeGreaterThanOrEqual(floor);
    expect(m.right - m.naive, `${report}: at ${m.pts} s closer to the right frame than to the naive one`).toBeGreaterThanOrEqual(margin);
  }
}

test('interlaced frames are deinterlaced: a 576i broadcast TS gives whole frames, not two fields woven', async ({ app }, testInfo) => {
  const result = await measure(app, 'mpeg2_broadcast.ts', YADIF);
  testInfo.annotations.push({ type: 'PSNR to native yadif, and to the woven frame', description: result.report });
  expectRight(result, 40, 10);
});

test('interlaced H.264 in MP4 goes to ffmpeg.wasm and is deinterlaced there (WebCodecs would weave its fields)', async ({ app }, testInfo) => {
  const result = await measure(app, 'h264_interlaced.mp4', YADIF);
  await expect(app.video('h264_interlaced.mp4')).toHaveAttribute('data-engine', 'ffmpeg');
  testInfo.annotations.push({ type: 'PSNR to native yadif, and to the woven frame', description: result.report });
  expectRight(result, 40, 10);
});

// HLG in HEVC, from a camera and from an iPhone (Dolby Vision 8.4 with its
// HLG base layer): ffmpeg.wasm decodes both in this Chromium.
for (const file of ['realworld/ax_hlg10.mp4', 'realworld/ax_dolbyvision_hdr.mov']) {
  test(`HDR is tone-mapped to SDR BT.709 as ffmpeg's zscale and tonemap do it: ${file}`, async ({ app }, testInfo) => {
    const result = await measure(app, file, TONE_MAP);
    testInfo.annotations.push({ type: 'PSNR to native zscale + tonemap, and to the naive conversion', description: result.report });
    expectRight(result, 35, 8);
  });
}
