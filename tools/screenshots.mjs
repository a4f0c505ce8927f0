#!/usr/bin/env node
// @ts-check
// The README's pictures (docs/*.png), taken by Playwright in the machine's
// Chromium on the built page: `npm run build && node tools/screenshots.mjs`.
// The sample video extracted, one thumbnail picked; the light and the dark
// scheme on a laptop-sized window, and a phone's first screen (375 px wide,
// touch) with the grid. PNGs at 1x: about 60-220 KB each, most of it the
// sample's colour bars.
import { chromium } from '@playwright/test';
import path from 'node:path';
import { assertChromium, chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { serveStatic } from '../test/support/staticServer.mjs';

const root = path.resolve(import.meta.dirname, '..');
const server = await serveStatic({ root: path.join(root, 'dist'), prefix: '/framepick/' });
assertChromium();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

/**
 * @param {string} name
 * @param {import('@playwright/test').BrowserContextOptions} options
 * @param {'light' | 'dark'} scheme
 */
async function shoot(name, options, scheme) {
  const context = await browser.newContext({ ...options, colorScheme: scheme, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${server.url}#count=8`);
  await page.getByTestId('sample').click();
  const video = page.locator('[data-testid="video"][data-name="sample.mp4"]');
  await video.and(page.locator('[data-state="done"]')).waitFor({ timeout: 60_000 });
  await video.getByTestId('thumb').nth(2).getByTestId('pick').click();
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => {
    (/** @type {HTMLElement} */ (document.activeElement)).blur();
    scrollTo(0, 0);
  });
  // The storage line reads the browser's estimate a second after the last change.
  await page.getByTestId('storage-usage').and(page.locator(':text("allows it")')).waitFor();
  const file = path.join(root, 'docs', name);
  await page.screenshot({ path: file });
  console.log(file);
  await context.close();
}

await shoot('light.png', { viewport: { width: 1100, height: 760 } }, 'light');
await shoot('dark.png', { viewport: { width: 1100, height: 760 } }, 'dark');
await shoot('phone.png', { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 }, 'light');
await browser.close();
await server.close();
