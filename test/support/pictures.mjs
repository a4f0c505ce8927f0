// @ts-check
// What native ffmpeg makes of a frame, for measuring the page's pictures
// against (pictures.spec in Chromium, the same check in the other lanes).
import { execFileSync } from 'node:child_process';
import { media, truth } from './truth.mjs';

/** ffmpeg's documented HDR to SDR BT.709 conversion (zscale + tonemap), at full size. */
export const TONE_MAP = 'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=gbrp';
export const YADIF = 'yadif=mode=send_frame:parity=auto:deint=interlaced';

/**
 * The frame at `pts` (seconds from the container start) of fixture `name`
 * (a path under the fixtures, as media() takes it) as native ffmpeg makes
 * it with `filters` then the page's scaler, in RGBA, as base64.
 * @param {string} name @param {number} pts @param {string[]} filters @param {number} width @param {number} height
 */
export function nativeFrame(name, pts, filters, width, height) {
  // -copyts: t is on the file's own clock, as the frame's pts plus the container start.
  const chain = [...filters, `select=lt(abs(t-${truth(name).startTime + pts})\\,0.0005)`, `scale=${width}:${height}:flags=area`, 'setsar=1'].join(',');
  const rgba = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-copyts', '-i', media(name), '-an', '-vf', chain, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], {
    maxBuffer: 64 << 20,
  });
  if (rgba.length !== width * height * 4) throw new Error(`native ffmpeg gave ${rgba.length} bytes for ${name}'s frame at ${pts} s, not ${width}x${height} RGBA`);
  return rgba.toString('base64');
}
