import { describe, expect, it } from 'vitest';
import { chooseEngine } from '../../src/lib/extraction/engineChoice';

const h264 = { codec: 'h264', container: 'mp4', webcodecsDecodable: true, interlaced: false };

describe('chooseEngine', () => {
  it('takes WebCodecs where the browser decodes the track, ffmpeg.wasm elsewhere', () => {
    expect(chooseEngine(h264, 'auto')).toEqual({ ok: true, engine: 'webcodecs' });
    expect(chooseEngine({ ...h264, webcodecsDecodable: false }, 'auto')).toEqual({ ok: true, engine: 'ffmpeg' });
    expect(chooseEngine(h264, 'ffmpeg')).toEqual({ ok: true, engine: 'ffmpeg' });
  });

  it('sends interlaced video to ffmpeg.wasm, which deinterlaces it, unless WebCodecs is forced or ffmpeg cannot decode it', () => {
    expect(chooseEngine({ ...h264, interlaced: true }, 'auto')).toEqual({ ok: true, engine: 'ffmpeg' });
    expect(chooseEngine({ ...h264, interlaced: true }, 'webcodecs')).toEqual({ ok: true, engine: 'webcodecs' });
    expect(chooseEngine({ ...h264, codec: 'av1', interlaced: true }, 'auto')).toEqual({ ok: true, engine: 'webcodecs' });
  });

  it('says clearly when the forced engine cannot decode the file', () => {
    const refused = chooseEngine({ ...h264, codec: 'hevc', webcodecsDecodable: false }, 'webcodecs');
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/WebCodecs cannot decode this video \(HEVC in mp4\)/) });
    expect(chooseEngine({ ...h264, codec: 'av1', webcodecsDecodable: false }, 'auto')).toMatchObject({ ok: false });
  });
});
