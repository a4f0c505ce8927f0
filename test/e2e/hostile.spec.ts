// Hostile files: every one ends in thumbnails or a clear error within 30 s,
// the page never crashes, nothing is left unhandled. That memory is back
// after each 100 files is checked by test/hostile/memoryRun.mjs, on bare
// Chromium: Playwright's DevTools bookkeeping grows with every request.
// HOSTILE_COUNT files (200 in CI; `npm run soak` runs 5000), HOSTILE_SEED picks the corpus,
// HOSTILE_START (a multiple of 5) resumes a long run from a file index.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostileFile } from '../hostile/corpus.mjs';
import { expect, test } from './fixtures';

const COUNT = Number(process.env.HOSTILE_COUNT ?? 200);
const SEED = Number(process.env.HOSTILE_SEED ?? 1);
const START = Number(process.env.HOSTILE_START ?? 0);
/** Files dropped at once; each must settle within 30 s of its drop, queueing behind the others included. */
const BATCH = 5;
/** The library is cleared every so often, as a user would, so a soak does not grow one page of 5000 cards. */
const CLEAR_EVERY = 100;
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

test('the hostile corpus: thumbnails or a clear error for every file within 30 s, no crash, nothing unhandled', async ({ app, page }, testInfo) => {
  test.setTimeout((COUNT - START) * 2_000 + 300_000);
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

  const outcomes: Outcome[] = [];
  for (let start = START; start < COUNT; start += BATCH) {
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
    if ((start + BATCH) % CLEAR_EVERY === 0) {
      // The button asks for a second click to confirm.
      await page.getByTestId('clear-all').click();
      await page.getByTestId('clear-all').click();
      await expect(page.getByTestId('video')).toHaveCount(0);
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
  ];
  console.log(`\n${summary.join('\n')}\n`);
  testInfo.annotations.push({ type: 'hostile corpus', description: summary.join('; ') });
});
