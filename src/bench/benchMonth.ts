/**
 * `npm run bench:month [-- --org jiaoshi-yi --month 2025-12]`: what a month of ledger records costs a secretary.
 *
 * Runs the CMS as `npm start` does (decap-server plus `astro dev` on a throw-away copy of the project) and
 * drives Debian's Chromium through the real admin, recording one record for every pledge of one branch (the
 * sample's 第一教师党支部, 15 members) that owes one for the month, twice, each on a fresh copy:
 * - through 本月记实: choose the branch, fill 进展情况 and 完成进度 per row, one 保存;
 * - through Decap's per-pledge editor: open the list, open the pledge, 新增记实, date, 进展情况, 完成进度,
 *   保存 → 立即保存, back to the list.
 * Each user action (a click, or an entry into a field) is counted as the script makes it; typing the words
 * themselves is one entry. It prints, per way: pledges, actions (total, per pledge, and per pledge beyond
 * typing the words), saves, and machine time (the script's wall time, no human thinking). And how soon
 * 本月记实 is usable: from opening #/month (logged in, warm) until its rows are listed, median of 5. It checks
 * the records landed, and asserts nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startCms, type CmsServer } from '../../tests/e2e/cms/cmsServer.ts';
import { DecapUi, launchCmsBrowser } from '../../tests/e2e/cms/decapUi.ts';

const { values } = parseArgs({
  options: { org: { type: 'string', default: 'jiaoshi-yi' }, month: { type: 'string', default: '2025-12' } },
});
const org = values.org!;
const month = values.month!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const note = (i: number) => `本月第${i + 1}项进展：按计划推进，完成阶段任务`;

interface Run {
  pledges: number;
  actions: number;
  /** Entries of the words themselves (one per pledge). */
  wordEntries: number;
  saves: number;
  ms: number;
}

async function session(browser: Browser): Promise<{ cms: CmsServer; page: Page; ui: DecapUi }> {
  const cms = await startCms();
  const page = await (
    await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } })
  ).newPage();
  await page.goto(cms.adminUrl());
  const ui = new DecapUi(page);
  await ui.login();
  return { cms, page, ui };
}

async function openMonth(page: Page, adminUrl: string): Promise<void> {
  await page.goto(`${adminUrl}#/month`);
  await page.locator('[data-pb-month="summary"]').waitFor({ timeout: 60_000 });
}

/** The owed pledges of the branch for the month, as 本月记实 lists them (the list both ways work through). */
async function owedPaths(page: Page): Promise<string[]> {
  await page.locator('[data-pb-month="org"]').selectOption(org);
  await page.locator('[data-pb-month="period"]').selectOption(month);
  await page.locator('[data-pb-month="summary"]', { hasText: month }).waitFor();
  return page.locator('[data-pb-month-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pb-month-row') ?? ''));
}

async function throughMonthPage(page: Page, adminUrl: string): Promise<Run & { paths: string[] }> {
  await openMonth(page, adminUrl);
  let actions = 0;
  const started = performance.now();
  // Choosing the branch and the month: two actions (the page remembers the branch next time).
  const paths = await owedPaths(page);
  actions += 2;
  for (const [i, path] of paths.entries()) {
    const row = page.locator(`[data-pb-month-row="${path}"]`);
    await row.getByLabel(/的进展情况$/).fill(note(i));
    await row.getByLabel(/的完成进度（%）$/).fill(String(50 + (i % 50)));
    actions += 2;
  }
  await page.locator('[data-pb-month="save"]').click();
  actions += 1;
  await page.locator('[data-pb-month="saved"]').waitFor({ timeout: 120_000 });
  return { pledges: paths.length, actions, wordEntries: paths.length, saves: 1, ms: performance.now() - started, paths };
}

async function throughEditor(page: Page, ui: DecapUi, adminUrl: string, paths: string[]): Promise<Run> {
  let actions = 0;
  let saves = 0;
  const started = performance.now();
  for (const [i, path] of paths.entries()) {
    const slug = path.replace(/^content\/pledges\//, '').replace(/\.md$/, '');
    // The list, then the pledge in it.
    await page.goto(`${adminUrl}#/collections/pledges`);
    actions += 1;
    const entry = page.locator(`a[href$="/entries/${slug}"]`).first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    actions += 1;
    await page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^新增践诺台账/ }).click();
    actions += 1;
    const n = await page
      .locator('label')
      .filter({ hasText: /^记实日期/ })
      .count();
    await ui.fill('记实日期', `${month}-28`, n - 1);
    await ui.fill('进展情况', note(i), n - 1);
    await ui.fill('完成进度（%）', String(50 + (i % 50)), n - 1);
    actions += 3;
    const r = await ui.publish();
    actions += 2;
    saves += 1;
    if (!r.ok) throw new Error(`保存被拒绝：${[...r.toasts, ...r.fieldErrors].join('；')}`);
    await ui.back();
    actions += 1;
  }
  return { pledges: paths.length, actions, wordEntries: paths.length, saves, ms: performance.now() - started };
}

function landed(cms: CmsServer, paths: string[]): number {
  return paths.filter((p) => readFileSync(join(cms.dir, p), 'utf8').includes('按计划推进，完成阶段任务')).length;
}

function line(name: string, r: Run): string {
  const per = (x: number) => (x / Math.max(1, r.pledges)).toFixed(1);
  return `${name.padEnd(16)} ${String(r.pledges).padStart(7)} ${String(r.actions).padStart(8)} ${per(r.actions).padStart(10)} ${per(r.actions - r.wordEntries).padStart(16)} ${String(r.saves).padStart(6)} ${`${(r.ms / 1000).toFixed(1)} s`.padStart(10)}`;
}

const browser = await launchCmsBrowser();
try {
  // 1. 本月记实, on a fresh copy; first how soon the page is usable.
  const a = await session(browser);
  let month1: Run & { paths: string[] };
  const usable: number[] = [];
  try {
    await openMonth(a.page, a.cms.adminUrl());
    for (let i = 0; i < 5; i++) {
      await a.page.goto(`${a.cms.adminUrl()}#/collections/pledges`);
      await a.page.locator('a[href*="/collections/pledges/entries/"]').first().waitFor({ timeout: 60_000 });
      const t0 = performance.now();
      await a.page.getByRole('link', { name: '本月记实' }).click();
      await a.page.locator('[data-pb-month-row]').first().waitFor({ timeout: 60_000 });
      usable.push(performance.now() - t0);
    }
    month1 = await throughMonthPage(a.page, a.cms.adminUrl());
    const ok = landed(a.cms, month1.paths);
    if (ok !== month1.pledges) throw new Error(`本月记实只写入了 ${ok} / ${month1.pledges} 项。`);
  } finally {
    await a.page.context().close();
    await a.cms.stop();
  }
  // 2. The per-pledge editor, on another fresh copy, for the same pledges.
  const b = await session(browser);
  let editor: Run;
  try {
    editor = await throughEditor(b.page, b.ui, b.cms.adminUrl(), month1.paths);
    const ok = landed(b.cms, month1.paths);
    if (ok !== month1.pledges) throw new Error(`编辑器只写入了 ${ok} / ${month1.pledges} 项。`);
  } finally {
    await b.page.context().close();
    await b.cms.stop();
  }
  console.log(`\n一个月的践诺记实：${org}，${month}（每项承诺一条记实，两种方式各在一份新的项目副本上）\n`);
  console.log(`${'way'.padEnd(16)} pledges  actions per pledge  beyond words/pl.  saves  machine`);
  console.log(line('本月记实', month1));
  console.log(line('per-pledge editor', editor));
  console.log(
    `\n本月记实 usable (rows listed after clicking its link, logged in, warm): median ${(median(usable) / 1000).toFixed(2)} s of ${usable.map((x) => (x / 1000).toFixed(2)).join(', ')} s  (aim ≤ 3 s)`,
  );
  console.log(
    `aim: ≤ 4 actions per pledge beyond typing the words, and one save for the month: 本月记实 ${((month1.actions - month1.wordEntries) / month1.pledges).toFixed(1)} actions, ${month1.saves} save`,
  );
} finally {
  await browser.close();
}
