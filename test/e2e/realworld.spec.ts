// Shapes seen in real files from other projects' test suites, made by the
// fixture script (issue 11).
import { expect, expectedFrame, test, truth } from './fixtures';

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

// Its audio starts 0.13 s before its video, so the container's start time
// is the audio's: every pts is from there, as ffprobe counts.
for (const mode of ['fast', 'exact'] as const) {
  test(`${mode} mode: the broadcast TS's thumbnails are the frames ffprobe says, timed from the container's start`, async ({ app }) => {
    await app.open();
    await app.setSettings({ mode });
    await app.drop('mpeg2_broadcast.ts');
    expect(await app.settled('mpeg2_broadcast.ts', 90_000)).toBe('done');
    const { frames } = truth('mpeg2_broadcast.ts');
    for (const t of await app.thumbs('mpeg2_broadcast.ts')) {
      const want = expectedFrame(frames, t.time, mode);
      const where = `#${t.index} at ${t.time.toFixed(3)} s`;
      expect({ pts: t.pts.toFixed(3), keyframe: t.keyframe, type: t.pictType }, where).toEqual({ pts: want.frame.pts.toFixed(3), keyframe: want.frame.key, type: want.frame.type });
    }
  });
}
