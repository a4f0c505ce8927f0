// A player's thumbnail track: its cues, the tiling into sprites, the VTT
// text, the assembly of tiles into sprites, and the interval setting.
import { describe, expect, it } from 'vitest';
import { trackCueCount, trackCues } from '../../src/shared/plan';
import { SpriteAssembly } from '../../src/lib/export/spriteAssembly';
import { SPRITE_MAX_SIDE, spriteGrid, spriteName, spriteSize, spriteTiles, tilePlace, trackTileSize } from '../../src/lib/export/spriteLayout';
import { thumbnailsVtt, vttTimestamp } from '../../src/lib/export/webvtt';
import { normalizeInterval, TRACK_INTERVAL } from '../../src/lib/trackInterval';

describe('trackCues', () => {
  it('covers the whole duration with contiguous cues every k seconds, the last ending at the duration', () => {
    const cues = trackCues(600, 10);
    expect(cues).toHaveLength(60);
    expect(cues[0]).toEqual({ start: 0, end: 10 });
    expect(cues.at(-1)).toEqual({ start: 590, end: 600 });
    for (let i = 1; i < cues.length; i++) expect(cues[i]!.start).toBe(cues[i - 1]!.end);
  });

  it('ends a partial last cue at the duration, to the millisecond', () => {
    expect(trackCues(12.0096, 5)).toEqual([
      { start: 0, end: 5 },
      { start: 5, end: 10 },
      { start: 10, end: 12.01 },
    ]);
  });

  it('never makes an empty cue: a duration within half a millisecond of a multiple of k gives none past it', () => {
    expect(trackCues(20.0004, 10)).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
    ]);
    expect(trackCues(7199.9996, 1).filter((cue) => !(cue.end > cue.start))).toEqual([]);
  });

  it('gives 7200 cues for two hours at one second, and none without a duration', () => {
    expect(trackCues(7200, 1)).toHaveLength(7200);
    expect(trackCueCount(7200, 1)).toBe(7200);
    expect(trackCueCount(12.0096, 5)).toBe(3);
    expect(trackCues(0, 10)).toEqual([]);
    expect(trackCues(Number.NaN, 10)).toEqual([]);
    expect(trackCues(Infinity, 10)).toEqual([]);
  });

  it('takes fractional intervals in whole milliseconds, so starts do not drift', () => {
    const cues = trackCues(10, 0.3);
    expect(cues).toHaveLength(34);
    expect(cues[33]).toEqual({ start: 9.9, end: 10 });
    expect(cues.map((c) => c.start).every((s) => Number.isInteger(Math.round(s * 1000)) && Math.abs(s * 1000 - Math.round(s * 1000)) < 1e-6)).toBe(true);
  });
});

describe('sprite tiling', () => {
  it('fills rows of as many tiles as fit in 4096 px, then rows, then the next sprite', () => {
    const grid = spriteGrid({ width: 320, height: 180 }, 600);
    expect(grid).toMatchObject({ columns: 12, rows: 22, perSprite: 264, sprites: 3 });
    expect(tilePlace(grid, 0)).toEqual({ sprite: 0, x: 0, y: 0 });
    expect(tilePlace(grid, 13)).toEqual({ sprite: 0, x: 320, y: 180 });
    expect(tilePlace(grid, 263)).toEqual({ sprite: 0, x: 11 * 320, y: 21 * 180 });
    expect(tilePlace(grid, 264)).toEqual({ sprite: 1, x: 0, y: 0 });
    expect(spriteSize(grid, 0)).toEqual({ width: 3840, height: 3960 });
    // The last holds 72 tiles: 6 rows.
    expect(spriteTiles(grid, 2)).toEqual({ first: 528, end: 600 });
    expect(spriteSize(grid, 2)).toEqual({ width: 3840, height: 6 * 180 });
  });

  it('keeps every sprite within 4096 px a side and every tile inside its sprite', () => {
    for (const [tile, tiles] of [[{ width: 160, height: 90 }, 7200], [{ width: 96, height: 54 }, 7200], [{ width: 320, height: 568 }, 100], [{ width: 4096, height: 4096 }, 3]] as const) {
      const grid = spriteGrid(tile, tiles);
      const sizes = Array.from({ length: grid.sprites }, (_, s) => spriteSize(grid, s));
      expect(sizes.filter((size) => size.width > SPRITE_MAX_SIDE || size.height > SPRITE_MAX_SIDE)).toEqual([]);
      const outside = Array.from({ length: tiles }, (_, i) => tilePlace(grid, i)).filter((place) => {
        const size = sizes[place.sprite]!;
        return place.x + tile.width > size.width || place.y + tile.height > size.height;
      });
      expect(outside).toEqual([]);
    }
  });

  it('makes a short track one row no wider than its tiles', () => {
    const grid = spriteGrid({ width: 320, height: 180 }, 3);
    expect(grid.sprites).toBe(1);
    expect(spriteSize(grid, 0)).toEqual({ width: 960, height: 180 });
  });

  it('puts two hours at one second, 96 px wide, into three sprites', () => {
    const grid = spriteGrid(trackTileSize({ width: 160, height: 90 }, 96), 7200);
    expect(grid).toMatchObject({ tile: { width: 96, height: 54 }, columns: 42, rows: 75, sprites: 3 });
  });

  it('shrinks a tile that would not fit in a sprite, keeping its shape', () => {
    expect(trackTileSize({ width: 1920, height: 1080 }, 320)).toEqual({ width: 320, height: 180 });
    expect(trackTileSize({ width: 7680, height: 4320 }, 3840)).toEqual({ width: 3840, height: 2160 });
    // 9:21 at 3840 px would be 8960 tall.
    const tall = trackTileSize({ width: 1080, height: 2520 }, 3840);
    expect(tall.height).toBeLessThanOrEqual(SPRITE_MAX_SIDE);
    expect(tall.width / tall.height).toBeCloseTo(1080 / 2520, 2);
  });

  it('names sprites from 1', () => {
    expect(spriteName(0)).toBe('sprite-1.jpg');
    expect(spriteName(6)).toBe('sprite-7.jpg');
  });
});

describe('the WebVTT file', () => {
  it('writes HH:MM:SS.mmm times, hours always', () => {
    expect(vttTimestamp(0)).toBe('00:00:00.000');
    expect(vttTimestamp(12.01)).toBe('00:00:12.010');
    expect(vttTimestamp(7199.9995)).toBe('02:00:00.000');
    expect(vttTimestamp(100 * 3600 + 61.5)).toBe('100:01:01.500');
  });

  it('is WEBVTT, then one cue per thumbnail pointing at its region of its sprite', () => {
    const text = thumbnailsVtt([
      { start: 0, end: 10, image: 'sprite-1.jpg', x: 0, y: 0, width: 160, height: 90 },
      { start: 10, end: 12.5, image: 'sprite-1.jpg', x: 160, y: 0, width: 160, height: 90 },
    ]);
    expect(text).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nsprite-1.jpg#xywh=0,0,160,90\n\n00:00:10.000 --> 00:00:12.500\nsprite-1.jpg#xywh=160,0,160,90\n');
  });
});

describe('SpriteAssembly', () => {
  const grid = spriteGrid({ width: 1024, height: 1024 }, 40); // 16 tiles a sprite: 3 sprites, the last of 8

  it('hands a sprite over once all its tiles have settled, in place, and lets go of them', () => {
    const assembly = new SpriteAssembly<string>(grid);
    for (let i = 0; i < 15; i++) expect(assembly.add(i, `t${i}`)).toBeNull();
    expect(assembly.held).toBe(15);
    const ready = assembly.add(15, 't15')!;
    expect(ready.sprite).toBe(0);
    expect(ready.tiles).toHaveLength(16);
    expect(ready.tiles[5]).toEqual({ index: 5, x: 1024, y: 1024, tile: 't5' });
    expect(assembly.held).toBe(0);
  });

  it('holds no more than the sprites still open: a long track in order never holds a whole track', () => {
    const long = spriteGrid({ width: 96, height: 54 }, 7200);
    const assembly = new SpriteAssembly<number>(long);
    let most = 0;
    let handed = 0;
    for (let i = 0; i < 7200; i++) {
      if (assembly.add(i, i)) handed++;
      most = Math.max(most, assembly.held);
    }
    expect(handed).toBe(3);
    expect(most).toBeLessThan(long.perSprite);
    expect(assembly.settled).toBe(7200);
  });

  it('completes a sprite with misses in it; a cue whose tile missed shows the nearest decoded before it (after, at the start)', () => {
    const assembly = new SpriteAssembly<string>(grid);
    assembly.miss(0);
    assembly.miss(1);
    for (let i = 2; i < 40; i++) {
      if (i === 20 || i === 21) assembly.miss(i);
      else assembly.add(i, `t${i}`);
    }
    const shown = assembly.shownTiles();
    expect(shown.slice(0, 3)).toEqual([2, 2, 2]);
    expect(shown.slice(19, 23)).toEqual([19, 19, 19, 22]);
  });

  it('ignores a tile settled twice, and shows nothing when nothing was decoded', () => {
    const assembly = new SpriteAssembly<string>(spriteGrid({ width: 100, height: 100 }, 2));
    expect(assembly.miss(0)).toBeNull();
    expect(assembly.add(0, 'late')).toBeNull();
    expect(assembly.miss(1)!.tiles).toEqual([]);
    expect(assembly.settled).toBe(2);
    expect(assembly.shownTiles()).toEqual([null, null]);
  });
});

describe('normalizeInterval', () => {
  it('takes numbers in range to the millisecond, and keeps the last good value for anything else', () => {
    expect(normalizeInterval('10', 5)).toBe(10);
    expect(normalizeInterval('2.5', 5)).toBe(2.5);
    expect(normalizeInterval(1.23456, 5)).toBe(1.235);
    expect(normalizeInterval('0', 5)).toBe(TRACK_INTERVAL.min);
    expect(normalizeInterval('-3', 5)).toBe(TRACK_INTERVAL.min);
    expect(normalizeInterval('1e9', 5)).toBe(TRACK_INTERVAL.max);
    expect(normalizeInterval('', 5)).toBe(5);
    expect(normalizeInterval('ten', 5)).toBe(5);
    expect(normalizeInterval(null, 7)).toBe(7);
    expect(normalizeInterval(Number.NaN, 7)).toBe(7);
  });
});
