// Ten thousand hostile hashes change nothing but the defaults they fall back to.
import { expect, test } from './fixtures';

/** Pieces of hostile hashes: keys, values and encodings that have broken parsers before. */
const KEYS = ['count', 'width', 'quality', 'mode', 'workers', 'engine', 'search', 'from', 'to', 'picked', 'video', 'span', 'at', '__proto__', '__proto__[polluted]', 'constructor[prototype][polluted]', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '=', '&', 'a[]', 'count[]', 'Count', ' count'];
const VALUES = [
  '1', '15', '-1', '0', '1000', '1001', '99999999999999999999999999', '1e309', '-0', '0x10', 'NaN', 'Infinity', '1.5', '.5', '1.', '',
  'best', 'fast', 'exact', 'auto', 'ffmpeg', 'webcodecs', 'FAST', '1-2', '2-1', '0-99999999999999', '1.5-1.5', '-1-5', 'sis5-786f2e69a717f81e', 'a@1-2', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'-alert(1)-'", '{{constructor.constructor("alert(1)")()}}', '${alert(1)}',
  '%', '%%', '%E0%A4%A', '%ZZ', '%00', '%FF%FE', '%ED%A0%80', '%ED%B0%80%ED%A0%80', '%C0%AF', '%F0%9F%8E', '\uD800', '\uDC00x', 'é', '🎬', '日本語', '+',
  '%2B', '%26count%3D5', '#', '&&&', '==', 'polluted', 'true', '1&picked=1', 'x'.repeat(300),
];

test('10,000 hostile hashes: no dialog, no error, no pollution, each parse under 50 ms, always a canonical URL', async ({ app, page }) => {
  test.setTimeout(300_000);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await app.open();

  const report = await page.evaluate(
    async ({ keys, values, count }) => {
      let seed = 20261121;
      const random = () => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed / 2 ** 32;
      };
      const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      // Lone surrogates cannot be percent-encoded; such pieces go in raw.
      const encode = (text: string) => {
        try {
          return encodeURIComponent(text);
        } catch {
          return text;
        }
      };
      const hashes: string[] = [];
      for (let i = 0; i < count; i++) {
        const kind = random();
        let hash: string;
        if (kind < 0.002) hash = `search=${'A'.repeat(1_000_000 + i)}`; // a megabyte
        else if (kind < 0.05) hash = Array.from({ length: 200 }, () => `${pick(keys)}=${pick(values)}`).join('&');
        else {
          const pairs = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
            const raw = `${pick(keys)}=${pick(values)}`;
            return random() < 0.5 ? raw : `${encode(pick(keys))}=${encode(pick(values))}`;
          });
          hash = pairs.join(random() < 0.9 ? '&' : ';');
        }
        hashes.push(`${hash}&n=${i}`); // always a change, so every assignment fires hashchange
      }

      const order = ['count', 'width', 'quality', 'mode', 'workers', 'engine', 'search', 'from', 'to', 'picked', 'video', 'span', 'at'];
      const canonical = (hash: string) => {
        if (hash === '') return true;
        if (!hash.startsWith('#')) return false;
        let last = -1;
        for (const pair of hash.slice(1).split('&')) {
          const at = order.indexOf(pair.split('=')[0]!);
          if (at <= last) return false;
          last = at;
        }
        return true;
      };

      // The app's hashchange handler, timed between a capturing listener (runs
      // before it) and one added after it (runs after it).
      let slowest = 0;
      let notCanonical = 0;
      let started = 0;
      addEventListener('hashchange', () => (started = performance.now()), { capture: true });
      for (const hash of hashes) {
        const handled = new Promise<void>((resolve) =>
          addEventListener('hashchange', () => {
            slowest = Math.max(slowest, performance.now() - started);
            resolve();
          }, { once: true }),
        );
        location.hash = hash;
        await handled;
        if (!canonical(location.hash)) notCanonical++;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      return {
        slowest,
        notCanonical,
        polluted: [({} as Record<string, unknown>).polluted, (Object.prototype as Record<string, unknown>).polluted, (Array.prototype as unknown as Record<string, unknown>).polluted],
        count: Number((document.querySelector('[data-testid="setting-count"]') as HTMLInputElement).value),
        quality: Number((document.querySelector('[data-testid="setting-quality"]') as HTMLInputElement).value),
      };
    },
    { keys: KEYS, values: VALUES, count: 10_000 },
  );

  expect(dialogs).toEqual([]);
  expect(report.polluted).toEqual([undefined, undefined, undefined]);
  expect(report.notCanonical).toBe(0);
  expect(report.slowest).toBeLessThan(50);
  expect(report.count).toBeGreaterThanOrEqual(1);
  expect(report.count).toBeLessThanOrEqual(1000);
  expect(report.quality).toBeGreaterThanOrEqual(1);
  expect(report.quality).toBeLessThanOrEqual(100);
  // The page still works afterwards.
  await page.getByTestId('sample').click();
  expect(await app.settled('sample.mp4')).toBe('done');
});
