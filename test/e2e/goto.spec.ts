// The large view reaches any frame: Go to a time or a frame number, scrub,
// jump a second, go to either end. Every answer is checked against
// ffprobe's list of frames.
import type { Locator, Page } from '@playwright/test';
import { expect, expectedFrame, test, truth, type App, type Truth } from './fixtures';

/** Opens the large view on the video's first thumbnail, once it is shown. */
async function openLarge(app: App, name: string): Promise<Locator> {
  await app.open('count=4');
  await app.drop(name);
  expect(await app.settled(name)).toBe('done');
  await app.video(name).getByTestId('open-frame').first().click();
  const view = app.page.getByTestId('large-view');
  await expect(view).toHaveAttribute('data-state', 'ready');
  return view;
}

const ptsOf = async (view: Locator) => Number(await view.getAttribute('data-pts'));

/** Waits until the view has settled on the frame at `pts` (far closer than any two frames). */
async function shows(view: Locator, pts: number, what: string): Promise<void> {
  await expect.poll(() => ptsOf(view), { message: what }).toBeCloseTo(pts, 4);
  await expect(view).toHaveAttribute('data-state', 'ready');
}

/**
 * Waits until the view shows the video's last frame: the last one ffprobe
 * times, or one after it that ffprobe lists without a pts (mpeg2.avi's last
 * P-frame, which ffmpeg's decoder times at 8.000 s); either way no frame follows.
 */
async function showsLast(view: Locator, known: Truth, what: string): Promise<void> {
  const last = known.frames.at(-1)!.pts;
  await expect.poll(() => ptsOf(view), { message: what }).toBeGreaterThan(last - 1e-4);
  await expect(view).toHaveAttribute('data-state', 'ready');
  expect(await ptsOf(view), what).toBeLessThan(last + 1.5 / frameRate(known));
  const message = view.page().getByTestId('large-message');
  await view.page().getByTestId('large-next').click();
  await expect(message, what).toHaveText('This is the last frame.');
}

const frameRate = (known: Truth) => (known.frames.length - 1) / (known.frames.at(-1)!.pts - known.frames[0]!.pts);

async function goTo(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('large-goto');
  await box.fill(text);
  await box.press('Enter');
}

/** A time 40% of the way from frame `n` to the next, in milliseconds: between frames, so the exact frame is frame n. */
function between(known: Truth, n: number): number {
  const [a, b] = [known.frames[n]!.pts, known.frames[n + 1]!.pts];
  return Math.round((a + 0.4 * (b - a)) * 1000) / 1000;
}

const mmss = (t: number) => `${Math.floor(t / 60)}:${(t % 60).toFixed(3).padStart(6, '0')}`;

// The index (MP4) answers from its sample tables; AVI only ffmpeg reads, by
// time, with frame numbers timed from the frame rate.
for (const name of ['h264_bframes.mp4', 'mpeg2.avi']) {
  test(`Go to on ${name}: m:ss.mmm, h:mm:ss.mmm, seconds and #N show the frame ffprobe lists there`, async ({ app, page }) => {
    const known = truth(name);
    const { frames } = known;
    const indexed = name.endsWith('.mp4');
    const view = await openLarge(app, name);

    const atMmss = between(known, 151);
    await goTo(page, mmss(atMmss));
    await shows(view, frames[151]!.pts, `${mmss(atMmss)} shows frame 151`);
    expect(expectedFrame(known, atMmss, 'exact').index).toBe(151);

    const atSeconds = between(known, 57);
    await goTo(page, String(atSeconds));
    await shows(view, frames[57]!.pts, `${atSeconds} s shows frame 57`);

    await goTo(page, `0:0${mmss(between(known, 120))}`);
    await shows(view, frames[120]!.pts, 'h:mm:ss.mmm shows frame 120');

    // On a frame's own pts, that frame (not the one before it).
    await goTo(page, String(frames[33]!.pts));
    await shows(view, frames[33]!.pts, 'a time on a pts shows that frame');

    for (const n of [0, 77, frames.length - 1]) {
      await goTo(page, `#${n}`);
      await shows(view, frames[n]!.pts, `#${n}`);
      await expect(view).toHaveAttribute('data-frame', String(n));
      await expect(view).toHaveAttribute('data-frame-derived', String(!indexed));
      await expect(view).toHaveAttribute('data-keyframe', String(frames[n]!.key));
    }

    // Past the end: the last frame.
    await goTo(page, '#5');
    await shows(view, frames[5]!.pts, '#5');
    await goTo(page, String(known.duration + 30));
    await showsLast(view, known, 'a time past the end shows the last frame');
    const lastPts = await ptsOf(view);

    // A frame number past the last one is said, and the frame stays.
    await goTo(page, `#${frames.length + 50}`);
    await expect(page.getByTestId('large-message')).toHaveText(`There is no frame #${frames.length + 50}: the video has fewer frames.`);
    expect(await ptsOf(view)).toBeCloseTo(lastPts, 6);
  });
}

test('Go to refuses text that names no frame, says why beside the box, and keeps the frame', async ({ app, page }) => {
  const { frames } = truth('h264_bframes.mp4');
  const view = await openLarge(app, 'h264_bframes.mp4');
  await goTo(page, '#42');
  await shows(view, frames[42]!.pts, '#42');

  const box = page.getByTestId('large-goto');
  for (const bad of ['soon', '1:75', '#-3']) {
    await goTo(page, bad);
    const error = page.getByTestId('large-goto-error');
    await expect(error).toContainText(`"${bad}" is neither a time`);
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(box).toHaveAttribute('aria-describedby', (await error.getAttribute('id'))!);
    await expect(view).toHaveAttribute('data-state', 'ready');
    expect(await ptsOf(view)).toBeCloseTo(frames[42]!.pts, 5);
  }
  await goTo(page, '0:02.000');
  await shows(view, frames[60]!.pts, 'good text after bad');
  await expect(page.getByTestId('large-goto-error')).toHaveCount(0);
  await expect(box).toHaveAttribute('aria-invalid', 'false');
});

for (const name of ['h264_bframes.mp4', 'mpeg2.avi']) {
  test(`scrubbing ${name}: dragging previews the keyframe at or before, letting go shows the exact frame`, async ({ app, page }) => {
    const known = truth(name);
    const view = await openLarge(app, name);
    const scrub = page.getByTestId('large-scrub');
    await expect(scrub).toHaveAttribute('min', '0');
    expect(Number(await scrub.getAttribute('max'))).toBeCloseTo(known.duration, 1);

    const value = between(known, 163);
    const keyframe = expectedFrame(known, value, 'fast').frame;
    const exact = expectedFrame(known, value, 'exact').frame;
    expect(keyframe.pts, 'the keyframe differs from the exact frame, and from the frame first shown').toBeLessThan(exact.pts);
    expect(keyframe.pts).not.toBeCloseTo(await ptsOf(view), 3);

    const fire = (type: 'input' | 'change') =>
      scrub.evaluate(
        (el, { value, type }) => {
          const input = el as HTMLInputElement;
          if (type === 'input') input.value = String(value);
          input.dispatchEvent(new Event(type, { bubbles: true }));
        },
        { value, type },
      );
    await fire('input');
    await shows(view, keyframe.pts, 'the preview while dragging');
    await expect(view).toHaveAttribute('data-keyframe', 'true');
    // The scrubber stays where it is held, not at the preview's pts.
    expect(Number(await scrub.inputValue())).toBeCloseTo(value, 6);

    await fire('change');
    await shows(view, exact.pts, 'the exact frame on change');
    await expect.poll(async () => Number(await scrub.inputValue())).toBeCloseTo(exact.pts, 4);

    // Many moves at once: only the last one's frame is left.
    const last = between(known, 41);
    await scrub.evaluate((el, values) => {
      const input = el as HTMLInputElement;
      for (const v of values) {
        input.value = String(v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, [1.1, 5.3, 2.2, 6.9, last]);
    await shows(view, known.frames[41]!.pts, 'the last of many moves');
    await expect(view).toHaveAttribute('data-state', 'ready');
    expect(await ptsOf(view)).toBeCloseTo(known.frames[41]!.pts, 4);
  });
}

for (const name of ['h264_bframes.mp4', 'mpeg2.avi']) {
  test(`on ${name} Shift+Arrow jumps a second to the exact frame there; Home and End go to the first and last frames`, async ({ app, page }) => {
    const known = truth(name);
    const { frames } = known;
    const view = await openLarge(app, name);
    await goTo(page, '#100');
    await shows(view, frames[100]!.pts, '#100');
    // Keys on the dialog, not in the text box (which keeps its own).
    await page.getByTestId('large-next').focus();

    let pts = frames[100]!.pts;
    for (const [key, direction] of [['Shift+ArrowRight', 1], ['Shift+ArrowRight', 1], ['Shift+ArrowLeft', -1]] as const) {
      const want = expectedFrame(known, pts + direction, 'exact').frame;
      await page.keyboard.press(key);
      await shows(view, want.pts, `${key} from ${pts}`);
      pts = want.pts;
    }
    // Plain arrows still step one frame.
    const at = frames.findIndex((f) => Math.abs(f.pts - pts) < 1e-4);
    await page.keyboard.press('ArrowRight');
    await shows(view, frames[at + 1]!.pts, 'ArrowRight');

    await page.keyboard.press('End');
    await showsLast(view, known, 'End');
    await page.getByTestId('large-next').focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Home');
    await shows(view, frames[0]!.pts, 'Home');
    await expect(view).toHaveAttribute('data-frame', '0');
    await page.keyboard.press('Shift+ArrowRight');
    await shows(view, expectedFrame(known, frames[0]!.pts + 1, 'exact').frame.pts, 'Shift+ArrowRight from the first frame');
  });
}
