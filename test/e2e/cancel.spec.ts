// Cancelling stops the work at once, and a rerun gives the same thumbnails.
import { expect, test, type ThumbData } from './fixtures';

const NAME = 'h264_1080p.mp4';
/** Cancel cycles of the storm test (50 in CI; `npm run soak` runs more). */
const CYCLES = Number(process.env.CANCEL_CYCLES ?? 50);
const identityOf = (thumbs: ThumbData[]) => thumbs.map((t) => ({ index: t.index, pts: t.pts, keyframe: t.keyframe, exact: t.exact, bytes: t.bytes }));

test('cancel stops a video within half a second, and a rerun gives the same thumbnails as an uncancelled run', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await app.setSettings({ mode: 'exact', count: 12 });
  await app.drop(NAME);
  expect(await app.settled(NAME, 120_000)).toBe('done');
  const reference = identityOf(await app.thumbs(NAME));
  expect(reference).toHaveLength(12);

  // Run again and cancel in the middle of the work, as soon as the first thumbnail is in.
  const timing = await app.rerunAndCancel(NAME, { thumbs: 1 });
  expect(timing.cancelled, 'the cancel came before the work was done').toBe(true);
  expect(timing.toState, 'ms from the click to the video showing cancelled').toBeLessThan(500);
  expect(timing.toIdle, 'ms from the click to no worker running').toBeLessThan(500);
  await expect(app.video(NAME)).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false', { timeout: 500 });

  await app.video(NAME).getByRole('button', { name: 'Extract again' }).click();
  expect(await app.settled(NAME, 120_000)).toBe('done');
  expect(identityOf(await app.thumbs(NAME))).toEqual(reference);
});

test(`a storm of ${CYCLES} cancels at random moments, on both engines: each within half a second, and the next run is still right`, async ({ app, page }, testInfo) => {
  test.setTimeout(180_000 + CYCLES * 8_000);
  await app.open();
  await app.setSettings({ mode: 'exact', count: 8 });
  await app.drop(NAME);
  expect(await app.settled(NAME, 120_000)).toBe('done');

  // A fixed sequence of moments, so a failure can be replayed: from 0 ms
  // (before any worker has started) to near the end of a whole run.
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines: string[] = [];
  for (const engine of ['webcodecs', 'ffmpeg'] as const) {
    await app.setSettings({ engine });
    // The moments are spread over a warm run: the first run on an engine
    // also starts its workers (and, for ffmpeg, instantiates the core), so
    // timed alone it made moments after the work had ended (CI: 14 of 25
    // ffmpeg cycles came too late to cancel).
    let runMs = Infinity;
    for (let run = 0; run < 2; run++) {
      const started = Date.now();
      await app.video(NAME).getByRole('button', { name: 'Extract again' }).click();
      expect(await app.settled(NAME, 120_000)).toBe('done');
      runMs = Math.min(runMs, Date.now() - started);
    }
    const reference = identityOf(await app.thumbs(NAME));

    const cycles = Math.ceil(CYCLES / 2);
    let worstState = 0;
    let worstIdle = 0;
    let cancelled = 0;
    for (let cycle = 0; cycle < cycles; cycle++) {
      const delayMs = Math.floor(next() ** 2 * runMs * 0.9);
      const timing = await app.rerunAndCancel(NAME, { delayMs });
      if (!timing.cancelled) continue;
      cancelled++;
      worstState = Math.max(worstState, timing.toState);
      worstIdle = Math.max(worstIdle, timing.toIdle);
      expect(timing.toState, `${engine} cycle ${cycle} (cancel after ${delayMs} ms): ms to cancelled`).toBeLessThan(500);
      expect(timing.toIdle, `${engine} cycle ${cycle} (cancel after ${delayMs} ms): ms to no worker running`).toBeLessThan(500);
    }
    expect(cancelled, `${engine}: most cycles were cancelled before the work ended`).toBeGreaterThan(cycles * 0.7);
    await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false');

    await app.video(NAME).getByRole('button', { name: 'Extract again' }).click();
    expect(await app.settled(NAME, 120_000)).toBe('done');
    expect(identityOf(await app.thumbs(NAME)), `${engine}: the run after the storm gives the same thumbnails`).toEqual(reference);
    lines.push(`${engine}: ${cancelled} of ${cycles} cycles cancelled (a whole run takes ${runMs} ms); worst ${worstState.toFixed(0)} ms to cancelled, ${worstIdle.toFixed(0)} ms to idle`);
  }
  testInfo.annotations.push({ type: 'cancel storm', description: lines.join('; ') });
  console.log(`cancel storm: ${lines.join('\n  ')}`);
});
