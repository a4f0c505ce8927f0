#!/usr/bin/env node
// @ts-check
// Takes docs/batch-view.png, the README's picture of the batch view: the
// built page (vite build first) given a folder of recordings, paused a
// few videos in, with the posters bar and the skipped-files line showing.
//   node test/support/batchScreenshot.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { cacheDir } from '../fixtures/make.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { serveStatic } from './staticServer.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-shot-'));
const shoot = path.join(dir, 'interviews');
fs.mkdirSync(shoot);
for (let i = 1; i <= 24; i++) {
  const source = ['best_frames.mp4', 'h264_bframes.mp4', 'vp9.webm'][i % 3];
  fs.copyFileSync(path.join(cacheDir, /** @type {string} */ (source)), path.join(shoot, `interview-${String(i).padStart(2, '0')}${path.extname(/** @type {string} */ (source))}`));
}
for (const name of ['interview-01.srt', 'interview-02.srt', 'notes.txt']) fs.writeFileSync(path.join(shoot, name), 'text');

const server = await serveStatic({ root: path.resolve('dist') });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  // Drawn at 0.7: the bars and the first cards in one small picture.
  const page = await browser.newPage({ viewport: { width: 1200, height: 1260 }, deviceScaleFactor: 0.7, colorScheme: 'light' });
  await page.goto(`${server.url}#count=4`);
  await page.getByTestId('drop-zone').waitFor();
  await page.getByTestId('folder-input').setInputFiles(shoot);
  // A few done, then paused: the picture shows a batch under way.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="video"][data-state="done"]').length >= 3, null, { timeout: 120_000 });
  await page.getByTestId('queue-pause').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.getAttribute('data-running-workers') === '0', null, { timeout: 30_000 });
  await page.getByTestId('pick-suggested-all').click();
  await page.waitForTimeout(500);
  fs.mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/batch-view.png' });
  console.log(`docs/batch-view.png: ${fs.statSync('docs/batch-view.png').size} bytes`);
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
