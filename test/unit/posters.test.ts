// One poster per video: the name template (checked, filled, made safe),
// collisions resolved by number, which frame each video gives, what is
// said about the rest, and writing into a folder (a fake one in memory)
// that can be taken up again without writing twice or overwriting anyone.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, fillTemplate, parseTemplate } from '../../src/lib/export/nameTemplate';
import { freeName, resolveNames } from '../../src/lib/export/names';
import { postersOf, suggestionsToPick } from '../../src/lib/export/posterChoice';
import { writePosters, type PosterFolder } from '../../src/lib/export/posterFolder';
import { planPosters, postersNotes, type PosterSources } from '../../src/lib/export/posters';
import { readPostersJson } from '../../src/lib/export/postersJson';
import { VideoEntry, type ThumbView } from '../../src/lib/state/videoEntry.svelte';
import type { VideoInfo } from '../../src/shared/types';

const values = { videoName: 'Interview 3.mov', time: '00-01-02.500', frame: 1875, index: 7, count: 300, width: 1920 };

function parsed(template: string) {
  const result = parseTemplate(template);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('the name template', () => {
  it('fills every field', () => {
    expect(fillTemplate(parsed(DEFAULT_TEMPLATE).parts, values)).toBe('Interview 3_00-01-02.500.jpg');
    expect(fillTemplate(parsed('{index}-{stem}-f{frame}-{width}w.JPEG').parts, values)).toBe('007-Interview 3-f1875-1920w.JPEG');
    expect(fillTemplate(parsed('{index}.jpg').parts, { ...values, index: 12, count: 4500 })).toBe('0012.jpg');
    expect(fillTemplate(parsed('{frame}.jpg').parts, { ...values, frame: null })).toBe('unknown.jpg');
  });

  it('refuses what cannot work, and says why', () => {
    const reason = (t: string) => (parseTemplate(t) as { reason: string }).reason;
    expect(reason('  ')).toMatch(/empty/);
    expect(reason('{stem_{time}.jpg')).toBe('{stem_{time} is not a field: use {stem}, {time}, {frame}, {index} or {width}.');
    expect(reason('{stem.jpg')).toBe('The “{” at character 1 is not closed: fields are written like {stem}.');
    expect(reason('stem}.jpg')).toBe('The “}” at character 5 closes nothing: fields are written like {stem}.');
    expect(reason('{name}.jpg')).toMatch(/^\{name\} is not a field/);
    expect(reason('{stem}_{time}')).toBe('Names must end in .jpg: the posters are JPEG files.');
    expect(reason('{stem}.png')).toMatch(/must end in \.jpg/);
    expect(reason(`${'x'.repeat(200)}.jpg`)).toMatch(/longer than 200/);
  });

  it('leaves out characters no file name may hold, and says which', () => {
    const template = parsed('shots/{stem}:{time}?.jpg');
    expect(template.removed).toEqual(['/', ':', '?']);
    expect(fillTemplate(template.parts, values)).toBe('shotsInterview 300-01-02.500.jpg');
    // Unsafe characters in the video's name become _ (as every download names them).
    expect(fillTemplate(parsed('{stem}.jpg').parts, { ...values, videoName: 'a/b*c.mp4' })).toBe('a_b_c.jpg');
  });

  it('never makes a hidden, empty or reserved name', () => {
    expect(fillTemplate(parsed('.{stem}.jpg').parts, values)).toBe('Interview 3.jpg');
    expect(fillTemplate(parsed('.jpg').parts, values)).toBe('poster.jpg');
    expect(fillTemplate(parsed('{stem}.jpg').parts, { ...values, videoName: 'CON.mp4' })).toBe('_CON.jpg');
    expect(fillTemplate(parsed('{stem} ..jpg').parts, values)).toBe('Interview 3.jpg');
  });
});

describe('name collisions', () => {
  it('numbers a name taken before it, ignoring case, never reusing one', () => {
    expect(resolveNames(['a.jpg', 'A.jpg', 'a_2.jpg', 'b.jpg', 'a.jpg'])).toEqual([
      { name: 'a.jpg', renamedFrom: null },
      { name: 'A_2.jpg', renamedFrom: 'A.jpg' },
      { name: 'a_2_2.jpg', renamedFrom: 'a_2.jpg' },
      { name: 'b.jpg', renamedFrom: null },
      { name: 'a_3.jpg', renamedFrom: 'a.jpg' },
    ]);
    expect(freeName('x', (n) => n !== 'x_4')).toBe('x_4');
  });
});

const info = { duration: 10, width: 1280, height: 720 } as VideoInfo;

function thumb(index: number, pts: number, picked = false): ThumbView {
  return {
    index, time: pts, identity: { pts, keyframe: true, exact: false, frameNumber: pts * 25, frameNumberDerived: false }, pictType: 'I',
    score: { mean: 100, spread: 40, sharpness: 50 + index, hash: `${index}`.padStart(16, '0').replace(/0/g, index % 2 ? 'f' : '0') },
    jpeg: new Blob([new Uint8Array(100 + index)]), url: '', width: 320, height: 180, decodeMs: 0, encodeMs: 0, picked, bytes: 100 + index,
  };
}

function video(name: string, state: VideoEntry['state'], thumbs: ThumbView[] = [], file = false): VideoEntry {
  const entry = new VideoEntry({ id: `fp-${name}`, name, size: 1, lastModified: 0, addedAt: 0 });
  entry.state = state;
  entry.info = info;
  entry.engine = 'webcodecs';
  entry.thumbs = thumbs;
  if (file) entry.file = new File(['x'], name);
  return entry;
}

describe('which frame is each video’s poster', () => {
  it('its pick (the earliest, zoomed views included), else its suggestion, else none and why', () => {
    const picked = video('picked.mp4', 'done', [thumb(0, 1), thumb(1, 4, true)]);
    const zoomed = video('picked.mp4', 'done', [thumb(0, 2, true)]);
    const suggested = video('suggested.mp4', 'done', [thumb(0, 1), thumb(1, 6), thumb(2, 8)]);
    const failed = video('failed.mp4', 'error');
    const waiting = video('waiting.mp4', 'queued');
    const cut = video('cut.mp4', 'cancelled');
    const { posters, without } = postersOf([picked, suggested, failed, waiting, cut], (v) => (v === picked ? [zoomed] : []));
    expect(posters.map((p) => [p.video.name, p.chosen, p.thumb.identity.pts, p.picks, p.holder === zoomed])).toEqual([
      ['picked.mp4', 'pick', 2, 2, true],
      ['suggested.mp4', 'suggestion', expect.any(Number), 0, false],
    ]);
    expect(without.map((w) => [w.video.name, w.reason])).toEqual([
      ['failed.mp4', 'it could not be read'],
      ['waiting.mp4', 'it is not finished yet'],
      ['cut.mp4', 'it is not finished, and its file is needed'],
    ]);
    expect(suggestionsToPick(posters)).toEqual([{ entry: suggested, index: posters[1]!.thumb.index }]);
  });

  it('plans names with the template, numbered where two collide, at full size only where the file is here', () => {
    const a = video('clip.mp4', 'done', [thumb(0, 3, true)], true);
    const b = video('clip.mkv', 'done', [thumb(0, 3, true)]);
    const { posters } = postersOf([a, b], () => []);
    const planned = planPosters(posters, [a, b], { parsed: parsed('{index}_{stem}_{width}.jpg'), size: 'full' });
    expect(planned.map((p) => [p.name, p.renamedFrom, p.size, p.width])).toEqual([
      ['001_clip_1280.jpg', null, 'full', 1280],
      ['002_clip_320.jpg', null, 'thumbnail', 320],
    ]);
    const same = planPosters(posters, [a, b], { parsed: parsed('{stem}_{time}.jpg'), size: 'thumbnail' });
    expect(same.map((p) => [p.name, p.renamedFrom])).toEqual([
      ['clip_00-00-03.000.jpg', null],
      ['clip_00-00-03.000_2.jpg', 'clip_00-00-03.000.jpg'],
    ]);
  });

  it('says what was renamed, what has no poster, and several picks', () => {
    const lonely = video('x.mp4', 'error');
    const notes = postersNotes([{ file: 'a_2.jpg', renamedFrom: 'a.jpg', size: 'thumbnail' }], [{ picks: 3 }], [{ video: lonely, reason: 'it could not be read' }], 'full');
    expect(notes).toEqual([
      '1 name was taken already, so it got a number: a_2.jpg (not a.jpg).',
      '1 video has neither a pick nor a suggestion: x.mp4 (it could not be read).',
      '1 video has several picks: the earliest frame was used.',
      '1 at thumbnail size: their videos were restored without their files.',
    ]);
  });
});

/** A folder in memory, as the File System Access API shows one. */
class FakeFolder implements PosterFolder {
  readonly files = new Map<string, Blob>();
  writes = 0;
  constructor(readonly name = 'posters') {}
  async getFileHandle(name: string, options?: { create?: boolean }) {
    if (!this.files.has(name) && !options?.create) throw new DOMException(`${name} not found`, 'NotFoundError');
    return {
      getFile: async () => this.files.get(name) ?? new Blob([]),
      createWritable: async () => {
        let data: Blob | string = '';
        return {
          write: async (chunk: Blob | string) => void (data = chunk),
          close: async () => {
            this.writes++;
            this.files.set(name, new Blob([data]));
          },
          abort: async () => {},
        };
      },
    };
  }
}

describe('writing posters into a folder', () => {
  const options = { template: DEFAULT_TEMPLATE, size: 'thumbnail' as const, quality: 80 };
  const sources = { activity: { add: () => {} } } as unknown as PosterSources;

  function plan(names: string[]) {
    const videos = names.map((name, i) => video(name, 'done', [thumb(i, i + 1, true)]));
    return planPosters(postersOf(videos, () => []).posters, videos, { parsed: parsed(DEFAULT_TEMPLATE), size: 'thumbnail' });
  }

  it('writes each poster and posters.json; run again, it skips them all', async () => {
    const folder = new FakeFolder();
    const planned = plan(['a.mp4', 'b.mp4', 'c.mp4']);
    const first = await writePosters(folder, sources, planned, [], options, new AbortController().signal, () => {});
    expect(first).toMatchObject({ written: 3, skipped: 0, replaced: 0 });
    expect([...folder.files.keys()].sort()).toEqual(['a_00-00-01.000.jpg', 'b_00-00-02.000.jpg', 'c_00-00-03.000.jpg', 'posters.json']);
    expect(folder.files.get('b_00-00-02.000.jpg')!.size).toBe(101);
    const json = readPostersJson(await folder.files.get('posters.json')!.text());
    expect(json?.get('c_00-00-03.000.jpg')).toMatchObject({ fingerprint: 'fp-c.mp4', pts: 3, bytes: 102 });
    const writes = folder.writes;
    const again = await writePosters(folder, sources, planned, [], options, new AbortController().signal, () => {});
    expect(again).toMatchObject({ written: 0, skipped: 3, replaced: 0 });
    expect(folder.writes).toBe(writes + 1); // posters.json only
  });

  it('takes up a write cut short, replaces its own posters that changed, and never overwrites anyone else’s file', async () => {
    const folder = new FakeFolder();
    const planned = plan(['a.mp4', 'b.mp4', 'c.mp4']);
    const stop = new AbortController();
    await expect(writePosters(folder, sources, planned, [], options, stop.signal, (n) => n === 1 && stop.abort())).rejects.toThrow();
    expect(folder.files.has('a_00-00-01.000.jpg')).toBe(true);
    expect(folder.files.has('b_00-00-02.000.jpg')).toBe(false);
    // Someone else's file under c's name, and a's poster changed since (its size differs now).
    folder.files.set('c_00-00-03.000.jpg', new Blob(['not ours']));
    await writePosters(folder, sources, planned, [], options, new AbortController().signal, () => {});
    folder.files.set('a_00-00-01.000.jpg', new Blob(['an older a']));
    const outcome = await writePosters(folder, sources, planned, [], options, new AbortController().signal, () => {});
    expect(outcome).toMatchObject({ written: 0, replaced: 1, skipped: 2 });
    expect(await folder.files.get('c_00-00-03.000.jpg')!.text()).toBe('not ours');
    expect(folder.files.get('c_00-00-03.000_2.jpg')!.size).toBe(102);
    expect(folder.files.get('a_00-00-01.000.jpg')!.size).toBe(100);
    expect(outcome.records.map((r) => [r.file, r.renamedFrom])).toEqual([
      ['a_00-00-01.000.jpg', null],
      ['b_00-00-02.000.jpg', null],
      ['c_00-00-03.000_2.jpg', 'c_00-00-03.000.jpg'],
    ]);
  });
});
