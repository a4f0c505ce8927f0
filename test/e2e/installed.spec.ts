// The service worker's part of the installed app: the manifest and its
// icons are kept with the shell (an installed app starts offline), and files
// shared to the app from another one (share_target: a POST of a form) are
// taken by the service worker and handed to the page.
import { expect, media, test } from './fixtures';

// The service worker is the subject here; elsewhere it is blocked so that
// every request passes the shared guard against other hosts.
test.use({ serviceWorkers: 'allow' });

test('the manifest and its icons are cached with the shell, and files shared to the app arrive on the page, once', async ({ app, page, baseURL }) => {
  await app.open();
  await app.serviceWorkerControls();
  const icons = await page.evaluate(async () => {
    const manifest = (await (await fetch('manifest.webmanifest')).json()) as { icons: { src: string }[] };
    return manifest.icons.map((icon) => new URL(icon.src, location.href).href);
  });
  const kept = await page.evaluate(async (urls) => Promise.all(urls.map(async (url) => [url, (await caches.match(url))?.status ?? 0] as const)), [new URL('manifest.webmanifest', baseURL).href, ...icons]);
  expect(kept.filter(([, status]) => status !== 200), 'not in the shell cache').toEqual([]);

  // What a phone's share sheet does: a POST of a form, from outside the app, to the manifest's share_target.
  await page.goto('about:blank');
  await page.setContent(`<form method="post" enctype="multipart/form-data" action="${new URL('share-target', baseURL).href}"><input type="file" name="files" multiple></form>`);
  await page.locator('input[type="file"]').setInputFiles([media('four_frames.mp4'), media('vp9.webm')]);
  await Promise.all([page.waitForURL(baseURL!), page.locator('form').evaluate((form) => (form as HTMLFormElement).submit())]);
  expect(await app.settled('four_frames.mp4')).toBe('done');
  expect(await app.settled('vp9.webm')).toBe('done');
  // In the order shared, the address bar without the share's mark, and nothing left waiting.
  expect(await page.getByTestId('video').evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.name))).toEqual(['four_frames.mp4', 'vp9.webm']);
  expect(new URL(page.url()).search).toBe('');
  expect(await page.evaluate(async () => (await (await caches.open('framepick-shared')).keys()).length)).toBe(0);
});
