#!/usr/bin/env node
// @ts-check
// Makes the app's PNG icons (public/icons/) from public/favicon.svg, drawn
// by the machine's Chromium: `node tools/icons.mjs`. The PNGs are committed;
// run this again only when the SVG changes.
//
// - icon-192.png, icon-512.png: the SVG as it is, on transparency
//   (`purpose: any`), the two sizes Chromium asks for to offer installing.
// - maskable-192.png, maskable-512.png: full-bleed background with the
//   picture inside the central circle of 80% of the width, the safe zone a
//   launcher's mask (circle, squircle, rounded square) never cuts.
// - apple-touch-icon.png (180): iOS fills transparency with black, so it
//   gets the maskable layout too.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { assertChromium, chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const svg = fs.readFileSync(path.join(root, 'public/favicon.svg'), 'utf8');
const out = path.join(root, 'public/icons');
/** The maskable icons' background: the page's light background. */
const BACKGROUND = '#f7f7f8';
/** The picture's extent in the SVG's 32-unit box (x 2..30, y 6..26): its diagonal must fit the safe circle. */
const CONTENT = { width: 28, height: 20 };

/**
 * Page markup drawing the SVG at `size` px, or, when `maskable`, scaled into the safe zone on a background.
 * @param {number} size
 * @param {boolean} maskable
 */
function markup(size, maskable) {
  const safeDiameter = 0.8 * size;
  const scale = maskable ? safeDiameter / Math.hypot(CONTENT.width, CONTENT.height) : size / 32;
  const drawn = 32 * scale;
  const background = maskable ? BACKGROUND : 'transparent';
  return `<html><body style="margin:0;background:${background};width:${size}px;height:${size}px;display:grid;place-items:center">
    <img src="data:image/svg+xml,${encodeURIComponent(svg)}" width="${drawn}" height="${drawn}"></body></html>`;
}

assertChromium();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage({ deviceScaleFactor: 1 });
fs.mkdirSync(out, { recursive: true });
for (const [name, size, maskable] of /** @type {const} */ ([
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-192.png', 192, true],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
])) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(markup(size, maskable));
  await page.locator('img').evaluate((img) => /** @type {HTMLImageElement} */ (img).decode());
  await page.screenshot({ path: path.join(out, name), omitBackground: !maskable, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`${name}: ${size}x${size}, ${fs.statSync(path.join(out, name)).size} bytes`);
}
await browser.close();
