// Against real files (the fixture script's): Mediabunny in Node reads them
// as the workers do in the browser.
import { ALL_FORMATS, EncodedPacketSink, FilePathSource, Input } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { keyPacketAtOrBefore } from '../../workers/frames/keyPackets';
import { media, truth } from '../support/truth.mjs';

async function sinkOf(name: string): Promise<EncodedPacketSink> {
  const input = new Input({ formats: ALL_FORMATS, source: new FilePathSource(media(name)) });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error(`${name}: no video track`);
  return new EncodedPacketSink(track);
}

describe('keyPacketAtOrBefore', () => {
  // vp8_live.webm: no cues, clusters that begin mid-GOP. vp9.webm: cues.
  for (const name of ['vp8_live.webm', 'vp9.webm']) {
    it(`finds the last keyframe at or before every time in ${name}, as ffprobe lists them`, async () => {
      const sink = await sinkOf(name);
      const { frames, duration } = truth(name);
      const keys = frames.filter((f) => f.key).map((f) => f.pts);
      for (let t = 0; t < duration; t += 0.1) {
        const want = keys.filter((k) => k <= t + 1e-6).at(-1);
        const got = await keyPacketAtOrBefore(sink, t + 1e-6, { metadataOnly: true });
        expect(got?.type, `${name} at ${t.toFixed(1)} s`).toBe('key');
        expect(got?.timestamp, `${name} at ${t.toFixed(1)} s`).toBeCloseTo(want!, 3);
      }
    });
  }

  it('answers null before the first keyframe', async () => {
    expect(await keyPacketAtOrBefore(await sinkOf('vp8_live.webm'), -1, { metadataOnly: true })).toBeNull();
  });
});
