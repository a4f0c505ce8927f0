#!/usr/bin/env node
// @ts-check
// `npm run bench:core-leak`: how many execs one @ffmpeg/core instance
// survives, with the app's real arguments, one and four inputs per exec.
// The published core leaks wasm stack on every exec and then either traps
// ("memory access out of bounds") or hangs; the app replaces an instance
// well before that (EXECS_PER_INSTANCE in workers/ffmpeg/core.ts).
import path from 'node:path';
import { chromium } from 'playwright-core';
import { assertChromium, chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/staticServer.mjs';

const LIMIT = 300;
/** No exec for this long means the instance hung. */
const HANG_MS = 5000;

assertChromium();
const server = await serveStatic({ root: path.resolve('.'), prefix: '/' });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

for (const inputs of [1, 4]) {
  const page = await browser.newPage();
  await page.goto(`${server.url}test/bench/coreLeak/index.html`);
  await page.setInputFiles('#file', path.resolve('public/sample.mp4'));
  /** @type {{ ok: number, failure: string | null } | null} */
  let result = null;
  void page.evaluate(([limit, n]) => /** @type {any} */ (window).measure(limit, n), [LIMIT, inputs]).then((r) => (result = r), () => {});
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
  console.log(`${inputs} input${inputs > 1 ? 's' : ''} per exec: ${failure ? `exec ${ok + 1} failed (${failure}) after ${ok} good ones` : `no failure in ${ok} execs`}`);
  await page.close();
}
await browser.close();
await server.close();
