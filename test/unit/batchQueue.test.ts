// The batch queue with fake runs the test ends by hand: order, how many
// run at once, pause (nothing new starts, the runs going are held),
// resume, cancel one or all, and the progress and clock it keeps.
import { describe, expect, it } from 'vitest';
import type { ExtractionSettings } from '../../src/lib/extraction/extraction';
import { BatchQueue, type BatchRuns } from '../../src/lib/state/batchQueue.svelte';
import { VideoEntry } from '../../src/lib/state/videoEntry.svelte';

const settings: ExtractionSettings = { count: 3, width: 320, quality: 80, mode: 'fast', engine: 'auto' };

function video(name: string): VideoEntry {
  const entry = new VideoEntry({ id: name, name, size: 1, lastModified: 0, addedAt: 0 });
  entry.file = new File(['x'], name);
  entry.state = 'queued';
  return entry;
}

/** Runs that start when the queue says, and end when the test says, as the runner would leave the entry. */
function fakeRuns(capacity = 2) {
  const started: string[] = [];
  const going = new Map<string, { finish: (state?: 'done' | 'error') => Promise<void>; held: () => boolean }>();
  const saved: string[] = [];
  const logged: string[] = [];
  let clock = 0;
  let wakes = 0;
  const runs: BatchRuns = {
    run(entry, _settings, held) {
      started.push(entry.name);
      entry.state = 'probing';
      entry.total = 3;
      return new Promise<void>((resolve) => {
        going.set(entry.name, {
          held,
          finish: async (state = 'done') => {
            entry.state = state;
            if (state === 'done') entry.thumbs = [1, 2, 3].map((index) => ({ index }) as never);
            going.delete(entry.name);
            resolve();
            await new Promise((r) => setTimeout(r, 0));
          },
        });
      });
    },
    cancel(entry) {
      const run = going.get(entry.name);
      if (!run) return;
      entry.state = 'cancelled';
      going.delete(entry.name);
      void run.finish('done').then(() => (entry.state = 'cancelled'));
    },
    stop: (entry) => void going.delete(entry.name),
    queued: (entry) => {
      entry.thumbs = [];
      entry.state = 'queued';
      saved.push(`${entry.name} queued`);
    },
    save: (entry) => void saved.push(`${entry.name} ${entry.state}`),
    capacity: () => capacity,
    wake: () => void wakes++,
    now: () => clock,
    log: (message) => void logged.push(message),
  };
  return { runs, started, going, saved, logged, tick: (ms: number) => (clock += ms), wakes: () => wakes };
}

const names = (queue: BatchQueue) => queue.waiting.map((w) => w.entry.name);

describe('BatchQueue', () => {
  it('runs videos in the order added, no more at once than its capacity, and the next as one ends', async () => {
    const fake = fakeRuns(2);
    const queue = new BatchQueue(fake.runs);
    const videos = ['a', 'b', 'c', 'd', 'e'].map(video);
    queue.enqueue(videos.map((entry) => ({ entry, settings })));
    expect(fake.started).toEqual(['a', 'b']);
    expect(names(queue)).toEqual(['c', 'd', 'e']);
    expect(videos[2]!.state).toBe('queued');
    await fake.going.get('b')!.finish();
    expect(fake.started).toEqual(['a', 'b', 'c']);
    await fake.going.get('a')!.finish();
    await fake.going.get('c')!.finish();
    expect(fake.started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(queue.running).toHaveLength(2);
    await fake.going.get('d')!.finish('error');
    await fake.going.get('e')!.finish();
    expect(queue.active).toBe(false);
    expect(queue.progress).toEqual({ videos: 5, finished: 5, failed: 1, cancelled: 0, thumbs: 12, expectedThumbs: 12 });
  });

  it('paused, it starts nothing and holds the runs going; resumed, it carries on in order', async () => {
    const fake = fakeRuns(1);
    const queue = new BatchQueue(fake.runs);
    queue.enqueue(['a', 'b', 'c'].map((name) => ({ entry: video(name), settings })));
    const a = fake.going.get('a')!;
    expect(a.held()).toBe(false);
    queue.pause();
    expect(a.held()).toBe(true);
    expect(fake.wakes()).toBe(1);
    await a.finish();
    expect(fake.started).toEqual(['a']);
    expect(names(queue)).toEqual(['b', 'c']);
    // A video added while paused waits too.
    queue.enqueue([{ entry: video('d'), settings }]);
    expect(fake.started).toEqual(['a']);
    queue.resume();
    expect(fake.wakes()).toBe(2);
    expect(fake.started).toEqual(['a', 'b']);
    expect(fake.going.get('b')!.held()).toBe(false);
    expect(fake.logged).toEqual(['Paused the batch: 1 started, 2 waiting', 'Resumed the batch']);
  });

  it('cancels one waiting video or one running, and the rest go on', async () => {
    const fake = fakeRuns(1);
    const queue = new BatchQueue(fake.runs);
    const again = video('again');
    again.state = 'done';
    const [a, b] = [video('a'), video('b')];
    queue.enqueue([{ entry: a, settings }, { entry: again, settings }, { entry: b, settings }]);
    expect(again.state).toBe('queued');
    queue.cancel(again);
    expect(again.state).toBe('cancelled');
    expect(fake.saved.slice(-2)).toEqual(['b queued', 'again cancelled']);
    queue.cancel(a);
    await new Promise((r) => setTimeout(r, 0));
    expect(a.state).toBe('cancelled');
    expect(fake.started).toEqual(['a', 'b']);
  });

  it('cancels the whole batch: nothing waits, every run going is stopped, and a pause ends with it', async () => {
    const fake = fakeRuns(2);
    const queue = new BatchQueue(fake.runs);
    const videos = ['a', 'b', 'c', 'd'].map(video);
    queue.enqueue(videos.map((entry) => ({ entry, settings })));
    queue.pause();
    queue.cancelAll();
    expect(queue.waiting).toEqual([]);
    expect(queue.paused).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(videos.map((v) => v.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(fake.started).toEqual(['a', 'b']);
    expect(queue.active).toBe(false);
    expect(queue.progress).toMatchObject({ videos: 4, finished: 4, cancelled: 4 });
    expect(fake.logged.at(-1)).toBe('Cancelled the batch: 2 stopped, 2 not started');
  });

  it('a video queued again keeps its place; a video running when queued again gives way to the new run', async () => {
    const fake = fakeRuns(1);
    const queue = new BatchQueue(fake.runs);
    const [a, b] = [video('a'), video('b')];
    queue.enqueue([{ entry: a, settings }, { entry: b, settings }]);
    queue.enqueue([{ entry: b, settings: { ...settings, count: 9 } }]);
    expect(names(queue)).toEqual(['b']);
    expect(queue.waiting[0]!.settings.count).toBe(9);
    expect(queue.members.map((m) => [m.entry.name, m.count])).toEqual([['a', 3], ['b', 9]]);
    // "Extract again" for every video while `a` runs: its run is let go, and it goes to the end.
    queue.enqueue([{ entry: a, settings }]);
    expect(fake.going.has('a')).toBe(false);
    expect(names(queue)).toEqual(['b', 'a']);
  });

  it('counts the time the batch runs, not the pauses, and starts a new batch once idle', async () => {
    const fake = fakeRuns(1);
    const queue = new BatchQueue(fake.runs);
    queue.enqueue([{ entry: video('a'), settings }, { entry: video('b'), settings }]);
    fake.tick(1000);
    queue.pause();
    fake.tick(5000);
    queue.resume();
    fake.tick(500);
    expect(queue.elapsedMs()).toBe(1500);
    await fake.going.get('a')!.finish();
    await fake.going.get('b')!.finish();
    fake.tick(9000);
    expect(queue.elapsedMs()).toBe(1500);
    queue.enqueue([{ entry: video('c'), settings }]);
    expect(queue.members.map((m) => m.entry.name)).toEqual(['c']);
    expect(queue.elapsedMs()).toBe(0);
  });

  it('a forgotten video leaves the batch and its progress', () => {
    const fake = fakeRuns(1);
    const queue = new BatchQueue(fake.runs);
    const [a, b] = [video('a'), video('b')];
    queue.enqueue([{ entry: a, settings }, { entry: b, settings }]);
    queue.remove(b);
    expect(queue.waiting).toEqual([]);
    expect(queue.progress.videos).toBe(1);
  });
});
