// Draws one sprite sheet of a player's thumbnail track on an OffscreenCanvas
// in the worker and encodes it with MozJPEG, as the contact sheet is. The
// tiles come as JPEGs already at their size, so each is placed, not scaled.
import type { SpriteRequest } from '../../src/shared/types';
import { encodeJpeg } from '../jpeg';

/**
 * Tiles decoded at once. Decoding a tile's JPEG is a round trip to the
 * browser's image decoder; waiting on each in turn left the worker idle
 * between them.
 */
const DECODING_AT_ONCE = 32;

export async function drawSprite(request: SpriteRequest): Promise<ArrayBuffer> {
  const { width, height } = request;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false })!;
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < request.tiles.length; i += DECODING_AT_ONCE) {
    const tiles = request.tiles.slice(i, i + DECODING_AT_ONCE);
    const bitmaps = await Promise.all(tiles.map((tile) => createImageBitmap(tile.jpeg)));
    bitmaps.forEach((bitmap, t) => {
      ctx.drawImage(bitmap, tiles[t]!.x, tiles[t]!.y);
      bitmap.close();
    });
  }
  const pixels = ctx.getImageData(0, 0, width, height);
  return encodeJpeg(pixels.data as Uint8ClampedArray<ArrayBuffer>, width, height, request.quality);
}
