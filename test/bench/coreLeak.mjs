#!/usr/bin/env node
// @ts-check
// `npm run bench:core-leak`: how many execs one @ffmpeg/core instance
// survives, with the app's real arguments, one and four inputs per exec, and
// how many failing ones (a damaged HEVC file from the hostile corpus).
// The published core leaks wasm stack on every exec and then either traps
// ("memory access out of bounds") or hangs; the app replaces an instance
// well before that (EXECS_PER_INSTANCE in workers/ffmpeg/core.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { assertChromium, chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/staticServer.mjs';
import { build, cacheDir, e2eRecipes } from '../fixtures/make.mjs';
import { hostileFile } from '../hostile/corpus.mjs';

const LIMIT = 300;
/** No exec for this long means the instance hung. */
const HANG_MS = 5000;

assertChromium();
const server = await serveStatic({ root: path.resolve('.'), prefix: '/' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

// Hostile file 290 of seed 1: a bit-flipped HEVC file in which no frame decodes.
build(e2eRecipes, cacheDir);
const damaged = hostileFile(290, 1, fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-leak-')));
const cases = [
  { label: '1 input per exec', inputs: 1, failing: false, file: path.resolve('public/sample.mp4') },
  { label: '4 inputs per exec', inputs: 4, failing: false, file: path.resolve('public/sample.mp4') },
  { label: 'failing execs (a file with no decodable frame)', inputs: 1, failing: true, file: damaged.path },
];

for (const { label, inputs, failing, file } of cases) {
  const page = await browser.newPage();
  await page.goto(`${server.url}test/bench/coreLeak/index.html`);
  await page.setInputFiles('#file', file);
  /** @type {{ ok: number, failure: string | null } | null} */
  let result = null;
  void page.evaluate(([limit, n, f]) => /** @type {any} */ (window).measure(limit, n, f), /** @type {const} */ ([LIMIT, inputs, failing])).then((r) => (result = r), () => {});
  let last = -1;
  let still = Date.now();
  while (!result) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const progress = await page.evaluate(() => /** @type {any} */ (window).lastProgress ?? 0);
    if (progress !== last) {
      last = progress;
      still = Date.now();
    } else if (Date.now() - still > HANG_MS) {
      result = { ok: progress, failure: `hung for ${HANG_MS / 1000} s` };
    }
  }
  const { ok, failure } = /** @type {{ ok: number, failure: string | null }} */ (result);
  console.log(`${label}: ${failure ? `exec ${ok + 1} failed (${failure}) after ${ok} that returned` : `no failure in ${ok} execs`}`);
  await page.close();
}
await browser.close();
await server.close();
fs.rmSync(path.dirname(damaged.path), { recursive: true, force: true });
