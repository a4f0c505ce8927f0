#!/usr/bin/env node
// @ts-check
// Where one extraction's time goes: the built page in headless Chromium,
// one file dropped, a Chromium trace of every thread (the page's and its
// workers') with the V8 sampling profiler on. Prints each thread's busy
// time and the functions that took it, and writes the trace for
// chrome://tracing or Perfetto.
//
//   node test/bench/profile.mjs [--file bench_10min_1080p.mp4] [--mode fast] [--engine auto] [--count 15] [--width 320] [--workers N] [--top 25] [--no-trace]
//
// With --no-trace only the timings are printed (a trace slows the page).
//
// Run `npx vite build --minify false` first (names in the profile); the file comes from the fixture cache
// (`node test/fixtures/make.mjs bench` makes the benchmark's).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { cacheDir } from '../fixtures/make.mjs';
import { assertChromium, chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/staticServer.mjs';
import { dropSettled, watchDrop } from './dropMarks.mjs';

const argv = process.argv.slice(2);
const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] ? /** @type {string} */ (argv[at + 1]) : fallback;
};
const file = path.resolve(cacheDir, option('--file', 'bench_10min_1080p.mp4'));
const mode = option('--mode', 'fast');
const engine = option('--engine', 'auto');
const count = option('--count', '15');
const width = option('--width', '320');
const workers = option('--workers', '');
const top = Number(option('--top', '25'));
const tracing = !argv.includes('--no-trace');
const out = path.resolve('test/.results', `profile-${path.basename(file)}-${mode}-${engine}.json`);

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink',
  'media',
  'gpu',
  'toplevel',
];

assertChromium();
const server = await serveStatic({ root: path.resolve('dist') });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage();
// Timings a change logs while it is being measured ('[t] ...' lines, from the page or a worker).
/** @type {string[]} */
const logged = [];
page.on('console', (message) => {
  if (message.text().startsWith('[t]')) logged.push(message.text());
});
await page.goto(`${server.url}#${new URLSearchParams({ count, width, mode, ...(workers ? { workers } : {}), engine })}`);
// A person takes a moment to choose a file: the page has gone idle by then.
await page.waitForTimeout(1500);
await watchDrop(page);
if (tracing) await browser.startTracing(page, { categories: CATEGORIES, path: out });
await page.setInputFiles('[data-testid=file-input]', file);
await dropSettled(page, 10 * 60_000);
if (tracing) await browser.stopTracing();
const marks = await page.evaluate(() => {
  const m = /** @type {any} */ (window).benchMarks;
  const d = /** @type {HTMLElement} */ (document.querySelector('[data-testid=video]')).dataset;
  return { first: m.first - m.start, all: m.all - m.start, state: d.state, engine: d.engine, prepare: d.prepareMs, decode: d.decodeMs, encode: d.encodeMs, score: d.scoreMs };
});
const epochStart = await page.evaluate(() => performance.timeOrigin + /** @type {any} */ (window).benchMarks.start);
await browser.close();
await server.close();

console.log(`${path.basename(file)} ${mode} on ${marks.engine} (${marks.state}): first ${marks.first.toFixed(0)} ms, all ${marks.all.toFixed(0)} ms; worker-side sums: prepare ${marks.prepare}, decode ${marks.decode}, encode ${marks.encode}, score ${marks.score} ms`);
// Lines stamped '@<epoch ms>' are put on one clock, from the file's change event.
for (const line of logged) {
  const at = /^\[t\] @(\d+)/.exec(line);
  console.log(at ? `[t] +${(Number(at[1]) - epochStart).toFixed(0).padStart(5)} ms${line.slice(at[0].length)}` : line);
}
if (tracing) {
  summarize(JSON.parse(fs.readFileSync(out, 'utf8')));
  console.log(`\ntrace: ${out}`);
}

/** @param {any} trace */
function summarize(trace) {
  /** @type {any[]} */
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  /** @type {Map<string, string>} */
  const threadNames = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const start = Math.min(...events.filter((e) => e.ph === 'X' && e.ts > 0).map((e) => e.ts));

  // Busy time: top-level tasks on each thread.
  /** @type {Map<string, number>} */
  const busy = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !['ThreadControllerImpl::RunTask', 'RunTask'].includes(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0) / 1000);
  }

  // Self time per function, from the sampling profiler's chunks.
  // A profile starts with a 'Profile' event on the thread it samples; its
  // chunks come from the profiler's own thread, under the same id.
  /** @type {Map<string, string>} */
  const sampledThread = new Map();
  for (const e of events) if (e.name === 'Profile') sampledThread.set(`${e.pid}:${e.id}`, `${e.pid}:${e.tid}`);
  /** @type {Map<string, { thread: string, nodes: Map<number, any>, self: Map<number, number> }>} */
  const profiles = new Map();
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const id = `${e.pid}:${e.id}`;
    let profile = profiles.get(id);
    if (!profile) {
      profile = { thread: sampledThread.get(id) ?? `${e.pid}:${e.tid}`, nodes: new Map(), self: new Map() };
      profiles.set(id, profile);
    }
    const data = e.args.data;
    for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    // A sample's time is the gap to the next one.
    for (let i = 0; i < samples.length; i++) {
      const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
      profile.self.set(samples[i], (profile.self.get(samples[i]) ?? 0) + ms);
    }
  }

  /** @type {Map<string, Map<string, number>>} thread -> function -> ms */
  const byThread = new Map();
  for (const profile of profiles.values()) {
    const functions = byThread.get(profile.thread) ?? new Map();
    byThread.set(profile.thread, functions);
    for (const [nodeId, ms] of profile.self) {
      const frame = profile.nodes.get(nodeId)?.callFrame ?? {};
      const where = frame.url ? ` ${String(frame.url).split('/').pop()}:${(frame.lineNumber ?? 0) + 1}` : '';
      const name = `${frame.functionName || '(anonymous)'}${where}`;
      functions.set(name, (functions.get(name) ?? 0) + ms);
    }
  }

  const threads = [...new Set([...busy.keys(), ...byThread.keys()])]
    .map((key) => ({ key, name: threadNames.get(key) ?? key, busy: busy.get(key) ?? 0 }))
    .filter((t) => t.busy > 5 || byThread.has(t.key))
    .sort((a, b) => b.busy - a.busy);
  console.log(`\nthreads (busy ms in top-level tasks, trace from ${(start / 1000).toFixed(0)} ms):`);
  for (const t of threads) console.log(`  ${t.name.padEnd(40)} ${t.busy.toFixed(0).padStart(7)} ms`);
  for (const t of threads) {
    const functions = byThread.get(t.key);
    if (!functions) continue;
    const total = [...functions.values()].reduce((a, b) => a + b, 0);
    const idle = (functions.get('(idle)') ?? 0) + (functions.get('(program)') ?? 0);
    if (total - idle < 5) continue;
    console.log(`\n${t.name} (${t.key}): ${(total - idle).toFixed(0)} ms sampled outside idle`);
    const rows = [...functions].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [name, ms] of rows) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  }
}
