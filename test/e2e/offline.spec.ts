// After one visit the page works offline: the service worker serves the
// shell, and the ffmpeg core and the sample once they have been used.
import { expect, test } from './fixtures';

// The service worker is the subject here; elsewhere it is blocked so that
// every request passes the shared guard against other hosts.
test.use({ serviceWorkers: 'allow' });

test('a page that has worked once reloads and extracts offline, with both engines', async ({ app, page, context }) => {
  test.setTimeout(120_000);
  await app.open();
  await app.serviceWorkerControls();
  // First use, online: the sample (WebCodecs) and the ffmpeg core.
  await page.getByTestId('sample').click();
  expect(await app.settled('sample.mp4')).toBe('done');
  await app.setSettings({ engine: 'ffmpeg' });
  await app.drop('mpeg2.avi');
  expect(await app.settled('mpeg2.avi')).toBe('done');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  // The stored library is there, and new work runs on both engines.
  await expect(app.video('mpeg2.avi').getByTestId('thumb')).toHaveCount(15);
  await app.setSettings({ engine: 'ffmpeg' });
  await app.drop('vp9.webm');
  expect(await app.settled('vp9.webm')).toBe('done');
  await app.setSettings({ engine: 'webcodecs' });
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  await app.video('sample.mp4').getByTestId('forget').click();
  await page.getByTestId('sample').click();
  expect(await app.settled('sample.mp4')).toBe('done');
  await context.setOffline(false);
});
