// Shapes seen in real files from other projects' test suites, made by the
// fixture script (issue 11).
import { expect, test } from './fixtures';

test('MPEG-2 video in a broadcast TS is found even though Mediabunny sees only its audio', async ({ app }) => {
  // Before: "This file has audio but no video track." ffprobe is now asked
  // whenever Mediabunny finds no video track.
  await app.open();
  await app.drop('mpeg2_broadcast.ts');
  expect(await app.settled('mpeg2_broadcast.ts', 90_000)).toBe('done');
  const video = app.video('mpeg2_broadcast.ts');
  await expect(video).toHaveAttribute('data-codec', 'mpeg2video');
  await expect(video).toHaveAttribute('data-engine', 'ffmpeg');
  await expect(video).toHaveAttribute('data-width', '720');
  await expect(video).toHaveAttribute('data-height', '576');
  const thumbs = await app.thumbs('mpeg2_broadcast.ts');
  expect(thumbs).toHaveLength(15);
  for (const t of thumbs) expect([t.naturalWidth, t.naturalHeight]).toEqual([320, 256]);
});
