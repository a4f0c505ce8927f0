// The batch's progress in words and its time left, from made-up figures.
import { describe, expect, it } from 'vitest';
import { aboutDuration, progressLine, spentDuration, timeLeftMs } from '../../src/lib/batchProgress';

const progress = { videos: 300, finished: 30, failed: 0, cancelled: 0, thumbs: 450, expectedThumbs: 4500 };

describe('batch progress', () => {
  it('estimates the time left at the pace of the thumbnails so far', () => {
    // 450 thumbnails in 60 s: 4050 more take 540 s.
    expect(timeLeftMs(progress, 60_000)).toBe(540_000);
    expect(timeLeftMs({ ...progress, thumbs: 4500 }, 600_000)).toBe(0);
  });

  it('gives no estimate before a video has finished or in the first seconds', () => {
    expect(timeLeftMs({ ...progress, finished: 0 }, 60_000)).toBeNull();
    expect(timeLeftMs(progress, 2000)).toBeNull();
    expect(timeLeftMs({ ...progress, thumbs: 0 }, 60_000)).toBeNull();
  });

  it('says durations roughly ahead and exactly behind', () => {
    expect([aboutDuration(4000), aboutDuration(42_000), aboutDuration(540_000), aboutDuration(3_600_000 + 59.9 * 60_000)]).toEqual(['less than 10 s', 'about 40 s', 'about 9 min', 'about 1 h 59 min']);
    expect([spentDuration(48_200), spentDuration(192_000), spentDuration(3_720_000)]).toEqual(['48 s', '3 min 12 s', '1 h 02 min']);
  });

  it('says videos and thumbnails, and what failed or was cancelled', () => {
    expect(progressLine(progress)).toBe('30 of 300 videos · 450 of 4,500 thumbnails');
    expect(progressLine({ ...progress, failed: 2, cancelled: 1 })).toBe('30 of 300 videos · 450 of 4,500 thumbnails · 2 failed · 1 cancelled');
    expect(progressLine({ videos: 1, finished: 0, failed: 0, cancelled: 0, thumbs: 1, expectedThumbs: 1 })).toBe('0 of 1 video · 1 of 1 thumbnail');
  });
});
