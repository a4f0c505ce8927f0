import { describe, expect, it } from 'vitest';
import { storageWords } from '../../src/lib/app/storageUsage';

describe('storageWords', () => {
  it('gives the library, the site against its quota, and whether the browser keeps it', () => {
    expect(storageWords({ libraryBytes: 1_258_291, thumbnails: 45, estimate: { usage: 35_651_584, quota: 128 * 1024 ** 3 }, persisted: true })).toBe(
      'Library: 1.2 MB in 45 thumbnails · this site uses 34.0 MB of the 128.00 GB the browser allows it · kept until you clear it',
    );
  });

  it('says what the browser does not tell', () => {
    expect(storageWords({ libraryBytes: 900, thumbnails: 1, estimate: null, persisted: null })).toBe('Library: 900 B in 1 thumbnail · the browser does not say how much room it allows');
    expect(storageWords({ libraryBytes: 0, thumbnails: 0, estimate: { usage: 0, quota: 1024 }, persisted: false })).toBe(
      'Library: 0 B in 0 thumbnails · this site uses 0 B of the 1.0 KB the browser allows it · the browser may clear it if the disk runs short',
    );
  });
});
