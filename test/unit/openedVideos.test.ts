import { beforeEach, describe, expect, it, vi } from 'vitest';

// Each open is counted; what it returns does not matter here.
const opens = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../workers/probe/mediabunnyProbe', () => ({
  openWithMediabunny: async () => {
    opens.count++;
    return null;
  },
}));

const { openVideo } = await import('../../workers/openedVideos');

describe('openVideo', () => {
  beforeEach(() => (opens.count = 0));

  it('opens a file once however many clones of it arrive, by its key', async () => {
    // Every worker call structured-clones the File: a new object each time.
    const clone = () => new File([new Uint8Array(8)], 'a.mp4');
    const first = openVideo(clone(), 101);
    expect(openVideo(clone(), 101)).toBe(first);
    await first;
    expect(opens.count).toBe(1);
    await openVideo(clone(), 102);
    expect(opens.count).toBe(2);
  });

  it('keeps the four files used last, and forgets the least recently used', async () => {
    const file = new File([], 'b.mp4');
    for (const key of [1, 2, 3, 4]) await openVideo(file, key);
    await openVideo(file, 1); // 1 is used again: 2 is now the oldest
    await openVideo(file, 5);
    expect(opens.count).toBe(5);
    await openVideo(file, 1);
    await openVideo(file, 3);
    expect(opens.count).toBe(5);
    await openVideo(file, 2);
    expect(opens.count).toBe(6);
  });
});
