// Pictures that look right, measured against what native ffmpeg makes of
// the same frame at the same size: the page's thumbnail must be close to
// the properly processed frame and clearly closer to it than to the naive one.
import { thumbPsnr } from '../support/pageReads.mjs';
import { nativeFrame, TONE_MAP, YADIF } from '../support/pictures.mjs';
import { expect, test, type App, type ThumbData } from './fixtures';

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
async function measure(app: App, file: string, right: string, hash = ''): Promise<{ measured: Measured[]; report: string }> {
  const name = file.split('/').at(-1)!;
  await app.open(`mode=exact&count=5&quality=100${hash}`);
  await app.drop(file);
  expect(await app.settled(name)).toBe('done');
  const thumbs: ThumbData[] = await app.thumbs(name);
  expect(thumbs).toHaveLength(5);
  const measured: Measured[] = [];
  for (const t of thumbs.slice(1)) {
    const refs = [[right], []].map((filters) => nativeFrame(file, t.pts, filters, t.naturalWidth, t.naturalHeight));
    const [rightDb, naiveDb] = await app.page.evaluate(thumbPsnr, { name, index: t.index, references: refs });
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

for (const file of ['h264_interlaced.mp4', 'h264_interlaced.ts']) {
  test(`interlaced H.264 goes to ffmpeg.wasm and is deinterlaced there (WebCodecs would weave its fields): ${file}`, async ({ app }, testInfo) => {
    const result = await measure(app, file, YADIF);
    await expect(app.video(file)).toHaveAttribute('data-engine', 'ffmpeg');
    testInfo.annotations.push({ type: 'PSNR to native yadif, and to the woven frame', description: result.report });
    expectRight(result, 40, 10);
  });
}

// HLG in HEVC, from a camera and from an iPhone (Dolby Vision 8.4 with its
// HLG base layer): ffmpeg.wasm decodes both in this Chromium.
for (const file of ['realworld/ax_hlg10.mp4', 'realworld/ax_dolbyvision_hdr.mov']) {
  test(`HDR is tone-mapped to SDR BT.709 as ffmpeg's zscale and tonemap do it: ${file}`, async ({ app }, testInfo) => {
    const result = await measure(app, file, TONE_MAP);
    testInfo.annotations.push({ type: 'PSNR to native zscale + tonemap, and to the naive conversion', description: result.report });
    expectRight(result, 35, 8);
  });
}

// The same on the WebCodecs path, where the browser draws the decoded frame.
for (const file of ['vp9_hlg.webm', 'vp9_pq.webm']) {
  test(`HDR is tone-mapped on WebCodecs as on ffmpeg.wasm: ${file}`, async ({ app }, testInfo) => {
    const result = await measure(app, file, TONE_MAP, '&engine=webcodecs');
    await expect(app.video(file)).toHaveAttribute('data-engine', 'webcodecs');
    testInfo.annotations.push({ type: 'PSNR to native zscale + tonemap, and to the naive conversion', description: result.report });
    expectRight(result, 35, 8);
  });
  test(`HDR is tone-mapped on ffmpeg.wasm: ${file}`, async ({ app }, testInfo) => {
    const result = await measure(app, file, TONE_MAP, '&engine=ffmpeg');
    testInfo.annotations.push({ type: 'PSNR to native zscale + tonemap, and to the naive conversion', description: result.report });
    expectRight(result, 35, 8);
  });
}
