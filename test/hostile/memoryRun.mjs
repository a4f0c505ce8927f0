#!/usr/bin/env node
// @ts-check
// The hostile corpus's memory check: after each 100 files the browser's
// memory is back within 10% of its starting level. Run on bare Chromium
// (test/support/bareChromium.mjs), not Playwright: with DevTools' Network
// domain enabled, as Playwright always has it, the renderer grew 20-25 MB
// per 300 files (every thumbnail's image request kept alive); without it
// the same run is flat. The rest of the corpus's checks (30 s, messages,
// crashes, rejections, long tasks) are in test/e2e/hostile.spec.ts.
// HOSTILE_COUNT files (200 in CI, 5000 in `npm run soak`), HOSTILE_SEED picks the corpus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserMemoryByKind, settledBrowserMemory } from '../bench/memory.mjs';
import { cacheDir } from '../fixtures/make.mjs';
import { openBarePage } from '../support/bareChromium.mjs';
import { serveStatic } from '../support/staticServer.mjs';
import { hostileFile, SOURCES } from './corpus.mjs';

const COUNT = Number(process.env.HOSTILE_COUNT ?? 200);
const SEED = Number(process.env.HOSTILE_SEED ?? 1);
const BATCH = 5;
const MEMORY_EVERY = 100;
const WARM_UP_DAMAGED = 50;
/** Generous: how fast files settle is hostile.spec.ts's business; this only must not wait forever. */
const SETTLE_MS = 60_000;

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (/** @type {number} */ bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const VIDEOS = `[...document.querySelectorAll('[data-testid="video"]')]`;

const server = await serveStatic({ root: path.resolve('dist') });
const page = await openBarePage(server.url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-hostile-memory-'));
let failure = '';
try {
  await page.waitFor(`!!document.querySelector('[data-testid="file-input"]')`, 30_000, 'the page to load');
  // The starting level is the page after it has done each kind of work once:
  // both engines, the ffmpeg core, and every codec the corpus is made from
  // (Chromium maps a codec's code into the renderer when first used).
  await page.setInputFiles('[data-testid="file-input"]', SOURCES.map((name) => path.join(cacheDir, name)));
  await page.waitFor(allSettled(SOURCES.length), SETTLE_MS, 'the warm-up files to settle');
  // Damaged files too, from another seed: decoders' error paths are work the
  // page does. Without them the first 100 files read 55-60 MB over the
  // start in about half the runs (renderer memory outside every JS heap,
  // back to the start by 200 files and through 400: code compiled on first
  // use, not something kept), and the check failed in CI.
  const warmUp = Array.from({ length: WARM_UP_DAMAGED }, (_, i) => hostileFile(i, SEED + 1000, dir));
  for (let start = 0; start < warmUp.length; start += BATCH) {
    const batch = warmUp.slice(start, start + BATCH);
    await page.setInputFiles('[data-testid="file-input"]', batch.map((f) => f.path));
    await page.waitFor(allSettled(SOURCES.length + start + batch.length), SETTLE_MS, 'the damaged warm-up files to settle');
  }
  for (const file of warmUp) fs.rmSync(file.path);
  const baseline = await settledMemory(Infinity);
  const ceiling = baseline * 1.1;
  const log = [`baseline ${mb(baseline)}`];
  for (let start = 0; start < COUNT && !failure; start += BATCH) {
    const files = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, i) => hostileFile(start + i, SEED, dir));
    await page.setInputFiles('[data-testid="file-input"]', files.map((f) => f.path));
    await page.waitFor(allSettled((start % MEMORY_EVERY) + files.length), SETTLE_MS, `${files.map((f) => f.name).join(', ')} to settle`);
    for (const file of files) fs.rmSync(file.path);
    const done = start + files.length;
    if (done % MEMORY_EVERY === 0 || done >= COUNT) {
      const memory = await settledMemory(ceiling);
      log.push(`after ${done}: ${mb(memory)}`);
      if (memory > ceiling) failure = `browser memory after ${done} files is ${mb(memory)}, over 10% above the starting ${mb(baseline)}`;
    }
  }
  console.log(`hostile corpus memory (seed ${SEED}, bare Chromium): ${log.join(', ')}`);
} catch (error) {
  failure = String(error instanceof Error ? error.message : error);
} finally {
  await page.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failure) {
  console.error(`FAILED: ${failure}`);
  process.exitCode = 1;
}


/** @param {number} count */
function allSettled(count) {
  return `${VIDEOS}.length === ${count} && ${VIDEOS}.every((v) => v.dataset.state === 'done' || v.dataset.state === 'error')`;
}


/**
 * Clears the library, lets idle workers be reaped, and reads the browser's
 * memory after a garbage collection and a memory-pressure signal: what the
 * page still holds, not the caches (decoded images, freed allocator pages)
 * Chromium keeps while memory is plentiful and drops the moment it is not.
 * @param {number} ceiling
 */
async function settledMemory(ceiling) {
  // The button asks for a second click to confirm.
  await page.evaluate(`document.querySelector('[data-testid="clear-all"]').click()`);
  await page.evaluate(`document.querySelector('[data-testid="clear-all"]').click()`);
  await page.waitFor(`${VIDEOS}.length === 0`, 10_000, 'the library to clear');
  const measure = () => settledBrowserMemory(page.send);
  // Idle workers are reaped after 20 s; then poll a little longer if the memory is not back yet.
  await sleep(24_000);
  let memory = await measure();
  for (let waited = 0; waited < 21_000 && memory > ceiling; waited += 3000) {
    await sleep(2500);
    memory = await measure();
  }
  const kinds = Object.entries(browserMemoryByKind()).map(([kind, bytes]) => `${kind} ${mb(bytes)}`);
  console.log(`memory ${mb(memory)}: ${kinds.join(', ')}`);
  return memory;
}
