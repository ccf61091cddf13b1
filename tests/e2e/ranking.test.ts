/**
 * The 考核评比 page of the internal build in real Chromium: it loads cleanly, it compares the branches by the
 * round's own stages (content/rounds/2025.md, 篇三) with the running one marked, its tables show the figures its
 * charts draw and its charts the real 截止日期, it states its method, it lists the upper organisation's check,
 * clicking a column header sorts the table, axe finds no WCAG 2.2 A/AA violation, and the public build has no
 * such page.
 */
import { describe, expect, inject, test } from 'vitest';
import { axeReport, axeViolations } from './axe.ts';
import { describeLog, useTrackedPage, waitForCharts, type TrackedPage } from './browser.ts';

const path = 'internal/ranking/2025/';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p), undefined, 'internal');

async function open(): Promise<void> {
  const res = await tp.goto(path);
  expect(res.status()).toBe(200);
  await waitForCharts(tp.page);
  await tp.page.waitForSelector('table.ranking th > button');
}

/** The rows of a stage's ranking table: org name, and each cell's data-sort and visible text by column key. */
function tableRows(stage: string) {
  return tp.page.$$eval(`#stage-${stage} table.ranking`, ([table]) => {
    const keys = [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('data-col') ?? '');
    return [...table.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.children];
      const get = (key: string) => cells[keys.indexOf(key)];
      return {
        name: get('name').textContent?.trim() ?? '',
        values: Object.fromEntries(keys.map((k) => [k, get(k).getAttribute('data-sort') ?? ''])),
        texts: Object.fromEntries(keys.map((k) => [k, (get(k).firstChild?.textContent ?? '').trim()])),
      };
    });
  });
}

/** A percentage as the page writes it (3.3%), as a number; 暂无数据 as null. */
const percent = (text: string) => (/%$/.test(text) ? Number(text.replace('%', '')) : null);

describe('the 考核评比 page (internal build)', () => {
  test('loads without console errors, failed requests or requests leaving the site', async () => {
    await open();
    await tp.page.waitForLoadState('networkidle');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    expect(tp.log.offSite, describeLog(tp.log)).toEqual([]);
  });

  test('has a section for each of the round’s stages begun by 2025-12-26 and the whole round, each table showing its chart’s figures', async () => {
    await open();
    const stages = await tp.page.$$eval('section.stage', (ss) => ss.map((s) => s.getAttribute('data-stage')));
    expect(stages).toEqual(['chengnuo', 'shinuo', 'jiannuo', 'pingnuo', 'jiangnuo', 'round']);
    const headings = await tp.page.$$eval('section.stage h2', (hs) => hs.map((h) => h.textContent?.trim()));
    expect(headings).toEqual([
      '承诺（2025-01-01 至 2025-02-25）',
      '示诺（2025-02-26 至 2025-03-15）',
      '践诺（2025-03-16 至 2025-11-30）',
      '评诺（2025-12-01 至 2025-12-24）',
      '奖诺（2025-12-25 至 2025-12-31，进行中，数据截至 2025-12-26）',
      '全轮（2025-01-01 至 2025-12-26）',
    ]);
    expect(await tp.page.$$eval('section.stage[data-running]', (ss) => ss.map((s) => s.getAttribute('data-stage')))).toEqual(['jiangnuo']);
    expect(await tp.page.locator('nav.stages').textContent()).toContain('奖诺（进行中）');
    for (const stage of stages as string[]) {
      const chart = JSON.parse((await tp.page.locator(`#chart-${stage} script[type="application/json"]`).textContent()) ?? '{}') as {
        labels: string[];
        values: (number | null)[];
      };
      const rows = await tableRows(stage);
      expect(
        rows.map((r) => r.name),
        stage,
      ).toEqual(chart.labels);
      expect(
        rows.map((r) => percent(r.texts.completion)),
        stage,
      ).toEqual(chart.values);
      expect(
        rows.map((r) => (r.values.completion === '' ? null : Math.round(Number(r.values.completion) * 1000) / 10)),
        stage,
      ).toEqual(chart.values);
    }
    // The whole round adds the evaluation columns; the 党总支 has its own row.
    const round = await tableRows('round');
    expect(round.map((r) => r.name)).toContain('青山市实验中学党总支');
    expect(Object.keys(round[0].values)).toEqual([
      'rank',
      'name',
      'completion',
      'onTime',
      'records',
      'checks',
      'bulletins',
      'upperChecks',
      'upperAffirmed',
      'coverage',
      'panel',
      'averageScore',
    ]);
    expect(Object.keys((await tableRows('jiannuo'))[0].values)).toEqual([
      'rank',
      'name',
      'completion',
      'onTime',
      'records',
      'checks',
      'bulletins',
      'upperChecks',
      'upperAffirmed',
    ]);
  });

  test('each chart’s source line gives the date its figures are counted at, never a bare placeholder', async () => {
    await open();
    const sources = await tp.page.$$eval('section.stage figure.chart .source', (ps) => ps.map((p) => p.textContent?.trim() ?? ''));
    expect(sources.map((s) => s.match(/截止日期：(.*)$/)?.[1])).toEqual([
      '2025-02-25',
      '2025-03-15',
      '2025-11-30',
      '2025-12-24',
      '2025-12-26',
      '2025-12-26',
    ]);
    expect(await tp.page.content()).not.toMatch(/\{asOf\}|\{\w+\}/);
    expect(await tp.page.locator('main').textContent()).toContain('数据截至 2025-12-26');
  });

  test('states its method: no weights, the order the figures are compared in, what is listed only', async () => {
    await open();
    const method = tp.page.locator('section.method');
    expect(await method.locator('h2').textContent()).toBe('评比方法');
    const text = (await method.textContent()) ?? '';
    expect(text).toContain('各项指标没有权重');
    expect(text).toContain('每个阶段结束时开展阶段考核评比');
    const rows = await method.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
    expect(rows.slice(0, 4)).toEqual([
      ['完成率', '第一比较项'],
      ['按期完成率', '第二比较项'],
      ['记实率', '第三比较项'],
      ['平均综合得分', '第四比较项（只在全轮评比中）'],
    ]);
    expect(rows).toContainEqual(['上级检查', '只列出，不计入名次']);
    expect(rows).toContainEqual(['上级肯定', '不计入名次；获得肯定的优先列入拟表彰名单']);
  });

  // content/checks/2025/jiaoshi-er-q4-upper.md: the 党总支's 随机检查 of the 高中部 branch on 2025-11-12, affirmed.
  test('lists the upper organisation’s random check of the 高中部 branch in 践诺 and the whole round', async () => {
    await open();
    for (const stage of ['jiannuo', 'round']) {
      const cells = await tp.page.$$eval(`#stage-${stage} table.ranking`, ([table]) => {
        const keys = [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('data-col') ?? '');
        const tr = table.querySelector('tbody tr[data-org="jiaoshi-er"]')!;
        return Object.fromEntries(keys.map((k, i) => [k, [...tr.children][i].textContent?.replace(/\s+/g, '') ?? '']));
      });
      expect(cells.upperChecks, stage).toBe('1次随机检查1次');
      expect(cells.upperAffirmed, stage).toBe('1次');
    }
    const pingnuo = (await tableRows('pingnuo')).find((r) => r.name === '第二教师党支部（高中部）')!;
    expect(pingnuo.texts.upperChecks).toBe('0 次');
    const other = (await tableRows('round')).find((r) => r.name === '第一教师党支部（初中部）')!;
    expect(other.values.upperChecks).toBe('0');
  });

  test('sorts a table by the column whose header is clicked, numbers as numbers and missing figures last', async () => {
    await open();
    const header = (stage: string, col: string) => tp.page.locator(`#stage-${stage} th[data-col="${col}"]`);
    const names = async (stage: string) => (await tableRows(stage)).map((r) => r.name);
    const values = async (stage: string, col: string) =>
      (await tableRows(stage)).map((r) => (r.values[col] === '' ? null : Number(r.values[col])));

    const byRank = await names('round');
    await header('round', 'name').locator('button').click();
    expect(await header('round', 'name').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('round', 'rank').getAttribute('aria-sort')).toBeNull();
    const collated = [...byRank].sort(new Intl.Collator('zh-CN').compare);
    expect(await names('round')).toEqual(collated);
    expect(collated).not.toEqual(byRank);

    await header('round', 'records').locator('button').click();
    expect(await header('round', 'records').getAttribute('aria-sort')).toBe('descending');
    const records = await values('round', 'records');
    expect(records).toEqual([...records].sort((a, b) => (b ?? 0) - (a ?? 0)));

    // The whole round's average score: three branches have an evaluation, the 党总支's own members none (no figure).
    // Numbers sort as numbers and the missing figure stays last, in both directions.
    await header('round', 'averageScore').locator('button').click();
    expect(await header('round', 'averageScore').getAttribute('aria-sort')).toBe('descending');
    const scores = await values('round', 'averageScore');
    const numbers = scores.filter((x): x is number => x !== null);
    expect(numbers.length).toBe(3);
    expect(scores).toEqual([...[...numbers].sort((a, b) => b - a), null]);
    await header('round', 'averageScore').locator('button').click();
    expect(await header('round', 'averageScore').getAttribute('aria-sort')).toBe('ascending');
    expect(await values('round', 'averageScore')).toEqual([...[...numbers].sort((a, b) => a - b), null]);
  });

  test('is a plain table without JavaScript: every row is in the HTML and no header is a button', async () => {
    const html = await (await fetch(tp.url(path))).text();
    expect(html.match(/<table class="ranking"/g)?.length).toBe(6);
    expect(html).not.toMatch(/<th[^>]*>\s*<button/);
    // The Excel file is a download beside the table, not a command to run (tests/e2e/downloads.test.ts opens it).
    expect(html).toContain('href="/internal/downloads/ranking-2025.xlsx"');
    expect(html).not.toContain('npm run export');
    const csv = await fetch(tp.url('internal/ranking/2025.csv'));
    expect(csv.status).toBe(200);
    const text = await csv.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF?阶段,名次,党组织,完成率/);
    expect(lines[0]).toContain(',上级检查,经常性督查,随机检查,上级肯定,');
    expect(lines.filter((l) => l.startsWith('奖诺（进行中）,')).length).toBeGreaterThan(0);
  });

  test('has no WCAG 2.2 A/AA violation that axe-core can find', async () => {
    await open();
    const violations = await axeViolations(tp.page);
    expect(violations, axeReport(violations)).toEqual([]);
  });

  test('does not exist in the public build', async () => {
    const base = inject('baseUrl');
    expect((await fetch(new URL(path, base))).status).toBe(404);
    expect((await fetch(new URL('internal/ranking/2025.csv', base))).status).toBe(404);
  });
});
