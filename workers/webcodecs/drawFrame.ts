// A decoded VideoFrame as RGBA at the output size, rotated as the player would.

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

/**
 * `rotation` is the clockwise turn the video's metadata asks for. A frame
 * that already carries a rotation (decoder configs can) is drawn rotated by
 * the browser; only the rest is applied here.
 */
export function frameToRgba(frame: VideoFrame, width: number, height: number, rotation: number): Uint8ClampedArray<ArrayBuffer> {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true, alpha: false })!;
  }
  const ctx = context!;
  const applied = (frame as VideoFrame & { rotation?: number }).rotation ?? 0;
  const turn = (((rotation - applied) % 360) + 360) % 360;
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const quarter = turn === 90 || turn === 270;
  // Draw at the pre-rotation size, turned about the canvas.
  const drawWidth = quarter ? height : width;
  const drawHeight = quarter ? width : height;
  if (turn === 90) ctx.setTransform(0, 1, -1, 0, width, 0);
  else if (turn === 180) ctx.setTransform(-1, 0, 0, -1, width, height);
  else if (turn === 270) ctx.setTransform(0, -1, 1, 0, 0, height);
  ctx.drawImage(frame, 0, 0, drawWidth, drawHeight);
  ctx.restore();
  return ctx.getImageData(0, 0, width, height).data as Uint8ClampedArray<ArrayBuffer>;
}
