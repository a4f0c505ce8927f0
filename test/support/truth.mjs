// @ts-check
// ffprobe's truth about a fixture (written beside it by the fixture script)
// and the frame a thumbnail at a time must be: shared by the Playwright
// tests and the other browsers' lanes (test/browsers/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const mediaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', '.cache');

/**
 * A fixture's path: made ones by name, the committed real files as `realworld/<name>`.
 * @param {string} name
 */
export function media(name) {
  const file = name.startsWith('realworld/') ? path.join(mediaDir, '..', name) : path.join(mediaDir, name);
  if (!fs.existsSync(file)) throw new Error(`missing fixture ${name}: run node test/fixtures/make.mjs`);
  return file;
}

/** @typedef {{ pts: number, key: boolean, type: string }} TruthFrame */
/** @typedef {{ startTime: number, timeBase: number, duration: number, codec: string, width: number, height: number, frames: TruthFrame[] }} Truth */

/** @param {string} name @returns {Truth} */
export function truth(name) {
  return JSON.parse(fs.readFileSync(path.join(mediaDir, `${name}.truth.json`), 'utf8'));
}

/**
 * The frame shown at `time`: the last whose pts is at or before it (the
 * last such keyframe in fast mode), and whether that is the displayed frame.
 * The time is taken at the stream's own resolution, the nearest tick of its
 * time base (issue 11: 10.0096 s in a millisecond WebM is the frame at 10.010 s).
 * @param {Pick<Truth, 'frames' | 'startTime' | 'timeBase'>} truth @param {number} time @param {'fast' | 'exact'} mode
 * @returns {{ frame: TruthFrame, index: number, exact: boolean }}
 */
export function expectedFrame({ frames, startTime, timeBase }, time, mode) {
  const t = timeBase > 0 ? Math.round((startTime + time) * timeBase) / timeBase - startTime : time;
  /** @param {(f: TruthFrame) => boolean} keep */
  const lastAtOrBefore = (keep) => {
    let found = -1;
    frames.forEach((f, i) => {
      if (f.pts <= t + 1e-6 && keep(f)) found = i;
    });
    return found;
  };
  const displayed = lastAtOrBefore(() => true);
  const chosen = mode === 'exact' ? displayed : lastAtOrBefore((f) => f.key);
  const index = chosen < 0 ? 0 : chosen;
  return { frame: /** @type {TruthFrame} */ (frames[index]), index, exact: displayed >= 0 && index === displayed };
}

/**
 * Slot `index`'s window of `count` over `span` (the contract's best mode):
 * its requested time and the frames whose pts lie in `[start, end)`.
 * @param {Pick<Truth, 'frames'>} truth @param {{ start: number, end: number }} span @param {number} count @param {number} index
 * @returns {{ start: number, end: number, time: number, frames: TruthFrame[] }}
 */
export function slotOf({ frames }, span, count, index) {
  const width = (span.end - span.start) / count;
  const start = span.start + index * width;
  const end = start + width;
  return { start, end, time: span.start + (index + 0.5) * width, frames: frames.filter((f) => f.pts >= start - 1e-6 && f.pts < end - 1e-6) };
}
