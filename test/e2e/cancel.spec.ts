// Cancelling stops the work at once, and a rerun gives the same thumbnails.
import { expect, test, type ThumbData } from './fixtures';

const NAME = 'h264_1080p.mp4';
const identityOf = (thumbs: ThumbData[]) => thumbs.map((t) => ({ index: t.index, pts: t.pts, keyframe: t.keyframe, exact: t.exact, bytes: t.bytes }));

test('cancel stops a video within half a second, and a rerun gives the same thumbnails as an uncancelled run', async ({ app, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await app.setSettings({ mode: 'exact', count: 6 });
  await app.drop(NAME);
  expect(await app.settled(NAME, 120_000)).toBe('done');
  const reference = identityOf(await app.thumbs(NAME));
  expect(reference).toHaveLength(6);

  // Run again and cancel in the middle of the work.
  await app.video(NAME).getByRole('button', { name: 'Extract again' }).click();
  await expect(app.video(NAME)).toHaveAttribute('data-state', 'extracting');
  await expect(app.video(NAME).getByTestId('thumb')).toHaveCount(1, { timeout: 60_000 });
  const clicked = Date.now();
  await app.video(NAME).getByTestId('cancel').click();
  await expect(app.video(NAME)).toHaveAttribute('data-state', 'cancelled', { timeout: 500 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-running-workers', '0', { timeout: 500 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false', { timeout: 500 });
  expect(Date.now() - clicked).toBeLessThan(1000);

  await app.video(NAME).getByRole('button', { name: 'Extract again' }).click();
  expect(await app.settled(NAME, 120_000)).toBe('done');
  expect(identityOf(await app.thumbs(NAME))).toEqual(reference);
});
