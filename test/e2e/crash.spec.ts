// A worker that dies in the middle of a run is replaced and its job retried
// once: the person sees every thumbnail, not a hang. The test kills the
// real pool workers from outside (no hook in the app needed).
import type { Page, Worker } from '@playwright/test';
import { expect, test, type ThumbData } from './fixtures';

const NAME = 'h264_1080p.mp4';
const identityOf = (thumbs: ThumbData[]) => thumbs.map((t) => ({ index: t.index, pts: t.pts, keyframe: t.keyframe, exact: t.exact, bytes: t.bytes }));
const poolWorkers = (page: Page): Worker[] => page.workers().filter((w) => /thumbWorker/.test(w.url()));

for (const engine of ['webcodecs', 'ffmpeg'] as const) {
  for (const death of ['throws', 'exits'] as const) {
    test.describe(() => {
      // A worker that throws reports the error to the console, on purpose.
      test.use({ allowedErrors: [/killed by the test/] });

      test(`${engine}: a worker that ${death === 'throws' ? 'crashes' : 'silently exits'} mid-run is replaced, and the run still gives every thumbnail`, async ({ app, page }) => {
        test.setTimeout(120_000);
        await app.open();
        await app.setSettings({ engine });
        await app.setSettings({ mode: 'exact', count: 12 });
        await app.drop(NAME);
        expect(await app.settled(NAME)).toBe('done');
        const reference = identityOf(await app.thumbs(NAME));

        await app.video(NAME).getByRole('button', { name: 'Extract again' }).click();
        await expect(app.video(NAME).getByTestId('thumb').first()).toBeAttached();
        const victims = poolWorkers(page);
        expect(victims.length, 'pool workers running').toBeGreaterThan(0);
        // Mid-run: some thumbnails shown, not all.
        expect(await app.video(NAME).getByTestId('thumb').count(), 'thumbnails shown when the workers are killed').toBeLessThan(12);
        const killed = Date.now();
        await Promise.all(
          victims.map((worker) =>
            worker
              .evaluate((how) => {
                // An uncaught error (as a wasm trap or an out-of-memory abort would be), or an exit without a word.
                if (how === 'throws') setTimeout(() => { throw new Error('killed by the test'); });
                else setTimeout(() => self.close());
              }, death)
              .catch(() => {}),
          ),
        );
        expect(await app.video(NAME).getAttribute('data-state'), 'the run when the kill landed').toBe('extracting');
        expect(await app.settled(NAME, 60_000)).toBe('done');
        const recovered = Date.now() - killed;
        // The killed workers were replaced: the pool runs others now.
        expect(poolWorkers(page).some((worker) => !victims.includes(worker)), 'a new pool worker').toBe(true);
        expect(identityOf(await app.thumbs(NAME)), 'the same thumbnails as a run without a crash').toEqual(reference);
        // A crash is noticed at once; a silent exit by the watchdog (10 s without a sign of life).
        expect(recovered).toBeLessThan(death === 'throws' ? 8_000 : 25_000);
      });
    });
  }
}
