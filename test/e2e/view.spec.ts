// A URL is a view: bookmark it, send it, come back to it.
import { App, expect, test } from './fixtures';

const hashOf = (url: string) => new URL(url).hash;

test('a filtered view survives copying its URL into a fresh page of the same browser profile', async ({ app, page, context }) => {
  await app.open();
  await app.drop('h264_bframes.mp4', 'vp9.webm', 'mpeg2.avi');
  for (const name of ['h264_bframes.mp4', 'vp9.webm', 'mpeg2.avi']) expect(await app.settled(name)).toBe('done');
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(3).click();
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(9).click();

  await page.getByTestId('filter-search').fill('H264');
  await page.getByTestId('filter-from').fill('2.5');
  await page.getByTestId('filter-from').press('Enter');
  await page.getByTestId('filter-to').fill('0:10');
  await page.getByTestId('filter-to').press('Enter');
  // Times are (i + 0.5) * 12 / 15: 2.8 s (#3) to 10.0 s (#12), both ends inclusive.
  await expect(page.getByTestId('filter-counts')).toHaveText('1 of 3 videos · 10 of 45 thumbnails');
  await expect.poll(() => hashOf(page.url())).toBe('#search=H264&from=2.5&to=10');
  const visible = await app.thumbs('h264_bframes.mp4');
  expect(visible.map((t) => t.index)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

  const fresh = await context.newPage();
  await fresh.goto(page.url());
  const again = new App(fresh);
  await expect(fresh.getByTestId('filter-counts')).toHaveText('1 of 3 videos · 10 of 45 thumbnails');
  await expect(fresh.getByTestId('filter-search')).toHaveValue('H264');
  await expect(fresh.getByTestId('filter-from')).toHaveValue('00:02.500');
  await expect(fresh.getByTestId('filter-to')).toHaveValue('00:10.000');
  expect(await again.thumbs('h264_bframes.mp4')).toEqual(visible);
  await expect(fresh.locator('[data-testid="video"]:visible')).toHaveCount(1);
  // Filtered out, not thrown away: hidden cards come back without re-rendering.
  await expect(fresh.getByTestId('video')).toHaveCount(3);

  await fresh.getByTestId('filter-picked').check();
  await expect(fresh.getByTestId('filter-counts')).toHaveText('1 of 3 videos · 2 of 45 thumbnails');
  expect((await again.thumbs('h264_bframes.mp4')).map((t) => t.index)).toEqual([3, 9]);
  await fresh.close();
});

test('back and forward step through views; typing in the search box does not add history entries', async ({ app, page }) => {
  await app.open();
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  const start = await page.evaluate(() => history.length);

  await page.getByTestId('filter-search').pressSequentially('bframes', { delay: 30 });
  await expect.poll(() => hashOf(page.url())).toBe('#search=bframes');
  expect(await page.evaluate(() => history.length)).toBe(start);

  await page.getByTestId('setting-mode').selectOption('exact');
  await expect.poll(() => hashOf(page.url())).toBe('#mode=exact&search=bframes');
  await page.getByTestId('filter-picked').check();
  await expect.poll(() => hashOf(page.url())).toBe('#mode=exact&search=bframes&picked=1');
  await page.getByTestId('filter-to').fill('6');
  await page.getByTestId('filter-to').press('Enter');
  await expect.poll(() => hashOf(page.url())).toBe('#mode=exact&search=bframes&to=6&picked=1');

  await page.goBack();
  await expect(page.getByTestId('filter-to')).toHaveValue('');
  await expect(page.getByTestId('filter-picked')).toBeChecked();
  await page.goBack();
  await expect(page.getByTestId('filter-picked')).not.toBeChecked();
  await expect(page.getByTestId('setting-mode')).toHaveValue('exact');
  await page.goBack();
  await expect(page.getByTestId('setting-mode')).toHaveValue('best');
  await expect(page.getByTestId('filter-search')).toHaveValue('bframes');
  await page.goForward();
  await expect(page.getByTestId('setting-mode')).toHaveValue('exact');
  await page.goForward();
  await expect(page.getByTestId('filter-picked')).toBeChecked();

  // None of that re-ran the extraction.
  await expect(app.video('h264_bframes.mp4')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false');
});

test('awkward search text round-trips exactly through the address bar', async ({ app, page }) => {
  const text = 'A&B #1 100%+50%=? 🎬 日本語の動画 «été»';
  await app.open();
  await page.getByTestId('filter-search').fill(text);
  await expect.poll(() => hashOf(page.url())).toMatch(/^#search=/);
  expect(hashOf(page.url())).toMatch(/^#[\x21-\x7e]+$/);
  await page.reload();
  await expect(page.getByTestId('filter-search')).toHaveValue(text);
});

test('a hash is rewritten to its canonical form: known keys, valid values, contract order', async ({ app, page }) => {
  await app.open('picked=1&zzz=1&count=abc&mode=exact&quality=500&__proto__=1&search=a%20b&width=64');
  await expect.poll(() => hashOf(page.url())).toBe('#width=64&quality=100&mode=exact&search=a+b&picked=1');
  await expect(page.getByTestId('setting-count')).toHaveValue('15');
  await expect(page.getByTestId('setting-quality')).toHaveValue('100');
  await expect(page.getByTestId('setting-width')).toHaveValue('64');
});

test('settings in the hash apply to the next extraction', async ({ app }) => {
  await app.open('count=4&width=96&mode=exact');
  await app.drop('vp9.webm');
  expect(await app.settled('vp9.webm')).toBe('done');
  const thumbs = await app.thumbs('vp9.webm');
  expect(thumbs.map((t) => [t.naturalWidth, t.exact])).toEqual(Array(4).fill([96, true]));
});
