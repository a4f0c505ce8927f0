// One check for "every thumbnail is the frame ffprobe says it is".
import { expect, expectedFrame, truth, type App } from './fixtures';

/** Every thumbnail of `name` against ffprobe's frames: pts, keyframe, exactness, picture type, frame number. */
export async function expectMatchesTruth(app: App, name: string, mode: 'fast' | 'exact'): Promise<void> {
  const { frames, duration } = truth(name);
  const thumbs = await app.thumbs(name);
  expect(thumbs, name).toHaveLength(15);
  const shownDuration = Number(await app.video(name).getAttribute('data-duration'));
  expect(shownDuration, `${name} duration`).toBeCloseTo(duration, 1);
  for (const t of thumbs) {
    const want = expectedFrame(frames, t.time, mode);
    const where = `${name} #${t.index} at ${t.time.toFixed(3)} s`;
    expect(t.pts, `${where}: pts`).toBeCloseTo(want.frame.pts, 3);
    expect(t.keyframe, `${where}: keyframe`).toBe(want.frame.key);
    expect(t.exact, `${where}: exact`).toBe(want.exact);
    expect(t.pictType, `${where}: picture type`).toBe(want.frame.type);
    if (t.frameDerived) expect(Math.abs((t.frame ?? -99) - want.index), `${where}: derived frame number`).toBeLessThanOrEqual(1);
    else expect(t.frame, `${where}: frame number`).toBe(want.index);
  }
}
