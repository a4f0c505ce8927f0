// Taking frames away: picked downloads, the ZIP with frames.json, the contact sheet, the log.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { download, downloaded, jpegSize, readZip } from './files';
import { expect, test, type App } from './fixtures';

// Fast mode throughout: these tests are about what is taken away, and name
// the keyframes fast mode shows (best mode's choice is best.spec's).
async function ready(app: App, name: string, hash = 'mode=fast'): Promise<void> {
  await app.open(hash);
  await app.drop(name);
  expect(await app.settled(name)).toBe('done');
}

test('one picked frame downloads as <stem>_<hh-mm-ss.mmm>.jpg, at thumbnail size or full resolution', async ({ app, page }) => {
  await ready(app, 'h264_bframes.mp4');
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(6).click();
  const pts = (await app.thumbs('h264_bframes.mp4'))[6]!.pts;
  expect(pts).toBe(4.8);

  const small = await download(page, 'download-picked');
  expect(small.suggestedFilename()).toBe('h264_bframes_00-00-04.800.jpg');
  const bytes = await downloaded(small);
  expect(jpegSize(bytes)).toEqual({ width: 320, height: 180 });
  expect(bytes.length).toBe((await app.thumbs('h264_bframes.mp4'))[6]!.bytes);

  await page.getByTestId('download-size').selectOption('full');
  const full = await download(page, 'download-picked');
  expect(full.suggestedFilename()).toBe('h264_bframes_00-00-04.800.jpg');
  expect(jpegSize(await downloaded(full))).toEqual({ width: 640, height: 360 });
  // A real JPEG: ffmpeg decodes it.
  const decoded = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', (await full.path())!]).toString().trim();
  expect(decoded).toBe('mjpeg,640,360');
});

test('several picked frames download as a ZIP of JPEGs with frames.json', async ({ app, page }) => {
  await app.open('mode=fast');
  await app.drop('h264_bframes.mp4', 'sar2.mp4');
  for (const name of ['h264_bframes.mp4', 'sar2.mp4']) expect(await app.settled(name)).toBe('done');
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(0).click();
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(1).click(); // the same keyframe: names made unique
  await app.video('sar2.mp4').getByTestId('pick').nth(14).click();
  const zip = readZip(await downloaded(await download(page, 'download-picked')));
  expect([...zip.keys()]).toEqual(['h264_bframes_00-00-00.000.jpg', 'h264_bframes_00-00-00.000_2.jpg', 'sar2_00-00-05.000.jpg', 'frames.json']);
  const json = JSON.parse(zip.get('frames.json')!.toString('utf8'));
  expect(json.frames.map((f: { file: string; bytes: number }) => [f.file, f.bytes])).toEqual([...zip.entries()].filter(([n]) => n.endsWith('.jpg')).map(([n, b]) => [n, b.length]));
  expect(jpegSize(zip.get('sar2_00-00-05.000.jpg')!)).toEqual({ width: 320, height: 180 });
});

test('"download all shown" is one ZIP of what the filters show, with a frames.json that matches the page', async ({ app, page }) => {
  await app.open('mode=fast');
  await app.drop('h264_bframes.mp4', 'vp9.webm');
  for (const name of ['h264_bframes.mp4', 'vp9.webm']) expect(await app.settled(name)).toBe('done');
  await page.getByTestId('filter-to').fill('6');
  await page.getByTestId('filter-to').press('Enter');
  const shown = { 'h264_bframes.mp4': await app.thumbs('h264_bframes.mp4'), 'vp9.webm': await app.thumbs('vp9.webm') };
  const file = await download(page, 'download-zip');
  expect(file.suggestedFilename()).toMatch(/^framepick-thumbnails-\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d\.zip$/);
  const zip = readZip(await downloaded(file));
  const json = JSON.parse(zip.get('frames.json')!.toString('utf8'));

  expect(json.videos.map((v: { name: string }) => v.name)).toEqual(['h264_bframes.mp4', 'vp9.webm']);
  expect(json.videos[1]).toMatchObject({ codec: 'vp9', width: 640, height: 360, duration: 8, container: 'webm', engine: 'webcodecs' });
  const expected = Object.entries(shown).flatMap(([video, thumbs]) =>
    thumbs.map((t) => ({ video, index: t.index, requestedTime: t.time, pts: t.pts, frameNumber: t.frame, frameNumberDerived: t.frameDerived, keyframe: t.keyframe, exact: t.exact, pictType: t.pictType, width: 320, height: 180, bytes: t.bytes, quality: 80,
      span: null, flags: t.flags, sharpness: expect.closeTo(t.sharpness!, 1), suggested: t.suggested })),
  );
  expect(json.frames.map(({ file: _file, videoId: _id, ...rest }: { file: string; videoId: string }) => rest)).toEqual(expected);
  // Each frame names its video by fingerprint too, the id in `videos`.
  const ids = new Map(json.videos.map((v: { id: string; name: string }) => [v.name, v.id]));
  expect(new Set(ids.values()).size).toBe(2);
  for (const frame of json.frames) expect(frame.videoId).toBe(ids.get(frame.video));
  for (const frame of json.frames) {
    expect(zip.get(frame.file)!.length).toBe(frame.bytes);
    expect(jpegSize(zip.get(frame.file)!)).toEqual({ width: 320, height: 180 });
  }
  expect(zip.size).toBe(expected.length + 1);
});

test('1000 thumbnails go into one ZIP', async ({ app, page }) => {
  test.setTimeout(180_000);
  await ready(app, 'vp9.webm', 'count=1000&width=64');
  expect(await app.video('vp9.webm').getByTestId('thumb').count()).toBe(1000);
  const zip = readZip(await downloaded(await download(page, 'download-zip')));
  expect(zip.size).toBe(1001);
  expect(JSON.parse(zip.get('frames.json')!.toString('utf8')).frames).toHaveLength(1000);
});

test('a contact sheet is one JPEG of the shown thumbnails, in the chosen columns, under a header', async ({ app, page }) => {
  await ready(app, 'h264_bframes.mp4');
  await page.getByTestId('sheet-columns').fill('4');
  const file = await download(page, 'contact-sheet');
  expect(file.suggestedFilename()).toMatch(/^framepick-contact-sheet-.*\.jpg$/);
  // 4 columns of 320 px with 8 px gaps and 32 px margins; a 64 px header; 4 rows of 180 px.
  expect(jpegSize(await downloaded(file))).toEqual({ width: 32 * 2 + 4 * 320 + 3 * 8, height: 32 * 2 + 64 + 4 * 180 + 3 * 8 });
  const probe = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width', '-of', 'csv=p=0', (await file.path())!]).toString().trim();
  expect(probe).toBe('mjpeg,1368');
});

test('the picked frame is copied to the clipboard as an image', async ({ app, page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await ready(app, 'sar2.mp4');
  await app.video('sar2.mp4').getByTestId('pick').nth(3).click();
  await page.getByTestId('copy-picked').click();
  await expect(page.getByTestId('export-status')).toHaveText(/Copied the frame at 00:01.000/);
  const image = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const blob = await item!.getType('image/png');
    const bitmap = await createImageBitmap(blob);
    return { type: blob.type, width: bitmap.width, height: bitmap.height };
  });
  // Full resolution: 2:1 pixels shown at 640x360.
  expect(image).toEqual({ type: 'image/png', width: 640, height: 360 });
});

test('the activity log records a session, survives a reload and exports as JSON', async ({ app, page }) => {
  await ready(app, 'h264_bframes.mp4');
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(2).click();
  await download(page, 'download-picked');
  await app.drop('not_video.mp4');
  expect(await app.settled('not_video.mp4')).toBe('error');

  const log = page.getByTestId('activity');
  await expect(log).toContainText('Extracting 15 thumbnails (fast, 320 px, quality 80)');
  await expect(log).toContainText(/15 thumbnails in [\d.]+ s with webcodecs \(probe [\d.]+ s, seek and decode [\d.]+ s, encode [\d.]+ s\)/);
  await expect(log).toContainText('Picked the frame at 00:01.600');
  await expect(log).toContainText('Downloaded h264_bframes_00-00-01.600.jpg');
  await expect(log).toContainText('This is a text file, not a video.');

  await page.reload();
  await expect(page.getByTestId('activity')).toContainText('Picked the frame at 00:01.600');
  const file = await download(page, 'activity-export');
  const { activity } = JSON.parse(fs.readFileSync((await file.path())!, 'utf8'));
  expect(activity.map((a: { kind: string }) => a.kind)).toEqual(['extract', 'extract-done', 'pick', 'download', 'extract', 'extract-failed']);
  // 15 thumbnails in fast mode share 8 keyframes (one every 1.6 s of 12 s): 8 decodes.
  expect(activity[1].details.timings.frames).toBe(8);
  expect(activity[2]).toMatchObject({ video: 'h264_bframes.mp4', details: { index: 2, pts: 1.6 } });
});
