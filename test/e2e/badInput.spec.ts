// Bad files get a clear message on that file only; the rest carries on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostileFile } from '../hostile/corpus.mjs';
import { expect, media, test, type App } from './fixtures';

const bad: Record<string, RegExp> = {
  'zero_bytes.mp4': /empty \(0 bytes\)/,
  'not_video.mp4': /text file, not a video/,
  'truncated.mp4': /incomplete.*moov atom/,
  'corrupt.mp4': /None of the 15 frames could be decoded; the video data is probably damaged/,
  'audio_only.m4a': /no video track, only audio/,
};

test('zero-byte, text, truncated, corrupt and audio-only files each get a clear message; a good file beside them is done', async ({ app, page }) => {
  await app.open();
  const started = Date.now();
  await app.drop(...Object.keys(bad), 'h264_bframes.mp4');
  for (const [name, message] of Object.entries(bad)) {
    expect(await app.settled(name, 30_000), name).toBe('error');
    await expect(app.video(name).getByTestId('video-error')).toHaveText(message);
    expect(Date.now() - started, `${name} settled within 30 s`).toBeLessThan(30_000);
  }
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  expect(await app.thumbs('h264_bframes.mp4')).toHaveLength(15);
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false');
});

test('a codec ffmpeg.wasm cannot decode (AV1) says so when ffmpeg is forced, with the file metadata shown', async ({ app }) => {
  await app.open('engine=ffmpeg');
  await app.drop('av1.mp4');
  expect(await app.settled('av1.mp4')).toBe('error');
  await expect(app.video('av1.mp4').getByTestId('video-error')).toHaveText(/AV1, which ffmpeg\.wasm cannot decode/);
  await expect(app.video('av1.mp4')).toHaveAttribute('data-codec', 'av1');
  await expect(app.video('av1.mp4')).toHaveAttribute('data-width', '320');
});

/**
 * Drops the file `make` writes into a fresh directory on a page opened with
 * `hash`; returns its state, its message and how long it took to settle.
 */
async function settleMade(app: App, make: (dir: string) => string, hash = ''): Promise<{ state: string; message: string; ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-bad-'));
  try {
    const file = make(dir);
    const name = path.basename(file);
    await app.open(hash);
    const started = Date.now();
    await app.page.getByTestId('file-input').setInputFiles(file);
    const state = await app.settled(name, 30_000);
    const ms = Date.now() - started;
    const message = state === 'error' ? ((await app.video(name).getByTestId('video-error').textContent()) ?? '') : '';
    return { state, message, ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Drops hostile file `index` of `seed` (test/hostile/corpus.mjs). */
function settleHostile(app: App, index: number, seed: number, hash = ''): Promise<{ state: string; message: string; ms: number }> {
  return settleMade(app, (dir) => hostileFile(index, seed, dir).path, hash);
}

test('a damaged codec configuration (hostile file 200 of seed 7, a bit-flipped avcC) is given up at once, not after every seek retry', async ({ app }) => {
  const { state, message, ms } = await settleHostile(app, 200, 7);
  expect(state).toBe('error');
  expect(message).toMatch(/cannot be decoded.*extradata/);
  // It used to take 21 s: every frame tried at every seek margin.
  expect(ms).toBeLessThan(8_000);
});

test('a file in which no frame decodes (hostile file 290 of seed 1, bit-flipped HEVC) does not wear out ffmpeg instances until they hang', async ({ app }) => {
  const { state, message, ms } = await settleHostile(app, 290, 1, 'engine=ffmpeg');
  expect(state).toBe('error');
  expect(message).toMatch(/None of the 15 frames could be decoded/);
  // Every failed exec leaks stack: the ninth on one instance hung it, 10 s
  // for the watchdog and 10 s more for the retry, 21 s in all.
  expect(ms).toBeLessThan(8_000);
});

test('a file on which ffprobe calls exit() (hostile file 1797 of seed 1) gets ffmpeg\'s words, not "[object Object]"', async ({ app }) => {
  const { state, message } = await settleHostile(app, 1797, 1);
  expect(state).toBe('error');
  expect(message).toMatch(/^ffmpeg could not read this file: .*\w{4}/);
  expect(message).not.toContain('[object');
});

test('a damaged pixel aspect ratio (hostile file 2613 of seed 1, MPEG-2 claiming 15:32783) is ignored, not turned into a 320x393396 thumbnail', async ({ app }) => {
  const { state, ms } = await settleHostile(app, 2613, 1);
  // It used to scale every frame to 320x393396 RGBA (500 MB), which MozJPEG
  // then refused ("Maximum supported image dimension is 65500 pixels"): over
  // a minute, holding up every file queued behind it.
  expect(state).toBe('done');
  expect(ms).toBeLessThan(8_000);
  const card = app.video('hostile-1-02613.avi');
  await expect(card).toHaveAttribute('data-width', '480');
  await expect(card).toHaveAttribute('data-height', '270');
  const thumbs = await app.thumbs('hostile-1-02613.avi');
  expect(thumbs.length).toBeGreaterThan(0);
  for (const thumb of thumbs) expect([thumb.naturalWidth, thumb.naturalHeight]).toEqual([320, 180]);
});

test('a damaged avcC is a warning in the console, not an error: the page did nothing wrong', async ({ app, page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('Mediabunny:')) warnings.push(message.text());
  });
  // The avcC's SPS claims 65535 bytes, so reading the record runs off its
  // end, as in a bit-flipped file (hostile file 2303 of seed 1 here).
  const { state } = await settleMade(app, (dir) => {
    const bytes = fs.readFileSync(media('h264_bframes.mp4'));
    const avcC = bytes.indexOf('avcC');
    expect(avcC).toBeGreaterThan(0);
    bytes.writeUInt16BE(0xffff, avcC + 10);
    const file = path.join(dir, 'damaged_avcc.mp4');
    fs.writeFileSync(file, bytes);
    return file;
  });
  // The shared fixture fails the test on any console error.
  expect(state).toMatch(/^(done|error)$/);
  expect(warnings.join('\n')).toMatch(/AVC Decoder Configuration Record/);
});

test('an MP4 whose stsc box claims more than its track holds (hostile file 1126 of seed 1) goes to ffmpeg at once, not after a 15 s stall', async ({ app }) => {
  const { state, message, ms } = await settleHostile(app, 1126, 1);
  // Mediabunny spent minutes in one synchronous loop over it; the prepare
  // watchdog stopped the worker after 15 s ("made no progress").
  expect(state).toMatch(/^(done|error)$/);
  expect(message).not.toMatch(/no progress/);
  expect(ms).toBeLessThan(8_000);
});
