// What this engine's ImageDecoder does with a JPEG, found out once per
// worker on a tiny JPEG made here, rather than assumed: engines differ, and
// the specification leaves both points open. Measured:
//
//   Chromium 156: decodes at reduced size (libjpeg's DCT scaling, the largest
//   scale M/8 whose pixels fit in the area asked for), and leaves the pixels
//   as stored, the EXIF orientation in the frame's `rotation` and `flip`
//   (which drawImage applies).
//   Firefox 153: scales to exactly the size asked for while decoding, and
//   turns the pixels upright itself (the size asked for is taken upright);
//   its frames have no `rotation`.
//
// A full decode where a reduced one was planned would be 1 GB for a 16384 px
// square, so reduced decoding is trusted only where it is seen to happen.

export interface JpegDecoderBehaviour {
  /** Asked for a smaller size, it decodes smaller. */
  scales: boolean;
  /** Where the EXIF orientation goes: in the frame's metadata, into its pixels, or nowhere (then it is ours to apply). */
  orients: 'frame' | 'pixels' | 'none';
}

let behaviour: Promise<JpegDecoderBehaviour> | null = null;

export function jpegDecoderBehaviour(): Promise<JpegDecoderBehaviour> {
  behaviour ??= probe().catch((): JpegDecoderBehaviour => ({ scales: false, orients: 'none' }));
  return behaviour;
}

/** A 16x16 JPEG, black above and white below, saying it is stored upside down (EXIF orientation 3). */
async function probeJpeg(): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(16, 16);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, 16, 8);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 8, 16, 8);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  if (blob.type !== 'image/jpeg') throw new Error('this engine encodes no JPEG');
  return withExifOrientation(new Uint8Array(await blob.arrayBuffer()), 3);
}

async function probe(): Promise<JpegDecoderBehaviour> {
  const data = await probeJpeg();
  const decode = async (desired: number | null) => {
    const decoder = new ImageDecoder({ data, type: 'image/jpeg', ...(desired ? { desiredWidth: desired, desiredHeight: desired } : {}) });
    try {
      return (await decoder.decode()).image;
    } finally {
      decoder.close();
    }
  };
  const small = await decode(2);
  const scales = small.codedWidth <= 2 && small.codedHeight <= 2;
  small.close();
  const whole = await decode(null);
  try {
    const rotation = (whole as VideoFrame & { rotation?: number }).rotation;
    if (typeof rotation === 'number' && rotation !== 0) return { scales, orients: 'frame' };
    // Drawn as the frame has it: white on top means the pixels were turned upright.
    const canvas = new OffscreenCanvas(16, 16);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(whole, 0, 0, 16, 16);
    const top = ctx.getImageData(8, 2, 1, 1).data[0]!;
    return { scales, orients: top > 128 ? 'pixels' : 'none' };
  } finally {
    whole.close();
  }
}

/** `jpeg` with an APP1 EXIF segment (big-endian TIFF, one IFD0 entry) saying `orientation`, right after its SOI marker. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const segment = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}
