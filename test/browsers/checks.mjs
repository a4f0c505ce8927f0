// @ts-check
// What every browser must get right, driven only through the contract's
// hooks (../shared/CONTRACT.md): the same checks for each lane, failing
// with a sentence that names the file, the thumbnail and the field.
import assert from 'node:assert/strict';
import { shownThumbs } from '../support/pageReads.mjs';
import { expectedFrame, media, truth } from '../support/truth.mjs';

/** @typedef {import('./lanes.mjs').Lane} Lane */
/** @typedef {{ title: string, run: (lane: Lane, url: string) => Promise<string | void> }} Check */

// Every container and codec of extract.spec's corpus, and realworld.spec's broadcast TS.
const CORPUS = ['h264_bframes.mp4', 'h264.mkv', 'h264_midgop.ts', 'mpeg2_broadcast.ts', 'vp9.webm', 'vp9_23976.webm', 'theora.ogv', 'mpeg2.avi', 'hevc.mp4', 'vfr.mp4', 'editlist.mp4', 'rotated.mp4', 'sar2.mp4'];
const BAD = { 'truncated.mp4': 'error', 'not_video.mp4': 'error', 'audio_only.m4a': 'error', 'h264_bframes.mp4': 'done' };

/** @type {Check[]} */
export const checks = [
  {
    title: 'the sample button gives 15 thumbnails in time order, 320x180, on the engine the browser can use',
    run: async (lane, url) => {
      await open(lane, url);
      await lane.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('[data-testid="sample"]')).click());
      assert.deepEqual(await settled(lane, ['sample.mp4']), { 'sample.mp4': 'done' });
      const thumbs = await thumbsOf(lane, 'sample.mp4');
      assert.deepEqual(thumbs.map((t) => t.index), [...Array(15).keys()]);
      for (const t of thumbs) assert.deepEqual([t.naturalWidth, t.naturalHeight], [320, 180], `thumbnail ${t.index} size`);
      return `engine ${await lane.evaluate(() => document.querySelector('[data-testid="video"]')?.getAttribute('data-engine'))}`;
    },
  },
  ...(/** @type {const} */ (['fast', 'exact'])).map((mode) => ({
    title: `${mode} mode: every thumbnail is the frame ffprobe says, across ${CORPUS.length} containers and codecs`,
    /** @param {Lane} lane @param {string} url */
    run: async (lane, url) => {
      await open(lane, url, `mode=${mode}`);
      await lane.upload(CORPUS.map(media));
      const states = await settled(lane, CORPUS, 300_000);
      for (const name of CORPUS) assert.equal(states[name], 'done', `${name}: ${states[name]} (${await errorOf(lane, name)})`);
      const engines = new Map();
      for (const name of CORPUS) {
        matchesTruth(name, mode, await thumbsOf(lane, name));
        const engine = await lane.evaluate((name) => document.querySelector(`[data-testid="video"][data-name="${CSS.escape(name)}"]`)?.getAttribute('data-engine'), name);
        engines.set(engine, (engines.get(engine) ?? 0) + 1);
      }
      return [...engines].map(([engine, n]) => `${n} on ${engine}`).join(', ');
    },
  })),
  {
    title: 'truncated, non-video and audio-only files each get their own message; a good file beside them is done',
    run: async (lane, url) => {
      await open(lane, url);
      const names = Object.keys(BAD);
      await lane.upload(names.map(media));
      assert.deepEqual(await settled(lane, names), BAD);
      for (const name of names) if (BAD[/** @type {keyof typeof BAD} */ (name)] === 'error') assert.ok((await errorOf(lane, name)).length > 10, `${name} has no message`);
    },
  },
  {
    title: 'a reload shows the same library from IndexedDB, thumbnails included',
    run: async (lane, url) => {
      await open(lane, url);
      await lane.upload([media('vp9.webm')]);
      assert.deepEqual(await settled(lane, ['vp9.webm']), { 'vp9.webm': 'done' });
      const before = await thumbsOf(lane, 'vp9.webm');
      // The writes are asynchronous: wait until IndexedDB holds all 15.
      const deadline = Date.now() + 15_000;
      while ((await stored(lane))[1] < 15) {
        if (Date.now() > deadline) throw new Error(`IndexedDB holds ${(await stored(lane))[1]} of 15 thumbnails`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await lane.open('about:blank');
      await lane.open(url);
      assert.deepEqual(await settled(lane, ['vp9.webm'], 15_000), { 'vp9.webm': 'done' });
      const after = await thumbsOf(lane, 'vp9.webm');
      assert.deepEqual(after.map(({ naturalWidth: _w, naturalHeight: _h, ...t }) => t), before.map(({ naturalWidth: _w, naturalHeight: _h, ...t }) => t));
      for (const t of after) assert.ok(t.naturalWidth > 0, `stored thumbnail ${t.index} does not load`);
    },
  },
];

/**
 * Opens the page with a clean library, and starts recording its errors.
 * @param {Lane} lane @param {string} url @param {string} [hash]
 */
async function open(lane, url, hash = '') {
  // From a blank page, so that a URL differing only in its hash is a new load.
  await lane.open('about:blank');
  await lane.open(url);
  await until(lane, () => !!document.querySelector('[data-testid="drop-zone"]'), 10_000);
  // The stored library shows once it is read: wait for all of it, so that
  // none of it arrives after the clearing.
  const deadline = Date.now() + 15_000;
  const shown = () => lane.evaluate(() => document.querySelectorAll('[data-testid="video"]').length);
  while ((await stored(lane))[0] !== (await shown())) {
    if (Date.now() > deadline) throw new Error(`the page shows ${await shown()} of the ${(await stored(lane))[0]} stored videos`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await lane.evaluate(async () => {
    // The library of a check before: cleared through the page's own control.
    const clear = /** @type {HTMLElement | null} */ (document.querySelector('[data-testid="clear-all"]'));
    if (clear) {
      clear.click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      clear.click();
    }
  });
  await until(lane, () => document.querySelectorAll('[data-testid="video"]').length === 0, 10_000);
  // Clearing is written after the writes before it; leaving sooner can keep them.
  while ((await stored(lane)).some((n) => n > 0)) {
    if (Date.now() > deadline) throw new Error(`Clear all left ${JSON.stringify(await stored(lane))} videos and thumbnails in IndexedDB`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (hash) {
    await lane.open('about:blank');
    await lane.open(`${url}#${hash}`);
    await until(lane, () => !!document.querySelector('[data-testid="drop-zone"]'), 10_000);
  }
  await lane.evaluate(() => {
    const errors = /** @type {string[]} */ ([]);
    Object.assign(window, { laneErrors: errors });
    addEventListener('error', (event) => errors.push(`error: ${event.message}`));
    addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${event.reason}`));
  });
}

/** Errors the page has thrown or left unhandled since open(). @param {Lane} lane */
export function pageErrors(lane) {
  return lane.evaluate(() => /** @type {string[]} */ (/** @type {any} */ (window).laneErrors ?? []));
}

/** @param {Lane} lane @param {() => boolean} condition @param {number} timeout */
async function until(lane, condition, timeout) {
  const deadline = Date.now() + timeout;
  while (!(await lane.evaluate(condition))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until every named video has settled; returns their states. @param {Lane} lane @param {string[]} names */
async function settled(lane, names, timeout = 120_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const states = await lane.evaluate(
      (names) => Object.fromEntries(names.map((name) => [name, document.querySelector(`[data-testid="video"][data-name="${CSS.escape(name)}"]`)?.getAttribute('data-state') ?? 'missing'])),
      names,
    );
    if (Object.values(states).every((state) => /^(done|error|cancelled)$/.test(state))) return states;
    if (Date.now() > deadline) throw new Error(`not settled after ${timeout} ms: ${JSON.stringify(states)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Video and thumbnail records in the library's IndexedDB. @param {Lane} lane @returns {Promise<[number, number]>} */
function stored(lane) {
  return lane.evaluate(
    async () => {
      // Opening a database that does not exist would create it, under the page.
      if (!(await indexedDB.databases()).some((db) => db.name === 'framepick')) return [0, 0];
      return new Promise((resolve, reject) => {
        const request = indexedDB.open('framepick');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const tx = request.result.transaction(['videos', 'thumbs']);
          const videos = tx.objectStore('videos').count();
          const thumbs = tx.objectStore('thumbs').count();
          tx.oncomplete = () => {
            resolve([videos.result, thumbs.result]);
            request.result.close();
          };
        };
      });
    },
  );
}

/** @param {Lane} lane @param {string} name */
function errorOf(lane, name) {
  return lane.evaluate((name) => document.querySelector(`[data-testid="video"][data-name="${CSS.escape(name)}"] [data-testid="video-error"]`)?.textContent ?? '', name);
}

/** The contract's thumbnail attributes, once every image has loaded. @param {Lane} lane @param {string} name */
async function thumbsOf(lane, name) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const thumbs = await lane.evaluate(shownThumbs, name);
    if (thumbs) return thumbs;
    if (Date.now() > deadline) throw new Error(`${name}: thumbnails' images did not load`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * As extract.spec's check: each thumbnail is the frame ffprobe shows at its time.
 * @param {string} name @param {'fast' | 'exact'} mode @param {import('../support/pageReads.mjs').ThumbData[]} thumbs
 */
function matchesTruth(name, mode, thumbs) {
  const { frames } = truth(name);
  assert.equal(thumbs.length, 15, `${name}: thumbnails`);
  for (const t of thumbs) {
    const want = expectedFrame(frames, t.time, mode);
    const where = `${name} #${t.index} at ${t.time.toFixed(3)} s`;
    assert.ok(Math.abs(t.pts - want.frame.pts) < 0.0005, `${where}: pts ${t.pts}, ffprobe ${want.frame.pts}`);
    assert.equal(t.keyframe, want.frame.key, `${where}: keyframe`);
    assert.equal(t.exact, want.exact, `${where}: exact`);
    assert.equal(t.pictType, want.frame.type, `${where}: picture type`);
    if (t.frameDerived) assert.ok(Math.abs((t.frame ?? -99) - want.index) <= 1, `${where}: derived frame number ${t.frame}, ffprobe ${want.index}`);
    else assert.equal(t.frame, want.index, `${where}: frame number`);
  }
}
