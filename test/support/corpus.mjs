// @ts-check
// The real-world corpus (test/fixtures/realworld, sources in SOURCES.md):
// which files, what each thumbnail must be as native ffprobe says, and what
// does not pass yet. Shared by corpus.spec.ts (Chromium) and the lanes.
import fs from 'node:fs';
import path from 'node:path';
import { expectedFrame, media, truth } from './truth.mjs';

/** @typedef {import('./truth.mjs').Truth & { rotation?: number, sar?: string }} CorpusTruth */
/** @typedef {import('./pageReads.mjs').ThumbData} ThumbData */

/** The committed real files' names. */
export function corpusFiles() {
  return fs.readdirSync(path.dirname(media('realworld/SOURCES.md'))).filter((name) => !name.endsWith('.md')).sort();
}

/**
 * What does not pass yet, and why (issue 11 stays open for these), keyed
 * `<file> <mode>`. The checks require exactly these to fail: one that
 * starts passing fails them too, until it is taken off this list.
 * @type {Record<string, string>}
 */
export const KNOWN_FAILING = {
  'ax_sample.avi fast': 'MPEG-4 ASP in AVI with packed B-frames: ffmpeg.wasm times frames one frame later than ffprobe',
  'ax_sample.avi exact': 'MPEG-4 ASP in AVI with packed B-frames: ffmpeg.wasm times frames one frame later than ffprobe',
  'ft_fixture.wmv.asf fast': 'one WMV2 frame and no frame rate: fast mode cannot tell that the frame is still shown later',
};

/**
 * How a video's page read differs from ffprobe's truth: display size, 15
 * thumbnails, each one's pts (within 1 ms), keyframe, exactness and frame
 * number (a derived one within 1, where frames come at a constant rate).
 * @param {string} file @param {'fast' | 'exact'} mode
 * @param {{ width: number, height: number, thumbs: ThumbData[], warning: string }} shown
 * @returns {string[]}
 */
export function corpusDifferences(file, mode, { width, height, thumbs, warning }) {
  /** @type {CorpusTruth} */
  const known = truth(`realworld/${file}`);
  const wrong = [];
  const want = displaySize(known);
  if (Math.abs(width - want.width) > 1 || Math.abs(height - want.height) > 1) wrong.push(`display ${width}x${height}, ffprobe ${want.width}x${want.height}`);
  if (thumbs.length !== 15) wrong.push(`${thumbs.length} thumbnails (${warning})`);
  for (const t of thumbs) {
    const expected = expectedFrame(known, t.time, mode);
    const where = `#${t.index} at ${t.time.toFixed(3)} s`;
    if (Math.abs(t.pts - expected.frame.pts) > 0.001) {
      wrong.push(`${where}: pts ${t.pts}, ffprobe ${expected.frame.pts}`);
      continue;
    }
    if (t.keyframe !== expected.frame.key) wrong.push(`${where}: keyframe ${t.keyframe}`);
    if (t.exact !== expected.exact) wrong.push(`${where}: exact ${t.exact}`);
    const off = t.frame === null ? Infinity : Math.abs(t.frame - expected.index);
    // A derived number can be right only where frames come at a constant rate.
    if (t.frameDerived ? constantRate(known) && off > 1 : off !== 0) wrong.push(`${where}: frame ${t.frameDerived ? '≈' : ''}${t.frame}, ffprobe ${expected.index}`);
  }
  return wrong;
}

/** Whether every gap between frames is the same, within two ticks of the time base. @param {CorpusTruth} known */
function constantRate({ frames, timeBase }) {
  const gaps = frames.slice(1).map((f, i) => f.pts - /** @type {import('./truth.mjs').TruthFrame} */ (frames[i]).pts);
  return gaps.length === 0 || Math.max(...gaps) - Math.min(...gaps) <= 2 / (timeBase || 1000) + 1e-6;
}

/** The display size ffprobe implies: sample aspect ratio, then rotation. @param {CorpusTruth} known */
function displaySize(known) {
  const [num, den] = (known.sar ?? '1:1').split(':').map(Number);
  const sar = num && den ? num / den : 1;
  const width = Math.round(known.width * (sar >= 1 ? sar : 1));
  const height = Math.round(known.height / (sar < 1 ? sar : 1));
  return Math.abs(known.rotation ?? 0) % 180 === 90 ? { width: height, height: width } : { width, height };
}
