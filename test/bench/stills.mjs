// @ts-check
// Enormous stills: a 16384x16384 JPEG dropped on the page, from the file
// input's change to its thumbnail on screen, and the browser's memory
// growth meanwhile; beside it, what decoding the same file whole and then
// shrinking it costs in the same browser (what convert, or any tool
// without shrink-on-load, does): createImageBitmap of the file, drawn at
// the thumbnail's size.
import { browserMemory, sampleMemory } from './memory.mjs';

const WIDTH = 320;

/**
 * @typedef {{ ms: number, peakBytes: number, growthBytes: number, decoded: string }} StillRun
 */

/**
 * The page: drop `file`, wait for the still's thumbnail.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {string} file @returns {Promise<StillRun>}
 */
async function pageRun(browser, url, file) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#width=${WIDTH}`);
  // The page idle, its workers started, as when a person picks a file.
  await page.waitForTimeout(2500);
  await page.evaluate(() => {
    const marks = { start: 0, shown: 0 };
    Object.assign(window, { stillMarks: marks });
    document.querySelector('[data-testid=file-input]')?.addEventListener('change', () => (marks.start = performance.now()), { capture: true });
    new MutationObserver(() => {
      const img = /** @type {HTMLImageElement | null} */ (document.querySelector('[data-testid=video][data-kind=image] [data-testid=thumb] img'));
      if (!marks.shown && img) marks.shown = performance.now();
    }).observe(document.body, { subtree: true, childList: true });
  });
  const idle = browserMemory();
  const memory = sampleMemory(50);
  await page.setInputFiles('[data-testid=file-input]', file);
  await page.waitForFunction(() => /** @type {any} */ (window).stillMarks.shown > 0, null, { timeout: 120_000, polling: 50 });
  const peakBytes = memory.stop();
  const result = await page.evaluate(() => {
    const card = /** @type {HTMLElement} */ (document.querySelector('[data-testid=video][data-kind=image]'));
    const marks = /** @type {any} */ (window).stillMarks;
    return { ms: marks.shown - marks.start, state: card.dataset.state, decoded: `${card.dataset.decodedWidth}×${card.dataset.decodedHeight} by ${card.dataset.decoder}` };
  });
  await context.close();
  if (result.state !== 'done') throw new Error(`the still ended ${result.state}`);
  return { ms: result.ms, peakBytes, growthBytes: peakBytes - idle, decoded: result.decoded };
}

/**
 * Whole, then shrunk: the same browser, the same file, decoded at full size
 * by createImageBitmap and drawn into a thumbnail-sized canvas.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {string} file @returns {Promise<StillRun>}
 */
async function wholeRun(browser, url, file) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForTimeout(2500);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-whole';
    document.body.append(input);
  });
  await page.setInputFiles('#bench-whole', file);
  const idle = browserMemory();
  const memory = sampleMemory(50);
  const result = await page.evaluate(async (width) => {
    const input = /** @type {HTMLInputElement} */ (document.getElementById('bench-whole'));
    const file = /** @type {File} */ (input.files?.[0]);
    const started = performance.now();
    const bitmap = await createImageBitmap(file);
    const height = Math.round((width * bitmap.height) / bitmap.width);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    ctx.getImageData(0, 0, 1, 1);
    const decoded = `${bitmap.width}×${bitmap.height} by createImageBitmap`;
    bitmap.close();
    return { ms: performance.now() - started, decoded };
  }, WIDTH);
  const peakBytes = memory.stop();
  await context.close();
  return { ms: result.ms, peakBytes, growthBytes: peakBytes - idle, decoded: result.decoded };
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * The stills rows of the benchmark: the page's way and the whole decode, each the median of `runs`.
 * @param {import('playwright-core').Browser} browser @param {string} url @param {string} file @param {number} runs
 */
export async function measureStills(browser, url, file, runs) {
  const rows = [];
  for (const [label, run] of /** @type {const} */ ([
    ['page: ImageDecoder at reduced size', pageRun],
    ['whole, then shrunk (convert-style)', wholeRun],
  ])) {
    /** @type {StillRun[]} */
    const results = [];
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`still 16384x16384 ${label} run ${i + 1}/${runs}... `);
      const result = await run(browser, url, file);
      process.stderr.write(`${(result.ms / 1000).toFixed(2)} s\n`);
      results.push(result);
    }
    rows.push({
      still: '16384×16384 JPEG',
      how: label,
      decoded: results[0]?.decoded,
      [`thumbnail ${WIDTH} px (s)`]: (median(results.map((r) => r.ms)) / 1000).toFixed(2),
      'peak MB': (Math.max(...results.map((r) => r.peakBytes)) / 2 ** 20).toFixed(0),
      'growth MB': (Math.max(...results.map((r) => r.growthBytes)) / 2 ** 20).toFixed(0),
    });
  }
  return rows;
}
