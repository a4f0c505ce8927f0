import { describe, expect, it } from 'vitest';
import { nameMatcher, searchKey, thumbShown } from '../../src/lib/filters';
import { NO_FILTERS } from '../../src/lib/hash/view';
import { parseTimeInput } from '../../src/lib/timeInput';

/** As the page matches a video: its name's key, computed once per video, against the search. */
const matchesSearch = (name: string, search: string) => nameMatcher(search)(searchKey(name));

describe('search', () => {
  it('ignores case and accents', () => {
    expect(matchesSearch('Café Crème.MP4', 'cafe creme')).toBe(true);
    expect(matchesSearch('ÉTÉ 2024.mov', 'été')).toBe(true);
    expect(matchesSearch('Ölçek.mkv', 'olcek')).toBe(true);
    expect(matchesSearch('Σωκράτης.mp4', 'σωκρατης')).toBe(true);
  });

  it('matches substrings, and everything for an empty search', () => {
    expect(matchesSearch('holiday-2024-beach.mp4', '2024-b')).toBe(true);
    expect(matchesSearch('holiday.mp4', 'beach')).toBe(false);
    expect(matchesSearch('anything', '')).toBe(true);
  });

  it('keeps meaningful marks of other scripts', () => {
    expect(searchKey('が')).not.toBe(searchKey('か'));
    expect(matchesSearch('動画ファイル.mp4', 'ファイル')).toBe(true);
  });
});

describe('thumbShown', () => {
  const thumb = { time: 5, picked: false };
  it('applies the time range inclusively and picked-only', () => {
    expect(thumbShown(thumb, NO_FILTERS)).toBe(true);
    expect(thumbShown(thumb, { ...NO_FILTERS, from: 5, to: 5 })).toBe(true);
    expect(thumbShown(thumb, { ...NO_FILTERS, from: 5.001 })).toBe(false);
    expect(thumbShown(thumb, { ...NO_FILTERS, to: 4.999 })).toBe(false);
    expect(thumbShown(thumb, { ...NO_FILTERS, picked: true })).toBe(false);
    expect(thumbShown({ ...thumb, picked: true }, { ...NO_FILTERS, picked: true })).toBe(true);
  });
});

describe('parseTimeInput', () => {
  it('reads seconds and mm:ss forms', () => {
    expect(parseTimeInput('90')).toBe(90);
    expect(parseTimeInput(' 90.5 ')).toBe(90.5);
    expect(parseTimeInput('1:30')).toBe(90);
    expect(parseTimeInput('01:30.250')).toBe(90.25);
    expect(parseTimeInput('1:02:03')).toBe(3723);
    expect(parseTimeInput('0,5')).toBe(0.5);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'abc', '1:60', '1:60:00', '-5', '1e3', '1:2:3:4', ':30']) expect(parseTimeInput(text), text).toBeNull();
  });
});
