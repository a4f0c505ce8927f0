// Still images before they are decoded: what their headers say, how they
// are decoded (and when they are refused), which way up they are drawn,
// and which dropped files are stills.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { media } from '../support/truth.mjs';
import { isImageFile } from '../../src/lib/mediaKind';
import { readStillHeader, type HeaderRead } from '../../workers/still/stillHeader';
import { drawnSize, orientationTransform, type Transform } from '../../workers/still/orientation';
import { coefficientBytes, FULL_DECODE_MAX_PIXELS, jpegScale, planStillDecode } from '../../workers/still/stillPlan';
import { withExifOrientation } from '../../workers/still/decoderBehaviour';
import { withExifOrientation as fixtureExif } from '../fixtures/stills.mjs';

const header = (name: string, length = 1 << 20): HeaderRead => {
  const bytes = fs.readFileSync(media(name));
  return readStillHeader(new Uint8Array(bytes.subarray(0, length)), length >= bytes.length);
};

describe('still headers', () => {
  it('give the format and stored size of each format, from the first bytes', () => {
    expect(header('still.jpg')).toMatchObject({ kind: 'header', header: { format: 'jpeg', width: 640, height: 480, orientation: 1, progressive: false } });
    expect(header('still.png')).toMatchObject({ kind: 'header', header: { format: 'png', width: 400, height: 300 } });
    expect(header('still.webp')).toMatchObject({ kind: 'header', header: { format: 'webp', width: 500, height: 282 } });
    expect(header('still.avif')).toMatchObject({ kind: 'header', header: { format: 'avif', width: 480, height: 270 } });
    expect(header('still_4096.jpg')).toMatchObject({ kind: 'header', header: { width: 4096, height: 3072, components: [{ h: 2, v: 2 }, { h: 1, v: 1 }, { h: 1, v: 1 }] } });
  });

  it('read the EXIF orientation of a JPEG, in either byte order', () => {
    expect(header('still_exif6.jpg')).toMatchObject({ kind: 'header', header: { width: 640, height: 360, orientation: 6 } });
    const plain = fs.readFileSync(media('still.jpg'));
    for (const orientation of [1, 3, 8]) {
      const read = readStillHeader(withExifOrientation(new Uint8Array(plain), orientation), true);
      expect(read.kind === 'header' && read.header.orientation).toBe(orientation);
    }
    // The worker's probe writes the segment as the fixture script does.
    expect(Buffer.from(withExifOrientation(new Uint8Array(plain), 6)).equals(fixtureExif(plain, 6))).toBe(true);
    // Intel byte order: "II", little-endian offsets and values.
    const tiff = [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0];
    const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, body.length + 2]), body]);
    const little = Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
    expect(readStillHeader(new Uint8Array(little), true)).toMatchObject({ kind: 'header', header: { orientation: 8 } });
  });

  it('ask for more bytes when the header goes on past them, and say so when the file ends there', () => {
    expect(header('still.jpg', 100).kind).toBe('more');
    expect(readStillHeader(new Uint8Array(fs.readFileSync(media('still.jpg')).subarray(0, 100)), true)).toMatchObject({ kind: 'damaged' });
  });

  it('take what is not a still, or is damaged, without throwing or allocating', () => {
    expect(header('not_image.png').kind).toBe('not-still');
    expect(header('h264_bframes.mp4').kind).toBe('not-still');
    expect(header('still_claims_huge.png')).toMatchObject({ kind: 'header', header: { width: 30000, height: 30000 } });
    const zeroSize = Buffer.from(fs.readFileSync(media('still.png')));
    zeroSize.writeUInt32BE(0, 16);
    expect(readStillHeader(new Uint8Array(zeroSize), true)).toMatchObject({ kind: 'damaged', message: expect.stringMatching(/no picture size/) });
    const garbled = Buffer.from(fs.readFileSync(media('still.jpg')));
    garbled[2] = 0xff;
    garbled[3] = 0xd9; // end of image before any frame header
    expect(readStillHeader(new Uint8Array(garbled), true).kind).toBe('damaged');
    for (let seed = 1; seed <= 200; seed++) {
      const bytes = new Uint8Array(64).map((_, i) => (i < 3 ? [0xff, 0xd8, 0xff][i]! : (seed * 7919 * (i + 1)) % 256));
      expect(['header', 'more', 'damaged', 'not-still']).toContain(readStillHeader(bytes, seed % 2 === 0).kind);
    }
  });
});

describe('how a still is decoded', () => {
  const scaling = { takes: true, scalesJpeg: true };
  const whole = { takes: true, scalesJpeg: false };
  const none = { takes: false, scalesJpeg: false };
  const jpeg = (width: number, height: number, extra: object = {}) => ({ format: 'jpeg' as const, width, height, orientation: 1, progressive: false, components: [{ h: 2, v: 2 }, { h: 1, v: 1 }, { h: 1, v: 1 }], ...extra });

  it('decodes a JPEG at the smallest DCT scale that covers the thumbnail', () => {
    expect(jpegScale(16384, 16384, { width: 320, height: 320 })).toBe(1);
    expect(jpegScale(640, 480, { width: 320, height: 240 })).toBe(4);
    expect(jpegScale(640, 480, { width: 321, height: 241 })).toBe(5);
    expect(jpegScale(200, 100, { width: 320, height: 160 })).toBe(8);
    expect(planStillDecode(jpeg(16384, 16384), { width: 320, height: 320 }, scaling)).toEqual({ kind: 'image-decoder', desired: { width: 2048, height: 2048 } });
    // Smaller than the thumbnail: decoded whole, then enlarged.
    expect(planStillDecode(jpeg(200, 100), { width: 320, height: 160 }, scaling)).toEqual({ kind: 'image-decoder', desired: null });
  });

  it('asks the scaling for the stored shape of a photo taken turned', () => {
    // Stored 4000x3000, shown 3000x4000: a 320x427 thumbnail needs 427x320 as stored.
    expect(planStillDecode(jpeg(4000, 3000, { orientation: 6 }), { width: 320, height: 427 }, scaling)).toEqual({ kind: 'image-decoder', desired: { width: 500, height: 375 } });
  });

  it('refuses a progressive JPEG whose coefficients alone are too much, and says why', () => {
    expect(coefficientBytes(jpeg(16384, 16384))).toBe(16384 * 16384 * 3);
    const plan = planStillDecode(jpeg(16384, 16384, { progressive: true }), { width: 320, height: 320 }, scaling);
    expect(plan).toMatchObject({ kind: 'refuse', message: expect.stringMatching(/progressive JPEG.*805 MB/) });
    expect(planStillDecode(jpeg(6000, 4000, { progressive: true }), { width: 320, height: 213 }, scaling).kind).toBe('image-decoder');
  });

  it('decodes other formats, and anything without ImageDecoder, whole: only up to the pixel limit', () => {
    const png = { format: 'png' as const, width: 8000, height: 6000, orientation: 1, progressive: false, components: [] };
    expect(planStillDecode(png, { width: 320, height: 240 }, scaling)).toEqual({ kind: 'image-decoder', desired: null });
    expect(planStillDecode(png, { width: 320, height: 240 }, none)).toEqual({ kind: 'bitmap' });
    expect(8000 * 6000).toBeLessThanOrEqual(FULL_DECODE_MAX_PIXELS);
    const huge = planStillDecode({ ...png, width: 30000, height: 30000 }, { width: 320, height: 320 }, scaling);
    expect(huge).toMatchObject({ kind: 'refuse', message: expect.stringMatching(/30000×30000 \(900 megapixels\).*3\.6 GB/) });
    expect(planStillDecode(jpeg(16384, 16384), { width: 320, height: 320 }, none)).toMatchObject({ kind: 'refuse', message: expect.stringMatching(/Chromium-based browsers decode JPEGs at reduced size/) });
    // An ImageDecoder not seen to scale is taken as decoding whole.
    expect(planStillDecode(jpeg(16384, 16384), { width: 320, height: 320 }, whole).kind).toBe('refuse');
    expect(planStillDecode(jpeg(4000, 3000), { width: 320, height: 240 }, whole)).toEqual({ kind: 'image-decoder', desired: null });
  });
});

describe('EXIF orientation as a canvas transform', () => {
  const apply = ([a, b, c, d, e, f]: Transform, x: number, y: number) => [a * x + c * y + e, b * x + d * y + f];
  // A stored 4x2 image's corners, drawn at its drawn size, land where each orientation puts them.
  const stored = { width: 4, height: 2 };
  const cases: [number, [number, number][]][] = [
    [1, [[0, 0], [4, 0], [0, 2]]],
    [2, [[4, 0], [0, 0], [4, 2]]],
    [3, [[4, 2], [0, 2], [4, 0]]],
    [4, [[0, 2], [4, 2], [0, 0]]],
    [5, [[0, 0], [0, 4], [2, 0]]],
    [6, [[2, 0], [2, 4], [0, 0]]],
    [7, [[2, 4], [2, 0], [0, 4]]],
    [8, [[0, 4], [0, 0], [2, 4]]],
  ];
  for (const [orientation, [topLeft, topRight, bottomLeft]] of cases) {
    it(`orientation ${orientation}`, () => {
      const shown = orientation >= 5 ? { width: 2, height: 4 } : { width: 4, height: 2 };
      expect(drawnSize(orientation, shown.width, shown.height)).toEqual(stored);
      const t = orientationTransform(orientation, shown.width, shown.height);
      expect([apply(t, 0, 0), apply(t, 4, 0), apply(t, 0, 2)]).toEqual([topLeft, topRight, bottomLeft]);
    });
  }
});

describe('isImageFile', () => {
  it('takes JPEG, PNG, WebP and AVIF by type, or by name when the type says nothing', () => {
    expect(isImageFile({ name: 'a.bin', type: 'image/jpeg' })).toBe(true);
    expect(isImageFile({ name: 'a.avif', type: '' })).toBe(true);
    expect(isImageFile({ name: 'A.JPEG', type: 'application/octet-stream' })).toBe(true);
    expect(isImageFile({ name: 'a.webp', type: 'image/webp' })).toBe(true);
    expect(isImageFile({ name: 'a.png', type: 'video/mp4' })).toBe(false);
    expect(isImageFile({ name: 'a.gif', type: 'image/gif' })).toBe(false);
    expect(isImageFile({ name: 'a.mp4', type: '' })).toBe(false);
    expect(isImageFile({ name: 'a.constructor', type: '' })).toBe(false);
    expect(isImageFile({ name: 'png', type: '' })).toBe(false);
  });
});
