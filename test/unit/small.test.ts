import { describe, expect, it } from 'vitest';
import { formatBytes, formatTime } from '../../src/lib/format';
import { defaultSettings, defaultWorkers, normalizeSettings } from '../../src/lib/settings';
import { looksLikeText } from '../../workers/probe/sniff';
import { fileExtension } from '../../workers/ffmpeg/fileExtension';

describe('formatTime', () => {
  it('prints mm:ss.mmm, with hours when needed', () => {
    expect(formatTime(0)).toBe('00:00.000');
    expect(formatTime(83.4567)).toBe('01:23.457');
    expect(formatTime(3723.5)).toBe('1:02:03.500');
    expect(formatTime(-0.5)).toBe('-00:00.500');
    expect(formatTime(Number.NaN)).toBe('--:--.---');
  });
});

describe('formatBytes', () => {
  it('picks a readable unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(7538)).toBe('7.4 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.00 GB');
  });
});

describe('settings', () => {
  it('defaults to one worker per core, at most 4', () => {
    expect(defaultWorkers(2)).toBe(2);
    expect(defaultWorkers(32)).toBe(4);
    expect(defaultWorkers(undefined)).toBe(2);
  });

  it('brings typed-in values into range', () => {
    const defaults = defaultSettings(2);
    expect(normalizeSettings({ count: 5000, width: 1, quality: 80.6, mode: 'bogus' as 'fast', workers: 0, engine: 'auto' }, defaults)).toEqual({
      count: 1000,
      width: 32,
      quality: 81,
      mode: 'best',
      workers: 1,
      engine: 'auto',
    });
    expect(normalizeSettings({ ...defaults, count: Number.NaN }, defaults).count).toBe(1);
  });
});

describe('looksLikeText', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('recognises text, including UTF-8', () => {
    expect(looksLikeText(bytes('This is a text file, not a video.\n'))).toBe(true);
    expect(looksLikeText(bytes('Grüße, 世界 🎬\r\n'))).toBe(true);
  });

  it('does not mistake media for text', () => {
    expect(looksLikeText(Uint8Array.from([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70]))).toBe(false);
    expect(looksLikeText(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3]))).toBe(false);
    expect(looksLikeText(new Uint8Array())).toBe(false);
  });
});

describe('fileExtension', () => {
  it('keeps a short, safe extension only', () => {
    expect(fileExtension('Holiday.MP4')).toBe('.mp4');
    expect(fileExtension('clip.tar.ts')).toBe('.ts');
    expect(fileExtension('no-extension')).toBe('');
    expect(fileExtension('weird.ext;rm -rf')).toBe('');
  });
});
