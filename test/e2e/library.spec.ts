// The library: stored as it is made, there after a reload, reused, forgotten.
import { expect, test, type App } from './fixtures';
import type { Page } from '@playwright/test';

/** Thumbnails stored in IndexedDB for a video name (writes are asynchronous). */
function storedThumbs(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (videoName) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('framepick');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['videos', 'thumbs']);
          const videos = tx.objectStore('videos').getAll();
          const thumbs = tx.objectStore('thumbs').getAll();
          tx.oncomplete = () => {
            const ids = new Set((videos.result as { id: string; name: string }[]).filter((v) => v.name === videoName).map((v) => v.id));
            resolve((thumbs.result as { videoId: string }[]).filter((t) => ids.has(t.videoId)).length);
            db.close();
          };
        };
      }),
    name,
  );
}

async function extractAndStore(app: App, name: string, count = 15): Promise<void> {
  await app.drop(name);
  expect(await app.settled(name)).toBe('done');
  await expect.poll(() => storedThumbs(app.page, name)).toBe(count);
}

test('a reload shows the same library, picks included, without the files', async ({ app, page }) => {
  await app.open();
  await extractAndStore(app, 'h264_bframes.mp4');
  await app.video('h264_bframes.mp4').getByTestId('pick').nth(2).click();
  const before = await app.thumbs('h264_bframes.mp4');
  const meta = await app.video('h264_bframes.mp4').evaluate((v) => ({ ...(v as HTMLElement).dataset }));

  await page.reload();
  await expect(app.video('h264_bframes.mp4')).toHaveAttribute('data-state', 'done');
  expect(await app.thumbs('h264_bframes.mp4')).toEqual(before.map((t) => ({ ...t, picked: t.index === 2 })));
  expect(await app.video('h264_bframes.mp4').evaluate((v) => ({ ...(v as HTMLElement).dataset }))).toEqual(meta);
  // Without the file it cannot be extracted again, and says so.
  await expect(app.video('h264_bframes.mp4').getByRole('button', { name: 'Extract again' })).toBeDisabled();
});

test('dropping the same file again with the same settings reuses what is stored; other settings extract again', async ({ app, page }) => {
  await app.open();
  await extractAndStore(app, 'vp9.webm');
  const first = await app.video('vp9.webm').getAttribute('data-total-ms');
  const urls = await app.video('vp9.webm').locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));

  await page.reload();
  await expect(app.video('vp9.webm')).toHaveAttribute('data-state', 'done');
  await app.drop('vp9.webm');
  await expect(app.video('vp9.webm').getByRole('button', { name: 'Extract again' })).toBeEnabled();
  await expect(page.getByTestId('video')).toHaveCount(1);
  await expect(page.getByTestId('status')).toHaveAttribute('data-busy', 'false');
  expect(await app.video('vp9.webm').getAttribute('data-total-ms')).toBe(first);

  await app.setSettings({ count: 5 });
  await app.drop('vp9.webm');
  await expect(app.video('vp9.webm').getByTestId('thumb')).toHaveCount(5);
  expect(await app.settled('vp9.webm')).toBe('done');
  await expect.poll(() => storedThumbs(page, 'vp9.webm')).toBe(5);
  expect(urls).toHaveLength(15);
});

test('Forget removes one video from page and storage; Clear all removes everything', async ({ app, page }) => {
  await app.open();
  await extractAndStore(app, 'h264_bframes.mp4');
  await extractAndStore(app, 'vp9.webm');
  await extractAndStore(app, 'sar2.mp4');

  await app.video('vp9.webm').getByTestId('forget').click();
  await expect(page.getByTestId('video')).toHaveCount(2);
  await expect.poll(() => storedThumbs(page, 'vp9.webm')).toBe(0);
  await page.reload();
  await expect(page.getByTestId('video')).toHaveCount(2);
  await expect(app.video('vp9.webm')).toHaveCount(0);

  await page.getByTestId('clear-all').click();
  await expect(page.getByTestId('video')).toHaveCount(2); // the first click only asks
  await page.getByTestId('clear-all').click();
  await expect(page.getByTestId('video')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(page.getByTestId('video')).toHaveCount(0);
  await expect.poll(() => storedThumbs(page, 'h264_bframes.mp4')).toBe(0);
});

test('when the quota runs out the user is told, what was stored stays intact, and the page keeps working', async ({ app, page, baseURL }) => {
  await app.open();
  // Room for the first video (~145 KB stored) and not the second (~130 KB more).
  // Chromium applies a quota override only if it is set before the origin's
  // first write, so set it now.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL!).origin;
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: (usage ?? 0) + 200_000 });

  await extractAndStore(app, 'h264_bframes.mp4');
  await expect(page.getByTestId('storage-message')).toHaveCount(0);
  await app.drop('h264_1080p.mp4');
  await expect(page.getByTestId('storage-message')).toContainText('Storage is full');
  expect(await app.settled('h264_1080p.mp4')).toBe('done');
  expect(await app.thumbs('h264_1080p.mp4')).toHaveLength(15);

  await page.reload();
  await expect(app.video('h264_bframes.mp4')).toHaveAttribute('data-state', 'done');
  expect(await app.thumbs('h264_bframes.mp4')).toHaveLength(15);
  expect(await storedThumbs(page, 'h264_bframes.mp4')).toBe(15);
  // The page still works: it extracts, even with no room to store.
  await app.drop('vp9.webm');
  expect(await app.settled('vp9.webm')).toBe('done');
  expect(await app.thumbs('vp9.webm')).toHaveLength(15);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
});

test('without storage (private mode, storage disabled) the user is told, and the page works in memory', async ({ app, page }) => {
  // What Chromium does when storage is blocked for the site: touching indexedDB throws.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get() {
        throw new DOMException('Access to storage is not allowed from this context.', 'SecurityError');
      },
    });
  });
  await app.open();
  await expect(page.getByTestId('storage-message')).toContainText('does not let this page store anything');
  await app.drop('h264_bframes.mp4', 'vp9.webm');
  for (const name of ['h264_bframes.mp4', 'vp9.webm']) {
    expect(await app.settled(name)).toBe('done');
    expect(await app.thumbs(name)).toHaveLength(15);
  }
  await app.video('vp9.webm').getByTestId('thumb').first().getByTestId('pick').click();
  await expect(page.getByTestId('download-picked')).toBeEnabled();
});

test('a blocked upgrade (an old tab holds the library open) is explained, and nothing made meanwhile is lost', async ({ app, page, context, baseURL }) => {
  // The old tab: the first version of the database, open, deaf to requests to close.
  const oldTab = await context.newPage();
  await oldTab.goto(new URL('favicon.svg', baseURL).href);
  await oldTab.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('framepick', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('videos', { keyPath: 'id' });
          open.result.createObjectStore('thumbs', { keyPath: ['videoId', 'index'] }).createIndex('byVideo', 'videoId');
        };
        open.onsuccess = () => {
          Object.assign(window, { heldOpen: open.result });
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );

  await app.open();
  await expect(page.getByTestId('storage-message')).toContainText('Another tab');
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  expect(await app.thumbs('h264_bframes.mp4')).toHaveLength(15);

  // The old tab goes away: the upgrade goes through, and what was made is saved.
  await oldTab.close();
  await expect(page.getByTestId('storage-message')).toHaveCount(0);
  await expect.poll(() => storedThumbs(page, 'h264_bframes.mp4')).toBe(15);
  await page.reload();
  await expect(app.video('h264_bframes.mp4')).toHaveAttribute('data-state', 'done');
  expect(await app.thumbs('h264_bframes.mp4')).toHaveLength(15);
});

test('a file dropped while another tab blocks the library, and also stored there, stays as made here once the library arrives (defect 6)', async ({ app, page, context, baseURL }) => {
  // The stored copy: the same file with 4 thumbnails, then the database
  // taken back to its first version, as an old tab holds it.
  await app.open('count=4');
  await extractAndStore(app, 'h264_bframes.mp4', 4);
  const oldTab = await context.newPage();
  await page.goto(new URL('favicon.svg', baseURL).href);
  await oldTab.goto(new URL('favicon.svg', baseURL).href);
  await rewriteDatabase(oldTab, 'held at version 1');

  await app.open('count=15');
  await expect(page.getByTestId('storage-message')).toContainText('Another tab');
  await app.drop('h264_bframes.mp4');
  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  await oldTab.close();
  await expect(page.getByTestId('storage-message')).toHaveCount(0);
  // The page keeps the video it made, not the stored copy, and storage now holds it.
  expect(await app.thumbs('h264_bframes.mp4')).toHaveLength(15);
  await expect(page.getByTestId('video')).toHaveCount(1);
  await expect.poll(() => storedThumbs(page, 'h264_bframes.mp4')).toBe(15);
  await page.reload();
  await expect(app.video('h264_bframes.mp4')).toHaveAttribute('data-state', 'done');
  expect(await app.thumbs('h264_bframes.mp4')).toHaveLength(15);
});

/**
 * Rewrites the database, inside the page (JPEG bytes do not survive a trip
 * to the test): `previous` writes it back as version 2 with the records'
 * versions taken out, as the code before the record checks wrote them;
 * `held at version 1` as the first version, and keeps it open as an old tab would;
 * `damage` adds a video record of another shape and a broken log entry and
 * garbles vp9.webm's last thumbnail. Returns each store's record count.
 */
function rewriteDatabase(page: Page, how: 'previous' | 'held at version 1' | 'damage' | 'count'): Promise<Record<string, number>> {
  return page.evaluate(async (how) => {
    const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const open = (version?: number, upgrade?: (db: IDBDatabase) => void) => {
      const r = indexedDB.open('framepick', version);
      if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
      return request(r);
    };
    const db = await open();
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names);
    const stores = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await request(tx.objectStore(name).getAll())] as const))) as Record<string, Record<string, unknown>[]>;
    db.close();
    if (how === 'count') return Object.fromEntries(Object.entries(stores).map(([name, records]) => [name, records.length]));
    let version = db.version;
    if (how === 'previous' || how === 'held at version 1') {
      version = how === 'previous' ? 2 : 1;
      delete stores.setAside;
      if (version === 1) delete stores.activity;
      for (const records of Object.values(stores)) for (const record of records) delete record.v;
    } else {
      stores.videos!.push({ id: 'foreign', name: 42, shape: 'from a newer Framepick', v: 9 });
      stores.activity!.push({ id: 99999, at: 7 });
      const vp9 = stores.videos!.find((v) => v.name === 'vp9.webm')?.id;
      stores.thumbs!.filter((t) => t.videoId === vp9).at(-1)!.identity = 'garbled';
    }
    await request(indexedDB.deleteDatabase('framepick'));
    const keys: Record<string, IDBObjectStoreParameters> = { videos: { keyPath: 'id' }, thumbs: { keyPath: ['videoId', 'index'] }, activity: { keyPath: 'id', autoIncrement: true }, setAside: { autoIncrement: true } };
    const rewritten = await open(version, (created) => {
      for (const [name, records] of Object.entries(stores)) {
        const store = created.createObjectStore(name, keys[name]);
        if (name === 'thumbs') store.createIndex('byVideo', 'videoId');
        for (const record of records) store.put(record);
      }
    });
    // Held open, deaf to requests to close, as an old tab holds it.
    if (how === 'held at version 1') Object.assign(window, { heldOpen: rewritten });
    else rewritten.close();
    return Object.fromEntries(Object.entries(stores).map(([name, records]) => [name, records.length]));
  }, how);
}

test('records as the previous version wrote them load after the upgrade; one bad record is set aside and reported once, the rest loads (defect 2)', async ({ app, page, baseURL }) => {
  await app.open();
  await extractAndStore(app, 'h264_bframes.mp4');
  await extractAndStore(app, 'vp9.webm');
  await app.video('vp9.webm').getByTestId('pick').nth(1).click();
  const before = { h264: await app.thumbs('h264_bframes.mp4'), vp9: await app.thumbs('vp9.webm') };
  // Two extractions begun and done, and the pick: all written before the page goes.
  await expect.poll(async () => (await rewriteDatabase(page, 'count')).activity).toBe(5);
  await page.goto(new URL('favicon.svg', baseURL).href);
  await rewriteDatabase(page, 'previous');
  await app.open();
  await expect(app.video('vp9.webm')).toHaveAttribute('data-state', 'done');
  expect(await app.thumbs('h264_bframes.mp4')).toEqual(before.h264);
  expect(await app.thumbs('vp9.webm')).toEqual(before.vp9);
  await expect(page.getByTestId('storage-message')).toHaveCount(0);

  await page.goto(new URL('favicon.svg', baseURL).href);
  await rewriteDatabase(page, 'damage');
  await app.open();
  await expect(page.getByTestId('storage-message')).toContainText('3 stored records could not be read');
  expect(await app.thumbs('h264_bframes.mp4')).toEqual(before.h264);
  expect(await app.thumbs('vp9.webm')).toHaveLength(14);
  await expect(page.getByTestId('video')).toHaveCount(2);

  // Reported once: the records are out of the way, kept in the setAside store.
  await page.reload();
  await expect(app.video('vp9.webm')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('storage-message')).toHaveCount(0);
  expect(await app.thumbs('vp9.webm')).toHaveLength(14);
  expect((await rewriteDatabase(page, 'count')).setAside).toBe(3);
});

/** Rewrites every stored thumbnail's JPEG in the form `form` takes it (run in the page). */
function rewriteStoredJpegs(page: Page, form: 'blob' | 'inspect'): Promise<string[]> {
  return page.evaluate(
    (how) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('framepick');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('thumbs', how === 'blob' ? 'readwrite' : 'readonly');
          const all = tx.objectStore('thumbs').getAll();
          const kinds: string[] = [];
          all.onsuccess = () => {
            for (const record of all.result as { jpeg: unknown }[]) {
              kinds.push(Object.prototype.toString.call(record.jpeg));
              if (how === 'blob') tx.objectStore('thumbs').put({ ...record, jpeg: new Blob([record.jpeg as ArrayBuffer], { type: 'image/jpeg' }) });
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve(kinds);
          };
        };
      }),
    form,
  );
}

test('JPEGs are stored as bytes every engine accepts, and records written as Blobs still load', async ({ app, page }) => {
  await app.open();
  await extractAndStore(app, 'vp9.webm');
  // WebKit refuses Blobs in IndexedDB in some contexts; ArrayBuffers it takes.
  expect(new Set(await rewriteStoredJpegs(page, 'inspect'))).toEqual(new Set(['[object ArrayBuffer]']));
  const before = await app.thumbs('vp9.webm');

  // A library written by the earlier code held Blobs: it loads as it was.
  await rewriteStoredJpegs(page, 'blob');
  await page.reload();
  await expect(app.video('vp9.webm')).toHaveAttribute('data-state', 'done');
  expect(await app.thumbs('vp9.webm')).toEqual(before);
});

/** How many of `urls` still load as images in the page (its CSP allows blob: images, not fetches). */
function resolvingUrls(page: Page, urls: string[]): Promise<number> {
  return page.evaluate(async (urls) => {
    const loads = (url: string) =>
      new Promise<boolean>((resolve) => {
        const image = new Image();
        image.onload = () => resolve(true);
        image.onerror = () => resolve(false);
        image.src = url;
      });
    return (await Promise.all(urls.map(loads))).filter(Boolean).length;
  }, urls);
}

test.describe('object URLs', () => {
  // Probing a released URL logs its failed load.
  test.use({ allowedErrors: [/net::ERR_FILE_NOT_FOUND/] });

  test('thumbnail URLs, made in a worker, are released by Extract again and by Forget', async ({ app }) => {
    await app.open();
    await app.drop('vp9.webm');
    expect(await app.settled('vp9.webm')).toBe('done');
    const shownUrls = () => app.video('vp9.webm').locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).src));
    const first = await shownUrls();
    expect(first).toHaveLength(15);
    expect(await resolvingUrls(app.page, first)).toBe(15);

    await app.video('vp9.webm').getByRole('button', { name: 'Extract again' }).click();
    expect(await app.settled('vp9.webm')).toBe('done');
    const second = await shownUrls();
    expect(await resolvingUrls(app.page, second)).toBe(15);
    expect(await resolvingUrls(app.page, first), 'URLs of the run before, still alive').toBe(0);

    await app.video('vp9.webm').getByTestId('forget').click();
    await expect(app.video('vp9.webm')).toHaveCount(0);
    expect(await resolvingUrls(app.page, second), 'URLs of a forgotten video, still alive').toBe(0);
  });
});
