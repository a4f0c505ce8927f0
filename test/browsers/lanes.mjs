// @ts-check
// The browsers besides Chromium, each behind the same small interface: open
// a page, run a function in it, give its file input files, close. Firefox
// ESR is driven over WebDriver BiDi by puppeteer-core; WebKitGTK's
// MiniBrowser (the Safari family's engine) by classic WebDriver, through
// WebKitWebDriver, under a virtual X display. Neither is a download: both
// are Debian's packages.
import { spawn } from 'node:child_process';
import puppeteer from 'puppeteer-core';

/**
 * @typedef {object} Lane
 * @property {string} name
 * @property {string} version
 * @property {(url: string) => Promise<void>} open
 * @property {<A extends unknown[], R>(fn: (...args: A) => R, ...args: A) => Promise<Awaited<R>>} evaluate
 * @property {(paths: string[]) => Promise<void>} upload Sets the contract's `file-input` to these files.
 * @property {() => Promise<void>} close
 */

const FILE_INPUT = '[data-testid="file-input"]';

/** @returns {Promise<Lane>} */
export async function firefox(executablePath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr') {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  const page = await browser.newPage();
  return {
    name: 'Firefox ESR',
    version: await browser.version(),
    open: async (url) => {
      await page.goto(url);
    },
    evaluate: (fn, ...args) => /** @type {Promise<any>} */ (page.evaluate(/** @type {any} */ (fn), ...args)),
    upload: async (paths) => {
      const input = await page.$(FILE_INPUT);
      if (!input) throw new Error('no file input on the page');
      await /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (input).uploadFile(...paths);
    },
    close: () => browser.close(),
  };
}

/** @returns {Promise<Lane>} */
export async function webkit(binary = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser') {
  const port = 4470 + Math.floor(Math.random() * 500);
  // xvfb-run gives WebKitWebDriver, and the MiniBrowser it starts, a display.
  const driver = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  /** @param {string} method @param {string} path @param {unknown} [body] */
  const call = async (method, path, body) => {
    const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = /** @type {{ value: any }} */ (await response.json());
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.message ?? JSON.stringify(json.value)}`);
    return json.value;
  };
  const stop = () => {
    try {
      process.kill(-(driver.pid ?? 0), 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    for (let tries = 0; ; tries++) {
      try {
        await fetch(`${base}/status`);
        break;
      } catch (error) {
        if (tries > 100) throw new Error(`WebKitWebDriver did not start: ${error}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const session = await call('POST', '/session', { capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } } });
    const at = `/session/${session.sessionId}`;
    return {
      name: 'WebKitGTK MiniBrowser',
      version: `${session.capabilities.browserName} ${session.capabilities.browserVersion}`,
      open: async (url) => {
        await call('POST', `${at}/url`, { url });
      },
      evaluate: (fn, ...args) => call('POST', `${at}/execute/async`, { script: `const done = arguments[arguments.length - 1]; Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1))).then(done, (e) => done({ __laneError: String(e && e.stack || e) }));`, args }).then(unwrap),
      upload: async (paths) => {
        const element = await call('POST', `${at}/element`, { using: 'css selector', value: FILE_INPUT });
        await call('POST', `${at}/element/${Object.values(element)[0]}/value`, { text: paths.join('\n') });
      },
      close: async () => {
        await call('DELETE', at).catch(() => {});
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/** @param {any} value */
function unwrap(value) {
  if (value && typeof value === 'object' && '__laneError' in value) throw new Error(`in the page: ${value.__laneError}`);
  return value;
}
