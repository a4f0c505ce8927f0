// Tiles on their way to their sprite sheets. Tiles arrive as the pool
// decodes them (roughly in order, batches being queued in order); a sprite
// is handed over to be drawn as soon as every one of its tiles has settled,
// and its tiles are let go then, so a track of thousands of tiles holds
// about one sprite's worth at a time, never the whole track. Pure.
import { spriteTiles, tilePlace, type SpriteGrid } from './spriteLayout';

/** A sprite whose tiles have all settled: the decoded ones, with where each goes. */
export interface ReadySprite<T> {
  sprite: number;
  tiles: { index: number; x: number; y: number; tile: T }[];
}

export class SpriteAssembly<T> {
  /** Per tile: decoded (true), missed (false), or not yet settled (undefined). */
  private readonly outcome: (boolean | undefined)[];
  private readonly waiting: Map<number, T>[];
  private readonly unsettled: number[];
  private settledCount = 0;

  constructor(private readonly grid: SpriteGrid) {
    this.outcome = Array.from({ length: grid.tiles });
    this.waiting = Array.from({ length: grid.sprites }, () => new Map());
    this.unsettled = Array.from({ length: grid.sprites }, (_, s) => {
      const { first, end } = spriteTiles(grid, s);
      return end - first;
    });
  }

  /** Tiles settled so far, decoded or missed. */
  get settled(): number {
    return this.settledCount;
  }

  /** Tiles held, waiting for the rest of their sprite. */
  get held(): number {
    return this.waiting.reduce((sum, tiles) => sum + tiles.size, 0);
  }

  /** Tile `index` was decoded as `tile`; the sprite it completes, if it does. A tile settles once: a repeat is ignored. */
  add(index: number, tile: T): ReadySprite<T> | null {
    if (!this.settle(index, true)) return null;
    const sprite = tilePlace(this.grid, index).sprite;
    this.waiting[sprite]!.set(index, tile);
    return this.completed(sprite);
  }

  /** Tile `index` gave no picture; the sprite it completes, if it does. */
  miss(index: number): ReadySprite<T> | null {
    if (!this.settle(index, false)) return null;
    return this.completed(tilePlace(this.grid, index).sprite);
  }

  /**
   * Which tile each cue shows: its own, or for a tile that gave no picture
   * the nearest decoded one before it (after it, at the start), which is
   * what a player would otherwise have shown. Null everywhere when no tile
   * was decoded. Call once every tile has settled.
   */
  shownTiles(): (number | null)[] {
    const first = this.outcome.indexOf(true);
    let last: number | null = first >= 0 ? first : null;
    return this.outcome.map((decoded, index) => (decoded ? (last = index) : last));
  }

  private settle(index: number, decoded: boolean): boolean {
    if (index < 0 || index >= this.grid.tiles || this.outcome[index] !== undefined) return false;
    this.outcome[index] = decoded;
    this.settledCount++;
    this.unsettled[tilePlace(this.grid, index).sprite]!--;
    return true;
  }

  private completed(sprite: number): ReadySprite<T> | null {
    if (this.unsettled[sprite] !== 0) return null;
    const held = this.waiting[sprite]!;
    const tiles = [...held]
      .sort(([a], [b]) => a - b)
      .map(([index, tile]) => {
        const { x, y } = tilePlace(this.grid, index);
        return { index, x, y, tile };
      });
    held.clear();
    return { sprite, tiles };
  }
}
