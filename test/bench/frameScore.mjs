// @ts-check
// What scoring a thumbnail costs (workers/score/frameScore.ts), in node:
// frames of best_frames.mp4 and of the corpus at 320 px, each scored many
// times, median ms per frame.   node test/bench/frameScore.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { media } from '../support/truth.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// The module imports only types, so it runs transpiled on its own.
const source = fs.readFileSync(path.join(root, 'workers', 'score', 'frameScore.ts'), 'utf8');
const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
/** @type {typeof import('../../workers/score/frameScore')} */
const { scoreFrame } = await import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);

const WIDTH = 320;
const ROUNDS = 200;
for (const name of ['realworld/ax_portrait.mp4', 'best_frames.mp4', 'realworld/mm_short.ogv', 'realworld/sk_bframes.ts', 'realworld/ax_portrait.mp4']) {
  const rgba = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', media(name), '-an', '-vf', `scale=${WIDTH}:-2:flags=area`,
    '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: 64 << 20 });
  const height = rgba.length / 4 / WIDTH;
  const pixels = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length);
  for (let i = 0; i < 50; i++) scoreFrame(pixels, WIDTH, height);
  const times = Array.from({ length: ROUNDS }, () => {
    const started = performance.now();
    scoreFrame(pixels, WIDTH, height);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  console.log(`${name} ${WIDTH}x${height}: median ${times[ROUNDS >> 1]?.toFixed(3)} ms, 95th percentile ${times[Math.floor(ROUNDS * 0.95)]?.toFixed(3)} ms`);
}
