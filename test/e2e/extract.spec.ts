// The spine: files in, N thumbnails out, each one the frame it claims to be.
import { App, expect, expectedFrame, test, truth } from './fixtures';

test('the sample button loads the bundled video and gives 15 thumbnails in time order', async ({ app, page }) => {
  await app.open();
  await page.getByTestId('sample').click();
  expect(await app.settled('sample.mp4')).toBe('done');
  const video = app.video('sample.mp4');
  await expect(video).toHaveAttribute('data-duration', '10');
  await expect(video).toHaveAttribute('data-width', '640');
  await expect(video).toHaveAttribute('data-height', '360');
  await expect(video).toHaveAttribute('data-codec', 'h264');
  await expect(video).toHaveAttribute('data-engine', 'webcodecs');

  const thumbs = await app.thumbs('sample.mp4');
  expect(thumbs.map((t) => t.index)).toEqual([...Array(15).keys()]);
  for (const t of thumbs) {
    expect(t.time).toBeCloseTo(((t.index + 0.5) * 10) / 15, 9);
    expect([t.naturalWidth, t.naturalHeight]).toEqual([320, 180]);
    expect(t.bytes).toBeGreaterThan(1000);
    expect(t.picked).toBe(false);
  }
  // Each card says when, which frame, and how big, in words a person reads.
  await expect(video.getByTestId('thumb').first()).toContainText('00:00.333');
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false');
});

test('several files dropped at once are all extracted', async ({ app }) => {
  await app.open();
  await app.drop('h264_bframes.mp4', 'vp9.webm', 'mpeg2.avi');
  for (const name of ['h264_bframes.mp4', 'vp9.webm', 'mpeg2.avi']) {
    expect(await app.settled(name)).toBe('done');
    expect(await app.thumbs(name)).toHaveLength(15);
  }
});

// Every container and codec of the corpus, in both modes, against ffprobe.
// vp9_23976.webm: 23.976 fps in WebM's millisecond ticks (frames 41 or 42 ms
// apart); theora.ogv: Ogg Theora, times from granule positions.
const corpus = ['h264_bframes.mp4', 'late_video.mp4', 'h264.mkv', 'h264_midgop.ts', 'vp8_live.webm', 'vp9.webm', 'vp9_23976.webm', 'theora.ogv', 'mpeg2.avi', 'hevc.mp4', 'vfr.mp4', 'editlist.mp4', 'rotated.mp4', 'sar2.mp4'];

for (const mode of ['fast', 'exact'] as const) {
  test(`${mode} mode: every thumbnail is the frame ffprobe says, across containers and codecs`, async ({ app }) => {
    test.setTimeout(180_000);
    await app.open();
    await app.setSettings({ mode });
    await app.drop(...corpus);
    for (const name of corpus) {
      expect(await app.settled(name, 120_000), name).toBe('done');
      await expectMatchesTruth(app, name, mode);
    }
  });
}

async function expectMatchesTruth(app: App, name: string, mode: 'fast' | 'exact'): Promise<void> {
  const known = truth(name);
  const { duration } = known;
  const thumbs = await app.thumbs(name);
  expect(thumbs, name).toHaveLength(15);
  const shownDuration = Number(await app.video(name).getAttribute('data-duration'));
  expect(shownDuration, `${name} duration`).toBeCloseTo(duration, 1);
  for (const t of thumbs) {
    const want = expectedFrame(known, t.time, mode);
    const where = `${name} #${t.index} at ${t.time.toFixed(3)} s`;
    expect(t.pts, `${where}: pts`).toBeCloseTo(want.frame.pts, 3);
    expect(t.keyframe, `${where}: keyframe`).toBe(want.frame.key);
    expect(t.exact, `${where}: exact`).toBe(want.exact);
    expect(t.pictType, `${where}: picture type`).toBe(want.frame.type);
    if (t.frameDerived) expect(Math.abs((t.frame ?? -99) - want.index), `${where}: derived frame number`).toBeLessThanOrEqual(1);
    else expect(t.frame, `${where}: frame number`).toBe(want.index);
  }
}

test('a video rotated -90 degrees gives portrait thumbnails', async ({ app }) => {
  await app.open();
  await app.drop('rotated.mp4');
  expect(await app.settled('rotated.mp4')).toBe('done');
  await expect(app.video('rotated.mp4')).toHaveAttribute('data-width', '360');
  await expect(app.video('rotated.mp4')).toHaveAttribute('data-height', '640');
  expect((await app.thumbs('rotated.mp4')).map((t) => [t.naturalWidth, t.naturalHeight])).toEqual(Array(15).fill([320, 569]));
});

test('2:1 pixels give double-wide thumbnails', async ({ app }) => {
  await app.open();
  await app.drop('sar2.mp4');
  expect(await app.settled('sar2.mp4')).toBe('done');
  // Coded 320x360 with pixels twice as wide as tall: displayed 640x360.
  await expect(app.video('sar2.mp4')).toHaveAttribute('data-width', '640');
  await expect(app.video('sar2.mp4')).toHaveAttribute('data-height', '360');
  expect((await app.thumbs('sar2.mp4')).map((t) => [t.naturalWidth, t.naturalHeight])).toEqual(Array(15).fill([320, 180]));
});
