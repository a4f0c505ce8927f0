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
    const known = truth('mpeg2_broadcast.ts');
    const thumbs = await app.thumbs('mpeg2_broadcast.ts');
    expect(thumbs).toHaveLength(15);
    for (const t of thumbs) {
      const want = expectedFrame(known, t.time, mode);
      const where = `#${t.index} at ${t.time.toFixed(3)} s`;
      expect({ pts: t.pts.toFixed(3), keyframe: t.keyframe, type: t.pictType }, where).toEqual({ pts: want.frame.pts.toFixed(3), keyframe: want.frame.key, type: want.frame.type });
    }
  });
}

// More requested times than frames: every time keeps its card, in time
// order, and the cards that repeat a frame say which card shows it first.
// One rule on both engines and in every container (issue 11, class 7:
// a 4-frame MP4 showed 6 cards, a 1-frame TS 1).
for (const engine of ['ffmpeg', 'webcodecs'] as const) {
  test(`${engine}: a 4-frame MP4 and a 1-frame TS each give 15 thumbnails, and those that repeat a frame say so`, async ({ app }) => {
    await app.open(`mode=exact&engine=${engine}`);
    const files = { 'four_frames.mp4': 4, 'one_frame.ts': 1 };
    await app.drop(...Object.keys(files));
    for (const [name, frameCount] of Object.entries(files)) {
      expect(await app.settled(name), name).toBe('done');
      await expect(app.video(name)).toHaveAttribute('data-engine', engine);
      const thumbs = await app.thumbs(name);
      expect(thumbs.map((t) => t.index), name).toEqual([...Array(15).keys()]);
      const known = truth(name);
      const firstShowing = new Map<number, number>();
      const cards = app.video(name).getByTestId('thumb');
      for (const t of thumbs) {
        expect(t.pts, `${name} #${t.index}`).toBeCloseTo(expectedFrame(known, t.time, 'exact').frame.pts, 3);
        const first = firstShowing.get(t.pts) ?? t.index;
        firstShowing.set(t.pts, first);
        const card = cards.nth(t.index);
        await expect(card, `${name} #${t.index}`).toHaveAttribute('data-repeat-of', first === t.index ? '' : String(first));
        await expect(card.getByTestId('thumb-repeat')).toHaveCount(first === t.index ? 0 : 1);
      }
      expect(firstShowing.size, `${name}: distinct frames`).toBe(frameCount);
    }
  });
}
