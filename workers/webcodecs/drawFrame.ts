// A decoded VideoFrame as RGBA at the output size, rotated as the player
// would. SDR frames are drawn by the browser; HDR ones are tone-mapped here
// from their samples, the same on every engine (see toneMap.ts).
import type { HdrTransfer } from '../../src/shared/hdr';
import type { Picture, Plane, YuvPicture } from './picture';
import { toneMapToRgba } from './toneMap';

let canvas: OffscreenCanvas | null = null;
let context: OffscreenCanvasRenderingContext2D | null = null;

type Rgba = Uint8ClampedArray<ArrayBuffer>;

/**
 * `rotation` is the clockwise turn the video's metadata asks for. A frame
 * that already carries a rotation (decoder configs can) is drawn rotated by
 * the browser; only the rest is applied here. `transfer` is the stream's
 * HDR transfer, if it has one.
 */
export async function frameToRgba(frame: VideoFrame, width: number, height: number, rotation: number, transfer: HdrTransfer): Promise<Rgba> {
  const picture = transfer ? await samples(frame) : null;
  if (!picture || !transfer) return drawnRgba(frame, width, height, rotation);
  // The samples are as coded: every turn is ours to make.
  const turn = quarterTurns(rotation);
  const [drawWidth, drawHeight] = turn % 2 ? [height, width] : [width, height];
  return rotateRgba(toneMapToRgba(picture, drawWidth, drawHeight, transfer), drawWidth, drawHeight, turn);
}

function quarterTurns(degrees: number): number {
  return Math.round((((degrees % 360) + 360) % 360) / 90) % 4;
}

function drawnRgba(frame: VideoFrame, width: number, height: number, rotation: number): Rgba {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true, alpha: false })!;
  }
  const ctx = context!;
  const applied = (frame as VideoFrame & { rotation?: number }).rotation ?? 0;
  const turn = quarterTurns(rotation - applied);
  ctx.save();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  // Draw at the pre-rotation size, turned about the canvas.
  const drawWidth = turn % 2 ? height : width;
  const drawHeight = turn % 2 ? width : height;
  if (turn === 1) ctx.setTransform(0, 1, -1, 0, width, 0);
  else if (turn === 2) ctx.setTransform(-1, 0, 0, -1, width, height);
  else if (turn === 3) ctx.setTransform(0, -1, 1, 0, 0, height);
  ctx.drawImage(frame, 0, 0, drawWidth, drawHeight);
  ctx.restore();
  return ctx.getImageData(0, 0, width, height).data as Rgba;
}

/**
 * Draws a blank 4:2:0 frame as a first thumbnail would be drawn, before
 * one is: the first draw of a run (the canvas, the browser's YUV
 * conversion and scaler starting up) took 20-33 ms, the next ones 7-15
 * (10-minute 1080p bench file, fast mode).
 */
export function warmUpDrawing(): void {
  if (typeof VideoFrame === 'undefined' || typeof OffscreenCanvas === 'undefined') return;
  const [width, height] = [640, 360];
  let frame: VideoFrame | null = null;
  try {
    frame = new VideoFrame(new Uint8Array((width * height * 3) / 2), { format: 'I420', codedWidth: width, codedHeight: height, timestamp: 0 });
    drawnRgba(frame, 320, 180, 0);
  } catch {
    // A browser that cannot make or draw such a frame warms nothing; real frames will say why.
  } finally {
    frame?.close();
  }
}

/** `rgba` (width x height) turned clockwise by `turn` quarter turns. */
function rotateRgba(rgba: Rgba, width: number, height: number, turn: number): Rgba {
  if (turn === 0) return rgba;
  const source = new Uint32Array(rgba.buffer);
  const out = new Uint32Array(source.length);
  const outWidth = turn % 2 ? height : width;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [ox, oy] = turn === 1 ? [height - 1 - y, x] : turn === 2 ? [width - 1 - x, height - 1 - y] : [y, width - 1 - x];
      out[oy * outWidth + ox] = source[y * width + x]!;
    }
  }
  return new Uint8ClampedArray(out.buffer);
}

/** Subsampling and depth of the planar formats WebCodecs hands over (alpha, a fourth plane, is not read). */
const LAYOUTS: Partial<Record<VideoPixelFormat, Pick<YuvPicture, 'bitDepth' | 'chromaShiftX' | 'chromaShiftY'>>> = {};
for (const [family, chromaShiftX, chromaShiftY] of [['I420', 1, 1], ['I422', 1, 0], ['I444', 0, 0]] as const) {
  for (const alpha of ['', 'A']) {
    LAYOUTS[`${family}${alpha}` as VideoPixelFormat] = { bitDepth: 8, chromaShiftX, chromaShiftY };
    for (const bitDepth of [10, 12] as const) LAYOUTS[`${family}${alpha}P${bitDepth}` as VideoPixelFormat] = { bitDepth, chromaShiftX, chromaShiftY };
  }
}
LAYOUTS.NV12 = { bitDepth: 8, chromaShiftX: 1, chromaShiftY: 1 };

/** Where red, green and blue sit in each 4-byte pixel of the packed formats. */
const RGB_ORDER: Partial<Record<VideoPixelFormat, [number, number, number]>> = { RGBA: [0, 1, 2], RGBX: [0, 1, 2], BGRA: [2, 1, 0], BGRX: [2, 1, 0] };

/** The frame's visible samples, or null for a format not listed above (the browser draws those). */
async function samples(frame: VideoFrame): Promise<Picture | null> {
  const format = frame.format;
  const layout = format ? LAYOUTS[format] : undefined;
  const order = format ? RGB_ORDER[format] : undefined;
  if (!layout && !order) return null;
  const bytes = new ArrayBuffer(frame.allocationSize());
  const planes = await frame.copyTo(bytes);
  const { width, height } = frame.visibleRect!;
  if (order) {
    const data = new Uint8Array(bytes);
    const [red, green, blue] = order.map((at): Plane => ({ data, offset: planes[0]!.offset + at, stride: planes[0]!.stride, step: 4 }));
    return { kind: 'rgb', width, height, red: red!, green: green!, blue: blue! };
  }
  const wide = layout!.bitDepth > 8;
  const data = wide ? new Uint16Array(bytes) : new Uint8Array(bytes);
  const size = wide ? 2 : 1;
  const plane = (index: number, step = 1, start = 0): Plane => ({ data, offset: planes[index]!.offset / size + start, stride: planes[index]!.stride / size, step });
  const nv12 = format === 'NV12';
  return {
    kind: 'yuv',
    ...layout!,
    width,
    height,
    fullRange: frame.colorSpace.fullRange ?? false,
    y: plane(0),
    u: nv12 ? plane(1, 2) : plane(1),
    v: nv12 ? plane(1, 2, 1) : plane(2),
  };
}
