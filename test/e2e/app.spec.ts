// An app people keep: installable (the manifest, its icons, Chromium's own
// verdict), part of the desktop (a file opened with the installed app,
// pasted, a thumbnail dragged out), the tab's title while working, and
// storage kept and measured. The service worker's part (caching the
// manifest and icons, files shared to the app) is in installed.spec.ts.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { fileStamp } from './files';
import { App, expect, guardPage, media, test } from './fixtures';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}
interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: ManifestIcon[];
  file_handlers: { action: string; accept: Record<string, string[]> }[];
  share_target: { action: string; method: string; enctype: string; params: { files: { name: string; accept: string[] }[] } };
}

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest names the app, its icons and the files it opens, all under the path it is served from, as Chromium reads it', async ({ app, page, baseURL }) => {
  await app.open();
  const href = await page.locator('link[rel="manifest"]').evaluate((link) => (link as HTMLLinkElement).href);
  expect(href).toBe(new URL('manifest.webmanifest', baseURL).href);
  const response = await page.request.get(href);
  expect(response.headers()['content-type']).toBe('application/manifest+json');
  const manifest = (await response.json()) as Manifest;

  expect(manifest).toMatchObject({ name: 'Framepick', short_name: 'Framepick', display: 'standalone' });
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  // Relative to the manifest: the app is wherever the site is served (here under /framepick/).
  const scope = new URL(manifest.scope, href).href;
  expect(scope).toBe(baseURL);
  expect(new URL(manifest.start_url, href).href).toBe(baseURL);

  const icons = new Map<string, ManifestIcon>();
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const bytes = await page.request.get(new URL(icon.src, href).href);
    expect(bytes.headers()['content-type'], icon.src).toBe('image/png');
    const { width, height } = pngSize(await bytes.body());
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    icons.set(`${icon.purpose ?? 'any'} ${icon.sizes}`, icon);
  }
  expect([...icons.keys()].sort()).toEqual(['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']);

  // Every kind of file the picker takes, the installed app opens from the desktop; and the images too.
  const [handler] = manifest.file_handlers;
  expect(new URL(handler!.action, href).href.startsWith(scope)).toBe(true);
  const opened = Object.values(handler!.accept).flat();
  const picked = (await page.getByTestId('file-input').getAttribute('accept'))!.split(',').filter((type) => type.startsWith('.'));
  expect(picked.filter((extension) => !opened.includes(extension))).toEqual([]);
  expect(Object.keys(handler!.accept)).toEqual(expect.arrayContaining(['video/mp4', 'video/webm', 'video/quicktime', 'image/jpeg', 'image/png', 'image/webp', 'image/avif']));

  const share = manifest.share_target;
  expect(share).toMatchObject({ method: 'POST', enctype: 'multipart/form-data' });
  expect(new URL(share.action, href).href.startsWith(scope)).toBe(true);
  expect(share.params.files[0]).toMatchObject({ name: 'files', accept: expect.arrayContaining(['video/*']) });

  // Chromium's own reading: the manifest parses without complaint (whether it installs is asked in a profile that can install, below).
  const cdp = await page.context().newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.errors).toEqual([]);
});

test('Chromium installs the app, and a video opened with it from the desktop arrives through the real launchQueue', async ({ baseURL }) => {
  // Installing needs a profile of its own: Playwright's usual contexts are
  // off the record, where Chromium has no web apps.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-app-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs, serviceWorkers: 'block' });
  try {
    const origin = new URL(baseURL!).origin;
    const page = context.pages()[0] ?? (await context.newPage());
    const verify = await guardPage(page, origin);
    await page.goto(baseURL!);
    expect(await page.evaluate(() => 'launchQueue' in window)).toBe(true);
    const cdp = await context.newCDPSession(page);
    // Nothing stops installing (without the service worker: Chromium no longer asks for one).
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    const manifestId = baseURL!;
    await cdp.send('PWA.install', { manifestId, installUrlOrBundleUrl: baseURL! });
    const state = await cdp.send('PWA.getOsAppState', { manifestId });
    expect(state.fileHandlers[0]!.accepts.map((a) => a.mediaType)).toContain('video/mp4');

    // What the desktop's "Open with Framepick" does: a window of the app, handed the file.
    const launched = context.waitForEvent('page');
    await cdp.send('PWA.launchFilesInApp', { manifestId, files: [media('h264_bframes.mp4')] });
    const appWindow = await launched;
    const verifyApp = await guardPage(appWindow, origin);
    const app = new App(appWindow);
    expect(await app.settled('h264_bframes.mp4')).toBe('done');
    await expect(app.video('h264_bframes.mp4').getByTestId('thumb')).toHaveCount(15);
    verify();
    verifyApp();
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test.describe(() => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('pasting a file adds it as a drop does: a video, and an image off the real clipboard; pasted text stays text', async ({ app, page }) => {
    await app.open('count=4');
    // A video as a file manager puts it on the clipboard (the async clipboard holds images and text only).
    const handled = await page.evaluate(async () => {
      const bytes = await (await fetch('sample.mp4')).blob();
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'pasted.mp4', { type: 'video/mp4' }));
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      document.body.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(handled).toBe(true);
    expect(await app.settled('pasted.mp4')).toBe('done');
    await expect(app.video('pasted.mp4').getByTestId('thumb')).toHaveCount(4);

    // An image copied in another program, pasted with the keyboard.
    await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(64, 36);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#3a7';
      context.fillRect(0, 0, 64, 36);
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': canvas.convertToBlob({ type: 'image/png' }) })]);
    });
    await page.locator('h1').click();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(page.getByTestId('video')).toHaveCount(2);
    await expect(page.getByTestId('video').nth(1)).toHaveAttribute('data-name', 'image.png');

    // Text pasted into the search box is a search, not a file.
    await page.evaluate(() => navigator.clipboard.writeText('pasted'));
    await page.getByTestId('filter-search').focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(page.getByTestId('filter-search')).toHaveValue('pasted');
    await expect(page.getByTestId('video')).toHaveCount(2);
  });
});

test('a thumbnail dragged out carries its JPEG as a file named as its download, and let go over the page adds nothing', async ({ app, page }) => {
  await app.open('count=4&mode=fast');
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  // What the drag hands the desktop, read where any drop target would read it.
  await page.evaluate(() => {
    window.addEventListener('dragstart', (event: DragEvent) => {
      const data = event.dataTransfer!;
      Object.assign(window, { dragged: { downloadUrl: data.getData('DownloadURL'), uriList: data.getData('text/uri-list'), effect: data.effectAllowed } });
    });

  });
  const thumb = app.video('h264_bframes.mp4').getByTestId('thumb').nth(2);
  const img = thumb.locator('img');
  await expect(img).toHaveAttribute('draggable', 'true');
  // A real mouse drag, let go over the drop zone.
  await img.dragTo(page.getByTestId('drop-zone'));
  const dragged = await page.evaluate(() => (window as unknown as { dragged: { downloadUrl: string; uriList: string; effect: string } }).dragged);

  const src = await img.getAttribute('src');
  const pts = Number(await thumb.getAttribute('data-pts'));
  expect(dragged.downloadUrl).toBe(`image/jpeg:h264_bframes_${fileStamp(pts)}.jpg:${src}`);
  expect(dragged.uriList).toBe(src);
  expect(dragged.effect).toBe('copy');
  // The URL is the thumbnail's JPEG itself (the contract's src; the page's CSP lets it be read as an image only).
  expect(src).toMatch(/^blob:/);
  expect(await page.evaluate(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image.naturalWidth;
  }, src!)).toBe(320);

  // Where the browser hands the dragged image over as a file too (some do), letting go over the page
  // must not add it: a drop with a file, made while our thumbnail is being dragged, is ignored...
  const dropFile = (name: string) =>
    page.evaluate(async (name) => {
      const data = new DataTransfer();
      data.items.add(new File([await (await fetch('sample.mp4')).blob()], name, { type: 'video/mp4' }));
      document.querySelector('[data-testid="drop-zone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, name);
  await img.hover();
  await page.mouse.down();
  await page.getByTestId('drop-zone').hover();
  await dropFile('during-drag.mp4');
  await page.mouse.up();
  // ...while the same drop once the drag has ended is a file dropped in.
  await dropFile('after-drag.mp4');
  expect(await app.settled('after-drag.mp4')).toBe('done');
  expect(await page.getByTestId('video').evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.name))).toEqual(['h264_bframes.mp4', 'after-drag.mp4']);
});

test('the tab title counts thumbnails over every video working, and is the name again when idle', async ({ app, page }) => {
  await app.open('count=6&mode=exact');
  await expect(page).toHaveTitle('Framepick');
  await page.evaluate(() => {
    const titles: string[] = [];
    Object.assign(window, { titles });
    new MutationObserver(() => titles.push(document.title)).observe(document.querySelector('title')!, { childList: true, characterData: true, subtree: true });
  });
  await app.drop('h264_bframes.mp4', 'vp9.webm');
  for (const name of ['h264_bframes.mp4', 'vp9.webm']) expect(await app.settled(name)).toBe('done');
  await expect(page).toHaveTitle('Framepick');
  const titles = await page.evaluate(() => (window as unknown as { titles: string[] }).titles);
  const counts = titles.filter((t) => t !== 'Framepick').map((t) => /^(\d+)\/(\d+) · Framepick$/.exec(t) ?? t);
  expect(counts.filter((c) => typeof c === 'string' && c !== '… · Framepick'), 'titles of another shape').toEqual([]);
  const progress = counts.filter((c): c is RegExpExecArray => typeof c !== 'string').map((m) => ({ done: Number(m[1]), total: Number(m[2]) }));
  expect(progress.length).toBeGreaterThan(2);
  // Both videos at once: a total of 12 was seen, and thumbnails counted up to it.
  expect(progress.some((p) => p.total === 12)).toBe(true);
  expect(progress.every((p) => p.done <= p.total)).toBe(true);
  expect(Math.max(...progress.map((p) => p.done))).toBeGreaterThanOrEqual(6);
});

test('persistent storage is asked for once the library holds a pick, not before; the library’s size and the quota are shown', async ({ app, page }) => {
  await page.addInitScript(() => {
    const calls = { persist: 0 };
    Object.assign(window, { storageCalls: calls });
    const persist = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      calls.persist++;
      return persist();
    };
  });
  await app.open('count=5');
  await page.getByTestId('sample').click();
  expect(await app.settled('sample.mp4')).toBe('done');
  const calls = () => page.evaluate(() => (window as unknown as { storageCalls: { persist: number } }).storageCalls.persist);
  expect(await calls()).toBe(0);

  const usage = page.getByTestId('storage-usage');
  const bytes = (await app.thumbs('sample.mp4')).reduce((sum, t) => sum + t.bytes, 0);
  await expect(usage).toContainText(`Library: ${(bytes / 1024).toFixed(1)} KB in 5 thumbnails`);
  await expect(usage).toContainText(/this site uses [\d.]+ (KB|MB) of the [\d.]+ GB the browser allows it · (kept until you clear it|the browser may clear it if the disk runs short)/);

  await app.video('sample.mp4').getByTestId('pick').first().click();
  await expect.poll(calls).toBe(1);
  // Once per page: more picks ask no more.
  await app.video('sample.mp4').getByTestId('pick').nth(1).click();
  await page.reload();
  expect(await app.settled('sample.mp4')).toBe('done');
  // A library restored with a pick in it asks again, once, in the new page.
  await expect.poll(calls).toBe(1);
});
