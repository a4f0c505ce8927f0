// On real files: the committed corpus and the fixture script's.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { videoEditEnd } from '../../workers/probe/editList';
import { readMoov } from '../../workers/probe/moovBoxes';
import { media, truth } from '../support/truth.mjs';

async function editEndOf(name: string): Promise<number | null> {
  const moov = await readMoov(new Blob([fs.readFileSync(media(name))]));
  if (!moov) throw new Error(`${name}: no moov`);
  return videoEditEnd(moov);
}

describe('videoEditEnd', () => {
  it("ends an iPhone MOV's video where its edit does, before the sample past it (ffprobe's duration)", async () => {
    expect(await editEndOf('realworld/ax_dolbyvision_hdr.mov')).toBeCloseTo(truth('realworld/ax_dolbyvision_hdr.mov').duration, 3);
  });

  it('counts an empty edit before the media (video starting after audio)', async () => {
    const end = await editEndOf('late_video.mp4');
    const { frames } = truth('late_video.mp4');
    expect(end).toBeGreaterThan(frames.at(-1)!.pts);
    expect(end).toBeLessThan(frames.at(-1)!.pts + 0.1);
  });

  it('says nothing for a fragmented file', async () => {
    expect(await editEndOf('realworld/ax_fragmented.mp4')).toBeNull();
  });
});
