// A video's thumbnail track for web players, as one ZIP: `thumbnails.vtt`
// and the sprite sheets its cues point into. The frames are located and
// decoded by the same path as the thumbnails (poolDecode.ts), in fast mode:
// each cue shows the keyframe at or before its start. Tiles arrive as
// JPEGs and go to their sprite, which is drawn and encoded in a worker as
// soon as all its tiles are in (spriteAssembly.ts), so a long track never
// holds more than about a sprite's worth of tiles.
import { FileFailure } from '../../shared/fileFailure';
import { planTargets, trackCues } from '../../shared/plan';
import type { EnginePreference } from '../../shared/types';
import type { FrameService } from '../extraction/frameService';
import { decodeOnPool, decodingEngine, prepareOnPool } from '../extraction/poolDecode';
import type { WorkerPool } from '../extraction/workerPool';
import { videoStem } from './names';
import { saveZip, type ZipEntry } from './save';
import { SpriteAssembly, type ReadySprite } from './spriteAssembly';
import { spriteGrid, spriteName, spriteSize, spriteTiles, tilePlace, trackTileSize, type TileSize } from './spriteLayout';
import { thumbnailsVtt } from './webvtt';

/**
 * Tiles travel from the decoding worker to the sprite's as JPEGs at this
 * quality: a 320x180 tile is 15-25 KB (its RGBA 230 KB), and the sprite is
 * encoded again at the chosen quality, so the tile's own loss must be
 * small beside that one (JPEG at 95 is 40-45 dB PSNR to its source).
 */
const TILE_QUALITY = 95;

export interface TrackOptions {
  /** Seconds between thumbnails. */
  seconds: number;
  /** Tile width (the thumbnail width setting) and the sprites' JPEG quality. */
  width: number;
  quality: number;
  engine: EnginePreference;
}

export interface TrackProgress {
  /** Tiles settled (decoded or missed) of all of them. */
  settled: number;
  tiles: number;
  /** Sprites drawn and encoded, of all of them, and the tiles in those. */
  drawn: number;
  sprites: number;
  drawnTiles: number;
}

export interface MadeTrack {
  name: string;
  bytes: number;
  cues: number;
  sprites: number;
  tile: TileSize;
  /** Distinct frames decoded (tiles that show one keyframe share its decode). */
  frames: number;
  /** Tiles that gave no picture, whose cues show their neighbour's; and why the first did not. */
  missed: number;
  missReason: string | null;
}

export interface TrackSources {
  pool: WorkerPool;
  frames: Pick<FrameService, 'drawSprite'>;
}

/** Makes the track of `file` and saves it as `<stem>_player-thumbnails.zip`. */
export async function makePlayerTrack(sources: TrackSources, file: File, options: TrackOptions, onProgress: (progress: TrackProgress) => void, signal: AbortSignal): Promise<MadeTrack> {
  // A sprite that fails stops the decoding too; the caller's abort stops both.
  const run = new AbortController();
  const stop = () => run.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  try {
    return await make(sources, file, options, onProgress, run);
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

async function make({ pool, frames }: TrackSources, file: File, options: TrackOptions, onProgress: (progress: TrackProgress) => void, run: AbortController): Promise<MadeTrack> {
  const { signal } = run;
  const { info, times, candidates } = await prepareOnPool(pool, file, { kind: 'every', seconds: options.seconds, mode: 'fast' }, signal);
  const cues = trackCues(info.duration, options.seconds);
  if (cues.length === 0) throw new FileFailure('corrupt', 'This video states no duration, so a player has no timeline to show thumbnails on.');
  const engine = decodingEngine(info, options.engine);

  const tile = trackTileSize(info, options.width);
  const grid = spriteGrid(tile, cues.length);
  const assembly = new SpriteAssembly<Blob>(grid);
  const sprites: Blob[] = [];
  let drawn = 0;
  let drawnTiles = 0;
  // Set by a sprite job that failed (typed so, not narrowed to its initial null: it is set in a callback).
  let failure = null as { error: unknown } | null;
  const drawing: Promise<void>[] = [];
  const report = () => onProgress({ settled: assembly.settled, tiles: grid.tiles, drawn, sprites: grid.sprites, drawnTiles });
  const draw = (ready: ReadySprite<Blob> | null) => {
    if (!ready) return;
    const request = { ...spriteSize(grid, ready.sprite), quality: options.quality, tiles: ready.tiles.map(({ tile, x, y }) => ({ jpeg: tile, x, y })) };
    const job = frames.drawSprite(request, signal).then(
      (jpeg) => {
        sprites[ready.sprite] = new Blob([jpeg], { type: 'image/jpeg' });
        drawn++;
        const { first, end } = spriteTiles(grid, ready.sprite);
        drawnTiles += end - first;
        report();
      },
      (error: unknown) => {
        failure ??= { error };
        run.abort(error);
      },
    );
    drawing.push(job);
  };

  let decoded = 0;
  let missReason: string | null = null;
  const decodeRun = { file, info, mode: 'fast' as const, ...engine, ...tile, quality: TILE_QUALITY };
  report();
  try {
    await decodeOnPool(pool, decodeRun, planTargets(times, candidates), {
      frame(planned, frame) {
        decoded++;
        const jpeg = new Blob([frame.jpeg], { type: 'image/jpeg' });
        for (const index of planned.indices) draw(assembly.add(index, jpeg));
        report();
      },
      missed(planned, reason) {
        missReason ??= reason;
        for (const index of planned.indices) draw(assembly.miss(index));
        report();
      },
      fellBack: () => {},
    }, signal);
    await Promise.all(drawing);
  } catch (error) {
    throw failure ? failure.error : error;
  }
  if (failure) throw failure.error;

  const shown = assembly.shownTiles();
  if (shown[0] === null || shown[0] === undefined) throw new FileFailure('decoder', `None of the ${grid.tiles} frames could be decoded.${missReason ? ` ${missReason}` : ''}`);
  const vtt = thumbnailsVtt(
    cues.map((cue, i) => {
      const place = tilePlace(grid, shown[i]!);
      return { ...cue, image: spriteName(place.sprite), x: place.x, y: place.y, width: tile.width, height: tile.height };
    }),
  );
  const entries: ZipEntry[] = [{ name: 'thumbnails.vtt', input: vtt }, ...sprites.map((jpeg, s) => ({ name: spriteName(s), input: jpeg }))];
  const name = `${videoStem(file.name)}_player-thumbnails.zip`;
  const bytes = await saveZip(entries, name);
  const missed = shown.filter((shownTile, i) => shownTile !== i).length;
  return { name, bytes, cues: cues.length, sprites: grid.sprites, tile, frames: decoded, missed, missReason };
}
