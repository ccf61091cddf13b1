/**
 * Numbers that are honest in the middle of a round (issue 24): the home page leads with the completion of what has
 * fallen due and counts the pledges still within their deadline on their own, so a reader never takes “not due
 * yet” for “failing”; 逾期 has one meaning on every page, with 限期整改 counted apart; the trend's 应达进度 is what
 * had fallen due; the footer names its dates for what they are. The sample is read on its own as-of date
 * (2025-12-26, the run's shared build) and on 2025-06-30 (a build of the same content with AS_OF).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { builtSite } from '../build/sites.ts';
import { describeLog, launchBrowser, newContext, openPage, type TrackedPage } from './browser.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';
import { inject } from 'vitest';

let browser: Browser;
let tp: TrackedPage;
let midYear: TrackedPage;
let server: StaticServer;

beforeAll(async () => {
  const june = builtSite({ name: 'sample-2025-06-30', env: { SITE: '', AS_OF: '2025-06-30' } });
  server = await startStaticServer(june.outDir);
  browser = await launchBrowser();
  tp = await openPage(await newContext(browser), inject('baseUrl'));
  midYear = await openPage(await newContext(browser), `${server.origin}/`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The home page's figures as a reader sees them. */
async function homeFigures(p: TrackedPage) {
  await p.goto('');
  expect(p.errors(), describeLog(p.log)).toEqual([]);
  const text = async (id: string) => ((await p.page.getByTestId(id).textContent()) ?? '').trim();
  const due = p.page.getByTestId('due-rate');
  return {
    // The headline: the completion of what has fallen due, first in the page.
    headline: await p.page.locator('.summary .card').first().locator('.label').textContent(),
    due: `${await text('due-rate')} ${await due.getAttribute('data-done')}/${await due.getAttribute('data-total')}`,
    dueDetail: (await p.page.locator('.summary .card').first().locator('.detail').textContent())?.trim(),
    notDue: await text('not-due'),
    notDueDetail: (await p.page.getByTestId('not-due-card').locator('.muted').textContent())?.trim(),
    published: await text('published'),
    closed: await text('closed'),
    overdue: await text('overdue'),
    rectifying: await text('rectifying'),
    overall: await text('overall-rate'),
  };
}

describe('the home page in the middle of a round', () => {
  test('on 2025-12-26: 29 pledges due or done, 24 done (22 on time); 56 not yet due of 85; overdue 1, under rectification 4', async () => {
    const f = await homeFigures(tp);
    expect(f).toEqual({
      headline: '到期承诺完成率',
      due: '82.8% 24/29',
      dueDetail: '已到完成时限或已提前销号的 29 项中，已销号 24 项，其中按期 22 项',
      notDue: '56',
      notDueDetail: '占全部公开承诺的 65.9%。完成时限还没到，正在践诺，不是未完成。',
      published: '85',
      closed: '24',
      overdue: '1',
      rectifying: '4',
      // The whole year's completion is still there, in words, for what it is: 24 of all 85.
      overall: '28.2%',
    });
  });

  test('on 2025-06-30: 1 pledge due, done on time; 83 of 84 not yet due; nothing overdue', async () => {
    const f = await homeFigures(midYear);
    expect(f).toEqual({
      headline: '到期承诺完成率',
      due: '100.0% 1/1',
      dueDetail: '已到完成时限或已提前销号的 1 项中，已销号 1 项，其中按期 1 项',
      notDue: '83',
      notDueDetail: '占全部公开承诺的 98.8%。完成时限还没到，正在践诺，不是未完成。',
      published: '84',
      closed: '1',
      overdue: '0',
      rectifying: '0',
      overall: '1.2%',
    });
  });

  test('the counts partition the published pledges, as the full ledger’s statuses do', async () => {
    for (const p of [tp, midYear]) {
      const f = await homeFigures(p);
      await p.goto('lists/all/');
      const statuses = await p.page.locator('tbody tr').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.status ?? ''));
      const count = (...s: string[]) => String(statuses.filter((x) => s.includes(x)).length);
      expect(String(statuses.length)).toBe(f.published);
      expect(count('closed', 'closed-late')).toBe(f.closed);
      expect(count('overdue')).toBe(f.overdue);
      expect(count('rectifying')).toBe(f.rectifying);
      expect(count('in-progress', 'not-started')).toBe(f.notDue);
    }
  });
});

describe('one 逾期 everywhere', () => {
  test('the home page, the stats table, the lists and the screen give the same overdue and rectification counts', async () => {
    const f = await homeFigures(tp);
    await tp.goto('stats/');
    const row = async (k: string) =>
      ((await tp.page.locator(`[data-testid="deadlines"] tr[data-outcome="${k}"] td`).first().textContent()) ?? '').trim();
    expect(await row('overdue')).toBe(f.overdue);
    expect(await row('rectifying')).toBe(f.rectifying);
    expect(await row('notDue')).toBe(f.notDue);
    expect(await tp.page.locator('[data-testid="deadlines"] tr[data-outcome="overdue"] th').textContent()).toBe('逾期未销号');
    for (const [kind, want] of [
      ['overdue', f.overdue],
      ['rectifying', f.rectifying],
      ['not-due', f.notDue],
    ]) {
      await tp.goto(`lists/${kind}/`);
      expect(await tp.page.locator('tbody tr').count(), kind).toBe(Number(want));
    }
    await tp.goto('screen/');
    expect((await tp.page.getByTestId('screen-overdue').textContent())?.trim()).toBe(f.overdue);
    expect((await tp.page.getByTestId('screen-rectifying').textContent())?.trim()).toBe(f.rectifying);
    expect((await tp.page.getByTestId('screen-due').textContent())?.trim()).toBe(f.due.split(' ')[0]);
  });
});

describe('the dates and the method, in words', () => {
  test('the footer names the cut-off date and the content’s date; /about/ explains the due rate, 逾期 and the pace', async () => {
    await tp.goto('');
    const footer = (await tp.page.locator('footer').textContent()) ?? '';
    expect(footer).toContain('统计截止日期：2025-12-26');
    expect(footer).not.toContain('网站生成日期');
    await tp.goto('about/');
    const about = (await tp.page.locator('main').textContent()) ?? '';
    expect(about).toContain('到期承诺完成率 = 已销号的承诺数 ÷（已到完成时限的承诺数 + 提前销号的承诺数）');
    expect(about).toContain('正在限期整改的单独计为“限期整改中”');
    expect(about).toContain('应达进度是同一天已到完成时限的承诺所占的百分比');
  });
});
