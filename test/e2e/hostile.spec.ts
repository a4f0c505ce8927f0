// Hostile files: every one ends in thumbnails or a clear error within 30 s,
// the page never crashes or leaks, nothing is left unhandled.
// HOSTILE_COUNT files (200 in CI; `npm run soak` runs 5000), HOSTILE_SEED picks the corpus.
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { browserMemory, browserMemoryByKind } from '../bench/memory.mjs';
import { hostileFile, SOURCES } from '../hostile/corpus.mjs';
import { expect, test, type App } from './fixtures';

const COUNT = Number(process.env.HOSTILE_COUNT ?? 200);
const SEED = Number(process.env.HOSTILE_SEED ?? 1);
/** Files dropped at once; each must settle within 30 s of its drop, queueing behind the others included. */
const BATCH = 5;
const MEMORY_EVERY = 100;
const SETTLE_MS = 30_000;

// A trace of thousands of steps would be large, and its DOM snapshots are
// main-thread tasks of their own (this test measures ours).
test.use({ trace: 'off' });

interface Outcome {
  name: string;
  kind: string;
  source: string;
  state: string;
  thumbs: number;
  message: string;
  ms: number;
}

/**
 * Clears the library, lets idle workers be reaped, and reads the browser's
 * memory after a garbage collection and a memory-pressure signal: what the
 * page still holds, not the caches (decoded images, freed allocator pages)
 * Chromium keeps while memory is plentiful and drops the moment it is not.
 */
async function settledMemory(page: Page, ceiling = Infinity): Promise<number> {
  if ((await page.getByTestId('video').count()) > 0) {
    await page.getByTestId('clear-all').click();
    await page.getByTestId('clear-all').click();
    await expect(page.getByTestId('video')).toHaveCount(0);
  }
  const cdp = await page.context().newCDPSession(page);
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
    await page.waitForTimeout(500);
    return browserMemory();
  };
  let memory = Infinity;
  // Idle workers are reaped after 20 s: poll until the memory is back, or give up after 45 s.
  for (let waited = 0; waited < 45_000 && memory > ceiling; waited += 3000) {
    await page.waitForTimeout(2500);
    memory = await measure();
  }
  if (ceiling === Infinity) {
    await page.waitForTimeout(24_000);
    memory = await measure();
  }
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  await cdp.detach();
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  console.log(`memory ${mb(memory)}: ${Object.entries(browserMemoryByKind()).map(([k, v]) => `${k} ${mb(v)}`).join(', ')}; page JS heap ${mb(heap.usedSize)}; workers: ${page.workers().map((w) => w.url().split('/').pop()).join(' ') || 'none'}`);
  return memory;
}

/**
 * The starting level is the page after it has done each kind of work once:
 * both engines, the ffmpeg core, and every codec the corpus is made from
 * (Chromium maps a codec's code into the renderer when first used; that is
 * not a leak).
 */
async function warmUp(app: App): Promise<void> {
  await app.drop(...SOURCES);
  for (const name of SOURCES) expect(await app.settled(name)).toBe('done');
}

test('the hostile corpus: thumbnails or a clear error for every file within 30 s, no crash, no leak', async ({ app, page }, testInfo) => {
  test.setTimeout(COUNT * 2_000 + 300_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-hostile-'));
  await page.addInitScript(() => {
    const seen = { longest: 0, rejections: 0 };
    Object.assign(window, { hostileWatch: seen });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.longest = Math.max(seen.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    addEventListener('unhandledrejection', () => seen.rejections++);
  });
  await app.open();
  await warmUp(app);
  const baseline = await settledMemory(page);
  const memoryLog: string[] = [`baseline ${(baseline / 2 ** 20).toFixed(0)} MB`];

  const outcomes: Outcome[] = [];
  for (let start = 0; start < COUNT; start += BATCH) {
    const files = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, i) => hostileFile(start + i, SEED, dir));
    const dropped = Date.now();
    await page.getByTestId('file-input').setInputFiles(files.map((f) => f.path));
    for (const file of files) {
      const video = app.video(file.name);
      const left = Math.max(1000, SETTLE_MS - (Date.now() - dropped));
      await expect(video, `${file.name} (${file.kind} of ${file.source || 'nothing'}) settles within 30 s`).toHaveAttribute('data-state', /^(done|error)$/, { timeout: left });
      const state = (await video.getAttribute('data-state')) ?? '';
      const thumbs = await video.getByTestId('thumb').count();
      const message = state === 'error' ? ((await video.getByTestId('video-error').textContent()) ?? '') : '';
      outcomes.push({ ...file, state, thumbs, message, ms: Date.now() - dropped });
      if (state === 'done') expect(thumbs, `${file.name} is done with thumbnails`).toBeGreaterThan(0);
      else {
        expect(message.length, `${file.name} explains its error`).toBeGreaterThan(15);
        expect(message, `${file.name}'s message reads as words`).not.toMatch(/undefined|\[object|NaN|Assertion/);
      }
    }
    for (const file of files) fs.rmSync(file.path);
    if ((start + BATCH) % MEMORY_EVERY === 0 || start + BATCH >= COUNT) {
      const memory = await settledMemory(page, baseline * 1.1);
      memoryLog.push(`after ${start + BATCH}: ${(memory / 2 ** 20).toFixed(0)} MB`);
      expect(memory, `browser memory after ${start + BATCH} files is back within 10% of ${(baseline / 2 ** 20).toFixed(0)} MB`).toBeLessThanOrEqual(baseline * 1.1);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const watch = await page.evaluate(() => (window as unknown as { hostileWatch: { longest: number; rejections: number } }).hostileWatch);
  expect(watch.rejections, 'unhandled rejections').toBe(0);
  const byKind = new Map<string, { files: number; done: number; error: number }>();
  for (const o of outcomes) {
    const kind = o.kind.split(' ')[0]!;
    const row = byKind.get(kind) ?? { files: 0, done: 0, error: 0 };
    row.files++;
    row[o.state === 'done' ? 'done' : 'error']++;
    byKind.set(kind, row);
  }
  const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a));
  const summary = [
    `${outcomes.length} hostile files (seed ${SEED}), 0 crashes, ${watch.rejections} unhandled rejections`,
    ...[...byKind].map(([kind, r]) => `${kind}: ${r.files} files, ${r.done} with thumbnails, ${r.error} with an error`),
    `slowest to settle: ${slowest.name} (${slowest.kind}) in ${(slowest.ms / 1000).toFixed(1)} s after its batch was dropped`,
    `longest main-thread task: ${watch.longest.toFixed(0)} ms`,
    `memory: ${memoryLog.join(', ')}`,
  ];
  console.log(`\n${summary.join('\n')}\n`);
  testInfo.annotations.push({ type: 'hostile corpus', description: summary.join('; ') });
});
