// Draws one sprite sheet of a player's thumbnail track on an OffscreenCanvas
// in the worker and encodes it with MozJPEG, as the contact sheet is. The
// tiles come as JPEGs already at their size, so each is placed, not scaled.
import type { SpriteRequest } from '../../src/shared/types';
import { encodeJpeg } from '../jpeg';

/**
 * Pictures decoded at once. Decoding a tile's JPEG is a round trip to the
 * browser's image decoder; waiting on each in turn left the worker idle
 * between them.
 */
const DECODING_AT_ONCE = 32;

type Tile = SpriteRequest['tiles'][number];

export async function drawSprite(request: SpriteRequest): Promise<ArrayBuffer> {
  const { width, height } = request;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false })!;
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  const runs = samePicture(request.tiles);
  for (let i = 0; i < runs.length; i += DECODING_AT_ONCE) {
    const chunk = runs.slice(i, i + DECODING_AT_ONCE);
    const bitmaps = await Promise.all(chunk.map((run) => createImageBitmap(run[0]!.jpeg)));
    bitmaps.forEach((bitmap, r) => {
      for (const tile of chunk[r]!) ctx.drawImage(bitmap, tile.x, tile.y);
      bitmap.close();
    });
  }
  const pixels = ctx.getImageData(0, 0, width, height);
  return encodeJpeg(pixels.data as Uint8ClampedArray<ArrayBuffer>, width, height, request.quality);
}

/**
 * Consecutive tiles showing one picture, decoded once: where keyframes are
 * sparser than the cues, neighbouring cues show the same keyframe, and the
 * page sends its JPEG once per tile (one Blob, which a message keeps as one
 * object however often it is referenced): 7200 tiles of a 2-hour file at
 * one second were 120 pictures.
 */
function samePicture(tiles: readonly Tile[]): Tile[][] {
  const runs: Tile[][] = [];
  for (const tile of tiles) {
    const last = runs.at(-1);
    if (last && last[0]!.jpeg === tile.jpeg) last.push(tile);
    else runs.push([tile]);
  }
  return runs;
}
