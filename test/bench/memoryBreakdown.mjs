// @ts-check
// Where a batch's memory goes: Chromium's own accounting (the memory-infra
// trace: V8 heaps by space, Blink's garbage-collected heap, the partition
// allocator, IndexedDB, blob storage, image caches...) of every process, at
// the idle page and after a folder of short videos has gone through the
// queue, both after a garbage collection (workers' too) and a pressure
// signal. Prints the allocators that grew the most.
//
//   npx vite build && node test/bench/memoryBreakdown.mjs [videos, default 150]
//
// Playwright's Network domain keeps every thumbnail's request alive in the
// browser process (see test/support/bareChromium.mjs), so read the
// renderer's rows; the bench's batch figures come from a bare Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/staticServer.mjs';
import { cacheDir } from '../fixtures/make.mjs';
import { BATCHES, makeFolder } from './batch.mjs';

const videos = Number(process.argv[2] ?? 150);
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The bench's folder of short recordings (batch.mjs), `videos` of them.
const shortRecordings = /** @type {import('./batch.mjs').Batch} */ (BATCHES[0]);
const folder = makeFolder(shortRecordings.sources.map((name) => path.join(cacheDir, name)), videos);
const server = await serveStatic({ root: path.resolve('dist') });
const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--js-flags=--expose-gc'] });
const page = await browser.newPage();
await page.goto(server.url);
const pageSession = await page.context().newCDPSession(page);
const browserSession = await browser.newBrowserCDPSession();

/** Allocator sizes in MB by "process kind:allocator", two levels deep (three for V8, to see its spaces). */
async function dump() {
  for (const worker of page.workers()) await worker.evaluate('gc()');
  await pageSession.send('HeapProfiler.collectGarbage');
  await pageSession.send('Memory.simulatePressureNotification', { level: 'critical' });
  await sleep(800);
  await browserSession.send('Tracing.start', {
    traceConfig: { includedCategories: ['disabled-by-default-memory-infra'] },
    transferMode: 'ReturnAsStream',
  });
  await browserSession.send('Tracing.requestMemoryDump', { levelOfDetail: 'detailed' });
  const complete = new Promise((resolve) => browserSession.once('Tracing.tracingComplete', resolve));
  await browserSession.send('Tracing.end');
  const { stream } = /** @type {{ stream: string }} */ (await complete);
  let text = '';
  for (;;) {
    const chunk = await browserSession.send('IO.read', { handle: stream });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  const parsed = JSON.parse(text);
  /** @type {any[]} */
  const events = parsed.traceEvents ?? parsed;
  /** @type {Map<number, string>} */
  const kinds = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'process_name') kinds.set(e.pid, e.args.name);
  /** @type {Record<string, number>} */
  const sizes = {};
  for (const e of events) {
    // Only the detailed dump asked for above (any periodic ones the category starts are light).
    const allocators = e.ph === 'v' && e.args?.dumps?.level_of_detail === 'detailed' ? e.args.dumps.allocators : undefined;
    if (!allocators) continue;
    for (const [name, entry] of Object.entries(allocators)) {
      const depth = name.split('/').length;
      const size = entry.attrs?.size?.value;
      if (!size || name.startsWith('shared_memory/') || depth > (name.startsWith('v8/') ? 4 : 2)) continue;
      const key = `${kinds.get(e.pid) ?? e.pid}: ${name}`;
      sizes[key] = (sizes[key] ?? 0) + parseInt(size, 16) / 2 ** 20;
    }
  }
  return sizes;
}

try {
  await sleep(3000);
  const idle = await dump();
  await page.setInputFiles('[data-testid="folder-input"]', folder);
  await page.waitForFunction(
    (count) => [...document.querySelectorAll('[data-testid="video"]')].filter((v) => /^(done|error|cancelled)$/.test(/** @type {HTMLElement} */ (v).dataset.state ?? '')).length >= count,
    videos,
    { timeout: 30 * 60_000, polling: 500 },
  );
  await sleep(1500);
  const after = await dump();
  const { nodes } = await pageSession.send('Memory.getDOMCounters');
  const rows = Object.keys(after)
    .map((key) => ({ allocator: key, 'idle MB': idle[key] ?? 0, [`after ${videos} videos MB`]: after[key] ?? 0, 'growth MB': (after[key] ?? 0) - (idle[key] ?? 0) }))
    // The tracing service's buffer is this measurement's own.
    .filter((row) => row['growth MB'] >= 3 && !row.allocator.includes('global/') && !row.allocator.includes('TracingService'))
    .sort((a, b) => b['growth MB'] - a['growth MB'])
    .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? v.toFixed(1) : v])));
  console.log(`${videos} videos, ${nodes} DOM nodes in the page`);
  console.table(rows);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
}
