// The library's write queue against a fake store whose writes finish when
// the test says: per-video order, nothing written for what was removed,
// a full quota, a store that arrives late.
import { describe, expect, it } from 'vitest';
import type { ActivityRecord, ThumbRecord, VideoRecord } from '../../src/lib/store/records';
import { StorageError } from '../../src/lib/store/storageError';
import { WriteQueue, type LibraryWrites } from '../../src/lib/store/writeQueue';

/** A store that logs each write when it completes; hold() makes a video's next write wait for release(). */
class FakeStore implements LibraryWrites {
  readonly done: string[] = [];
  /** Per video: what its next write waits for, and what ends that wait. */
  private readonly held = new Map<string, Promise<void>>();
  private readonly releasers = new Map<string, () => void>();
  failNext: unknown = null;

  hold(videoId: string): void {
    this.held.set(videoId, new Promise<void>((resolve) => this.releasers.set(videoId, resolve)));
  }

  release(videoId: string): void {
    this.releasers.get(videoId)?.();
  }

  private async op(videoId: string, what: string): Promise<void> {
    const held = this.held.get(videoId);
    this.held.delete(videoId);
    if (held) await held;
    await Promise.resolve();
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    this.done.push(what);
  }

  putVideo = (r: VideoRecord) => this.op(r.id, `video ${r.id} ${r.state}`);
  putThumb = (r: ThumbRecord) => this.op(r.videoId, `thumb ${r.videoId} ${r.index}`);
  addActivity = (r: ActivityRecord) => this.op('log', `log ${r.message}`);
  setPicked = (id: string, index: number, picked: boolean) => this.op(id, `pick ${id} ${index} ${picked}`);
  clearThumbs = (id: string) => this.op(id, `clear-thumbs ${id}`);
  forget = (id: string) => this.op(id, `forget ${id}`);
  clear = () => this.op('all', 'clear');
}

const video = (id: string, state = 'done') => ({ id, state }) as VideoRecord;
const thumb = (videoId: string, index: number) => ({ videoId, index }) as ThumbRecord;
const log = (message: string) => ({ message }) as ActivityRecord;

function setUp() {
  const store = new FakeStore();
  const failures: unknown[] = [];
  const queue = new WriteQueue((error) => failures.push(error));
  queue.attach(store);
  return { store, queue, failures };
}

describe('WriteQueue', () => {
  it("keeps each video's writes in order, however long one takes, and lets other videos' pass", async () => {
    const { store, queue } = setUp();
    const a = { id: 'a' };
    const b = { id: 'b' };
    store.hold('a');
    queue.write(a, (s) => s.clearThumbs('a'));
    queue.write(a, (s) => s.putThumb(thumb('a', 0)));
    queue.write(b, (s) => s.putVideo(video('b')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.done).toEqual(['video b done']);
    store.release('a');
    await queue.idle();
    expect(store.done).toEqual(['video b done', 'clear-thumbs a', 'thumb a 0']);
  });

  it('forgets after the writes already queued, and never writes for that video again (defect 1)', async () => {
    const { store, queue } = setUp();
    const a = { id: 'a' };
    store.hold('a');
    queue.write(a, (s) => s.putThumb(thumb('a', 0)));
    const forgotten = queue.forget(a);
    // What a run still going writes when it ends, after the forget.
    queue.write(a, (s) => s.putVideo(video('a', 'cancelled')));
    store.release('a');
    await forgotten;
    await queue.idle();
    expect(store.done).toEqual(['thumb a 0', 'forget a']);
  });

  it('writes for the same file dropped again after a forget: a new owner, after the forget', async () => {
    const { store, queue } = setUp();
    const before = { id: 'a' };
    const again = { id: 'a' };
    store.hold('a');
    void queue.forget(before);
    queue.write(again, (s) => s.putVideo(video('a', 'probing')));
    store.release('a');
    await queue.idle();
    expect(store.done).toEqual(['forget a', 'video a probing']);
  });

  it('when the quota runs out it says so once per failure and writes nothing more until a deletion frees room', async () => {
    const { store, queue, failures } = setUp();
    const a = { id: 'a' };
    store.failNext = new StorageError('full', 'full');
    queue.write(a, (s) => s.putThumb(thumb('a', 0)));
    await queue.idle();
    expect(queue.full).toBe(true);
    expect(failures).toHaveLength(1);
    queue.write(a, (s) => s.putThumb(thumb('a', 1)));
    queue.log(log('picked'));
    await queue.idle();
    expect(store.done).toEqual([]);
    await queue.forget({ id: 'b' });
    expect(queue.full).toBe(false);
    queue.write(a, (s) => s.putThumb(thumb('a', 2)));
    await queue.idle();
    expect(store.done).toEqual(['forget b', 'thumb a 2']);
  });

  it('writes nothing before a store is attached (a blocked upgrade), and everything after', async () => {
    const store = new FakeStore();
    const queue = new WriteQueue(() => {});
    const a = { id: 'a' };
    queue.write(a, (s) => s.putVideo(video('a', 'probing')));
    expect(queue.attached).toBe(false);
    queue.attach(store);
    queue.write(a, (s) => s.putVideo(video('a')));
    await queue.idle();
    expect(store.done).toEqual(['video a done']);
  });

  it('clears after every queued write, and the log written after the clearing survives it', async () => {
    const { store, queue } = setUp();
    const a = { id: 'a' };
    store.hold('a');
    queue.write(a, (s) => s.putThumb(thumb('a', 0)));
    const cleared = queue.clearAll([a]);
    queue.write(a, (s) => s.putVideo(video('a', 'cancelled')));
    queue.log(log('Cleared the library'));
    store.release('a');
    expect(await cleared).toBe(true);
    await queue.idle();
    expect(store.done).toEqual(['thumb a 0', 'clear', 'log Cleared the library']);
  });

  it('a file dropped right after Clear all is written after the clearing, not wiped by it', async () => {
    const { store, queue } = setUp();
    store.hold('a');
    queue.write({ id: 'a' }, (s) => s.putThumb(thumb('a', 0)));
    void queue.clearAll([]);
    queue.write({ id: 'b' }, (s) => s.putVideo(video('b', 'probing')));
    store.release('a');
    await queue.idle();
    expect(store.done).toEqual(['thumb a 0', 'clear', 'video b probing']);
  });

  it('reports a failed clearing and resolves false', async () => {
    const { store, queue, failures } = setUp();
    store.failNext = new Error('the browser refused');
    expect(await queue.clearAll([])).toBe(false);
    expect(failures).toHaveLength(1);
  });
});
