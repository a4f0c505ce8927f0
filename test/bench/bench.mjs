#!/usr/bin/env node
// @ts-check
// `npm run bench`: the real page in headless Chromium against native
// ffmpeg on the same files, printed as a table.
//
//   --runs N        repeat each page scenario N times, report the median (default 3)
//   --sweep         also compare pool sizes (workers 1..3) on the 10-minute file
//   --only NAME     run only scenarios whose file name contains NAME ("library" for the library at scale,
//                   "still" for the 16384 px JPEG, "batch" for both batches, "batch 300" for the 300 short recordings alone)
//   --mode MODE     run only this mode's page scenarios (best, fast, exact)
//   --engine NAME   run only this engine's page scenarios (auto, ffmpeg)
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { benchRecipes, benchStillRecipes, build, cacheDir, e2eRecipes } from '../fixtures/make.mjs';
import { assertChromium, chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/staticServer.mjs';
import { BATCHES, measureBatch } from './batch.mjs';
import { measureLibrary } from './libraryScale.mjs';
import { dropSettled, watchDrop } from './dropMarks.mjs';
import { browserMemory, sampleMemory } from './memory.mjs';
import { limitSeconds, nativeSeconds } from './native.mjs';
import { measureStills } from './stills.mjs';

const argv = process.argv.slice(2);
const flag = (/** @type {string} */ name) => argv.includes(name);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? /** @type {string} */ (argv[at + 1]) : fallback;
};
const runs = Number(option('--runs', '3'));
const only = option('--only', '');
const onlyMode = option('--mode', '');
const onlyEngine = option('--engine', '');
const COUNT = 15;
const WIDTH = 320;

/**
 * @typedef {{ file: string, mode: 'best' | 'fast' | 'exact', engine: 'auto' | 'ffmpeg', workers?: number, runs: number, label?: string }} Scenario
 * @typedef {{ firstMs: number, allMs: number, decodeMs: number, encodeMs: number, scoreMs: number, framesScored: number, framesDecoded: number, peakBytes: number, growthBytes: number, state: string, duration: number, engine: string, coreLoaded: boolean }} PageResult
 */

/** @type {Scenario[]} */
let scenarios = [];
for (const engine of /** @type {const} */ (['auto', 'ffmpeg'])) {
  scenarios.push(
    { file: 'bench_10min_1080p.mp4', mode: 'fast', engine, runs },
    { file: 'bench_10min_1080p.mp4', mode: 'best', engine, runs },
    { file: 'bench_10min_1080p.mp4', mode: 'exact', engine, runs: Math.min(runs, 2) },
    { file: 'bench_3min_1080p_gop1s.mp4', mode: 'fast', engine, runs },
    { file: 'bench_3min_1080p_gop1s.mp4', mode: 'best', engine, runs },
    { file: 'bench_20min_2g.mp4', mode: 'fast', engine, runs: 1 },
    { file: 'bench_20min_2g.mp4', mode: 'exact', engine, runs: 1 },
    { file: 'bench_40min_4g.mp4', mode: 'fast', engine, runs: 1 },
    { file: 'bench_40min_4g.mp4', mode: 'exact', engine, runs: 1 },
  );
}
if (flag('--sweep')) {
  for (const workers of [1, 2, 3]) {
    for (const mode of /** @type {const} */ (['fast', 'exact'])) {
      scenarios.push({ file: 'bench_10min_1080p.mp4', mode, engine: 'ffmpeg', workers, runs: 1, label: `workers=${workers}` });
    }
  }
}
if (only) scenarios = scenarios.filter((s) => s.file.includes(only));
if (onlyMode) scenarios = scenarios.filter((s) => s.mode === onlyMode);
if (onlyEngine) scenarios = scenarios.filter((s) => s.engine === onlyEngine);
/** --mode and --engine pick page scenarios: the library, the stills and the batches then stay out. */
const pageScenariosOnly = Boolean(onlyMode || onlyEngine);
const batches = BATCHES.filter((b) => (!only || b.name.includes(only)) && !pageScenariosOnly);

assertChromium();
process.stderr.write('Preparing benchmark media (cached after the first run)...\n');
// Only what the chosen scenarios use: the 2 and 4 GiB files take minutes to make.
const needed = new Set([...scenarios.map((s) => s.file), ...batches.flatMap((b) => b.sources)]);
const allRecipes = [...e2eRecipes, ...benchRecipes];
const media = build(allRecipes.filter((recipe) => needed.has(recipe.name)), cacheDir, allRecipes);
const server = await serveStatic({ root: path.resolve('dist') });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/**
 * One drop of the scenario's file. With `measureMemory`, the browser's PSS
 * is sampled every 100 ms, which is not free: reading every process's
 * smaps_rollup took 12-21 ms of CPU a time here, a fifth of a core, and
 * 10-minute fast mode measured 0.93 s with it against 0.72-0.84 s without.
 * So times come from runs without it, memory from one more run with it.
 * @param {Scenario} scenario @param {boolean} measureMemory @returns {Promise<PageResult>}
 */
async function runPage(scenario, measureMemory) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let coreLoaded = false;
  page.on('request', (request) => {
    if (/ffmpeg-core.*\.wasm$/.test(request.url())) coreLoaded = true;
  });
  const hash = new URLSearchParams({ count: String(COUNT), width: String(WIDTH), mode: scenario.mode, ...(scenario.workers ? { workers: String(scenario.workers) } : {}), engine: scenario.engine });
  await page.goto(`${server.url}#${hash}`);
  // A person takes a moment to choose a file: the page has gone idle by then.
  await page.waitForTimeout(1000);
  // Time from the file input's change event, measured inside the page.
  await watchDrop(page);
  // Growth is over this: the page loaded and idle, its workers started.
  const idleBytes = measureMemory ? browserMemory() : NaN;
  const memory = measureMemory ? sampleMemory() : null;
  await page.setInputFiles('[data-testid=file-input]', /** @type {string} */ (media[scenario.file]));
  await dropSettled(page, 15 * 60_000);
  const peakBytes = memory ? memory.stop() : NaN;
  const result = await page.evaluate(() => {
    const marks = /** @type {any} */ (window).benchMarks;
    const video = /** @type {HTMLElement} */ (document.querySelector('[data-testid=video]'));
    const d = video.dataset;
    return {
      firstMs: marks.first - marks.start,
      allMs: marks.all - marks.start,
      decodeMs: Number(d.decodeMs),
      encodeMs: Number(d.encodeMs),
      scoreMs: Number(d.scoreMs),
      framesScored: Number(d.framesScored),
      framesDecoded: Number(d.framesDecoded),
      state: d.state ?? '',
      duration: Number(d.duration),
      engine: d.engine ?? '',
    };
  });
  await context.close();
  return { ...result, peakBytes, growthBytes: peakBytes - idleBytes, coreLoaded };
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const rows = [];
/** Fast mode's median total per file and engine, for best mode's ratio. */
const fastSeconds = new Map();
for (const scenario of scenarios) {
  /** @type {PageResult[]} */
  const results = [];
  for (let i = 0; i < scenario.runs; i++) {
    process.stderr.write(`${scenario.file} ${scenario.mode}${scenario.label ? ` ${scenario.label}` : ''} run ${i + 1}/${scenario.runs}... `);
    const result = await runPage(scenario, false);
    process.stderr.write(`${(result.allMs / 1000).toFixed(2)} s\n`);
    results.push(result);
  }
  process.stderr.write(`${scenario.file} ${scenario.mode}${scenario.label ? ` ${scenario.label}` : ''} memory... `);
  const memoryRun = await runPage(scenario, true);
  process.stderr.write(`${(memoryRun.peakBytes / 2 ** 20).toFixed(0)} MB peak\n`);
  const duration = results[0]?.duration ?? 0;
  const times = Array.from({ length: COUNT }, (_, i) => ((i + 0.5) * duration) / COUNT);
  // Best mode's native baseline is fast mode's: N keyframe seeks, its distinct frames for the same cost.
  const native = nativeSeconds(/** @type {string} */ (media[scenario.file]), times, scenario.mode === 'best' ? 'fast' : scenario.mode, WIDTH);
  const all = median(results.map((r) => r.allMs)) / 1000;
  const frames = median(results.map((r) => r.framesDecoded)) || COUNT;
  const limit = limitSeconds(/** @type {string} */ (media[scenario.file]), times, scenario.mode === 'exact' ? 'exact' : 'fast', frames);
  const key = `${scenario.file} ${scenario.engine} ${scenario.label ?? ''}`;
  if (scenario.mode === 'fast') fastSeconds.set(key, all);
  const fast = fastSeconds.get(key);
  rows.push({
    file: scenario.file.replace(/^bench_/, '').replace(/\.mp4$/, ''),
    mode: scenario.mode + (scenario.label ? ` ${scenario.label}` : ''),
    engine: `${scenario.engine}: ${results[0]?.engine}${results.some((r) => r.coreLoaded) ? '' : ' (no core)'}`,
    state: results.every((r) => r.state === 'done') ? 'ok' : 'FAILED',
    'first (s)': (median(results.map((r) => r.firstMs)) / 1000).toFixed(2),
    [`all ${COUNT} (s)`]: all.toFixed(2),
    'decode ms/thumb': (median(results.map((r) => r.decodeMs)) / frames).toFixed(0),
    'encode ms/thumb': (median(results.map((r) => r.encodeMs)) / frames).toFixed(1),
    'score ms/frame': (median(results.map((r) => r.scoreMs / (r.framesScored || 1)))).toFixed(2),
    'frames scored': median(results.map((r) => r.framesScored)),
    'peak MB': (memoryRun.peakBytes / 2 ** 20).toFixed(0),
    'growth MB': (memoryRun.growthBytes / 2 ** 20).toFixed(0),
    'native (s)': native.toFixed(2),
    'x native': (all / native).toFixed(2),
    'limit (s)': limit.toFixed(2),
    'x limit': (all / limit).toFixed(1),
    'x fast': scenario.mode === 'fast' || fast === undefined ? '' : (all / fast).toFixed(2),
  });
}

const library = (!only || 'library'.includes(only)) && !pageScenariosOnly ? await measureLibrary(browser, server.url) : null;
const stills = (!only || 'stills'.includes(only) || 'bench_still_16k.jpg'.includes(only)) && !pageScenariosOnly ? await measureStills(browser, server.url, /** @type {string} */ (build(benchStillRecipes, cacheDir)['bench_still_16k.jpg']), runs) : null;
const batchRows = [];
for (const batch of batches) {
  process.stderr.write(`${batch.name}... `);
  const row = await measureBatch(server.url, batch, media);
  process.stderr.write(`${row['total (s)']} s\n`);
  batchRows.push(row);
}
const firstLoad = await measureFirstLoad();

/**
 * What opening the page transfers before any file is dropped (it must not include the ffmpeg core):
 * what it needs to be usable, then what its workers fetch while it is idle. Each URL is counted
 * once: the second worker's script and MozJPEG come from the HTTP cache.
 */
async function measureFirstLoad() {
  const context = await browser.newContext();
  const page = await context.newPage();
  /** @type {Map<string, number>} */
  const loaded = new Map();
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    loaded.set(response.url(), body.length);
  });
  const kb = () => ([...loaded.values()].reduce((sum, bytes) => sum + bytes, 0) / 1024).toFixed(0);
  const started = Date.now();
  await page.goto(server.url);
  await page.getByTestId('drop-zone').waitFor();
  const readyMs = Date.now() - started;
  const usable = { kb: kb(), files: loaded.size };
  await page.waitForTimeout(2500); // the idle-time worker warm-up included
  await context.close();
  const core = [...loaded.keys()].some((url) => /ffmpeg-core/.test(url));
  return `First load: usable in ${readyMs} ms after ${usable.kb} KB in ${usable.files} files; ${kb()} KB in ${loaded.size} files once its workers have warmed up while idle; ffmpeg core ${core ? 'LOADED' : 'not loaded'}.`;
}

await browser.close();
await server.close();
if (rows.length > 0) {
  console.log(`\nFramepick benchmark: ${COUNT} thumbnails, ${WIDTH} px wide, median of page runs; native = ffmpeg CLI, -ss before -i;`);
  console.log(`limit = native single-thread decode of exactly the frames the mode needs, over ${os.availableParallelism()} cores; growth = peak over the idle page\n`);
  console.table(rows);
}
console.log(`\n${firstLoad}`);
if (stills) {
  console.log('\nEnormous stills: a 16384x16384 JPEG (45 MB) from the file input to its thumbnail; growth = peak over the idle page\n');
  console.table(stills);
}
if (batchRows.length > 0) {
  console.log('\nBatches: a folder through the queue, default settings, bare Chromium; memory settled (after GC and a pressure signal) at the idle page and after each quarter of the videos\n');
  console.table(batchRows);
}
if (library) {
  console.log('\nLibrary at scale: typing a search, renderer main-thread busy time per keystroke (Chromium trace)\n');
  console.table([library]);
}
