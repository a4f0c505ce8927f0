// The extraction runner with a fake extraction and a fake store: what a
// run saves and logs when it ends, is cancelled, is superseded, or its
// video is forgotten while it runs.
import { describe, expect, it } from 'vitest';
import type { ExtractionListener, ExtractionSettings, Thumbnail } from '../../src/lib/extraction/extraction';
import type { VideoInfo } from '../../src/shared/types';
import type { ActivityKind } from '../../src/lib/store/records';
import { WriteQueue, type LibraryWrites } from '../../src/lib/store/writeQueue';
import { ExtractionRunner, type Extract } from '../../src/lib/state/extractionRunner';
import { VideoEntry } from '../../src/lib/state/videoEntry.svelte';

const settings: ExtractionSettings = { count: 2, width: 320, quality: 80, mode: 'fast', engine: 'auto' };

/** Every write, as a line, in the order the store completes them. */
function recordingStore(done: string[]): LibraryWrites {
  const op = (line: string) => async () => void done.push(line);
  return {
    putVideo: (r) => op(`video ${r.state}`)(),
    putThumb: (r) => op(`thumb ${r.index}`)(),
    addActivity: (r) => op(`log ${r.kind}`)(),
    setPicked: () => op('pick')(),
    clearThumbs: () => op('clear-thumbs')(),
    forget: () => op('forget')(),
    clear: () => op('clear')(),
  };
}

/** An extraction the test drives: it waits at `gate` after probing, then makes `count` thumbnails, honouring the signal. */
function drivenExtract() {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const extract: Extract = async (_file, run, _span, listener: ExtractionListener, signal) => {
    listener.probed({ duration: 10 } as VideoInfo);
    listener.started('webcodecs', run.count);
    await gate;
    for (let index = 0; index < run.count; index++) {
      listener.thumbnail({ index, time: index, identity: { pts: index }, width: 320, height: 180, jpeg: new Blob(['x']), url: `blob:${index}` } as unknown as Thumbnail);
    }
    if (signal.aborted) throw signal.reason;
    return { prepareMs: 1, decodeMs: 1, encodeMs: 1, totalMs: 3, frames: run.count };
  };
  return { extract, open };
}

function setUp() {
  const done: string[] = [];
  const queue = new WriteQueue(() => {});
  queue.attach(recordingStore(done));
  const logged: ActivityKind[] = [];
  const { extract, open } = drivenExtract();
  const runner = new ExtractionRunner({ video: extract, image: extract }, queue, { add: (kind) => void logged.push(kind) });
  const entry = new VideoEntry({ id: 'a', name: 'a.mp4', size: 1, lastModified: 0, addedAt: 0 });
  entry.file = new File(['x'], 'a.mp4');
  return { done, queue, logged, runner, entry, open };
}

describe('ExtractionRunner', () => {
  it('clears the old thumbnails first, saves each new one, and the outcome last', async () => {
    const { done, queue, logged, runner, entry, open } = setUp();
    const running = runner.run(entry, settings);
    open();
    await running;
    await queue.idle();
    expect(entry.state).toBe('done');
    expect(done).toEqual(['clear-thumbs', 'video probing', 'video probing', 'thumb 0', 'thumb 1', 'video done']);
    expect(logged).toEqual(['extract', 'extract-done']);
  });

  it('a cancelled run ends "cancelled", saved and logged so', async () => {
    const { done, queue, logged, runner, entry, open } = setUp();
    const running = runner.run(entry, settings);
    runner.cancel(entry);
    open();
    await running;
    await queue.idle();
    expect(entry.state).toBe('cancelled');
    expect(done.at(-1)).toBe('video cancelled');
    expect(logged).toEqual(['extract', 'extract-cancelled']);
  });

  it('a video forgotten during its run stays forgotten: nothing saved or logged after the forget (defect 1)', async () => {
    const { done, queue, logged, runner, entry, open } = setUp();
    const running = runner.run(entry, settings);
    runner.stop(entry);
    void queue.forget(entry);
    open();
    await running;
    await queue.idle();
    expect(done.at(-1)).toBe('forget');
    expect(done.filter((line) => line.startsWith('thumb'))).toEqual([]);
    expect(logged).toEqual(['extract']);
    expect(entry.thumbs).toEqual([]);
  });

  it('a superseded run adds nothing to the entry and leaves the outcome to the new run', async () => {
    const first = setUp();
    const { queue, logged, runner, entry } = first;
    const old = runner.run(entry, settings);
    const second = drivenExtract();
    const newer = new ExtractionRunner({ video: second.extract, image: second.extract }, queue, { add: (kind) => void logged.push(kind) });
    const running = newer.run(entry, { ...settings, count: 1 });
    first.open();
    await old;
    expect(entry.thumbs).toEqual([]);
    second.open();
    await running;
    await queue.idle();
    expect(entry.thumbs.map((t) => t.index)).toEqual([0]);
    expect(entry.state).toBe('done');
    expect(logged).toEqual(['extract', 'extract', 'extract-done']);
  });

  it('runs a still through the image extraction: its format and size are kept and saved, and the log says what it was', async () => {
    const done: string[] = [];
    const queue = new WriteQueue(() => {});
    queue.attach(recordingStore(done));
    const messages: string[] = [];
    const still = { format: 'jpeg', width: 16384, height: 16384, decoder: 'image-decoder', decodedWidth: 2048, decodedHeight: 2048 } as const;
    const image: Extract = async (_file, _run, _span, listener) => {
      listener.described(still);
      listener.started(null, 1);
      listener.thumbnail({ index: 0, time: 0, identity: { pts: 0 }, width: 320, height: 320, jpeg: new Blob(['x']), url: 'blob:0' } as unknown as Thumbnail);
      return { prepareMs: 1, decodeMs: 800, encodeMs: 5, totalMs: 820, frames: 1 };
    };
    const video: Extract = () => Promise.reject(new Error('a still is no video'));
    const runner = new ExtractionRunner({ video, image }, queue, { add: (_kind, _video, message) => void messages.push(message) });
    const entry = new VideoEntry({ id: 'b', kind: 'image', name: 'huge.jpg', size: 1, lastModified: 0, addedAt: 0 });
    entry.file = new File(['x'], 'huge.jpg');
    await runner.run(entry, settings);
    await queue.idle();
    expect(entry.state).toBe('done');
    expect(entry.still).toEqual(still);
    expect(entry.engine).toBeNull();
    expect(entry.toRecord()).toMatchObject({ kind: 'image', still });
    expect(messages).toEqual(['Making the thumbnail of a still (320 px, quality 80)', 'Thumbnail of a 16384×16384 JPEG in 0.82 s with ImageDecoder, decoded at 2048×2048']);
    // Only the width and the quality make a still's thumbnail what it is.
    expect(entry.madeWith({ ...settings, count: 99, mode: 'exact' })).toBe(true);
    expect(entry.madeWith({ ...settings, width: 640 })).toBe(false);
  });
});
