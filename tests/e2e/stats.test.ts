/**
 * /stats/ adds to the home page what explains the figures: the org × category matrix, on-time against late,
 * and the trend with its expected pace. Every chart says what it measures and in what unit, names its source
 * and date, and prints the same values (one decimal) in its table and on its bars.
 */
import { describe, expect, test } from 'vitest';
import { describeLog, useTrackedPage, waitForCharts, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));

const cellsOf = (selector: string) =>
  tp.page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));

describe('/stats/', () => {
  test('the whole organisation’s row of the matrix is the by-category chart’s table', async () => {
    await tp.goto('stats/');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    const matrix = await cellsOf('[data-testid="matrix"]');
    const whole = matrix.find((r) => r[0].endsWith('（全部）'))!;
    const byCategory = await cellsOf('#stats-category');
    // Each category's rate and counts, as the chart's table prints them: 33.3% and （done/total）.
    expect(whole.slice(1)).toEqual(byCategory.map((r) => `${r[1]}（${r[2]}/${r[3]}）`));
    expect(matrix.length).toBeGreaterThan(1);
  });

  test('on time, late, overdue, under rectification and not yet due add up to every published pledge, with shares to one decimal', async () => {
    await tp.goto('');
    const published = Number((await tp.page.getByTestId('published').textContent())?.replace(/,/g, ''));
    await tp.goto('stats/');
    const rows = await cellsOf('[data-testid="deadlines"]');
    expect(rows.map((r) => r[0])).toEqual(['按期销号', '逾期后销号', '逾期未销号', '限期整改中', '尚未到期（进行中、未开始）']);
    expect(rows.reduce((a, r) => a + Number(r[1]), 0)).toBe(published);
    for (const r of rows) expect(r[2]).toMatch(/^\d{1,3}\.\d%$/);
    const total = await tp.page.locator('[data-testid="deadlines"] tfoot td').allTextContents();
    expect(total).toEqual([String(published), '100.0%']);
  });

  test('the trend’s pace is the share of the pledges that had fallen due by each month end', async () => {
    await tp.goto('stats/');
    const header = await tp.page.locator('#stats-trend thead th').allTextContents();
    expect(header).toContain('应达进度');
    expect(await tp.page.locator('#stats-trend figcaption').textContent()).toContain('已到完成时限的承诺');
    const rows = await cellsOf('#stats-trend');
    const pace = rows.map((r) => Number(r[2].replace('%', '')));
    // The sample's deadlines: the first in June, most on 12-31 (not yet come on 2025-12-26), so the pace stays far
    // below the share of the year elapsed (98.6% in December) that it used to draw.
    expect(rows.map((r) => r[0]).slice(-4)).toEqual(['2025-09', '2025-10', '2025-11', '2025-12']);
    expect(pace.slice(-4)).toEqual([4.8, 8.3, 16.7, 34.1]);
    for (let i = 1; i < pace.length; i += 1) expect(pace[i]).toBeGreaterThanOrEqual(pace[i - 1]);
  });

  test('each chart has a title with its unit, a definition, a source line with the date, and the table’s values on its bars', async () => {
    await tp.goto('stats/');
    await waitForCharts(tp.page);
    const asOf = /统计截止日期：(\d{4}-\d{2}-\d{2})/.exec((await tp.page.locator('footer').textContent()) ?? '')?.[1];
    for (const fig of await tp.page.locator('[data-chart]').all()) {
      expect(await fig.locator('figcaption .title').textContent()).toMatch(/（%）$/);
      expect(await fig.locator('figcaption .definition').textContent()).toContain('完成率：');
      expect(await fig.locator('.source').textContent()).toMatch(new RegExp(`^数据来源：.+践诺台账 · 截止日期：${asOf}$`));
      const data = JSON.parse((await fig.locator('script[type="application/json"]').textContent()) ?? '{}') as {
        texts: string[];
        axis: string;
      };
      const table = (
        await fig.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r.querySelector('td')?.textContent ?? '').trim()))
      ).map((x) => (x === '暂无数据' ? '' : x));
      expect(data.texts).toEqual(table);
      expect(data.axis).toBe('完成率（%）');
    }
  });
});
