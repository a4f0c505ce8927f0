// The work runs in workers: the page stays responsive while it goes on.
import { expect, test } from './fixtures';

test('no main-thread task over 200 ms while extracting', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open();
  await page.evaluate(() => {
    const longest = { ms: 0 };
    Object.assign(window, { longestTask: longest });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await app.setSettings({ count: 60 });
  await app.drop('h264_1080p.mp4', 'h264_bframes.mp4', 'hevc.mp4', 'mpeg2.avi');
  for (const name of ['h264_1080p.mp4', 'h264_bframes.mp4', 'hevc.mp4', 'mpeg2.avi']) expect(await app.settled(name, 90_000)).toBe('done');
  const longest = await page.evaluate(() => (window as unknown as { longestTask: { ms: number } }).longestTask.ms);
  expect(longest).toBeLessThan(200);
});
