// What a folder gives up: media by extension and MIME type, in the order a
// person reads the folder, and one line about everything else. Dropped
// folders are walked with fake directory entries that answer in chunks,
// as Chromium's do (100 at a time).
import { describe, expect, it } from 'vitest';
import { filesInFolders, takeDropped } from '../../src/lib/droppedFolders';
import { skippedLine, sortFolder, takeChosenFolder } from '../../src/lib/folderIntake';
import { ACCEPTED_FILES, extensionOf, mediaKindOf } from '../../src/lib/mediaKind';

const file = (name: string, type = '') => new File(['x'], name, { type });

describe('mediaKindOf', () => {
  it('takes the containers we read by extension, whatever the browser typed them', () => {
    for (const name of ['a.mp4', 'B.MKV', 'c.ts', 'd.m2ts', 'e.webm', 'f.avi', 'g.mov', 'h.wmv', 'i.flv', 'j.ogv', 'k.3gp', 'l.mxf', 'm.vob', 'n.mpg'])
      expect(mediaKindOf(file(name, 'application/octet-stream')), name).toBe('video');
  });

  it('takes other names when the browser says video/*, stills as images, and nothing else', () => {
    expect(mediaKindOf(file('clip.dv', 'video/x-dv'))).toBe('video');
    expect(mediaKindOf(file('cover.jpg', 'image/jpeg'))).toBe('image');
    expect(mediaKindOf(file('scan.webp'))).toBe('image');
    for (const [name, type] of [['subs.srt', 'application/x-subrip'], ['notes.txt', 'text/plain'], ['logo.gif', 'image/gif'], ['song.m4a', 'audio/mp4'], ['README', ''], ['.DS_Store', '']])
      expect(mediaKindOf(file(name!, type)), name).toBeNull();
  });

  it('offers the same list in the file input, stills included', () => {
    expect(ACCEPTED_FILES.split(',')).toEqual(expect.arrayContaining(['video/*', '.mkv', '.ts', '.mp4', '.mxf', 'image/jpeg', '.avif', '.png']));
  });

  it('finds an extension only after a name', () => {
    expect([extensionOf('a.SRT'), extensionOf('.DS_Store'), extensionOf('README'), extensionOf('x.')]).toEqual(['.srt', '', '', '']);
  });
});

describe('sortFolder and the skipped line', () => {
  it('takes the videos in path order, numbers read as numbers, and names the rest, a cover image too', () => {
    const paths = ['shoot/ep10.mp4', 'shoot/ep2.mp4', 'shoot/ep1.srt', 'shoot/a/ep3.mkv', 'shoot/Thumbs.db', 'shoot/ep1.mp4', 'shoot/cover.jpg'];
    const intake = sortFolder(paths.map((path) => ({ file: file(path.split('/').pop()!), path })));
    expect(intake.taken.map((f) => f.name)).toEqual(['ep3.mkv', 'ep1.mp4', 'ep2.mp4', 'ep10.mp4']);
    expect(intake.skipped).toEqual(['cover.jpg', 'ep1.srt', 'Thumbs.db']);
  });

  it('groups by extension, largest first, names a lone file, and counts', () => {
    const names = ['a.srt', 'b.srt', 'c.srt', 'd.txt', 'e.txt', 'cover.jpg', 'README'];
    expect(skippedLine(names)).toBe('Skipped 7 files that are not video: .srt (3), .txt (2), cover.jpg, README.');
    expect(skippedLine(['one.txt'])).toBe('Skipped 1 file that is not video: one.txt.');
    expect(skippedLine([])).toBeNull();
  });

  it('names six kinds, then says how many more', () => {
    const names = ['a.b1', 'a.b2', 'a.b3', 'a.b4', 'a.b5', 'a.b6', 'a.b7', 'x.b8', 'y.b8'];
    expect(skippedLine(names)).toBe('Skipped 9 files that are not video: .b8 (2), a.b1, a.b2, a.b3, a.b4, a.b5, and 2 more kinds.');
  });

  it('says which files could not be read', () => {
    expect(skippedLine([], ['shoot/gone.mp4'])).toBe('1 could not be read: shoot/gone.mp4.');
    expect(skippedLine(['a.txt'], ['x', 'y'])).toBe('Skipped 1 file that is not video: a.txt. 2 could not be read: x, y.');
  });

  it('a chosen folder is sorted by each file’s path in the folder', () => {
    const chosen = ['b.mp4', 'a.mp4', 'n.txt'].map((name) => {
      const f = file(name);
      Object.defineProperty(f, 'webkitRelativePath', { value: `top/${name === 'b.mp4' ? 'a-first/' : ''}${name}` });
      return f;
    });
    expect(takeChosenFolder(chosen)).toEqual({ files: [chosen[0], chosen[1]], skipped: 'Skipped 1 file that is not video: n.txt.' });
  });
});

/** A fake directory tree: readEntries answers `chunk` entries at a time, then an empty list. */
function folder(path: string, children: Record<string, unknown>, chunk = 100): FileSystemDirectoryEntry {
  const entries = Object.entries(children).map(([name, child]) => {
    const full = `${path}/${name}`;
    if (child instanceof File) return { isFile: true, isDirectory: false, name, fullPath: full, file: (ok: (f: File) => void) => ok(child) };
    if (child === 'unreadable') return { isFile: true, isDirectory: false, name, fullPath: full, file: (_: unknown, fail: (e: Error) => void) => fail(new Error('gone')) };
    return folder(full, child as Record<string, unknown>, chunk);
  });
  return {
    isFile: false,
    isDirectory: true,
    name: path.split('/').pop()!,
    fullPath: path,
    createReader() {
      let at = 0;
      return {
        readEntries(ok: (entries: unknown[]) => void) {
          const next = entries.slice(at, at + chunk);
          at += next.length;
          setTimeout(() => ok(next), 0);
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('dropped folders', () => {
  it('walks every folder to the bottom, reading each in chunks until an empty one', async () => {
    const many = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`clip${i}.mp4`, file(`clip${i}.mp4`)]));
    const root = folder('/shoot', { ...many, deeper: { again: { 'last.mkv': file('last.mkv') } }, 'notes.txt': file('notes.txt'), 'lost.mp4': 'unreadable' });
    const walked = await filesInFolders([root]);
    expect(walked.files).toHaveLength(252);
    expect(walked.files.find((f) => f.file.name === 'last.mkv')?.path).toBe('shoot/deeper/again/last.mkv');
    expect(walked.unreadable).toEqual(['shoot/lost.mp4']);
  });

  it('takes the files dropped as files, then the folders’ videos in order, and says what was left', async () => {
    const loose = file('notes.txt');
    const root = folder('/d', { 'b10.webm': file('b10.webm'), 'b9.webm': file('b9.webm'), 'x.srt': file('x.srt') }, 1);
    const taken = await takeDropped({ files: [loose], folders: [root] });
    expect(taken.files.map((f) => f.name)).toEqual(['notes.txt', 'b9.webm', 'b10.webm']);
    expect(taken.skipped).toBe('Skipped 1 file that is not video: x.srt.');
  });
});
