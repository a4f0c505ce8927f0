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
 * bench file, 320 px).
 */
export function warmUpJpeg(): void {
  void encodeJpeg(new Uint8ClampedArray(16 * 16 * 4), 16, 16, 75).catch(() => {});
}
