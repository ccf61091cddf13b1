/**
 * Accessibility and self-containment of every page type in real Chromium:
 * axe-core finds no WCAG 2.x A/AA violation, nothing errors in the console,
 * and no request leaves the site (the board runs on a LAN without internet).
 */
import { describe, expect, test } from 'vitest';
import { axeReport, axeViolations } from './axe.ts';
import { describeLog, useTrackedPage, waitForCharts, waitForSearch, type TrackedPage } from './browser.ts';
import { pageTypes, type PageType } from './pages.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));

async function load(pt: PageType): Promise<void> {
  const res = await tp.goto(pt.path);
  expect(res.status(), `status of /${pt.path}`).toBe(pt.status ?? 200);
  if (pt.charts) await waitForCharts(tp.page);
  if (pt.search) {
    await waitForSearch(tp.page);
    expect(await tp.page.locator('ol.results li a').count(), 'the search page shows results before it is checked').toBeGreaterThan(0);
  }
}

describe.each(pageTypes)('the $name (/$path)', (pt) => {
  test('has no WCAG 2.2 A/AA violation that axe-core can find', async () => {
    await load(pt);
    const violations = await axeViolations(tp.page);
    expect(violations, `axe violations on /${pt.path}:\n${axeReport(violations)}`).toEqual([]);
  });

  test('loads without console errors, failed requests or requests leaving the site', async () => {
    await load(pt);
    // Give late requests (icons, lazy chunks) a moment to show up.
    await tp.page.waitForLoadState('networkidle');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    expect(tp.log.offSite, describeLog(tp.log)).toEqual([]);
  });
});

describe('keyboard use', () => {
  test('the skip link is the first thing Tab reaches and it moves focus to the main content', async () => {
    await tp.goto('');
    await tp.page.keyboard.press('Tab');
    const first = await tp.page.evaluate(() => ({
      text: document.activeElement?.textContent?.trim(),
      href: document.activeElement?.getAttribute('href'),
    }));
    expect(first.href).toBe('#main');
    const box = await tp.page.locator('a.skip').boundingBox();
    expect(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen').toBe(true);
    await tp.page.keyboard.press('Enter');
    expect(await tp.page.evaluate(() => location.hash)).toBe('#main');
  });
});
