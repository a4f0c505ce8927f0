import { describe, expect, it } from 'vitest';
import { overallProgress, progressTitle } from '../../src/lib/app/titleProgress';

describe('progressTitle', () => {
  it('is the name alone when nothing is extracting', () => {
    expect(progressTitle([])).toBe('Framepick');
  });
  it('counts thumbnails settled of those requested, over every video working', () => {
    expect(progressTitle([{ settled: 3, total: 15 }, { settled: 10, total: 15 }])).toBe('13/30 · Framepick');
  });
  it('waits for a count while every video is still being read', () => {
    expect(progressTitle([{ settled: 0, total: 0 }])).toBe('… · Framepick');
  });
  it('never counts more settled than requested', () => {
    expect(overallProgress([{ settled: 16, total: 15 }, { settled: 0, total: 0 }])).toEqual({ settled: 15, total: 15 });
  });
});
