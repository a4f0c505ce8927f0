import { describe, expect, it } from 'vitest';
import { fileTime, frameFileName, originalFileName, stampedName, stillFileName, uniqueNames, videoStem } from '../../src/lib/export/names';
import { pickedItems, type ExportSources } from '../../src/lib/export/exports';
import { framesJson, type ExportedFrame } from '../../src/lib/export/sidecar';

describe('names', () => {
  it('formats frame times as hh-mm-ss.mmm', () => {
    expect(fileTime(0)).toBe('00-00-00.000');
    expect(fileTime(83.4567)).toBe('00-01-23.457');
    expect(fileTime(3723.5)).toBe('01-02-03.500');
  });

  it('names a frame after its video and time', () => {
    expect(frameFileName('Holiday 2024.MP4', 12.5)).toBe('Holiday 2024_00-00-12.500.jpg');
    expect(frameFileName('a/b:c*d?.mkv', 1)).toBe('a_b_c_d__00-00-01.000.jpg');
    expect(frameFileName('.mp4', 1)).toBe('video_00-00-01.000.jpg');
    expect(videoStem('日本語の動画.webm')).toBe('日本語の動画');
  });

  it("names a still's picture by its size, and its original by its own name made safe", () => {
    expect(stillFileName('IMG_0042.JPG', 320, 240)).toBe('IMG_0042_320x240.jpg');
    expect(originalFileName('IMG_0042.JPG')).toBe('IMG_0042.jpg');
    expect(originalFileName('a:b.avif')).toBe('a_b.avif');
    expect(originalFileName('no extension')).toBe('no extension');
  });

  it('makes names unique, ignoring case', () => {
    expect(uniqueNames(['a.jpg', 'A.jpg', 'a.jpg', 'b.jpg'])).toEqual(['a.jpg', 'A_2.jpg', 'a_3.jpg', 'b.jpg']);
  });

  it('stamps archives with local date and time', () => {
    expect(stampedName('picked', 'zip', new Date(2026, 10, 21, 14, 5, 9))).toBe('framepick-picked-2026-11-21_14-05-09.zip');
  });
});

describe('framesJson', () => {
  const video: ExportedFrame['video'] = { id: 'fp-a', kind: 'video', name: 'a.mp4', size: 10, info: null, still: null, engine: 'ffmpeg', settings: { count: 2, width: 320, quality: 80, mode: 'fast', engine: 'auto' } };
  const frame = (index: number, from = video): ExportedFrame => ({
    video: from,
    file: `a_${index}.jpg`,
    index,
    time: index + 0.5,
    identity: { pts: index, keyframe: true, exact: false, frameNumber: index * 30, frameNumberDerived: false },
    pictType: 'I',
    width: 320,
    height: 180,
    bytes: 1000 + index,
    quality: 80,
    span: index === 1 ? { start: 0, end: 4 } : null,
    flags: index === 1 ? ['blurry'] : [],
    sharpness: index === 1 ? 12.5 : null,
    suggested: index === 0,
  });

  it('lists every frame with its video and each video once', () => {
    const json = framesJson([frame(0), frame(1)], new Date('2026-11-21T12:00:00Z'));
    expect(json.videos).toHaveLength(1);
    expect(json.videos[0]).toMatchObject({ kind: 'video', format: null, name: 'a.mp4', engine: 'ffmpeg', codec: null });
    expect(json.frames[1]).toEqual({
      video: 'a.mp4', videoId: 'fp-a', file: 'a_1.jpg', index: 1, requestedTime: 1.5, pts: 1, frameNumber: 30, frameNumberDerived: false,
      keyframe: true, exact: false, pictType: 'I', width: 320, height: 180, bytes: 1001, quality: 80,
      span: { start: 0, end: 4 }, flags: ['blurry'], sharpness: 12.5, suggested: false,
    });
    expect(json.frames[0]).toMatchObject({ span: null, flags: [], sharpness: null, suggested: true });
    expect(json.created).toBe('2026-11-21T12:00:00.000Z');
  });

  it('describes a still by its format and real size, and its original by a null quality', () => {
    const still = { format: 'jpeg' as const, width: 16384, height: 16384, decoder: 'image-decoder' as const, decodedWidth: 2048, decodedHeight: 2048 };
    const image = { ...video, id: 'fp-i', kind: 'image' as const, name: 'huge.jpg', engine: null, still };
    const json = framesJson([{ ...frame(0, image), file: 'huge.jpg', width: 16384, height: 16384, quality: null }], new Date(0));
    expect(json.videos[0]).toMatchObject({ kind: 'image', format: 'jpeg', width: 16384, height: 16384, duration: null, container: null });
    expect(json.frames[0]).toMatchObject({ file: 'huge.jpg', width: 16384, height: 16384, quality: null });
  });

  it('keeps two different files with the same name apart (defect 4)', () => {
    const other = { ...video, id: 'fp-b', size: 99 };
    const json = framesJson([frame(0), frame(0, other)], new Date(0));
    expect(json.videos.map((v) => [v.id, v.size])).toEqual([['fp-a', 10], ['fp-b', 99]]);
    expect(json.frames.map((f) => f.videoId)).toEqual(['fp-a', 'fp-b']);
  });
});

describe('pickedItems', () => {
  const thumb = (index: number, pts: number, picked: boolean) => ({ index, picked, identity: { pts } });
  const video = { id: 'v', videoId: 'v', thumbs: [thumb(0, 0, true), thumb(1, 0, true), thumb(2, 4, true), thumb(3, 8, false)] };
  const zoom = { id: 'v@2-6', videoId: 'v', thumbs: [thumb(0, 3, true), thumb(1, 4, true)] };
  const sources = { videos: [video], zooms: [zoom] } as unknown as ExportSources;

  it("takes every pick of a view, and a zoomed view's picks but for frames its video has picked already", () => {
    expect(pickedItems(sources).map(({ entry, thumb }) => [entry.id, thumb.index])).toEqual([
      ['v', 0],
      ['v', 1],
      ['v', 2],
      ['v@2-6', 0],
    ]);
  });
});
