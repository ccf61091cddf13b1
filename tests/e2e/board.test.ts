/**
 * What the board shows, checked in real Chromium against numbers the test
 * works out itself from the sample content: the overall rate, charts that
 * really draw (and a table when JavaScript is off), no layout shift, the
 * CSS-only ledger filters, and no sideways scrolling on phones or 4K screens.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, newContext, openPage, waitForCharts, waitForSearch, type TrackedPage } from './browser.ts';
import { pageTypes } from './pages.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));

interface PledgeFront {
  owner?: string;
  category?: string;
  deadline?: string;
  review?: { status?: string; date?: string };
  closed?: { date?: string };
}

/** YAML front matter of a Markdown file (dates stay strings). */
function frontMatter(file: string): PledgeFront {
  const text = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text);
  if (!m) throw new Error(`${file} has no front matter`);
  return (yaml.load(m[1], { schema: yaml.CORE_SCHEMA }) ?? {}) as PledgeFront;
}

/** The completion rate of the sample, worked out from the files without src/. */
function expectedOverall(): { done: number; total: number; text: string } {
  const site = JSON.parse(readFileSync(join(contentDir, 'site.json'), 'utf8')) as { asOf: string; currentRound: string };
  const dir = join(contentDir, 'pledges', site.currentRound);
  let done = 0;
  let total = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
    const p = frontMatter(join(dir, f));
    const approved = p.review?.status === 'approved' && typeof p.review.date === 'string' && p.review.date <= site.asOf;
    if (!approved) continue;
    total += 1;
    if (typeof p.closed?.date === 'string' && p.closed.date <= site.asOf) done += 1;
  }
  const text = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    done / total,
  );
  return { done, total, text };
}

let browser: Browser;
let js: BrowserContext;
let noJs: BrowserContext;
let tp: TrackedPage;
let tpNoJs: TrackedPage;

beforeAll(async () => {
  browser = await launchBrowser();
  js = await newContext(browser);
  noJs = await newContext(browser, { javaScriptEnabled: false });
  tp = await openPage(js, inject('baseUrl'));
  tpNoJs = await openPage(noJs, inject('baseUrl'));
});
afterAll(async () => {
  await browser?.close();
});

describe('the overall completion rate', () => {
  test('on the home page is the rate the sample content works out to', async () => {
    const want = expectedOverall();
    expect(want.total, 'the sample has approved pledges').toBeGreaterThan(0);
    await tp.goto('');
    const rate = tp.page.getByTestId('overall-rate');
    expect((await rate.textContent())?.trim()).toBe(want.text);
    expect(await rate.getAttribute('data-done')).toBe(String(want.done));
    expect(await rate.getAttribute('data-total')).toBe(String(want.total));
    expect((await tp.page.getByTestId('published').textContent())?.trim()).toBe(String(want.total));
  });

  test('on the stats page is the same rate', async () => {
    const want = expectedOverall();
    await tp.goto('stats/');
    expect((await tp.page.getByTestId('overall-rate').textContent())?.trim()).toBe(want.text);
  });
});

interface CanvasInfo {
  caption: string;
  width: number;
  height: number;
  painted: number;
  visible: boolean;
}

function canvases(page: Page): Promise<CanvasInfo[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((fig) => {
      const c = fig.querySelector('canvas')!;
      let painted = 0;
      if (c.width > 0 && c.height > 0) {
        const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) painted += 1;
      }
      const r = c.getBoundingClientRect();
      return {
        caption: fig.querySelector('figcaption')?.textContent ?? '',
        width: r.width,
        height: r.height,
        painted,
        visible: c.checkVisibility(),
      };
    }),
  );
}

describe('the charts on /stats/', () => {
  test('are drawn by chart.js on a visible canvas when JavaScript is on', async () => {
    await tp.goto('stats/');
    await waitForCharts(tp.page);
    const found = await canvases(tp.page);
    expect(found.length, 'stats has charts').toBeGreaterThanOrEqual(3);
    for (const c of found) {
      expect(c.visible, `${c.caption}: canvas visible`).toBe(true);
      expect(c.width, `${c.caption}: canvas width`).toBeGreaterThan(0);
      expect(c.height, `${c.caption}: canvas height`).toBeGreaterThan(0);
      expect(c.painted, `${c.caption}: painted pixels`).toBeGreaterThan(100);
    }
  });

  test('each chart has a data table with the very numbers the chart draws', async () => {
    await tp.goto('stats/');
    const figs = await tp.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((fig) => ({
        data: JSON.parse(fig.querySelector('script[type="application/json"]')?.textContent ?? '{}') as {
          labels: string[];
          values: (number | null)[];
        },
        rows: [...fig.querySelectorAll('tbody tr')].map((tr) => ({
          label: tr.querySelector('th')?.textContent?.trim() ?? '',
          rate: tr.querySelector('td')?.textContent?.trim() ?? '',
        })),
      })),
    );
    for (const f of figs) {
      expect(f.rows.map((r) => r.label)).toEqual(f.data.labels);
      const shown = f.rows.map((r) => (r.rate.endsWith('%') ? Number.parseFloat(r.rate) : null));
      expect(shown).toEqual(f.data.values);
    }
  });

  test('with JavaScript off show the data tables and no canvas', async () => {
    await tpNoJs.goto('stats/');
    expect(await tpNoJs.page.evaluate(() => document.documentElement.dataset.js)).toBeUndefined();
    const found = await canvases(tpNoJs.page);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const c of found) expect(c.visible, `${c.caption}: canvas hidden without JS`).toBe(false);
    const figs = tpNoJs.page.locator('figure[data-chart]');
    for (let i = 0; i < found.length; i++) {
      const table = figs.nth(i).locator('table');
      await expect.poll(() => table.isVisible(), { timeout: 2000 }).toBe(true);
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await table.locator('tbody td.num').first().isVisible()).toBe(true);
    }
  });
});

describe('layout stability', () => {
  for (const path of ['', 'stats/', 'orgs/jiaoshi-yi/']) {
    test(`/${path} does not shift while its charts draw`, async () => {
      const ctx = await newContext(browser, { viewport: { width: 1280, height: 2400 } });
      try {
        const p = await openPage(ctx, inject('baseUrl'));
        await p.goto(path);
        await waitForCharts(p.page);
        await p.page.waitForTimeout(300);
        const shifts = await p.page.evaluate(
          () =>
            new Promise<{ sum: number; entries: number }>((resolve) => {
              let sum = 0;
              let entries = 0;
              new PerformanceObserver((list) => {
                for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
                  if (e.hadRecentInput) continue;
                  sum += e.value;
                  entries += 1;
                }
              }).observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => resolve({ sum, entries }), 300);
            }),
        );
        expect(shifts.sum, `${shifts.entries} layout-shift entries`).toBeLessThan(0.01);
      } finally {
        await ctx.close();
      }
    });
  }
});

describe('the 践诺台账 on /orgs/jiaoshi-yi/ with JavaScript off', () => {
  interface Row {
    category: string;
    status: string;
    visible: boolean;
  }
  const rows = (): Promise<Row[]> =>
    tpNoJs.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.ledger tbody tr')].map((tr) => ({
        category: tr.dataset.category ?? '',
        status: tr.dataset.status ?? '',
        visible: tr.checkVisibility(),
      })),
    );
  const pick = async (attr: 'data-filter-cat' | 'data-filter-status', value: string | null, fieldset: number) => {
    const page = tpNoJs.page;
    const label = value
      ? page.locator('.ledger label', { has: page.locator(`input[${attr}="${value}"]`) })
      : page.locator('.ledger fieldset').nth(fieldset).locator('label').first();
    await label.click();
  };
  const check = async (cat: string | null, status: string | null) => {
    const all = await rows();
    const want = all.filter((r) => (!cat || r.category === cat) && (!status || r.status === status));
    const shown = all.filter((r) => r.visible);
    const key = (r: Row) => `${r.category}/${r.status}`;
    expect(shown.length, `visible rows for category=${cat ?? '全部'} status=${status ?? '全部'}`).toBe(want.length);
    expect(shown.map(key)).toEqual(want.map(key));
  };

  test('shows every row until a filter is picked', async () => {
    await tpNoJs.goto('orgs/jiaoshi-yi/');
    const all = await rows();
    expect(all.length).toBeGreaterThan(10);
    expect(all.every((r) => r.visible)).toBe(true);
  });

  test('filters the rows by category when a category label is clicked', async () => {
    await tpNoJs.goto('orgs/jiaoshi-yi/');
    const cats = await tpNoJs.page
      .locator('.ledger input[data-filter-cat]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-filter-cat') ?? ''));
    expect(cats).toEqual(['study', 'work', 'discipline', 'service']);
    for (const c of cats) {
      await pick('data-filter-cat', c, 0);
      await check(c, null);
    }
    await pick('data-filter-cat', null, 0);
    await check(null, null);
  });

  test('filters the rows by status when a status label is clicked', async () => {
    await tpNoJs.goto('orgs/jiaoshi-yi/');
    const statuses = await tpNoJs.page
      .locator('.ledger input[data-filter-status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-filter-status') ?? ''));
    const present = [...new Set((await rows()).map((r) => r.status))];
    expect(statuses.sort()).toEqual(present.sort());
    for (const s of statuses) {
      await pick('data-filter-status', s, 1);
      await check(null, s);
    }
    await pick('data-filter-status', null, 1);
    await check(null, null);
  });

  test('combines a category filter with a status filter', async () => {
    await tpNoJs.goto('orgs/jiaoshi-yi/');
    await pick('data-filter-cat', 'work', 0);
    await pick('data-filter-status', 'in-progress', 1);
    await check('work', 'in-progress');
    await pick('data-filter-cat', 'service', 0);
    await pick('data-filter-status', 'overdue', 1);
    await check('service', 'overdue');
    expect((await rows()).filter((r) => r.visible).length).toBeGreaterThan(0);
  });
});

describe('no horizontal overflow', () => {
  const sizes = [
    { name: 'a 360 px phone', viewport: { width: 360, height: 740 } },
    { name: 'a 3840×2160 screen', viewport: { width: 3840, height: 2160 } },
  ];
  for (const size of sizes) {
    test(`no page type scrolls sideways on ${size.name}`, async () => {
      const ctx = await newContext(browser, { viewport: size.viewport });
      try {
        const p = await openPage(ctx, inject('baseUrl'));
        const wide: string[] = [];
        for (const pt of pageTypes) {
          await p.goto(pt.path);
          if (pt.charts) await waitForCharts(p.page);
          if (pt.search) await waitForSearch(p.page);
          const m = await p.page.evaluate(() => {
            const d = document.documentElement;
            const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
              .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1)
              .slice(0, 3)
              .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ')[0]}` : ''}`);
            return { scroll: d.scrollWidth, client: d.clientWidth, culprits };
          });
          if (m.scroll > m.client + 1)
            wide.push(`/${pt.path}: scrollWidth ${m.scroll} > clientWidth ${m.client} (${m.culprits.join(', ')})`);
        }
        expect(wide, wide.join('\n')).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }
});
