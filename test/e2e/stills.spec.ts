// Still images dropped with the videos: a card of their own kind, one
// thumbnail at the requested width with the picture right (measured against
// native ffmpeg's, orientation included), decoded at reduced size where the
// JPEG allows, picked, downloaded, exported and kept like a frame; broken
// and enormous ones get a message on their own card.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { thumbPsnr } from '../support/pageReads.mjs';
import { download, downloaded, jpegSize, readZip } from './files';
import { expect, media, test } from './fixtures';

/** What native ffmpeg makes of an image (EXIF orientation applied, as its CLI does), then `filters`, at width x height: RGBA, base64. */
function nativeImage(name: string, width: number, height: number, filters: string[] = []): string {
  // RGB before scaling, as the page draws the decoded image (see playerTrack.spec's TO_RGB).
  const chain = ['format=rgb24', ...filters, `scale=${width}:${height}:flags=area`].join(',');
  const rgba = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', media(name), '-vf', chain, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 64 << 20 });
  return rgba.toString('base64');
}

const STILLS = [
  { name: 'still.jpg', width: 640, height: 480 },
  { name: 'still.png', width: 400, height: 300 },
  { name: 'still.webp', width: 500, height: 282 },
  { name: 'still.avif', width: 480, height: 270 },
  { name: 'still_4096.jpg', width: 4096, height: 3072 },
  // Stored 640x360 with EXIF orientation 6: shown turned a quarter clockwise.
  { name: 'still_exif6.jpg', width: 360, height: 640 },
];

test('images of every format dropped with a video: their real size, one thumbnail at the requested width, the right picture', async ({ app, page }, testInfo) => {
  await app.open('mode=fast&count=4&quality=100');
  await app.drop('h264_bframes.mp4', ...STILLS.map((s) => s.name));
  const states = await app.settledQuietly(['h264_bframes.mp4', ...STILLS.map((s) => s.name)], 60_000);
  expect(Object.values(states).every((state) => state === 'done'), JSON.stringify(states)).toBe(true);

  const video = app.video('h264_bframes.mp4');
  await expect(video).toHaveAttribute('data-kind', 'video');
  for (const id of ['focus', 'download-vtt']) await expect(video.getByTestId(id)).toHaveCount(1);

  const report: string[] = [];
  for (const still of STILLS) {
    const card = app.video(still.name);
    await expect(card).toHaveAttribute('data-kind', 'image');
    await expect(card).toHaveAttribute('data-width', String(still.width));
    await expect(card).toHaveAttribute('data-height', String(still.height));
    // What makes no sense for a still is not offered on it.
    for (const id of ['focus', 'zoom-in', 'download-vtt', 'pick-suggested', 'cancel']) await expect(card.getByTestId(id)).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Extract again' })).toHaveCount(0);
    const thumbs = await app.thumbs(still.name);
    expect(thumbs).toHaveLength(1);
    const thumb = thumbs[0]!;
    expect([thumb.naturalWidth, thumb.naturalHeight]).toEqual([320, Math.round((320 * still.height) / still.width)]);
    const references = [nativeImage(still.name, thumb.naturalWidth, thumb.naturalHeight), nativeImage(still.name, thumb.naturalWidth, thumb.naturalHeight, ['hflip'])];
    const [right, mirrored] = await page.evaluate(thumbPsnr, { name: still.name, index: 0, references });
    report.push(`${still.name}: ${right!.toFixed(1)} dB, mirrored ${mirrored!.toFixed(1)}`);
    expect(right, report.at(-1)).toBeGreaterThanOrEqual(30);
    expect(right! - mirrored!, report.at(-1)).toBeGreaterThanOrEqual(8);
  }
  testInfo.annotations.push({ type: 'PSNR of each thumbnail to native ffmpeg', description: report.join('; ') });

  // The 4096 px JPEG was decoded at 1/8 (512x384 covers 320x240), never whole.
  const big = app.video('still_4096.jpg');
  await expect(big).toHaveAttribute('data-decoder', 'image-decoder');
  await expect(big).toHaveAttribute('data-decoded-width', '512');
  await expect(big).toHaveAttribute('data-decoded-height', '384');
});

test('a still is picked, downloaded (its thumbnail, or the original at full resolution), exported, shown larger and kept', async ({ app, page }) => {
  await app.open('mode=fast&count=4');
  await app.drop('still.jpg', 'h264_bframes.mp4');
  for (const name of ['still.jpg', 'h264_bframes.mp4']) expect(await app.settled(name)).toBe('done');
  const card = app.video('still.jpg');
  await card.getByTestId('pick').click();
  const [thumb] = await app.thumbs('still.jpg');
  expect(thumb!.picked).toBe(true);

  const small = await download(page, 'download-picked');
  expect(small.suggestedFilename()).toBe('still_320x240.jpg');
  const smallBytes = await downloaded(small);
  expect(jpegSize(smallBytes)).toEqual({ width: 320, height: 240 });
  expect(smallBytes.length).toBe(thumb!.bytes);

  await page.getByTestId('download-size').selectOption('full');
  const original = await download(page, 'download-picked');
  expect(original.suggestedFilename()).toBe('still.jpg');
  expect((await downloaded(original)).equals(fs.readFileSync(media('still.jpg')))).toBe(true);

  await page.getByTestId('download-size').selectOption('thumbnail');
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(1).click();
  const zip = readZip(await downloaded(await download(page, 'download-picked')));
  expect([...zip.keys()]).toEqual(['still_320x240.jpg', 'h264_bframes_00-00-03.200.jpg', 'frames.json']);
  const json = JSON.parse(zip.get('frames.json')!.toString('utf8'));
  expect(json.videos[0]).toMatchObject({ kind: 'image', format: 'jpeg', name: 'still.jpg', width: 640, height: 480, duration: null });
  expect(json.videos[1]).toMatchObject({ kind: 'video', format: null, codec: 'h264' });
  expect(json.frames[0]).toMatchObject({ file: 'still_320x240.jpg', width: 320, height: 240, quality: 80, bytes: thumb!.bytes });

  // On the contact sheet with the video's thumbnails: two sections.
  const sheet = await download(page, 'contact-sheet');
  expect(jpegSize(await downloaded(sheet)).width).toBeGreaterThan(0);
  await expect(page.getByTestId('export-status')).toHaveText(/Downloaded framepick-contact-sheet-.*\.jpg/);

  // Larger: the whole image (never enlarged past its size), pickable.
  await card.getByTestId('open-frame').click();
  const large = page.getByTestId('large-view');
  await expect(large).toHaveAttribute('data-state', 'ready');
  await expect(large).toHaveAttribute('data-kind', 'image');
  await expect(large).toHaveAttribute('data-width', '640');
  await expect(large).toHaveAttribute('data-height', '480');
  await expect(large.getByTestId('large-pick')).toHaveAttribute('aria-pressed', 'true');
  await large.getByTestId('large-close').click();
  await expect(large).toHaveCount(0);

  // Kept: after a reload, and dropped again it is not made again.
  await page.reload();
  await expect(card).toHaveAttribute('data-kind', 'image');
  await expect(card).toHaveAttribute('data-width', '640');
  expect((await app.thumbs('still.jpg'))[0]).toMatchObject({ picked: true, naturalWidth: 320 });
  await app.drop('still.jpg');
  await expect(page.getByTestId('activity')).toContainText('Reused 1 stored thumbnails');
});

test('a damaged, a misnamed and an enormous image each get a clear message on their own card; a good one beside them is made', async ({ app }) => {
  await app.open();
  const names = ['still_truncated.jpg', 'not_image.png', 'still_claims_huge.png', 'still.png'];
  await app.drop(...names);
  const states = await app.settledQuietly(names, 60_000);
  expect(states).toEqual({ 'still_truncated.jpg': 'error', 'not_image.png': 'error', 'still_claims_huge.png': 'error', 'still.png': 'done' });
  await expect(app.video('still_truncated.jpg').getByTestId('video-error')).toHaveText(/The image data is damaged or cut short/);
  await expect(app.video('not_image.png').getByTestId('video-error')).toHaveText('This is not a JPEG, PNG, WebP or AVIF image.');
  await expect(app.video('still_claims_huge.png').getByTestId('video-error')).toHaveText(/30000×30000 \(900 megapixels\).*more than is safe/);
  expect(await app.thumbs('still.png')).toHaveLength(1);
});
