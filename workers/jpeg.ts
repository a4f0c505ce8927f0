// JPEG encoding with @jsquash/jpeg (MozJPEG) in the worker that decoded
// the frame, so only the compressed bytes cross to the main thread.
import encode from '@jsquash/jpeg/encode';

/**
 * Sequential, Huffman-optimised JPEG. Progressive costs about twice the
 * time for a few percent fewer bytes, and thumbnails are small enough that
 * they never display progressively anyway. `baseline` clamps quantization
 * tables to 8 bits: below quality ~50 MozJPEG would otherwise write 16-bit
 * tables (an extended-sequential JPEG some decoders refuse).
 */
export function encodeJpeg(rgba: Uint8ClampedArray<ArrayBuffer>, width: number, height: number, quality: number): Promise<ArrayBuffer> {
  return encode(new ImageData(rgba, width, height), { quality, baseline: true, progressive: false, optimize_coding: true });
}

/**
 * Loads and instantiates MozJPEG's wasm before the first real frame: the
 * first encode of a run took 106 ms, the next ones 6-9 ms (10-minute 1080p
 * bench file, 320 px). A few thumbnail-sized encodes, not one tiny one:
 * V8 compiles hot wasm functions again, optimised, only once they have
 * run a while, and with one 16x16 encode that happened during the first
 * extraction, in the background threads its decoders needed.
 */
export async function warmUpJpeg(): Promise<void> {
  const [width, height] = [320, 180];
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 2654435761) >>> 24;
  for (let run = 0; run < WARM_UP_RUNS; run++) await encodeJpeg(rgba, width, height, 80).catch(() => {});
}
const WARM_UP_RUNS = 6;
