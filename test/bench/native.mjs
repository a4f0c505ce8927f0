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

/**
 * The limit a mode chases: native ffmpeg's single-thread decode time of
 * exactly the frames the mode needs, spread over the machine's cores. Fast
 * mode needs each time's keyframe (`frames`: how many the page decoded,
 * for best mode's candidates); exact mode every frame from the keyframe to
 * the time. A frame's cost is measured on the file's first minute (a
 * keyframe) or ten seconds (any frame), decoding only, no scaling.
 * @param {string} file @param {number[]} times @param {'fast' | 'exact'} mode @param {number} frames
 * @returns {number} seconds
 */
export function limitSeconds(file, times, mode, frames) {
  const packets = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file], { maxBuffer: 1 << 30 })
    .toString()
    .trim()
    .split('\n')
    .map((line) => {
      const [pts, flags] = line.split(',');
      return { pts: Number(pts), key: (flags ?? '').includes('K') };
    })
    .filter((p) => Number.isFinite(p.pts))
    .sort((a, b) => a.pts - b.pts);
  const sample = mode === 'fast' ? 60 : 10;
  const sampled = packets.filter((p) => p.pts < sample && (mode === 'exact' || p.key)).length;
  const started = process.hrtime.bigint();
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-threads', '1', ...(mode === 'fast' ? ['-skip_frame', 'nokey'] : []), '-t', String(sample), '-i', file, '-an', '-f', 'null', '-']);
  const perFrame = Number(process.hrtime.bigint() - started) / 1e9 / Math.max(1, sampled);
  let needed = frames;
  if (mode === 'exact') {
    needed = 0;
    for (const t of times) {
      const upTo = packets.filter((p) => p.pts <= t + 1e-6);
      const key = upTo.findLastIndex((p) => p.key);
      needed += upTo.length - Math.max(0, key);
    }
  }
  return (perFrame * needed) / os.availableParallelism();
}
