// Best mode (the default): one distinct frame from each slot's window;
// scores, flags and the suggestion; focus, zoom and Back; links to a view.
import { BEST_FRAMES, segmentAt } from '../fixtures/bestFrames.mjs';
import { slotOf } from '../support/truth.mjs';
import { expect, media, test, truth, type App } from './fixtures';

/** The whole video's span as the page planned it (the duration it shows). */
async function wholeSpan(app: App, name: string): Promise<{ start: number; end: number }> {
  return { start: 0, end: Number(await app.video(name).getAttribute('data-duration')) };
}

/** Every thumbnail shows a different frame, from its own slot's window; where the window holds a keyframe, a keyframe. */
async function expectOneFramePerWindow(app: App, name: string, span: { start: number; end: number }, count: number): Promise<void> {
  const thumbs = await app.thumbs(name);
  expect(thumbs).toHaveLength(count);
  const known = truth(name);
  for (const t of thumbs) {
    const slot = slotOf(known, span, count, t.index);
    expect(t.time, `${name} #${t.index} time`).toBeCloseTo(slot.time, 6);
    expect(t.pts, `${name} #${t.index} pts in [${slot.start}, ${slot.end})`).toBeGreaterThanOrEqual(slot.start - 1e-6);
    expect(t.pts).toBeLessThan(slot.end - 1e-6);
    expect(slot.frames.some((f) => Math.abs(f.pts - t.pts) < 1e-3), `${name} #${t.index}: a frame ffprobe lists`).toBe(true);
  }
  expect(new Set(thumbs.map((t) => t.pts.toFixed(4))).size, `${name}: distinct frames`).toBe(count);
}

test('best is the default: distinct frames, each from its own window, with keyframes where the window has one', async ({ app }) => {
  await app.open();
  await expect(app.page.getByTestId('setting-mode')).toHaveValue('best');
  // Keyframes every 1.6 s (MP4, indexed), every 2 s (WebM), every 0.48 s (AVI, read by ffmpeg only).
  const files = ['h264_bframes.mp4', 'vp9.webm', 'mpeg2.avi'];
  await app.drop(...files);
  for (const name of files) {
    expect(await app.settled(name)).toBe('done');
    await expectOneFramePerWindow(app, name, await wholeSpan(app, name), 15);
  }
  // Windows of 0.8 s in a 1.6 s GOP: every second window has no keyframe and shows the frame at its time.
  const mp4 = await app.thumbs('h264_bframes.mp4');
  expect(mp4.filter((t) => t.keyframe).length).toBeGreaterThanOrEqual(7);
  expect(mp4.filter((t) => !t.keyframe).every((t) => t.exact)).toBe(true);
});

test('every thumbnail is scored and one is suggested; the button picks it', async ({ app, page }) => {
  await app.open();
  await app.drop('h264_1080p.mp4');
  expect(await app.settled('h264_1080p.mp4')).toBe('done');
  const thumbs = await app.thumbs('h264_1080p.mp4');
  expect(thumbs.every((t) => t.sharpness !== null && t.sharpness >= 0)).toBe(true);
  const suggested = thumbs.filter((t) => t.suggested);
  expect(suggested).toHaveLength(1);
  expect(suggested[0]!.flags).toEqual([]);
  const video = app.video('h264_1080p.mp4');
  await video.getByTestId('pick-suggested').click();
  await expect(video.locator(`[data-testid="thumb"][data-index="${suggested[0]!.index}"]`)).toHaveAttribute('data-picked', 'true');
  expect((await app.thumbs('h264_1080p.mp4')).filter((t) => t.picked)).toHaveLength(1);
  // S on a thumbnail picks the suggestion too, and does not unpick it.
  await video.locator('[data-testid="thumb"]').first().focus();
  await page.keyboard.press('s');
  expect((await app.thumbs('h264_1080p.mp4')).filter((t) => t.picked).map((t) => t.index)).toEqual([suggested[0]!.index]);
});

test('focus, zoom in twice, and Back widens again instantly from what is stored', async ({ app, page }) => {
  await app.open();
  await app.drop('h264_bframes.mp4', 'vp9.webm');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  expect(await app.settled('vp9.webm')).toBe('done');
  const video = app.video('h264_bframes.mp4');
  const id = await video.getAttribute('data-id');
  const whole = await app.thumbs('h264_bframes.mp4');

  await video.getByTestId('focus').click();
  await expect(page).toHaveURL(new RegExp(`#video=${id}$`));
  await expect(app.video('vp9.webm')).toBeHidden();

  // "More like this" on thumbnail 5 (requested at 4.4 s): the span between its neighbours, 3.6-5.2 s.
  await video.locator('[data-testid="thumb"][data-index="5"]').getByTestId('zoom-in').click();
  await expect(page).toHaveURL(new RegExp(`#video=${id}&span=3\\.6-5\\.2$`));
  await expect(video).toHaveAttribute('data-span', '3.6-5.2');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  await expectOneFramePerWindow(app, 'h264_bframes.mp4', { start: 3.6, end: 5.2 }, 15);

  // Again, on the first thumbnail: from the span's start to its right neighbour.
  const first = await app.thumbs('h264_bframes.mp4');
  await video.locator('[data-testid="thumb"][data-index="0"]').getByTestId('zoom-in').click();
  const end = Math.ceil(first[1]!.time * 1000) / 1000;
  await expect(video).toHaveAttribute('data-span', `3.6-${end}`);
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  const narrow = await app.thumbs('h264_bframes.mp4');
  expect(narrow.every((t) => t.pts >= 3.6 - 1e-6 && t.pts < end)).toBe(true);
  // 0.16 s holds 5 frames at 30 fps: fewer than 15, so frames repeat, but every one of them is shown and none from outside.
  const inside = truth('h264_bframes.mp4').frames.filter((f) => f.pts >= 3.6 - 1e-6 && f.pts < end);
  expect(inside).toHaveLength(5);
  expect(new Set(narrow.map((t) => t.pts.toFixed(4)))).toEqual(new Set(inside.map((f) => f.pts.toFixed(4))));

  // Back, Back: the first zoom, then the whole video, each at once and as it was (nothing decoded again).
  await page.goBack();
  await expect(video).toHaveAttribute('data-span', '3.6-5.2');
  await expect(video).toHaveAttribute('data-state', 'done');
  expect((await app.thumbs('h264_bframes.mp4')).map((t) => t.pts)).toEqual(first.map((t) => t.pts));
  await page.goBack();
  await expect(video).not.toHaveAttribute('data-span');
  expect((await app.thumbs('h264_bframes.mp4')).map((t) => t.pts)).toEqual(whole.map((t) => t.pts));
  await page.goBack();
  await expect(app.video('vp9.webm')).toBeVisible();
  await expect(page).toHaveURL(/\/framepick\/$/);
});

test('a link to a zoomed view with a frame open opens it once the file is in the library, and says so while it waits', async ({ app, page, browser }) => {
  await app.open();
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  const id = await app.video('h264_bframes.mp4').getAttribute('data-id');
  // 6.27 s: frame 188 (pts 6.2667) is what a player shows there.
  const link = `video=${id}&span=4-8&at=6.27`;

  // A browser that has never seen the file: it waits, and says so, until the file is dropped.
  const fresh = await browser.newContext({ serviceWorkers: 'block' });
  const other = await fresh.newPage();
  await other.goto(`${new URL('./', page.url()).href}#${link}`);
  await expect(other.getByTestId('focus-waiting')).toContainText('drop its file');
  await other.getByTestId('file-input').setInputFiles(media('h264_bframes.mp4'));
  const large = other.getByTestId('large-view');
  await expect(large).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(Number(await large.getAttribute('data-pts'))).toBeCloseTo(188 / 30, 4);
  await expect(other.locator('[data-testid="video"]')).toHaveAttribute('data-span', '4-8');
  await fresh.close();

  // This browser has the video: the link opens the zoomed view and the frame, made once and then stored.
  await page.goto(`./#${link}`);
  const shown = page.getByTestId('large-view');
  await expect(shown).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(Number(await shown.getAttribute('data-pts'))).toBeCloseTo(188 / 30, 4);
  await expect(app.video('h264_bframes.mp4')).toHaveAttribute('data-state', 'done');
  await page.keyboard.press('Escape');
  await expect(shown).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#video=${id}&span=4-8$`));
  // A reload has the library but not the file: the zoomed view comes from storage, and the frame says why it cannot open.
  await page.reload();
  const video = app.video('h264_bframes.mp4');
  await expect(video).toHaveAttribute('data-span', '4-8');
  await expect(video).toHaveAttribute('data-state', 'done');
  await expectOneFramePerWindow(app, 'h264_bframes.mp4', { start: 4, end: 8 }, 15);
  await page.goto(`./#${link}`);
  await expect(shown).toBeVisible();
  await expect(page.getByTestId('large-message')).toContainText('drop the file again');
});

test('opening a frame is a step in history: Back closes it', async ({ app, page }) => {
  await app.open();
  await app.drop('vp9.webm');
  expect(await app.settled('vp9.webm')).toBe('done');
  const video = app.video('vp9.webm');
  const thumb = video.locator('[data-testid="thumb"][data-index="4"]');
  const pts = Number(await thumb.getAttribute('data-pts'));
  await thumb.getByTestId('open-frame').click();
  const large = page.getByTestId('large-view');
  await expect(large).toHaveAttribute('data-state', 'ready');
  expect(Number(await large.getAttribute('data-pts'))).toBeCloseTo(pts, 6);
  await expect(page).toHaveURL(new RegExp(`&at=${Math.ceil(pts * 1000) / 1000}$`));
  await page.goBack();
  await expect(large).toBeHidden();
  await expect(page).toHaveURL(/\/framepick\/$/);
});

test('on a video with black, fades, a blur and a long still slide, the flags say what each thumbnail is and the suggestion is a sharp frame', async ({ app }) => {
  // One thumbnail a second, at the middle of each second: exact mode shows the frame there.
  await app.open('count=40&mode=exact');
  await app.drop(BEST_FRAMES.name);
  expect(await app.settled(BEST_FRAMES.name)).toBe('done');
  const thumbs = await app.thumbs(BEST_FRAMES.name);
  const firstSlide = thumbs.find((t) => segmentAt(t.pts).kind === 'slide')!;
  for (const t of thumbs) {
    const { kind } = segmentAt(t.pts);
    const where = `${t.pts.toFixed(2)} s (${kind}): ${t.flags.join(' ')}`;
    if (kind === 'black') expect(t.flags, where).toContain('blank');
    if (kind === 'blurry') expect(t.flags, where).toEqual(['blurry']);
    if (kind === 'sharp') expect(t.flags, where).toEqual([]);
    if (kind === 'slide') expect(t.flags, where).toEqual(t === firstSlide ? [] : ['duplicate']);
  }
  // The badges say it in words, the repeat naming the first slide thumbnail's time.
  const video = app.video(BEST_FRAMES.name);
  await expect(video.locator('[data-testid="thumb"][data-index="0"] [data-testid="thumb-flag"]')).toHaveText('black');
  await expect(video.locator('[data-testid="thumb"][data-index="14"] [data-testid="thumb-flag"]')).toHaveText('blurry');
  await expect(video.locator('[data-testid="thumb"][data-index="22"] [data-testid="thumb-flag"]')).toHaveText(`same as 00:${firstSlide.pts.toFixed(3).padStart(6, '0')}`);
  const suggested = thumbs.filter((t) => t.suggested);
  expect(suggested).toHaveLength(1);
  expect(segmentAt(suggested[0]!.pts).kind).toBe('sharp');

  // Best mode over the same file: no slot shows a blank or blurry frame where its window has a better keyframe.
  await app.setSettings({ count: 15, mode: 'best' });
  await app.page.getByTestId('rerun').click();
  expect(await app.settled(BEST_FRAMES.name)).toBe('done');
  const best = await app.thumbs(BEST_FRAMES.name);
  const known = truth(BEST_FRAMES.name);
  for (const t of best) {
    const slot = slotOf(known, { start: 0, end: BEST_FRAMES.duration }, 15, t.index);
    const kinds = new Set(slot.frames.filter((f) => f.key).map((f) => segmentAt(f.pts).kind));
    // Never a blank or blurry frame (nor one from the blur) where the window offers a sharp picture or the slide.
    if (kinds.has('sharp') || kinds.has('slide')) {
      expect(t.flags.filter((f) => f !== 'duplicate'), `slot ${t.index}`).toEqual([]);
      expect(['black', 'blurry'], `slot ${t.index}`).not.toContain(segmentAt(t.pts).kind);
    }
  }
  expect(segmentAt(best.find((t) => t.suggested)!.pts).kind).toBe('sharp');
});
