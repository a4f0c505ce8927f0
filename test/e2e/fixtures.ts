// What every end-to-end test shares: the page, guarded (no request may
// leave our origin, no error may go uncaught), and helpers to drive it
// through the contract's hooks.
import { test as base, expect, type Locator, type Page } from '@playwright/test';

import { shownThumbs, type ThumbData } from '../support/pageReads.mjs';
import { media } from '../support/truth.mjs';
export type { ThumbData } from '../support/pageReads.mjs';
export { expectedFrame, media, truth } from '../support/truth.mjs';
export type { Truth, TruthFrame } from '../support/truth.mjs';


export class App {
  constructor(readonly page: Page) {}

  async open(hash = ''): Promise<void> {
    await this.page.goto(hash ? `./#${hash}` : './');
    await expect(this.page.getByTestId('drop-zone')).toBeVisible();
  }

  /** Waits until the service worker controls the page (in the specs that allow service workers). */
  async serviceWorkerControls(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
  }

  async drop(...names: string[]): Promise<void> {
    await this.page.getByTestId('file-input').setInputFiles(names.map(media));
  }

  video(name: string): Locator {
    return this.page.locator(`[data-testid="video"][data-name="${name}"]`);
  }

  /** Waits until the video's work has ended, and returns its final state. */
  async settled(name: string, timeout = 60_000): Promise<string> {
    const video = this.video(name);
    await expect(video).toHaveAttribute('data-state', /^(done|error|cancelled)$/, { timeout });
    return (await video.getAttribute('data-state')) ?? '';
  }

  /**
   * Waits inside the page, on one MutationObserver, until every named video
   * has settled, and returns their states. For tests that time the page's
   * main thread: an `expect` polling from the runner computes an ARIA
   * snapshot of the page for its failure message on every miss, itself a
   * 45-60 ms main-thread task once a few hundred thumbnails are shown.
   */
  async settledQuietly(names: readonly string[], timeout = 240_000): Promise<Record<string, string>> {
    return this.page.evaluate(
      ({ names, timeout }) =>
        new Promise<Record<string, string>>((resolve, reject) => {
          const settledState = /^(done|error|cancelled)$/;
          const states = () => Object.fromEntries(names.map((name) => [name, document.querySelector(`[data-testid="video"][data-name="${CSS.escape(name)}"]`)?.getAttribute('data-state') ?? 'missing']));
          const check = () => {
            const now = states();
            if (!Object.values(now).every((state) => settledState.test(state))) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve(now);
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`not settled after ${timeout} ms: ${JSON.stringify(states())}`));
          }, timeout);
          check();
        }),
      { names, timeout },
    );
  }

  async setSettings(values: Partial<Record<'count' | 'width' | 'quality' | 'workers', number>> & { mode?: 'best' | 'fast' | 'exact'; engine?: 'auto' | 'ffmpeg' | 'webcodecs' }): Promise<void> {
    if (values.engine !== undefined || values.workers !== undefined) await this.openAdvanced();
    for (const [key, value] of Object.entries(values)) {
      const input = this.page.getByTestId(`setting-${key}`);
      if (key === 'mode' || key === 'engine') await input.selectOption(String(value));
      else await input.fill(String(value));
    }
  }

  /** Shows the advanced settings (engine, workers), which start hidden behind a disclosure. */
  async openAdvanced(): Promise<void> {
    const advanced = this.page.getByTestId('advanced');
    if ((await advanced.getAttribute('open')) === null) await advanced.locator('summary').click();
    await expect(this.page.getByTestId('setting-engine')).toBeVisible();
  }

  /**
   * Starts the video's extraction again and cancels it from inside the page
   * (no round trip to the test runner in between): after `after` thumbnails
   * have arrived, or after `delayMs`. Returns how long the page took, from the
   * click, to show the video cancelled and no worker running; null times if
   * the work ended before the cancel.
   */
  async rerunAndCancel(name: string, when: { thumbs: number } | { delayMs: number }): Promise<{ cancelled: boolean; toState: number; toIdle: number }> {
    const done = this.page.evaluate(
      ({ name, when }) =>
        new Promise<{ cancelled: boolean; toState: number; toIdle: number }>((resolve) => {
          const video = document.querySelector(`[data-testid="video"][data-name="${CSS.escape(name)}"]`)!;
          const status = document.querySelector<HTMLElement>('[data-testid="status"]')!;
          let clickedAt = 0;
          let stateAt = 0;
          let arrived = 0;
          const finish = () => {
            if (!stateAt || status.dataset.runningWorkers !== '0') return;
            observer.disconnect();
            resolve({ cancelled: true, toState: stateAt - clickedAt, toIdle: performance.now() - clickedAt });
          };
          const cancel = () => {
            const button = video.querySelector<HTMLElement>('[data-testid="cancel"]');
            if (clickedAt) return;
            if (!button) {
              observer.disconnect();
              resolve({ cancelled: false, toState: NaN, toIdle: NaN });
              return;
            }
            clickedAt = performance.now();
            button.click();
          };
          const observer = new MutationObserver((mutations) => {
            for (const m of mutations) {
              for (const node of m.addedNodes) if (node instanceof HTMLElement && (node.dataset.testid === 'thumb' || node.querySelector('[data-testid="thumb"]'))) arrived++;
            }
            if ('thumbs' in when && arrived >= when.thumbs) cancel();
            if (clickedAt && !stateAt && video.getAttribute('data-state') === 'cancelled') stateAt = performance.now();
            if (clickedAt) finish();
            else if (video.getAttribute('data-state') === 'done') cancel();
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state', 'data-running-workers'] });
          if ('delayMs' in when) setTimeout(cancel, when.delayMs);
        }),
      { name, when },
    );
    await this.video(name).getByRole('button', { name: 'Extract again' }).click();
    return done;
  }

  /** Starts recording main-thread long tasks (call after open()); read with longestTask() and longestFrame(). */
  async watchLongTasks(): Promise<void> {
    await this.page.evaluate(() => {
      const longest = { ms: 0, frame: 'none over 50 ms' };
      let frameMs = 0;
      Object.assign(window, { longestTask: longest });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
      // What filled the longest animation frame, so a slow run says where its time went.
      interface Script { invoker: string; sourceFunctionName: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number }
      interface Frame extends PerformanceEntry { renderStart: number; styleAndLayoutStart: number; scripts: Script[] }
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Frame[]) {
          if (entry.duration <= frameMs) continue;
          frameMs = entry.duration;
          const render = entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0;
          const layout = entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0;
          const scripts = entry.scripts
            .filter((script) => script.duration >= 5)
            .map((script) => `${script.invoker} ${script.sourceFunctionName || '?'} (${script.sourceURL.split("/").pop()}:${(script as unknown as { sourceCharPosition: number }).sourceCharPosition}) ${script.duration.toFixed(0)} ms, layout ${script.forcedStyleAndLayoutDuration.toFixed(0)}`);
          longest.frame = `${entry.duration.toFixed(0)} ms frame: render ${render.toFixed(0)} ms, style and layout ${layout.toFixed(0)} ms; ${scripts.join('; ') || 'no script over 5 ms'}`;
        }
      }).observe({ type: 'long-animation-frame', buffered: false });
    });
  }

  /** The longest main-thread task since watchLongTasks(), in ms. */
  async longestTask(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { longestTask: { ms: number } }).longestTask.ms);
  }

  /** What the longest animation frame since watchLongTasks() spent its time on, for a failure's message. */
  async longestFrame(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { longestTask: { frame: string } }).longestTask.frame);
  }

  /** The thumbnails of a video that are shown (filters hide the others), once their images have loaded. */
  async thumbs(name: string): Promise<ThumbData[]> {
    let thumbs: ThumbData[] | null = null;
    await expect.poll(async () => (thumbs = await this.page.evaluate(shownThumbs, name)) !== null).toBe(true);
    return thumbs!;
  }

}

/**
 * Guards a page: every request to another host is refused and recorded, and
 * so are errors in the page and CSP violations. Call the returned function
 * when the test is done: it fails on anything recorded. (The `page` fixture
 * does this for every test; a test that makes its own browser context calls it.)
 */
export async function guardPage(page: Page, origin: string, allowedErrors: readonly RegExp[] = []): Promise<() => void> {
  const foreign: string[] = [];
  const errors: string[] = [];
  const violations: string[] = [];
  await page.exposeBinding('reportCspViolation', (_source, text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  page.on('crash', () => errors.push('the page crashed'));
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === origin || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
    foreign.push(url.href);
    return route.abort('blockedbyclient');
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowedErrors.some((allowed) => allowed.test(message.text()))) errors.push(`console.error: ${message.text()}`);
  });
  return () => {
    expect(foreign, 'requests that left our origin').toEqual([]);
    expect(errors, 'errors in the page').toEqual([]);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  };
}

export const test = base.extend<{ app: App; allowedErrors: RegExp[] }>({
  /** Console errors a test causes on purpose (a worker it crashes). */
  allowedErrors: [[], { option: true }],
  page: async ({ page, baseURL, allowedErrors }, use) => {
    const verify = await guardPage(page, new URL(baseURL!).origin, allowedErrors);
    await use(page);
    verify();
  },
  app: async ({ page }, use) => {
    await use(new App(page));
  },
});

export { expect };
