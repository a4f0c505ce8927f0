// Where a player's thumbnails go in their sprite sheets. Pure.
import { outputSize } from '../../shared/plan';
import type { VideoInfo } from '../../shared/types';

/**
 * No sprite is wider or taller than this. 4096 px is the texture size
 * every GPU of the last decade takes, and what players' docs ask for
 * (older mobile browsers refuse larger images); it also keeps a sprite's
 * RGBA at most 64 MB while it is drawn and encoded.
 */
export const SPRITE_MAX_SIDE = 4096;

export interface TileSize {
  width: number;
  height: number;
}

/**
 * A tile of a player track: the thumbnail size for `width`, shrunk (keeping
 * its shape) if a side would not fit in a sprite. Only very tall video at
 * a large width needs it: outputSize allows thumbnails four widths tall.
 */
export function trackTileSize(info: Pick<VideoInfo, 'width' | 'height'>, width: number): TileSize {
  let size = outputSize(info, Math.min(width, SPRITE_MAX_SIDE));
  while (size.height > SPRITE_MAX_SIDE && size.width > 1) {
    size = outputSize(info, Math.max(1, Math.min(size.width - 1, Math.floor((size.width * SPRITE_MAX_SIDE) / size.height))));
  }
  return size;
}

export interface SpriteGrid {
  tile: TileSize;
  /** Tiles in the track. */
  tiles: number;
  /** Tiles per row, and rows in a full sprite. */
  columns: number;
  rows: number;
  /** Tiles a full sprite holds, and how many sprites the track needs. */
  perSprite: number;
  sprites: number;
}

/**
 * Rows of as many tiles as fit in SPRITE_MAX_SIDE (fewer when the track has
 * fewer), as many rows as fit; the tiles fill one sprite, then the next.
 */
export function spriteGrid(tile: TileSize, tiles: number): SpriteGrid {
  const columns = Math.max(1, Math.min(Math.floor(SPRITE_MAX_SIDE / tile.width), tiles));
  const rows = Math.max(1, Math.floor(SPRITE_MAX_SIDE / tile.height));
  const perSprite = columns * rows;
  return { tile, tiles, columns, rows, perSprite, sprites: Math.ceil(tiles / perSprite) };
}

/** Tile `index`'s sprite (0-based) and its top-left corner there. */
export function tilePlace(grid: SpriteGrid, index: number): { sprite: number; x: number; y: number } {
  const at = index % grid.perSprite;
  return { sprite: Math.floor(index / grid.perSprite), x: (at % grid.columns) * grid.tile.width, y: Math.floor(at / grid.columns) * grid.tile.height };
}

/** The tiles of sprite `sprite`, as indices into the track: [first, end). */
export function spriteTiles(grid: SpriteGrid, sprite: number): { first: number; end: number } {
  const first = sprite * grid.perSprite;
  return { first, end: Math.min(grid.tiles, first + grid.perSprite) };
}

/** Sprite `sprite`'s size: only the rows (and, in a short track, the columns) its tiles use. */
export function spriteSize(grid: SpriteGrid, sprite: number): { width: number; height: number } {
  const { first, end } = spriteTiles(grid, sprite);
  const count = end - first;
  return { width: Math.min(count, grid.columns) * grid.tile.width, height: Math.ceil(count / grid.columns) * grid.tile.height };
}

/** The file name of sprite `sprite` (0-based), as the VTT names it: sprite-1.jpg, sprite-2.jpg, ... */
export function spriteName(sprite: number): string {
  return `sprite-${sprite + 1}.jpg`;
}
