/**
 * Accessibility and self-containment of every page type in real Chromium:
 * axe-core finds no WCAG 2.x A/AA violation, nothing errors in the console,
 * and no request leaves the site (the board runs on a LAN without internet).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { describeLog, useTrackedPage, waitForCharts, waitForSearch, type TrackedPage } from './browser.ts';
import { pageTypes, type PageType } from './pages.ts';

// Run as an evaluation, not added as an inline <script>, which the pages' Content-Security-Policy refuses.
const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

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

async function axe(): Promise<AxeViolation[]> {
  await tp.page.evaluate(axeSource);
  return tp.page.evaluate(async (values) => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, tags);
}

function report(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n')}`)
    .join('\n');
}

describe.each(pageTypes)('the $name (/$path)', (pt) => {
  test('has no WCAG 2.2 A/AA violation that axe-core can find', async () => {
    await load(pt);
    const violations = await axe();
    expect(violations, `axe violations on /${pt.path}:\n${report(violations)}`).toEqual([]);
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
    const first = await tp.page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute('href') }));
    expect(first.href).toBe('#main');
    const box = await tp.page.locator('a.skip').boundingBox();
    expect(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen').toBe(true);
    await tp.page.keyboard.press('Enter');
    expect(await tp.page.evaluate(() => location.hash)).toBe('#main');
  });
});
