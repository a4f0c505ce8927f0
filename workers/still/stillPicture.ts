// A picture of a still image, made in a pool worker as a video thumbnail
// is: decoded (at reduced size where it can be, see stillPlan.ts), drawn
// upright at the size asked for, scored and MozJPEG-encoded. Only the JPEG
// crosses to the page.
import { errorMessage } from '../../src/shared/errorMessage';
import { FileFailure } from '../../src/shared/fileFailure';
import { outputSize } from '../../src/shared/plan';
import type { StillInfo, StillOutcome, StillRequest } from '../../src/shared/types';
import { encodeJpeg } from '../jpeg';
import { scoreFrame } from '../score/frameScore';
import { drawnSize, orientationTransform, quarterTurned, swapped } from './orientation';
import { readStillHeader, type StillHeader } from './stillHeader';
import { jpegDecoderBehaviour } from './decoderBehaviour';
import { planStillDecode, type DecoderAbilities } from './stillPlan';
import { STILL_MIME_TYPES } from '../../src/shared/stillFormats';

/**
 * How much of the file the header is looked for in, in turn. A JPEG's
 * frame header usually sits in the first kilobytes, after EXIF (up to
 * 64 KB) and an ICC profile (rarely over 1 MB); an AVIF's metadata box
 * normally precedes its image data.
 */
const HEADER_READS = [64 << 10, 1 << 20, 16 << 20];

interface Size {
  width: number;
  height: number;
}

/** What was decoded, ready to draw: `drawn` draws it upright into a context at a size. */
interface Decoded {
  decoder: StillInfo['decoder'];
  /** Its displayed size as decoded, and whether the browser turned it a quarter (so its real size is the stored one turned). */
  size: Size;
  turned: boolean;
  draw(ctx: OffscreenCanvasRenderingContext2D, size: Size): void;
  close(): void;
}

export async function stillPicture(file: File, request: StillRequest, progress: () => void): Promise<StillOutcome> {
  try {
    if (file.size === 0) throw new FileFailure('empty', 'The file is empty (0 bytes).');
    const started = performance.now();
    const header = await readHeader(file);
    // The picture's size as the header has it; the decoder may turn the image otherwise (see below).
    const target = pictureSize(displayed(header, quarterTurned(header.orientation)), request.size);
    const plan = planStillDecode(header, target, await decoderAbilities(STILL_MIME_TYPES[header.format]));
    if (plan.kind === 'refuse') throw new FileFailure('too-large', plan.message);
    const readMs = performance.now() - started;

    const decodeStarted = performance.now();
    const decoded =
      plan.kind === 'image-decoder' ? await withImageDecoder(file, header, plan.desired, progress) : await withBitmap(file, header, target.width);
    try {
      // The browser's decoder has the last word on which way up the image is.
      const real = displayed(header, decoded.turned);
      const size = pictureSize(real, request.size);
      const canvas = new OffscreenCanvas(size.width, size.height);
      const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: true })!;
      // Transparent parts on white, as a page shows them.
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, size.width, size.height);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      decoded.draw(ctx, size);
      const rgba = ctx.getImageData(0, 0, size.width, size.height).data as Uint8ClampedArray<ArrayBuffer>;
      const decodeMs = performance.now() - decodeStarted;
      const score = scoreFrame(rgba, size.width, size.height);
      const encodeStarted = performance.now();
      const jpeg = await encodeJpeg(rgba, size.width, size.height, request.quality);
      const still: StillInfo = { format: header.format, ...real, decoder: decoded.decoder, decodedWidth: decoded.size.width, decodedHeight: decoded.size.height };
      return { ok: true, still, jpeg, ...size, score, readMs, decodeMs, encodeMs: performance.now() - encodeStarted };
    } finally {
      decoded.close();
    }
  } catch (error) {
    if (error instanceof FileFailure) return { ok: false, kind: error.kind, message: error.message };
    return { ok: false, kind: 'corrupt', message: `This image could not be decoded: ${errorMessage(error)}` };
  }
}

/** The browser's decoder refused the data: its header was read, so the rest is damaged or missing. */
function damaged(error: unknown): FileFailure {
  return new FileFailure('corrupt', `The image data is damaged or cut short (the browser's decoder said: ${errorMessage(error)}).`);
}

async function readHeader(file: File): Promise<StillHeader> {
  for (const length of HEADER_READS) {
    const bytes = new Uint8Array(await file.slice(0, length).arrayBuffer());
    const read = readStillHeader(bytes, bytes.length >= file.size);
    if (read.kind === 'header') return read.header;
    if (read.kind === 'not-still') throw new FileFailure('unsupported', 'This is not a JPEG, PNG, WebP or AVIF image.');
    if (read.kind === 'damaged') throw new FileFailure('corrupt', read.message);
    if (bytes.length >= file.size) break;
  }
  throw new FileFailure('corrupt', 'No picture size was found in the first 16 MB of the file.');
}

/** The stored size, turned a quarter when `turned`. */
function displayed(header: StillHeader, turned: boolean): Size {
  return swapped({ width: header.width, height: header.height }, turned);
}

/** The picture's size for `real`: a thumbnail's (the video rule: outputSize), or fitted into a square, never enlarged. */
function pictureSize(real: Size, size: StillRequest['size']): Size {
  if (size.kind === 'width') return outputSize(real, size.width);
  const scale = Math.min(1, size.side / Math.max(real.width, real.height));
  return { width: Math.max(1, Math.round(real.width * scale)), height: Math.max(1, Math.round(real.height * scale)) };
}

/** ImageDecoder is only in secure contexts (a static host over plain http is not one), and not in every engine. */
async function decoderAbilities(type: string): Promise<DecoderAbilities> {
  if (typeof ImageDecoder === 'undefined') return { takes: false, scalesJpeg: false };
  const takes = await ImageDecoder.isTypeSupported(type).catch(() => false);
  return { takes, scalesJpeg: takes && type === 'image/jpeg' && (await jpegDecoderBehaviour()).scales };
}

/**
 * The first frame through ImageDecoder, streamed from the file (each chunk
 * a sign of life for the watchdog). `desired` is as stored; an engine that
 * turns a JPEG upright itself takes the size asked for upright too (see
 * decoderBehaviour.ts). Where the engine leaves a JPEG's EXIF orientation
 * to us, it is applied here; other formats are drawn as their decoder has them.
 */
async function withImageDecoder(file: File, header: StillHeader, desired: Size | null, progress: () => void): Promise<Decoded> {
  const orients = header.format === 'jpeg' ? (await jpegDecoderBehaviour()).orients : 'frame';
  const asked = desired && swapped(desired, orients === 'pixels' && quarterTurned(header.orientation));
  const data = file.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        progress();
        controller.enqueue(chunk);
      },
    }),
  );
  const decoder = new ImageDecoder({ data, type: STILL_MIME_TYPES[header.format], ...(asked ? { desiredWidth: asked.width, desiredHeight: asked.height } : {}) });
  let frame: VideoFrame;
  try {
    frame = (await decoder.decode({ frameIndex: 0 })).image;
  } catch (error) {
    throw damaged(error);
  } finally {
    decoder.close();
  }
  if (orients === 'none' && header.orientation !== 1) {
    const turned = quarterTurned(header.orientation);
    return {
      decoder: 'image-decoder',
      size: drawnSize(header.orientation, frame.codedWidth, frame.codedHeight),
      turned,
      draw: (ctx, size) => {
        ctx.setTransform(...orientationTransform(header.orientation, size.width, size.height));
        const drawn = drawnSize(header.orientation, size.width, size.height);
        ctx.drawImage(frame, 0, 0, drawn.width, drawn.height);
        ctx.resetTransform();
      },
      close: () => frame.close(),
    };
  }
  // Upright as drawn: by the frame's rotation and flip (drawImage applies them), or in its pixels.
  const size = { width: frame.displayWidth, height: frame.displayHeight };
  return {
    decoder: 'image-decoder',
    size,
    turned: turnedFrom(header, size),
    draw: (ctx, target) => ctx.drawImage(frame, 0, 0, target.width, target.height),
    close: () => frame.close(),
  };
}

/** Whether a picture of `size`, the image as the browser shows it, is the stored image turned a quarter: its shape is the turned one's, not the stored one's. */
function turnedFrom(header: StillHeader, size: Size): boolean {
  const aspect = size.width / size.height;
  return Math.abs(aspect - header.height / header.width) < Math.abs(aspect - header.width / header.height);
}

/**
 * createImageBitmap, `width` wide, its height from the image's own aspect
 * as the browser orients it (EXIF included), so a guess about orientation
 * cannot distort it. Every engine decodes the whole image first; the plan
 * allows this path only for images small enough for that.
 */
async function withBitmap(file: File, header: StillHeader, width: number): Promise<Decoded> {
  const bitmap = await createImageBitmap(file, { resizeWidth: width, resizeQuality: 'high' }).catch((error: unknown) => {
    throw damaged(error);
  });
  const turned = turnedFrom(header, { width: bitmap.width, height: bitmap.height });
  return {
    decoder: 'bitmap',
    size: displayed(header, turned),
    turned,
    draw: (ctx, size) => ctx.drawImage(bitmap, 0, 0, size.width, size.height),
    close: () => bitmap.close(),
  };
}
