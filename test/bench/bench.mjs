#!/usr/bin/env node
// @ts-check
// `npm run bench`: the real page in headless Chromium against native
// ffmpeg on the same files, printed as a table.
//
//   --runs N        repeat each page scenario N times, report the median (default 3)
//   --sweep         also compare pool sizes (workers 1..3) on the 10-minute file
//   --only NAME     run only scenarios whose file name contains NAME ("library" for the library at scale)
import path from 'node:path';
import { chromium } from 'playwright-core';
import { benchRecipes, build, cacheDir } from '../fixtures/make.mjs';
import { assertChromium, chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/staticServer.mjs';
import { measureLibrary } from './libraryScale.mjs';
import { sampleMemory } from './memory.mjs';
import { nativeSeconds } from './native.mjs';

const argv = process.argv.slice(2);
const flag = (/** @type {string} */ name) => argv.includes(name);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? /** @type {string} */ (argv[at + 1]) : fallback;
};
const runs = Number(option('--runs', '3'));
const only = option('--only', '');
const COUNT = 15;
const WIDTH = 320;

/**
 * @typedef {{ file: string, mode: 'fast' | 'exact', workers?: number, runs: number, label?: string }} Scenario
 * @typedef {{ firstMs: number, allMs: number, decodeMs: number, encodeMs: number, framesDecoded: number, peakBytes: number, state: string, duration: number }} PageResult
 */

/** @type {Scenario[]} */
let scenarios = [
  { file: 'bench_10min_1080p.mp4', mode: 'fast', runs },
  { file: 'bench_10min_1080p.mp4', mode: 'exact', runs: Math.min(runs, 2) },
  { file: 'bench_20min_2g.mp4', mode: 'fast', runs: 1 },
  { file: 'bench_20min_2g.mp4', mode: 'exact', runs: 1 },
  { file: 'bench_40min_4g.mp4', mode: 'fast', runs: 1 },
];
if (flag('--sweep')) {
  for (const workers of [1, 2, 3]) {
    for (const mode of /** @type {const} */ (['fast', 'exact'])) {
      scenarios.push({ file: 'bench_10min_1080p.mp4', mode, workers, runs: 1, label: `workers=${workers}` });
    }
  }
}
if (only) scenarios = scenarios.filter((s) => s.file.includes(only));

assertChromium();
process.stderr.write('Preparing benchmark media (cached after the first run)...\n');
const media = build(benchRecipes, cacheDir);
const server = await serveStatic({ root: path.resolve('dist') });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/** @param {Scenario} scenario @returns {Promise<PageResult>} */
async function runPage(scenario) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.fill('[data-testid=setting-count]', String(COUNT));
  await page.fill('[data-testid=setting-width]', String(WIDTH));
  await page.selectOption('[data-testid=setting-mode]', scenario.mode);
  if (scenario.workers) await page.fill('[data-testid=setting-workers]', String(scenario.workers));
  // Time from the file input's change event, measured inside the page.
  await page.evaluate(() => {
    const marks = /** @type {{ start: number, first: number, all: number }} */ ({ start: 0, first: 0, all: 0 });
    Object.assign(window, { benchMarks: marks });
    document.querySelector('[data-testid=file-input]')?.addEventListener('change', () => (marks.start = performance.now()), { capture: true });
    new MutationObserver(() => {
      if (!marks.first && document.querySelector('[data-testid=thumb] img')) marks.first = performance.now();
      const video = /** @type {HTMLElement | null} */ (document.querySelector('[data-testid=video]'));
      if (!marks.all && video && ['done', 'error'].includes(video.dataset.state ?? '')) marks.all = performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const memory = sampleMemory();
  await page.setInputFiles('[data-testid=file-input]', /** @type {string} */ (media[scenario.file]));
  await page.waitForFunction(() => /** @type {any} */ (window).benchMarks.all > 0, null, { timeout: 15 * 60_000, polling: 100 });
  const peakBytes = memory.stop();
  const result = await page.evaluate(() => {
    const marks = /** @type {any} */ (window).benchMarks;
    const video = /** @type {HTMLElement} */ (document.querySelector('[data-testid=video]'));
    const d = video.dataset;
    return {
      firstMs: marks.first - marks.start,
      allMs: marks.all - marks.start,
      decodeMs: Number(d.decodeMs),
      encodeMs: Number(d.encodeMs),
      framesDecoded: Number(d.framesDecoded),
      state: d.state ?? '',
      duration: Number(d.duration),
    };
  });
  await context.close();
  return { ...result, peakBytes };
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const rows = [];
for (const scenario of scenarios) {
  /** @type {PageResult[]} */
  const results = [];
  for (let i = 0; i < scenario.runs; i++) {
    process.stderr.write(`${scenario.file} ${scenario.mode}${scenario.label ? ` ${scenario.label}` : ''} run ${i + 1}/${scenario.runs}... `);
    const result = await runPage(scenario);
    process.stderr.write(`${(result.allMs / 1000).toFixed(2)} s\n`);
    results.push(result);
  }
  const duration = results[0]?.duration ?? 0;
  const times = Array.from({ length: COUNT }, (_, i) => ((i + 0.5) * duration) / COUNT);
  const native = nativeSeconds(/** @type {string} */ (media[scenario.file]), times, scenario.mode, WIDTH);
  const all = median(results.map((r) => r.allMs)) / 1000;
  const frames = median(results.map((r) => r.framesDecoded)) || COUNT;
  rows.push({
    file: scenario.file.replace(/^bench_/, '').replace(/\.mp4$/, ''),
    mode: scenario.mode + (scenario.label ? ` ${scenario.label}` : ''),
    engine: 'ffmpeg',
    state: results.every((r) => r.state === 'done') ? 'ok' : 'FAILED',
    'first (s)': (median(results.map((r) => r.firstMs)) / 1000).toFixed(2),
    [`all ${COUNT} (s)`]: all.toFixed(2),
    'decode ms/thumb': (median(results.map((r) => r.decodeMs)) / frames).toFixed(0),
    'encode ms/thumb': (median(results.map((r) => r.encodeMs)) / frames).toFixed(1),
    'peak MB': (Math.max(...results.map((r) => r.peakBytes)) / 2 ** 20).toFixed(0),
    'native (s)': native.toFixed(2),
    'x native': (all / native).toFixed(2),
  });
}

const library = !only || 'library'.includes(only) ? await measureLibrary(browser, server.url) : null;

await browser.close();
await server.close();
if (rows.length > 0) {
  console.log(`\nFramepick benchmark: ${COUNT} thumbnails, ${WIDTH} px wide, median of page runs; native = ffmpeg CLI, -ss before -i\n`);
  console.table(rows);
}
if (library) {
  console.log('\nLibrary at scale: typing a search, cost per keystroke from key event to next paint (Event Timing)\n');
  console.table([library]);
}
