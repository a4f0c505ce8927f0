// Every screen: the dark scheme and the switch that overrides the
// system's, and a phone (375 px wide, touch): no sideways scrolling, targets
// a finger can hit, and the grid, the large view and the exports working.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test('the scheme follows the system until the switch overrides it; the choice is kept in this browser, never in the URL', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open('count=4');
  const html = page.locator('html');
  const scheme = page.getByTestId('color-scheme');
  const background = () => html.evaluate((el) => getComputedStyle(el).backgroundColor);
  const themeColors = () => page.locator('meta[name="theme-color"]').evaluateAll((metas) => metas.map((m) => (m as HTMLMetaElement).content));
  await expect(scheme).toHaveValue('auto');
  await expect(html).toHaveAttribute('data-color-scheme', 'dark');
  expect(await background()).toBe('rgb(17, 19, 24)');
  expect(await themeColors()).toEqual(['rgb(17, 19, 24)', 'rgb(17, 19, 24)']);

  await scheme.selectOption('light');
  await expect(html).toHaveAttribute('data-color-scheme', 'light');
  expect(await background()).toBe('rgb(247, 247, 248)');
  expect(await themeColors()).toEqual(['rgb(247, 247, 248)', 'rgb(247, 247, 248)']);
  expect(await page.evaluate(() => localStorage.getItem('framepick:color-scheme'))).toBe('light');
  expect(new URL(page.url()).hash).toBe('#count=4');

  await page.reload();
  await expect(scheme).toHaveValue('light');
  await expect(html).toHaveAttribute('data-color-scheme', 'light');

  // Back to the system's, which is followed as it changes.
  await scheme.selectOption('auto');
  await expect(html).toHaveAttribute('data-color-scheme', 'dark');
  expect(await page.evaluate(() => localStorage.getItem('framepick:color-scheme'))).toBeNull();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-color-scheme', 'light');
  await scheme.selectOption('dark');
  await expect(html).toHaveAttribute('data-color-scheme', 'dark');
  expect(await background()).toBe('rgb(17, 19, 24)');
  expect(new URL(page.url()).hash).toBe('#count=4');
});

/** Controls on the page smaller than `min` px either way (a checkbox counts by its label, which takes the tap). */
function smallTargets(page: Page, min: number) {
  return page.evaluate((min) => {
    const selector = 'button, select, input:not([type="checkbox"], [type="radio"], [type="file"]), summary, a[href], label:has(> input[type="checkbox"]), label:has(> input[type="file"])';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => el.checkVisibility() && !el.closest('[inert]'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < min || box.height < min)
      .map(({ el, box }) => `${el.dataset.testid ?? el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" ${box.width.toFixed(0)}x${box.height.toFixed(0)}`);
  }, min);
}

/** How far the page scrolls sideways (0 when it fits). */
function sideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe('at 375 px on a touch screen', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test('nothing scrolls sideways, every target takes a finger, and the grid, the large view (swipes and buttons) and the exports work', async ({ app, page }) => {
    await app.open('count=6');
    expect(await sideways(page)).toBe(0);
    expect(await smallTargets(page, 24)).toEqual([]);
    await page.getByTestId('sample').tap();
    expect(await app.settled('sample.mp4')).toBe('done');
    // Settings, filters and downloads are folded: the video starts on the first screen.
    const video = app.video('sample.mp4');
    expect((await video.boundingBox())!.y).toBeLessThan(740);
    for (const section of ['section-settings', 'section-filters', 'section-downloads']) await page.getByTestId(section).locator(':scope > summary').tap();
    await page.getByTestId('advanced').locator('summary').tap();
    await expect(page.getByTestId('setting-workers')).toBeVisible();
    expect(await sideways(page)).toBe(0);
    expect(await smallTargets(page, 24)).toEqual([]);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // The grid: a tap picks.
    const thumbs = video.getByTestId('thumb');
    await thumbs.nth(1).getByTestId('pick').tap();
    await expect(thumbs.nth(1)).toHaveAttribute('data-picked', 'true');

    // The large view: swipe left for the next frame, right for the one before; the buttons too.
    await thumbs.nth(1).getByTestId('open-frame').tap();
    const large = page.getByTestId('large-view');
    await expect(large).toHaveAttribute('data-state', 'ready');
    expect(await sideways(page)).toBe(0);
    expect(await smallTargets(page, 24)).toEqual([]);
    const frame = async () => Number(await large.getAttribute('data-frame'));
    const start = await frame();
    const swipe = async (from: number, to: number) => {
      const box = (await page.getByTestId('large-stage').boundingBox())!;
      const y = box.y + box.height / 2;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: box.x + box.width * from, y }] });
      for (let step = 1; step <= 5; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: box.x + box.width * (from + ((to - from) * step) / 5), y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await cdp.detach();
    };
    // The buttons first: a tap that comes right after a swipe stops the swipe's fling, and Chromium clicks nothing.
    await page.getByTestId('large-next').tap();
    await expect.poll(frame).toBe(start + 1);
    await expect(large).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('large-prev').tap();
    await expect.poll(frame).toBe(start);
    await expect(large).toHaveAttribute('data-state', 'ready');
    await swipe(0.8, 0.2);
    await expect.poll(frame).toBe(start + 1);
    await expect(large).toHaveAttribute('data-state', 'ready');
    await swipe(0.2, 0.8);
    await expect.poll(frame).toBe(start);
    await expect(large).toHaveAttribute('data-state', 'ready');
    await page.keyboard.press('Escape');
    await expect(large).toHaveCount(0);

    // The exports: the picked frame downloads as its JPEG.
    const download = page.waitForEvent('download');
    await page.getByTestId('download-picked').tap();
    expect((await download).suggestedFilename()).toMatch(/^sample_00-00-\d\d\.\d{3}\.jpg$/);
    expect(await sideways(page)).toBe(0);
  });
});
