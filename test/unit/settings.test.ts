import { describe, expect, it } from 'vitest';
import { defaultSettings, extractionSettings, normalizeSettings, sameExtraction, type Settings } from '../../src/lib/settings';

const defaults = defaultSettings(2);

describe('settings', () => {
  it('normalises each field from the one table: integers clamped and rounded, unknown choices to the fallback', () => {
    const typed = { count: 5000, width: 7.6, quality: Number.NaN, mode: 'slow', workers: 0, engine: 'gpu' } as unknown as Settings;
    expect(normalizeSettings(typed, defaults)).toEqual({ count: 1000, width: 32, quality: 1, mode: 'best', workers: 1, engine: 'auto' });
    expect(normalizeSettings({ ...defaults, mode: 'exact', engine: 'ffmpeg', width: 641 }, defaults)).toEqual({ ...defaults, mode: 'exact', engine: 'ffmpeg', width: 641 });
  });

  it('a run is the same run whatever the worker count, and another one if any other setting differs', () => {
    const run = extractionSettings(defaults);
    expect(run).not.toHaveProperty('workers');
    expect(sameExtraction(run, extractionSettings({ ...defaults, workers: 16 }))).toBe(true);
    expect(sameExtraction(run, { ...run, quality: 79 })).toBe(false);
    expect(sameExtraction(run, { ...run, engine: 'ffmpeg' })).toBe(false);
    expect(sameExtraction(null, run)).toBe(false);
  });
});
