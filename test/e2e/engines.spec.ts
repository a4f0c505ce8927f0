// WebCodecs first, ffmpeg.wasm everywhere else, and the same answers from both.
import type { Page } from '@playwright/test';
import { expect, expectedFrame, test, truth, type App, type ThumbData } from './fixtures';

/** Requests for the ffmpeg core (glue or wasm), from the page or its workers. */
function watchCore(page: Page): string[] {
  const seen: string[] = [];
  page.context().on('request', (request) => {
    if (/ffmpeg-core/.test(request.url())) seen.push(request.url());
  });
  return seen;
}

test('WebCodecs-decodable files never download the ffmpeg core, nor does the first load', async ({ app, page }) => {
  const core = watchCore(page);
  await app.open();
  await app.drop('h264_bframes.mp4', 'vp9.webm', 'av1.mp4');
  for (const name of ['h264_bframes.mp4', 'vp9.webm', 'av1.mp4']) {
    expect(await app.settled(name)).toBe('done');
    await expect(app.video(name)).toHaveAttribute('data-engine', 'webcodecs');
  }
  await app.video('vp9.webm').getByTestId('open-frame').first().click();
  await expect(page.getByTestId('large-view')).toHaveAttribute('data-state', 'ready');
  expect(core).toEqual([]);

  // A file only ffmpeg.wasm can decode fetches the core, once.
  await page.getByTestId('large-close').click();
  await app.drop('hevc.mp4');
  expect(await app.settled('hevc.mp4')).toBe('done');
  await expect(app.video('hevc.mp4')).toHaveAttribute('data-engine', 'ffmpeg');
  expect(core.filter((url) => url.endsWith('.wasm'))).toHaveLength(1);
});

test('forcing an engine: ffmpeg decodes H.264 too; WebCodecs refuses what the browser cannot decode, clearly', async ({ app, page }) => {
  await app.open('engine=ffmpeg');
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  await expect(app.video('h264_bframes.mp4')).toHaveAttribute('data-engine', 'ffmpeg');

  await app.setSettings({ engine: 'webcodecs' });
  await app.drop('hevc.mp4', 'mpeg2.avi');
  expect(await app.settled('hevc.mp4')).toBe('error');
  await expect(app.video('hevc.mp4').getByTestId('video-error')).toHaveText(/WebCodecs cannot decode this video \(HEVC in mp4\)/);
  expect(await app.settled('mpeg2.avi')).toBe('error');
  await expect(app.video('mpeg2.avi').getByTestId('video-error')).toHaveText(/WebCodecs cannot decode this video \(MPEG2VIDEO in avi\)/);
});

test('when WebCodecs fails in the middle of a file, ffmpeg.wasm takes over and the page says so', async ({ app }) => {
  await app.open('mode=exact');
  await app.drop('corrupt_tail.mp4');
  expect(await app.settled('corrupt_tail.mp4')).toBe('done');
  await expect(app.video('corrupt_tail.mp4')).toHaveAttribute('data-engine', 'ffmpeg');
  await expect(app.video('corrupt_tail.mp4')).toHaveAttribute('data-fallback', 'true');
  await expect(app.video('corrupt_tail.mp4').getByTestId('engine-fallback')).toHaveText(/WebCodecs failed \(.+\); the rest was decoded with ffmpeg\.wasm\./);
  // The intact first half came out of WebCodecs, and is still there.
  expect((await app.thumbs('corrupt_tail.mp4')).filter((t) => t.time < 6).length).toBe(7);
  await expect(app.page.getByTestId('activity')).toContainText('the rest is decoded with ffmpeg.wasm');
});

/**
 * Reads every thumbnail's pixels back from its JPEG, in the page: keeps them
 * under `key`, and returns the PSNR of each against the pixels kept under
 * `against` (if given). Pixels never leave the page; only numbers do.
 */
async function comparePixels(app: App, name: string, key: string, against?: string): Promise<number[]> {
  return app.video(name).locator('[data-testid="thumb"] img').evaluateAll(
    async (imgs, { key, against }) => {
      const store = ((window as unknown as { testPixels?: Record<string, Uint8ClampedArray[]> }).testPixels ??= {});
      const mine = await Promise.all(
        imgs.map(async (img) => {
          // From the element: the page's CSP does not let it fetch() blob: URLs (connect-src).
          const image = img as HTMLImageElement;
          await image.decode();
          const bitmap = await createImageBitmap(image);
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, 0, 0);
          return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
        }),
      );
      store[key] = mine;
      const reference = against ? store[against] : undefined;
      if (!reference) return [];
      return mine.map((a, i) => {
        const b = reference[i]!;
        let squared = 0;
        let samples = 0;
        for (let p = 0; p < a.length; p += 4) {
          for (let c = 0; c < 3; c++) {
            const d = a[p + c]! - b[p + c]!;
            squared += d * d;
            samples++;
          }
        }
        return squared === 0 ? 99 : 10 * Math.log10((255 * 255) / (squared / samples));
      });
    },
    { key, against },
  );
}

const identity = (t: ThumbData) => ({ index: t.index, time: t.time, pts: t.pts, keyframe: t.keyframe, exact: t.exact, frame: t.frame, frameDerived: t.frameDerived });

// Everything both engines can decode here (ffmpeg.wasm has no AV1 decoder; this Chromium no HEVC).
const both = ['h264_bframes.mp4', 'late_video.mp4', 'h264.mkv', 'h264_midgop.ts', 'vp8_live.webm', 'vp9.webm', 'vfr.mp4', 'editlist.mp4', 'rotated.mp4', 'sar2.mp4'];

for (const mode of ['fast', 'exact'] as const) {
  test(`${mode} mode: both engines give the same frames, the frames ffprobe names, with pixels within 30 dB`, async ({ app, page }, testInfo) => {
    test.setTimeout(240_000);
    await app.open(`mode=${mode}&engine=ffmpeg`);
    await app.drop(...both);
    const byFfmpeg = new Map<string, ReturnType<typeof identity>[]>();
    for (const name of both) {
      expect(await app.settled(name, 120_000), name).toBe('done');
      await expect(app.video(name)).toHaveAttribute('data-engine', 'ffmpeg');
      byFfmpeg.set(name, (await app.thumbs(name)).map(identity));
      await comparePixels(app, name, `ffmpeg:${name}`);
    }

    await app.setSettings({ engine: 'webcodecs' });
    await page.getByTestId('rerun').click();
    const report: string[] = [];
    for (const name of both) {
      expect(await app.settled(name, 120_000), name).toBe('done');
      await expect(app.video(name)).toHaveAttribute('data-engine', 'webcodecs');
      const thumbs = await app.thumbs(name);
      expect(thumbs.map(identity), name).toEqual(byFfmpeg.get(name));
      for (const t of thumbs) {
        const want = expectedFrame(truth(name), t.time, mode);
        expect(t.pts, `${name} #${t.index}`).toBeCloseTo(want.frame.pts, 3);
        expect(t.pictType, `${name} #${t.index} type`).toBe(want.frame.type);
      }
      const values = await comparePixels(app, name, `webcodecs:${name}`, `ffmpeg:${name}`);
      expect(values).toHaveLength(15);
      const lowest = Math.min(...values);
      report.push(`${name}: min ${lowest.toFixed(1)} dB, mean ${(values.reduce((s, x) => s + x, 0) / values.length).toFixed(1)} dB`);
      expect(lowest, `${name} PSNR between engines`).toBeGreaterThanOrEqual(30);
    }
    testInfo.annotations.push({ type: 'PSNR ffmpeg vs WebCodecs', description: report.join('; ') });
  });
}

test('AV1 decodes through WebCodecs, frame for frame as ffprobe says', async ({ app }) => {
  const known = truth('av1.mp4');
  for (const mode of ['fast', 'exact'] as const) {
    await app.open(`mode=${mode}`);
    await app.drop('av1.mp4');
    expect(await app.settled('av1.mp4')).toBe('done');
    const thumbs = await app.thumbs('av1.mp4');
    expect(thumbs).toHaveLength(15);
    for (const t of thumbs) {
      const want = expectedFrame(known, t.time, mode);
      expect(t.pts).toBeCloseTo(want.frame.pts, 3);
      expect(t.frame).toBe(want.index);
      expect(t.exact).toBe(want.exact);
    }
    await app.video('av1.mp4').getByTestId('forget').click();
  }
});

test('files decoded one after another on one ffmpeg instance do not change each other', async ({ app }) => {
  // ffmpeg.wasm runs main() again for every exec without resetting every
  // global: -nofind_stream_info (right for MP4) stayed set, and the AVI
  // decoded next on the same instance decoded nothing after a seek (in CI,
  // 1 of 15 thumbnails missing under load). On one worker, every file is
  // prepared first, then the MP4's frames are decoded, then the others'.
  await app.open('workers=1&mode=fast&engine=ffmpeg');
  const after = ['mpeg2.avi', 'h264_midgop.ts'];
  await app.drop('h264_bframes.mp4', ...after);
  for (const name of after) {
    expect(await app.settled(name)).toBe('done');
    const known = truth(name);
    const thumbs = await app.thumbs(name);
    expect(thumbs, name).toHaveLength(15);
    for (const t of thumbs) {
      const want = expectedFrame(known, t.time, 'fast');
      expect({ pts: t.pts.toFixed(3), keyframe: t.keyframe }, `${name} #${t.index} at ${t.time.toFixed(3)} s`).toEqual({ pts: want.frame.pts.toFixed(3), keyframe: want.frame.key });
    }
  }
});
