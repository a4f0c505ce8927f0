// @ts-check
// When a dropped file's thumbnails appear, measured inside the page: from
// the file input's change event to the first thumbnail's image in the DOM
// and to the video settling. Shared by bench.mjs and profile.mjs.

/** Starts watching; call before setting the file input. @param {import('playwright-core').Page} page */
export async function watchDrop(page) {
  await page.evaluate(() => {
    const marks = /** @type {{ start: number, first: number, all: number }} */ ({ start: 0, first: 0, all: 0 });
    Object.assign(window, { benchMarks: marks });
    document.querySelector('[data-testid=file-input]')?.addEventListener('change', () => (marks.start = performance.now()), { capture: true });
    new MutationObserver(() => {
      if (!marks.first && document.querySelector('[data-testid=thumb] img')) marks.first = performance.now();
      const video = /** @type {HTMLElement | null} */ (document.querySelector('[data-testid=video]'));
      if (!marks.all && video && ['done', 'error'].includes(video.dataset.state ?? '')) marks.all = performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** Waits until the video has settled. @param {import('playwright-core').Page} page @param {number} timeout */
export async function dropSettled(page, timeout) {
  await page.waitForFunction(() => /** @type {any} */ (window).benchMarks.all > 0, null, { timeout, polling: 100 });
}
