import { describe, expect, it } from 'vitest';
import { MAX_HASH_LENGTH, parseHash, serializeHash } from '../../src/lib/hash/hash';
import { NO_FILTERS, NO_FOCUS, type View } from '../../src/lib/hash/view';
import { defaultSettings } from '../../src/lib/settings';

const defaults: View = { settings: defaultSettings(2), filters: NO_FILTERS, focus: NO_FOCUS };
const withFilters = (f: Partial<View['filters']>, s: Partial<View['settings']> = {}, focus: View['focus'] = NO_FOCUS): View => ({
  settings: { ...defaults.settings, ...s },
  filters: { ...NO_FILTERS, ...f },
  focus,
});
const VIDEO = '1x2bq-0123456789abcdef';

describe('serializeHash', () => {
  it('leaves defaults out and keeps the contract order', () => {
    expect(serializeHash(defaults, defaults)).toBe('');
    expect(serializeHash(withFilters({ picked: true, search: 'a b', from: 1.5 }, { mode: 'exact', count: 30 }), defaults)).toBe(
      '#count=30&mode=exact&search=a+b&from=1.5&picked=1',
    );
  });
});

describe('focus, span and the open frame', () => {
  it('writes video, span and at last, in that order', () => {
    const view = withFilters({ search: 'x' }, {}, { video: VIDEO, span: { start: 240, end: 280.5 }, at: 252.48 });
    expect(serializeHash(view, defaults)).toBe(`#search=x&video=${VIDEO}&span=240-280.5&at=252.48`);
    expect(parseHash(serializeHash(view, defaults), defaults)).toEqual(view);
  });

  it('drops a span or a frame without a video, and a reversed or empty span', () => {
    expect(parseHash('#span=1-2&at=3', defaults).focus).toEqual(NO_FOCUS);
    expect(parseHash(`#video=${VIDEO}&span=5-2&at=x`, defaults).focus).toEqual({ video: VIDEO, span: null, at: null });
    expect(parseHash(`#video=${VIDEO}&span=2-2`, defaults).focus.span).toBeNull();
    expect(parseHash(`#video=${VIDEO}&span=-1-2`, defaults).focus.span).toBeNull();
    expect(parseHash(`#video=${VIDEO}&span=1e3-2e3`, defaults).focus.span).toBeNull();
  });

  it('takes only an id-shaped video', () => {
    for (const bad of ['', '<script>', 'a b', 'x'.repeat(200), '../etc', '__proto__[x]']) {
      expect(parseHash(`#video=${encodeURIComponent(bad)}`, defaults).focus.video, bad).toBeNull();
    }
  });
});

describe('round trips', () => {
  const awkward = [
    'a&b=c#d%e+f',
    '100% + 50% = ?',
    '  leading and trailing spaces  ',
    'emoji 🎬🍿 and ZWJ 👩‍👩‍👧',
    'Ελληνικά кириллица 日本語の動画 한국어 עברית العربية',
    'percent %41 that must stay literal',
    '?q=1;x=2/\\',
    'line\nbreak\ttab',
  ];
  for (const search of awkward) {
    it(`keeps ${JSON.stringify(search)} exactly`, () => {
      const view = withFilters({ search, from: 12.345, to: 3600 }, { engine: 'webcodecs', workers: 5 });
      const hash = serializeHash(view, defaults);
      expect(parseHash(hash, defaults)).toEqual(view);
      // What the address bar holds is plain ASCII.
      expect(hash).toMatch(/^#[\x21-\x7e]*$/);
    });
  }
});

describe('parseHash on hostile input', () => {
  it('falls back to defaults key by key', () => {
    expect(parseHash('#count=abc&width=640&mode=slow&picked=yes&engine=<script>', defaults)).toEqual(withFilters({}, { width: 640 }));
  });

  it('clamps numbers into their ranges', () => {
    expect(parseHash('#count=5000&width=1&quality=-5&workers=99999999999999999999999', defaults).settings).toMatchObject({
      count: 1000,
      width: 32,
      quality: 1,
      workers: 16,
    });
    expect(parseHash('#from=-10&to=1e9', defaults).filters).toEqual({ ...NO_FILTERS, from: 0 });
    expect(parseHash(`#video=${VIDEO}&span=100-99999999999999&at=99999999999999`, defaults).focus).toEqual({ video: VIDEO, span: { start: 100, end: 315_360_000 }, at: 315_360_000 });
    expect(parseHash('#from=99999999999999', defaults).filters.from).toBe(315_360_000);
  });

  it('rejects numbers in other notations', () => {
    for (const value of ['1e3', '0x10', 'Infinity', 'NaN', ' 15', '15 ', '+15', '', '1.', '.5']) {
      expect(parseHash(`#count=${encodeURIComponent(value)}`, defaults).settings.count, value).toBe(15);
    }
  });

  it('drops unknown keys, including prototype-pollution attempts', () => {
    const view = parseHash('#__proto__[polluted]=1&constructor[prototype][polluted]=1&__proto__=x&polluted=1&count=20', defaults);
    expect(view).toEqual(withFilters({}, { count: 20 }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('takes text as text', () => {
    expect(parseHash('#search=javascript:alert(1)', defaults).filters.search).toBe('javascript:alert(1)');
    expect(parseHash('#search=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', defaults).filters.search).toBe('<img src=x onerror=alert(1)>');
  });

  it('survives bad percent-encoding and encoded lone surrogates', () => {
    expect(parseHash('#search=%E0%A4%A&count=%ZZ', defaults)).toEqual(withFilters({ search: '\uFFFD%A' }));
    expect(parseHash('#search=%ED%A0%80', defaults).filters.search).toBe('\uFFFD\uFFFD\uFFFD');
  });

  it('ignores a hash over 4 KB whole, and an overlong search', () => {
    expect(parseHash(`#count=20&search=${'x'.repeat(MAX_HASH_LENGTH)}`, defaults)).toBe(defaults);
    expect(parseHash(`#count=20&search=${'x'.repeat(600)}`, defaults)).toEqual(withFilters({}, { count: 20 }));
  });

  it('reads the first of repeated keys', () => {
    expect(parseHash('#count=20&count=30', defaults).settings.count).toBe(20);
  });

  it('accepts a hash without its #', () => {
    expect(parseHash('mode=exact', defaults).settings.mode).toBe('exact');
  });
});
