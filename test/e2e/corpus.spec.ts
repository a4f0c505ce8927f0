// Real files from other projects' test suites (test/fixtures/realworld;
// where each comes from, its licence and what it tests: SOURCES.md there),
// each against native ffprobe's list of its frames, in both modes, on the
// engine the page picks for it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, expectedFrame, media, test, truth, type App, type Truth } from './fixtures';

const dir = path.dirname(media('realworld/SOURCES.md'));
const files = fs.readdirSync(dir).filter((name) => !name.endsWith('.md')).sort();

/** What each thumbnail must be, as ffprobe says; a list of the differences. */
async function differences(app: App, file: string, mode: 'fast' | 'exact'): Promise<string[]> {
  const known = truth(`realworld/${file}`);
  const wrong: string[] = [];
  const video = app.video(file);
  const [width, height] = [Number(await video.getAttribute('data-width')), Number(await video.getAttribute('data-height'))];
  const want = displaySize(known);
  if (Math.abs(width - want.width) > 1 || Math.abs(height - want.height) > 1) wrong.push(`display ${width}x${height}, ffprobe ${want.width}x${want.height}`);
  const thumbs = await app.thumbs(file);
  if (thumbs.length !== 15) wrong.push(`${thumbs.length} thumbnails (${await video.locator('.warning').textContent().catch(() => '')})`);
  for (const t of thumbs) {
    const expected = expectedFrame(known, t.time, mode);
    const where = `#${t.index} at ${t.time.toFixed(3)} s`;
    if (Math.abs(t.pts - expected.frame.pts) > 0.001) wrong.push(`${where}: pts ${t.pts}, ffprobe ${expected.frame.pts}`);
    else {
      if (t.keyframe !== expected.frame.key) wrong.push(`${where}: keyframe ${t.keyframe}`);
      if (t.exact !== expected.exact) wrong.push(`${where}: exact ${t.exact}`);
      const frameOff = t.frame === null ? Infinity : Math.abs(t.frame - expected.index);
      // A derived number can be right only where frames come at a constant rate.
      if (t.frameDerived ? constantRate(known) && frameOff > 1 : frameOff !== 0) wrong.push(`${where}: frame ${t.frameDerived ? '≈' : ''}${t.frame}, ffprobe ${expected.index}`);
    }
  }
  return wrong;
}

/** Whether every gap between frames is the same, within two ticks of the stream's time base. */
function constantRate({ frames, timeBase }: Truth): boolean {
  const gaps = frames.slice(1).map((f, i) => f.pts - frames[i]!.pts);
  return gaps.length === 0 || Math.max(...gaps) - Math.min(...gaps) <= 2 / (timeBase || 1000) + 1e-6;
}

/** The display size ffprobe implies: sample aspect ratio on the width, then the rotation. */
function displaySize(known: Truth & { rotation?: number; sar?: string }): { width: number; height: number } {
  const [num, den] = (known.sar ?? '1:1').split(':').map(Number);
  const sar = num && den ? num / den : 1;
  const width = Math.round(known.width * (sar >= 1 ? sar : 1));
  const height = Math.round(known.height / (sar < 1 ? sar : 1));
  return Math.abs(known.rotation ?? 0) % 180 === 90 ? { width: height, height: width } : { width, height };
}

/**
 * What does not pass yet, and why (issue 11 stays open for these). The
 * test checks that exactly these fail: a file that starts passing fails it
 * too, until it is taken off this list.
 */
const KNOWN_FAILING: Record<string, string> = {
  'ax_sample.avi fast': 'MPEG-4 ASP in AVI with packed B-frames: ffmpeg.wasm times frames one frame later than ffprobe',
  'ax_sample.avi exact': 'MPEG-4 ASP in AVI with packed B-frames: ffmpeg.wasm times frames one frame later than ffprobe',
  'ft_fixture.wmv.asf fast': 'one WMV2 frame and no frame rate: fast mode cannot tell that the frame is still shown later',
  'ax_partially_fragmented.mp4 exact': 'MP4 with moov and then moof fragments: the index holds only the moov samples, later frames are missing',
};

for (const mode of ['fast', 'exact'] as const) {
  test(`${mode} mode: ${files.length} real files from other projects' test suites give the frames ffprobe lists, at the display size it implies`, async ({ app }, testInfo) => {
    test.setTimeout(300_000);
    await app.open(`mode=${mode}`);
    await app.drop(...files.map((file) => `realworld/${file}`));
    const failing: Record<string, string> = {};
    const engines = new Map<string, number>();
    for (const file of files) {
      const state = await app.settled(file, 240_000);
      const engine = (await app.video(file).getAttribute('data-engine')) ?? 'none';
      engines.set(engine, (engines.get(engine) ?? 0) + 1);
      const wrong = state === 'done' ? await differences(app, file, mode) : [`${state}: ${await app.video(file).getByTestId('video-error').textContent()}`];
      if (wrong.length > 0) failing[`${file} ${mode}`] = `on ${engine}: ${wrong.slice(0, 3).join('; ')}`;
    }
    const expected = Object.keys(KNOWN_FAILING).filter((key) => key.endsWith(` ${mode}`));
    testInfo.annotations.push({ type: 'corpus', description: `${files.length - Object.keys(failing).length} of ${files.length} right; ${[...engines].map(([e, n]) => `${n} on ${e}`).join(', ')}` });
    // The differences are the message: what is newly wrong, or newly right.
    expect(Object.keys(failing).sort(), JSON.stringify(failing, null, 1)).toEqual(expected.sort());
  });
}
