// @ts-check
// Chromium driven over the DevTools protocol with nothing enabled but what
// the caller sends. Playwright always enables the Network domain, and
// DevTools then keeps every request's resource alive (each thumbnail's
// image among them), which reads as a leak in a long memory measurement.
// Here the protocol runs over a pipe (--remote-debugging-pipe: fd 3 in,
// fd 4 out, messages ended by NUL), so no WebSocket client is needed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

/**
 * @typedef {{
 *   send(method: string, params?: Record<string, unknown>): Promise<any>,
 *   evaluate(expression: string): Promise<any>,
 *   waitFor(expression: string, ms: number, what: string): Promise<void>,
 *   setInputFiles(selector: string, paths: string[]): Promise<void>,
 *   close(): Promise<void>,
 * }} BarePage
 */

/**
 * Starts Chromium and opens `url` in its one page.
 * @param {string} url @returns {Promise<BarePage>}
 */
export async function openBarePage(url) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'framepick-bare-'));
  const args = [...chromiumArgs, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'];
  // Chromium refuses to run as root with its sandbox; Playwright passes the same flag there.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const browser = spawn(chromiumPath, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = /** @type {import('node:stream').Writable} */ (browser.stdio[3]);
  const fromBrowser = /** @type {import('node:stream').Readable} */ (browser.stdio[4]);

  let nextId = 0;
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  let buffered = '';
  fromBrowser.on('data', (/** @type {Buffer} */ chunk) => {
    buffered += chunk.toString();
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting) continue;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${message.error.message} (${message.error.code})`));
      else waiting.resolve(message.result);
    }
  });
  /** @param {string} method @param {Record<string, unknown>} [params] @param {string} [sessionId] */
  const call = (method, params = {}, sessionId = undefined) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });

  const { targetInfos } = await call('Target.getTargets');
  const target = targetInfos.find((/** @type {{ type: string }} */ t) => t.type === 'page');
  const { sessionId } = await call('Target.attachToTarget', { targetId: target.targetId, flatten: true });
  /** @type {BarePage} */
  const page = {
    send: (method, params) => call(method, params, sessionId),
    async evaluate(expression) {
      const { result, exceptionDetails } = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
      if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value;
    },
    /** Polls `expression` until it is true; throws after `ms`, naming `what`. */
    async waitFor(expression, ms, what) {
      for (const until = Date.now() + ms; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 200))) {
        if (await page.evaluate(expression)) return;
      }
      throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    },
    /** Sets the file input matching `selector` to `paths` (files, or a folder for a webkitdirectory input). */
    async setInputFiles(selector, paths) {
      const { root } = await page.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await page.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      await page.send('DOM.setFileInputFiles', { nodeId, files: paths });
    },
    async close() {
      const exited = new Promise((resolve) => browser.once('exit', resolve));
      await call('Browser.close').catch(() => {});
      await exited;
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
  await page.send('Page.navigate', { url });
  return page;
}
