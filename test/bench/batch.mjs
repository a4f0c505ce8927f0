// @ts-check
// A batch through the page's queue: a folder of recordings taken with the
// folder picker, extracted with the default settings, on bare Chromium
// (test/support/bareChromium.mjs, for honest memory figures). Reported:
// time per video (pauses not counted), the longest main-thread task, and
// the browser's memory (settled: after a garbage collection and a pressure
// signal) at the idle page and after each quarter of the videos, the batch
// paused and no frame in flight, with the JPEG bytes the library holds by
// then, so growth can be told from output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBarePage } from '../support/bareChromium.mjs';
import { sampleMemory, settledBrowserMemory } from './memory.mjs';

/** @typedef {{ name: string, videos: number, sources: string[] }} Batch */

/** 300 recordings of a few seconds (8-12 s, 640x360), and 20 of 10 minutes (1080p). */
export const BATCHES = /** @type {Batch[]} */ ([
  { name: 'batch 300 x 8-12 s', videos: 300, sources: ['h264_bframes.mp4', 'vp9.webm'] },
  { name: 'batch 20 x 10 min', videos: 20, sources: ['bench_10min_1080p.mp4'] },
]);

const mb = (/** @type {number} */ bytes) => (bytes / 2 ** 20).toFixed(0);
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A folder of `count` recordings named rec-001..., made of `sources` in
 * turn: hard links where the file system allows (the 10-minute file is
 * 200 MB), else symbolic links.
 * @param {string[]} sources paths @param {number} count
 */
export function makeFolder(sources, count) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-batch-'));
  for (let i = 0; i < count; i++) {
    const source = /** @type {string} */ (sources[i % sources.length]);
    const target = path.join(dir, `rec-${String(i + 1).padStart(3, '0')}${path.extname(source)}`);
    try {
      fs.linkSync(source, target);
    } catch {
      fs.symlinkSync(source, target);
    }
  }
  return dir;
}

/**
 * @param {string} url the built page
 * @param {Batch} batch
 * @param {Record<string, string>} media fixture paths by name
 */
export async function measureBatch(url, batch, media) {
  const dir = makeFolder(batch.sources.map((name) => /** @type {string} */ (media[name])), batch.videos);
  const page = await openBarePage(url);
  try {
    const waitFor = (/** @type {string} */ expression, /** @type {number} */ ms) => page.waitFor(expression, ms, `${batch.name}: ${expression}`);
    await waitFor(`!!document.querySelector('[data-testid="folder-input"]')`, 30_000);
    // Long tasks, and the spans in which the bench itself forces a garbage
    // collection (a long task of its own, not the page's).
    await page.evaluate(`(() => {
      window.batchTasks = [];
      window.batchMeasuring = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.batchTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask' });
    })()`);
    const settled = async () => {
      await page.evaluate('window.batchMeasuring.push([performance.now(), Infinity])');
      const bytes = await settledBrowserMemory(page.send);
      await page.evaluate('window.batchMeasuring.at(-1)[1] = performance.now()');
      return bytes;
    };
    const longestTask = () =>
      page.evaluate(`Math.max(0, ...window.batchTasks.filter(([at, ms]) => !window.batchMeasuring.some(([from, to]) => at < to && at + ms > from)).map(([, ms]) => ms))`);
    // The page idle, its workers started (they warm up when it is quiet).
    await sleep(3000);
    const idle = await settled();
    const peak = sampleMemory(250);
    const started = Date.now();
    await page.setInputFiles('[data-testid="folder-input"]', [dir]);
    const done = `[...document.querySelectorAll('[data-testid="video"]')].filter((v) => /^(done|error|cancelled)$/.test(v.dataset.state)).length`;
    const held = `[...document.querySelectorAll('[data-testid="thumb"]')].reduce((sum, t) => sum + Number(t.dataset.bytes), 0)`;
    /** @type {{ videos: number, seconds: number, settledMB: string, heldMB: string }[]} */
    const quarters = [];
    let pausedMs = 0;
    for (const quarter of [1, 2, 3, 4]) {
      await waitFor(`${done} >= ${Math.ceil((batch.videos * quarter) / 4)}`, 60 * 60_000);
      const seconds = (Date.now() - started - pausedMs) / 1000;
      // Measured paused (the batch's own button), once no frame is being decoded: the quarters compare the same state.
      const pausedAt = Date.now();
      const last = quarter === 4;
      if (!last) await page.evaluate(`document.querySelector('[data-testid="queue-pause"]').click()`);
      await waitFor(`document.querySelector('[data-testid="status"]').dataset.runningWorkers === '0'`, 60_000);
      quarters.push({ videos: await page.evaluate(done), seconds, settledMB: mb(await settled()), heldMB: mb(await page.evaluate(held)) });
      if (!last) await page.evaluate(`document.querySelector('[data-testid="queue-resume"]').click()`);
      pausedMs += Date.now() - pausedAt;
    }
    const peakBytes = peak.stop();
    const states = await page.evaluate(`[...document.querySelectorAll('[data-testid="video"]')].map((v) => v.dataset.state)`);
    const thumbs = await page.evaluate(`document.querySelectorAll('[data-testid="thumb"]').length`);
    const seconds = /** @type {number} */ (quarters[3]?.seconds);
    const half = Number(quarters[1]?.settledMB);
    const end = Number(quarters[3]?.settledMB);
    return {
      batch: batch.name,
      state: states.every((/** @type {string} */ s) => s === 'done') ? 'ok' : `FAILED: ${states.filter((/** @type {string} */ s) => s !== 'done').length} not done`,
      thumbnails: thumbs,
      'total (s)': seconds.toFixed(0),
      's/video': (seconds / batch.videos).toFixed(2),
      'longest task (ms)': (await longestTask()).toFixed(0),
      'idle MB': mb(idle),
      'after 1/4, 1/2, 3/4, all (MB)': quarters.map((q) => q.settledMB).join(', '),
      'JPEGs held at 1/4, 1/2, 3/4, all (MB)': quarters.map((q) => q.heldMB).join(', '),
      'growth 2nd half (MB)': (end - half).toFixed(0),
      'peak MB': mb(peakBytes),
    };
  } finally {
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
