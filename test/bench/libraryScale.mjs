// @ts-check
// A library of 200 videos with 15 thumbnails each, stored the way the app
// stores it; then the page is loaded and a search is typed key by key.
// A keystroke's cost is the renderer main thread's busy time from that
// key to the next one (a Chromium trace: script, style, layout, paint, and
// any frame work the keystroke caused), keys 150 ms apart.

const VIDEOS = 200;
const THUMBS = 15;
const WORDS = ['interview', 'holiday', 'beach', 'concert', 'lecture', 'drone', 'wedding', 'match', 'demo', 'review'];
const KEY_GAP_MS = 150;

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 */
export async function measureLibrary(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(seed, { videos: VIDEOS, thumbs: THUMBS, words: WORDS });

  const loadStart = Date.now();
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="thumb"]').length === n, VIDEOS * THUMBS, { timeout: 120_000 });
  const loadMs = Date.now() - loadStart;

  const search = page.getByTestId('filter-search');
  await search.click();
  await page.waitForTimeout(500);
  const keys = [...'interview 1', ...Array(11).fill('Backspace')];
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  for (const key of keys) {
    await page.keyboard.press(key);
    await page.waitForTimeout(KEY_GAP_MS);
  }
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  await context.close();

  const busy = keystrokeCosts(trace.traceEvents);
  const sorted = [...busy].sort((a, b) => a - b);
  return {
    library: `${VIDEOS} videos x ${THUMBS} thumbnails`,
    'load (s)': (loadMs / 1000).toFixed(2),
    keystrokes: busy.length,
    'median ms': (sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(1),
    'worst ms': (sorted.at(-1) ?? NaN).toFixed(1),
  };
}

/**
 * Main-thread busy time per keystroke: the summed duration of the renderer
 * main thread's tasks from each keydown to the next.
 * @param {any[]} events
 * @returns {number[]}
 */
function keystrokeCosts(events) {
  const keydowns = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const main = keydowns[0]?.tid;
  const tasks = events.filter((e) => e.tid === main && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'));
  const starts = keydowns.map((e) => e.ts).sort((a, b) => a - b);
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? Infinity;
    // A task that dispatched the keydown began just before it: count tasks that end after the key.
    return tasks.filter((t) => t.ts + t.dur > start && t.ts < end).reduce((sum, t) => sum + t.dur, 0) / 1000;
  });
}

/**
 * Runs in the page: writes the library straight into the app's IndexedDB
 * schema (object stores `videos` and `thumbs`, see src/lib/store).
 * @param {{ videos: number, thumbs: number, words: string[] }} options
 */
async function seed({ videos, thumbs, words }) {
  const canvas = new OffscreenCanvas(320, 180);
  const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
  /** @param {string} text @param {number} hue */
  const jpeg = async (text, hue) => {
    ctx.fillStyle = `hsl(${hue} 70% 45%)`;
    ctx.fillRect(0, 0, 320, 180);
    ctx.fillStyle = '#fff';
    ctx.font = '28px sans-serif';
    ctx.fillText(text, 16, 100);
    return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  };
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('framepick');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const info = { container: 'mp4', codec: 'h264', duration: 600, startTime: 0, width: 1920, height: 1080, codedWidth: 1920, codedHeight: 1080, rotation: 0, frameRate: 30, firstFramePts: 0, timeBase: 15360, probedBy: 'mediabunny', indexed: true, webcodecsDecodable: true };
  for (let v = 0; v < videos; v++) {
    const id = `seed-${v}`;
    const name = `${words[v % words.length]}-${words[(v * 7) % words.length]}-${String(v).padStart(3, '0')}.mp4`;
    const blobs = await Promise.all(Array.from({ length: thumbs }, (_, i) => jpeg(`${name} #${i}`, (v * 37 + i * 11) % 360)));
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['videos', 'thumbs'], 'readwrite');
      tx.objectStore('videos').put({
        id, name, size: 1_000_000_000 + v, lastModified: 0, addedAt: v, info, engine: 'ffmpeg',
        settings: { count: thumbs, width: 320, quality: 80, mode: 'fast', engine: 'auto' }, state: 'done', error: null, total: thumbs, misses: [],
        timings: { prepareMs: 200, decodeMs: 3000, encodeMs: 200, totalMs: 2500, frames: thumbs },
      });
      blobs.forEach((blob, index) => {
        const time = ((index + 0.5) * 600) / thumbs;
        tx.objectStore('thumbs').put({
          videoId: id, index, time, identity: { pts: time - 0.5, keyframe: true, exact: false, frameNumber: Math.round((time - 0.5) * 30), frameNumberDerived: false },
          pictType: 'I', jpeg: blob, width: 320, height: 180, decodeMs: 200, encodeMs: 12, picked: false,
        });
      });
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
  db.close();
}
