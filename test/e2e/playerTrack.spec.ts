// A player's thumbnail track: one ZIP with thumbnails.vtt and its sprites.
// The VTT is parsed, its cues must be contiguous over the whole video, and
// every cue's region, cropped out of its sprite, must be the keyframe at or
// before the cue's start (fast mode), measured against native ffmpeg's frame
// scaled the same way: close to it (PSNR) and clearly farther from the
// keyframes either side of it.
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { downloaded, jpegSize, readZip } from './files';
import { expect, expectedFrame, media, test, truth, type App } from './fixtures';
import { cueFaults, parseVtt } from '../support/vtt.mjs';

/**
 * The page draws a decoded frame into RGB at full size, then scales it
 * (drawImage); native ffmpeg scales in YUV 4:2:0 unless told otherwise,
 * which halves the chroma's resolution again. On testsrc2's saturated bars
 * that alone measured 27.6 dB against the page's tile; converted first, 41.
 */
const TO_RGB = 'format=rgb24';

interface Rgba {
  width: number;
  height: number;
  data: Buffer;
}

/** A JPEG decoded by native ffmpeg, as RGBA. */
function decodeJpeg(jpeg: Buffer): Rgba {
  const { width, height } = jpegSize(jpeg);
  const data = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'jpeg_pipe', '-i', '-', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { input: jpeg, maxBuffer: 256 << 20 });
  return { width, height, data };
}

/** Every keyframe of fixture `name` as native ffmpeg decodes it, in RGB then scaled to width x height: RGBA, in order. */
function nativeKeyframes(name: string, width: number, height: number, count: number): Buffer[] {
  const all = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-skip_frame', 'nokey', '-i', media(name), '-vf', `${TO_RGB},scale=${width}:${height}:flags=area`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
    maxBuffer: 256 << 20,
  });
  const size = width * height * 4;
  expect(all.length, `native ffmpeg's keyframes of ${name}`).toBe(count * size);
  return Array.from({ length: count }, (_, n) => all.subarray(n * size, (n + 1) * size));
}

/** PSNR (dB, over RGB) of the region of `sprite` at (x, y) against `reference`, an RGBA picture of the region's size. */
function regionPsnr(sprite: Rgba, x: number, y: number, reference: Buffer, w: number, h: number): number {
  let squared = 0;
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const a = ((y + row) * sprite.width + x + col) * 4;
      const b = (row * w + col) * 4;
      for (let c = 0; c < 3; c++) squared += (sprite.data[a + c]! - reference[b + c]!) ** 2;
    }
  }
  return 10 * Math.log10((255 * 255) / (squared / (w * h * 3)));
}

async function setTrackInterval(page: Page, value: string): Promise<void> {
  const input = page.getByTestId('vtt-interval');
  await input.fill(value);
  await input.press('Enter');
  await input.blur();
}

async function downloadTrack(app: App, name: string): Promise<Map<string, Buffer>> {
  const [file] = await Promise.all([app.page.waitForEvent('download', { timeout: 120_000 }), app.video(name).getByTestId('download-vtt').click()]);
  return readZip(await downloaded(file));
}

test('a thumbnail track every second: contiguous cues, each region the keyframe at or before its start', async ({ app, page }, testInfo) => {
  const file = 'h264_bframes.mp4';
  await app.open('mode=fast&quality=90');
  // Validated: out of range is brought into range, and it is no part of the hash.
  await setTrackInterval(page, '0');
  await expect(page.getByTestId('vtt-interval')).toHaveValue('0.5');
  await setTrackInterval(page, '1');
  await expect(page.getByTestId('vtt-interval')).toHaveValue('1');
  await app.drop(file);
  expect(await app.settled(file)).toBe('done');
  const zip = await downloadTrack(app, file);
  expect([...zip.keys()]).toEqual(['thumbnails.vtt', 'sprite-1.jpg']);
  await expect(app.video(file).getByTestId('vtt-status')).toHaveText(/Downloaded h264_bframes_player-thumbnails\.zip: 12 cues every 1 s in 1 sprite/);

  const durationMs = Math.round(Number(await app.video(file).getAttribute('data-duration')) * 1000);
  const cues = parseVtt(zip.get('thumbnails.vtt')!.toString('utf8'));
  expect(cueFaults(cues, durationMs, 1000)).toEqual([]);
  const sprite = decodeJpeg(zip.get('sprite-1.jpg')!);
  expect([sprite.width, sprite.height]).toEqual([12 * 320, 180]);

  const frames = truth(file);
  const keyframes = frames.frames.filter((f) => f.key);
  const natives = nativeKeyframes(file, 320, 180, keyframes.length);
  const report: string[] = [];
  for (const cue of cues) {
    expect([cue.image, cue.w, cue.h]).toEqual(['sprite-1.jpg', 320, 180]);
    const key = expectedFrame(frames, cue.start / 1000, 'fast').frame;
    const at = keyframes.findIndex((f) => f.pts === key.pts);
    const right = regionPsnr(sprite, cue.x, cue.y, natives[at]!, 320, 180);
    const neighbours = [natives[at - 1], natives[at + 1]].filter((f) => f !== undefined).map((f) => regionPsnr(sprite, cue.x, cue.y, f, 320, 180));
    report.push(`${cue.start / 1000} s: keyframe ${key.pts} ${right.toFixed(1)} dB, neighbours ${neighbours.map((n) => n.toFixed(1)).join('/')}`);
    expect(right, report.at(-1)).toBeGreaterThanOrEqual(33);
    for (const other of neighbours) expect(right - other, report.at(-1)).toBeGreaterThanOrEqual(8);
  }
  testInfo.annotations.push({ type: 'PSNR of each region to native ffmpeg', description: report.join('; ') });

  // Remembered by this browser, not put in the address.
  await page.reload();
  await expect(page.getByTestId('vtt-interval')).toHaveValue('1');
  expect(new URL(page.url()).hash).not.toMatch(/vtt|interval/);
});

test('two hours at one second: 7200 contiguous cues over several sprites, stoppable while made', async ({ app, page }, testInfo) => {
  test.setTimeout(180_000);
  const file = 'track_2h.mp4';
  // Quality 90: MozJPEG (as jSquash sets it up) keeps the chroma whole from 90 up and halves it below, which on testsrc2's
  // saturated bars at 96 px is most of the difference to ffmpeg's frame; 100 took 4 times as long.
  await app.open('mode=fast&count=4&width=96&quality=90');
  await setTrackInterval(page, '1');
  await app.drop(file);
  expect(await app.settled(file)).toBe('done');

  // Stopped while made: nothing downloads, the workers are free at once.
  const card = app.video(file);
  await card.getByTestId('download-vtt').click();
  await expect(card.getByTestId('vtt-progress')).toBeVisible();
  await card.getByTestId('vtt-cancel').click();
  await expect(card.getByTestId('vtt-status')).toHaveText('Cancelled.');
  await expect(page.getByTestId('status')).toHaveAttribute('data-running-workers', '0', { timeout: 2000 });

  const started = Date.now();
  const zip = await downloadTrack(app, file);
  testInfo.annotations.push({ type: 'made in', description: `${((Date.now() - started) / 1000).toFixed(1)} s` });
  expect([...zip.keys()]).toEqual(['thumbnails.vtt', 'sprite-1.jpg', 'sprite-2.jpg', 'sprite-3.jpg']);
  const cues = parseVtt(zip.get('thumbnails.vtt')!.toString('utf8'));
  expect(cueFaults(cues, 7_200_000, 1000)).toEqual([]);

  // Native ffmpeg's 120 keyframes at the tile size, in order.
  const natives = nativeKeyframes(file, 96, 54, 120);
  const keyframe = (n: number) => natives[n]!;
  const sprites = new Map([...zip].filter(([name]) => name.endsWith('.jpg')).map(([name, bytes]) => [name, decodeJpeg(bytes)]));
  // Checked cue by cue, reported once: an expect per cue would take minutes.
  const checking = Date.now();
  const wrong: string[] = [];
  let worst = Infinity;
  let nearest = Infinity;
  for (const cue of cues) {
    const sprite = sprites.get(cue.image);
    if (!sprite || cue.w !== 96 || cue.h !== 54 || cue.x + cue.w > sprite.width || cue.y + cue.h > sprite.height) {
      wrong.push(`cue at ${cue.start / 1000} s: ${cue.image}#xywh=${cue.x},${cue.y},${cue.w},${cue.h} is not a tile of a sprite`);
      continue;
    }
    // A keyframe every 60 s from 0: the one at or before the cue's start, against the ones either side.
    const n = Math.floor(cue.start / 60_000);
    const right = regionPsnr(sprite, cue.x, cue.y, keyframe(n), 96, 54);
    const others = [n - 1, n + 1].filter((k) => k >= 0 && k < 120).map((k) => regionPsnr(sprite, cue.x, cue.y, keyframe(k), 96, 54));
    worst = Math.min(worst, right);
    nearest = Math.min(nearest, ...others.map((other) => right - other));
    if (right < 25 || others.some((other) => other > right - 10)) wrong.push(`cue at ${cue.start / 1000} s in ${cue.image}: ${right.toFixed(1)} dB to its keyframe, ${others.map((o) => o.toFixed(1)).join('/')} to its neighbours`);
  }
  testInfo.annotations.push({ type: 'checked in', description: `${((Date.now() - checking) / 1000).toFixed(1)} s` });
  testInfo.annotations.push({ type: 'PSNR', description: `worst region ${worst.toFixed(1)} dB to its keyframe; its neighbours at least ${nearest.toFixed(1)} dB further` });
  expect(wrong.slice(0, 20), `${wrong.length} of ${cues.length} cues`).toEqual([]);
  for (const sprite of sprites.values()) expect(Math.max(sprite.width, sprite.height)).toBeLessThanOrEqual(4096);
});
