// Settings apply to new files and, with "Extract again", to the ones on the page.
import { expect, test } from './fixtures';

test('changing count, width, quality and mode and extracting again reruns with the new values', async ({ app, page }) => {
  await app.open();
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  const before = await app.thumbs('h264_bframes.mp4');
  expect(before).toHaveLength(15);

  await app.setSettings({ count: 5, width: 160, quality: 40, mode: 'exact' });
  await page.getByTestId('rerun').click();
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  const after = await app.thumbs('h264_bframes.mp4');
  expect(after).toHaveLength(5);
  for (const t of after) {
    expect([t.naturalWidth, t.naturalHeight]).toEqual([160, 90]);
    expect(t.time).toBeCloseTo(((t.index + 0.5) * 12) / 5, 9);
    expect(t.exact).toBe(true);
  }
  const meanBytes = (list: typeof before) => list.reduce((sum, t) => sum + t.bytes, 0) / list.length;
  expect(meanBytes(after)).toBeLessThan(meanBytes(before) / 2);
});

test('out-of-range settings are brought into range when used', async ({ app, page }) => {
  await app.open();
  await app.setSettings({ count: 5000, width: 5 });
  await app.drop('vp9.webm');
  expect(await app.settled('vp9.webm', 120_000)).toBe('done');
  await expect(page.getByTestId('setting-count')).toHaveValue('1000');
  await expect(page.getByTestId('setting-width')).toHaveValue('32');
  const thumbs = await app.thumbs('vp9.webm');
  // 1000 times over an 8 s, 24 fps video: every frame, each decoded once.
  expect(thumbs).toHaveLength(1000);
  expect(thumbs[0]!.naturalWidth).toBe(32);
});

test('back and forward resize the worker pool as the setting does, work already queued included (defect 5)', async ({ app, page }) => {
  await app.open('workers=3');
  await app.openAdvanced();
  const workers = page.getByTestId('setting-workers');
  await workers.fill('1');
  await workers.dispatchEvent('change');
  await expect(page).toHaveURL(/workers=1/);
  const files = ['h264_1080p.mp4', 'h264_bframes.mp4', 'vp9.webm', 'hevc.mp4'];
  await app.drop(...files);
  await expect(page.getByTestId('status')).toHaveAttribute('data-running-workers', '1');
  // Back to three workers while the files wait for the one: the most busy at once from then on.
  await page.evaluate(() => {
    const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;
    const seen = { peak: 0 };
    Object.assign(window, { runningPeak: seen });
    new MutationObserver(() => (seen.peak = Math.max(seen.peak, Number(status.dataset.runningWorkers)))).observe(status, { attributes: true });
  });
  await page.goBack();
  await expect(page).toHaveURL(/workers=3/);
  await expect(workers).toHaveValue('3');
  for (const file of files) expect(await app.settled(file)).toBe('done');
  expect(await page.evaluate(() => (window as unknown as { runningPeak: { peak: number } }).runningPeak.peak)).toBeGreaterThan(1);
});
