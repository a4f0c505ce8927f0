import { describe, expect, it } from 'vitest';
import { activityRecord, recordProblem, storedThumb, videoRecord } from '../../src/lib/store/recordSchema';

const info = { container: 'mp4', codec: 'h264', duration: 12, startTime: 0, width: 640, height: 360, codedWidth: 640, codedHeight: 360, rotation: 0, frameRate: 30, firstFramePts: 0, timeBase: 15360, interlaced: false, hdr: null, probedBy: 'mediabunny', indexed: true, webcodecsDecodable: true };
const video = { v: 1, id: 'abc', name: 'a.mp4', size: 10, lastModified: 0, addedAt: 1, info, engine: 'webcodecs', fallback: null, settings: { count: 15, width: 320, quality: 80, mode: 'fast', engine: 'auto' }, state: 'done', error: null, total: 15, misses: [], timings: { prepareMs: 1, decodeMs: 2, encodeMs: 3, totalMs: 6, frames: 15 } };
const thumb = { v: 1, videoId: 'abc', index: 0, time: 0.4, identity: { pts: 0, keyframe: true, exact: false, frameNumber: 0, frameNumberDerived: false }, pictType: 'I', jpeg: new ArrayBuffer(4), width: 320, height: 180, decodeMs: 1, encodeMs: 1, picked: false };

describe('record checks', () => {
  it('pass records as this version writes them, and as earlier ones did (no version, fields added since missing)', () => {
    expect(recordProblem(videoRecord, video)).toBeNull();
    const { v: _v, fallback: _f, ...earlier } = video;
    const { interlaced: _i, hdr: _h, ...earlierInfo } = info;
    expect(recordProblem(videoRecord, { ...earlier, info: earlierInfo })).toBeNull();
    expect(recordProblem(storedThumb, thumb)).toBeNull();
    expect(recordProblem(storedThumb, { ...thumb, jpeg: new Blob(['x']) })).toBeNull();
    // Zoomed views and scores, added with best mode.
    expect(recordProblem(videoRecord, { ...video, id: 'abc@240-280', parentId: 'abc', span: { start: 240, end: 280 }, settings: { ...video.settings, mode: 'best' } })).toBeNull();
    expect(recordProblem(storedThumb, { ...thumb, score: { mean: 80, spread: 40, sharpness: 120, hash: '00ff00ff00ff00ff' } })).toBeNull();
    expect(recordProblem(activityRecord, { at: '2026-12-04T00:00:00Z', kind: 'pick', video: 'a.mp4', message: 'Picked', details: null })).toBeNull();
    // Still images, added with them: a kind, their format and size, no video info or engine.
    const still = { format: 'jpeg', width: 16384, height: 16384, decoder: 'image-decoder', decodedWidth: 2048, decodedHeight: 2048 };
    expect(recordProblem(videoRecord, { ...video, kind: 'image', name: 'a.jpg', info: null, engine: null, still })).toBeNull();
    expect(recordProblem(videoRecord, { ...video, kind: 'video', still: null })).toBeNull();
  });

  it('name what is wrong with a damaged record, or one from a newer version', () => {
    expect(recordProblem(videoRecord, { ...video, state: 'exploded' })).toMatch(/^state: /);
    expect(recordProblem(videoRecord, { ...video, info: { ...info, duration: 'long' } })).toMatch(/^info\.duration: /);
    expect(recordProblem(videoRecord, { ...video, v: 2 })).toMatch(/^v: /);
    expect(recordProblem(storedThumb, { ...thumb, identity: 'garbled' })).toMatch(/^identity: /);
    expect(recordProblem(storedThumb, { ...thumb, jpeg: 'bytes' })).toMatch(/^jpeg: /);
    expect(recordProblem(storedThumb, { ...thumb, score: { mean: 80, spread: 40, sharpness: 120, hash: 'not hex' } })).toMatch(/^score\.hash: /);
    expect(recordProblem(videoRecord, { ...video, span: { start: 'a', end: 2 } })).toMatch(/^span\.start: /);
    expect(recordProblem(activityRecord, null)).not.toBeNull();
    expect(recordProblem(videoRecord, { ...video, kind: 'audio' })).toMatch(/^kind: /);
    expect(recordProblem(videoRecord, { ...video, kind: 'image', still: { format: 'gif', width: 1, height: 1, decoder: 'bitmap', decodedWidth: 1, decodedHeight: 1 } })).toMatch(/^still\.format: /);
  });
});
