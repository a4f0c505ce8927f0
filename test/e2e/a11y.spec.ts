// Accessibility: an axe-core scan of every state the page can be in, in
// both colour schemes, with no serious or critical violation; and what a
// scan cannot see: thumbnails that say what they are, focus that is always
// visible and never lost, announcements, the shortcut sheet, reduced motion.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type App } from './fixtures';

/** Per state and scheme: serious or critical violations (must be none), and the rest as counts, for the record. */
const results: string[] = [];

/**
 * Every rule in the light scheme; in the dark one only colour contrast, the
 * one thing a scheme changes (a whole scan costs seconds on a busy 2-core machine).
 */
async function scan(page: Page, state: string, include?: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator(`html[data-color-scheme="${scheme}"]`)).toHaveCount(1);
    let builder = new AxeBuilder({ page });
    if (include) builder = builder.include(include);
    if (scheme === 'dark') builder = builder.withRules(['color-contrast']);
    const started = Date.now();
    const { violations, passes, incomplete } = await builder.analyze();
    const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const lesser = violations.filter((v) => !grave.includes(v)).map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
    const reviewed = incomplete.map((v) => v.id).join(', ');
    results.push(
      `${state}, ${scheme}: ${grave.length} serious or critical, ${lesser.length ? `other: ${lesser.join(', ')}` : 'no other'}; ${passes.length} rules passed${reviewed ? `, for a person to review: ${reviewed}` : ''} (${Date.now() - started} ms)`,
    );
    expect(
      grave.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${state} in the ${scheme} scheme`,
    ).toEqual([]);
  }
}

test.afterAll(() => {
  if (results.length > 0) console.log(`axe-core results:\n${results.join('\n')}`);
});

test('axe finds no serious or critical violation in any state of the page, in either colour scheme', async ({ app, page }) => {
  test.setTimeout(150_000);
  await app.open();
  await scan(page, 'empty page');

  // Extracting, held there: on ffmpeg.wasm, whose core is kept from arriving until the scans are done.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/ffmpeg-core.*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await app.setSettings({ engine: 'ffmpeg', mode: 'exact', count: 10 });
  await app.drop('h264_bframes.mp4');
  const video = app.video('h264_bframes.mp4');
  await expect(video).toHaveAttribute('data-state', 'extracting');
  await expect(video.getByTestId('thumb-pending')).toHaveCount(10);
  await scan(page, 'extracting');
  release();

  expect(await app.settled('h264_bframes.mp4')).toBe('done');
  await app.drop('not_video.mp4');
  expect(await app.settled('not_video.mp4')).toBe('error');
  await video.getByTestId('pick').nth(2).click();
  await scan(page, 'a full grid, a pick, an error card');

  await page.getByTestId('filter-search').fill('bframes');
  await page.getByTestId('filter-picked').check();
  await expect(video.getByTestId('thumb').and(page.locator(':visible'))).toHaveCount(1);
  await scan(page, 'filters applied');
  await page.getByTestId('filter-clear').click();

  await scan(page, 'the activity panel', '[data-testid="activity"]');

  await video.getByTestId('thumb').nth(4).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('large-view')).toHaveAttribute('data-state', 'ready');
  await scan(page, 'the large view');
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toBeVisible();
  await scan(page, 'the shortcut sheet');
});

/** The element with the keyboard focus, described by its test id, thumbnail index and card. */
function focused(app: App) {
  return app.page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return {
      testid: active?.dataset.testid ?? active?.tagName.toLowerCase() ?? null,
      index: active?.dataset.index ?? null,
      card: active?.closest<HTMLElement>('[data-testid="video"]')?.dataset.name ?? null,
      key: active?.dataset.focusKey ?? null,
    };
  });
}

test('thumbnails say their time, frame and type; the focus is always visible and never lost; progress and errors are announced', async ({ app, page }) => {
  await app.open('count=6&mode=fast');
  await app.drop('h264_bframes.mp4', 'vp9.webm', 'zero_bytes.mp4');
  for (const name of ['h264_bframes.mp4', 'vp9.webm']) expect(await app.settled(name)).toBe('done');
  expect(await app.settled('zero_bytes.mp4')).toBe('error');
  await expect(app.video('zero_bytes.mp4').getByTestId('video-error')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('announcer')).toHaveText('Thumbnails done. 3 videos in the library.');
  await expect(page.getByTestId('announcer')).toHaveAttribute('role', 'status');

  // A row of a multi-select grid, named by what a sighted person reads off the card.
  const video = app.video('h264_bframes.mp4');
  const grid = video.getByRole('grid', { name: 'Thumbnails of h264_bframes.mp4' });
  await expect(grid).toHaveAttribute('aria-multiselectable', 'true');
  const thumbs = video.getByTestId('thumb');
  const first = await app.thumbs('h264_bframes.mp4');
  for (const [i, t] of first.entries()) {
    await expect(thumbs.nth(i)).toHaveAttribute('role', 'row');
    await expect(thumbs.nth(i)).toHaveAccessibleName(new RegExp(`: frame ${t.frame}, ${t.pictType} frame${t.keyframe ? ', keyframe' : ''}`));
  }

  // The focus ring is drawn, in the accent colour.
  await thumbs.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await expect(thumbs.nth(1)).toBeFocused();
  const ring = await thumbs.nth(1).evaluate((el) => getComputedStyle(el));
  expect({ style: ring.outlineStyle, width: parseFloat(ring.outlineWidth) >= 2 }).toEqual({ style: 'solid', width: true });
  await page.keyboard.press(' ');
  await expect(thumbs.nth(1)).toHaveAttribute('aria-selected', 'true');

  // The large view gives the focus back to the thumbnail it was opened on.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('large-view')).toHaveAttribute('data-state', 'ready');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('large-view')).toHaveCount(0);
  await expect(thumbs.nth(1)).toBeFocused();

  // The shortcut sheet: `?` and its button; the focus comes back.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcuts');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Pick or unpick');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(thumbs.nth(1)).toBeFocused();
  await page.getByTestId('shortcuts-open').click();
  await expect(sheet).toBeVisible();
  await page.getByTestId('shortcuts-close').click();
  // Typed into a field, `?` is a character.
  await page.getByTestId('filter-search').fill('');
  await page.getByTestId('filter-search').press('?');
  await expect(sheet).toHaveCount(0);
  await page.getByTestId('filter-search').fill('');

  // A focused thumbnail hidden by a filter: the focus moves to one still shown in its video.
  await thumbs.nth(3).focus();
  await page.evaluate(() => (location.hash = 'count=6&mode=fast&picked=1'));
  await expect(thumbs.nth(3)).toBeHidden();
  await expect.poll(() => focused(app)).toMatchObject({ testid: 'thumb', index: '1', card: 'h264_bframes.mp4' });
  await page.evaluate(() => (location.hash = 'count=6&mode=fast'));

  // "Extract again" from the keyboard becomes "Cancel" while it runs, then "Extract again": the focus follows.
  const rerun = video.getByRole('button', { name: 'Extract again' });
  await rerun.focus();
  await page.keyboard.press('Enter');
  await expect(video).toHaveAttribute('data-state', 'done');
  await expect.poll(() => focused(app)).toMatchObject({ key: 'run', card: 'h264_bframes.mp4' });
  // Its thumbnails re-made under a focused one: the focus stays in the video.
  await thumbs.nth(2).focus();
  await page.getByTestId('rerun').evaluate((button) => (button as HTMLButtonElement).click());
  await expect(video).toHaveAttribute('data-state', 'done');
  expect((await focused(app)).card).toBe('h264_bframes.mp4');

  // A video forgotten from the keyboard: the focus goes to the video beside it.
  await video.getByTestId('forget').focus();
  await page.keyboard.press('Enter');
  await expect(video).toHaveCount(0);
  await expect.poll(() => focused(app)).toMatchObject({ testid: 'video', card: 'vp9.webm' });
});

test('motion follows prefers-reduced-motion', async ({ app, page }) => {
  await app.open();
  const duration = () => page.getByTestId('drop-zone').evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(await duration()).toBe('0.15s, 0.15s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await duration()).toBe('0s');
});
