// @ts-check
// The hostile corpus: files made from our own fixtures to break a video
// page. Deterministic: file i of a seed is always the same file, so a
// failure can be reproduced by its index alone.
//
//   truncated    cut at the first bytes, inside the header, at 1%..99%
//   bit-flips    random bits flipped at rates from 1e-5 to 1e-2
//   noise        ffmpeg's noise bitstream filter (every packet damaged)
//   tiny         zero bytes, one byte, a few random bytes
//   random       random bytes named .mp4 (and .mkv, .webm, .ts, .avi)
//   text         a text file named .mkv
//   claims-huge  headers claiming 65535x65535 frames (MP4 sample entry, MJPEG)
//   day-long     24 hours at 1 fps
//   audio-only   no video track
import fs from 'node:fs';
import path from 'node:path';
// The seeds are made by `node test/fixtures/make.mjs hostile` (the e2e global setup runs it).
import { cacheDir, hostileRecipes } from '../fixtures/make.mjs';

/** Fixtures that get truncated and bit-flipped: every container and codec we have. */
export const SOURCES = ['h264_bframes.mp4', 'h264.mkv', 'h264_midgop.ts', 'vp9.webm', 'av1.mp4', 'mpeg2.avi', 'hevc.mp4', 'editlist.mp4', 'rotated.mp4', 'sar2.mp4', 'vfr.mp4'];
const NOISE = hostileRecipes.map((r) => r.name).filter((name) => name.startsWith('noise'));
const FLIP_RATES = [1e-5, 1e-4, 1e-3, 1e-2];

/** @param {number} seed */
function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

const SPECIAL_KINDS = 9;

/**
 * Special file `which` (0..SPECIAL_KINDS-1): tiny, random, text, claims-huge, day-long, audio-only.
 * @param {number} which @param {() => number} rand
 * @param {(list: readonly string[]) => string} pick @param {(name: string) => Uint8Array} read
 * @returns {{ kind: string, source: string, bytes: Uint8Array, ext: string }}
 */
function specialFile(which, rand, pick, read) {
  if (which === 0) return { kind: 'tiny', source: '', bytes: new Uint8Array(0), ext: '.mp4' };
  if (which === 1) return { kind: 'tiny', source: '', bytes: Uint8Array.of(Math.floor(rand() * 256)), ext: '.mp4' };
  if (which <= 3) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(rand() * 200_000) }, () => Math.floor(rand() * 256));
    return { kind: 'random', source: '', bytes, ext: which === 2 ? '.mp4' : pick(['.mkv', '.webm', '.ts', '.avi']) };
  }
  if (which === 4) return { kind: 'text', source: '', bytes: Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nNot a video, a subtitle file.\n'.repeat(1 + Math.floor(rand() * 50))), ext: '.mkv' };
  if (which === 5) return { kind: 'claims-huge', source: 'claims_huge.mp4', bytes: read('claims_huge.mp4'), ext: '.mp4' };
  if (which === 6) return { kind: 'claims-huge', source: 'mjpeg_huge.avi', bytes: read('mjpeg_huge.avi'), ext: '.avi' };
  if (which === 7) return { kind: 'day-long', source: 'day_long.mp4', bytes: read('day_long.mp4'), ext: '.mp4' };
  return { kind: 'audio-only', source: 'audio_only.m4a', bytes: read('audio_only.m4a'), ext: '.m4a' };
}

/**
 * Writes hostile file number `index` into `dir`.
 * @param {number} index @param {number} seed @param {string} dir
 * @returns {{ path: string, name: string, kind: string, source: string }}
 */
export function hostileFile(index, seed, dir) {
  const rand = random(seed * 1_000_003 + index * 7919 + 1);
  const pick = (/** @type {readonly string[]} */ list) => /** @type {string} */ (list[Math.floor(rand() * list.length)]);
  const read = (/** @type {string} */ name) => fs.readFileSync(path.join(cacheDir, name));
  const roll = rand();
  // The first files are one of each special kind, so even a short run meets them all.
  const special = index < SPECIAL_KINDS ? index : roll >= 0.87 ? Math.floor(rand() * SPECIAL_KINDS) : -1;
  /** @type {{ kind: string, source: string, bytes: Uint8Array, ext: string }} */
  let made;
  if (special >= 0) made = specialFile(special, rand, pick, read);
  else if (roll < 0.4) {
    const source = pick(SOURCES);
    const bytes = read(source);
    const where = rand();
    const cut = where < 0.2 ? 1 + Math.floor(rand() * 64) : where < 0.4 ? 64 + Math.floor(rand() * 4096) : Math.floor(bytes.length * (0.01 + 0.98 * rand()));
    made = { kind: 'truncated', source, bytes: bytes.subarray(0, Math.min(cut, bytes.length - 1)), ext: path.extname(source) };
  } else if (roll < 0.75) {
    const source = pick(SOURCES);
    const bytes = Buffer.from(read(source));
    const rate = /** @type {number} */ (FLIP_RATES[Math.floor(rand() * FLIP_RATES.length)]);
    const flips = Math.max(1, Math.round(bytes.length * rate));
    for (let i = 0; i < flips; i++) {
      const at = Math.floor(rand() * bytes.length);
      bytes[at] = /** @type {number} */ (bytes[at]) ^ (1 << Math.floor(rand() * 8));
    }
    made = { kind: `bit-flips ${rate}`, source, bytes, ext: path.extname(source) };
  } else {
    const source = pick(NOISE);
    made = { kind: 'noise', source, bytes: read(source), ext: path.extname(source) };
  }
  const name = `hostile-${seed}-${String(index).padStart(5, '0')}${made.ext}`;
  const file = path.join(dir, name);
  fs.writeFileSync(file, made.bytes);
  return { path: file, name, kind: made.kind, source: made.source };
}
