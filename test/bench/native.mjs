// @ts-check
// The baseline: the native ffmpeg CLI doing the same job on the same file,
// with input seeking (-ss before -i), the same N and width, JPEG out.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Fast mode: one process, one input per time (keyframe seek, passthrough).
 * Exact mode: one process per time, accurate seek, as one would script it.
 * @param {string} file @param {number[]} times @param {'fast' | 'exact'} mode @param {number} width
 * @returns {number} seconds
 */
export function nativeSeconds(file, times, mode, width) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-native-'));
  const scale = `scale=${width}:-2`;
  const base = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
  const started = process.hrtime.bigint();
  if (mode === 'fast') {
    const inputs = times.flatMap((t) => ['-noaccurate_seek', '-ss', t.toFixed(6), '-i', file]);
    const outputs = times.flatMap((_, i) => ['-map', `${i}:v:0`, '-fps_mode', 'passthrough', '-frames:v', '1', '-vf', scale, '-q:v', '3', path.join(dir, `${i}.jpg`)]);
    execFileSync('ffmpeg', [...base, ...inputs, ...outputs]);
  } else {
    times.forEach((t, i) => execFileSync('ffmpeg', [...base, '-ss', t.toFixed(6), '-i', file, '-frames:v', '1', '-vf', scale, '-q:v', '3', path.join(dir, `${i}.jpg`)]));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(dir, { recursive: true, force: true });
  return seconds;
}
