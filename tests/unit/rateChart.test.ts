import { describe, expect, test } from 'vitest';
import type { Board } from '../../src/data/board.ts';
import { statsFigures } from '../../src/data/statsFigures.ts';
import { completionByCategory, completionRate, deadlineOutcomes, monthlyTrend, orgPledges } from '../../src/lib/completionRates.ts';
import { categoryRows, rateChart } from '../../src/lib/rateChart.ts';
import { index, pledge, withMembers, member } from '../fixtures/model.ts';

const rate = (done: number, total: number) => ({ done, total, rate: total ? done / total : null });

describe('rateChart', () => {
  const chart = rateChart({
    kind: 'bar',
    caption: '分类别完成率',
    labelHeader: '类别',
    rows: [
      { label: '学习', rate: rate(1, 3) },
      { label: '<script>', rate: rate(0, 0) },
    ],
    asOf: '2026-03-02',
    name: '测试党总支',
  });

  test('prints each rate to one decimal in the table, the counts beside it, and 暂无数据 for a rate with no pledges', () => {
    expect(chart.rows).toEqual([
      { label: '学习', rate: '33.3%', pace: '', done: 1, total: 3 },
      { label: '<script>', rate: '暂无数据', pace: '', done: 0, total: 0 },
    ]);
    expect(chart.title).toBe('分类别完成率（%）');
    expect(chart.source).toBe('数据来源：测试党总支践诺台账 · 截止日期：2026-03-02');
  });

  test('hands chart.js percentages, the printed texts, and no "<" that could end the script element', () => {
    expect(chart.json).not.toContain('<');
    expect(JSON.parse(chart.json)).toMatchObject({ kind: 'bar', labels: ['学习', '<script>'], values: [33.3, null], texts: ['33.3%', ''] });
    expect(chart.withPace).toBe(false);
  });

  test('a bar chart grows with its rows, within 12–40 rem; a line chart is 18 rem', () => {
    expect(chart.height).toBe(12);
    const many = Array.from({ length: 30 }, (_, i) => ({ label: String(i), rate: rate(1, 2) }));
    expect(rateChart({ kind: 'bar', caption: '', labelHeader: '', rows: many, asOf: '', name: '' }).height).toBe(40);
    expect(rateChart({ kind: 'line', caption: '', labelHeader: '', rows: many, asOf: '', name: '' }).height).toBe(18);
  });

  test('a trend carries the expected pace as a second series and column', () => {
    const trend = rateChart({
      kind: 'line',
      caption: '趋势',
      labelHeader: '月份',
      rows: [{ label: '2026-01', rate: rate(1, 4), pace: 0.0849 }],
      asOf: '2026-01-31',
      name: 'x',
    });
    expect(trend.withPace).toBe(true);
    expect(trend.rows[0].pace).toBe('8.5%');
    expect(JSON.parse(trend.json)).toMatchObject({ pace: [8.5], paceLabel: '应达进度' });
  });

  test('categoryRows names each category in Chinese', () => {
    expect(categoryRows([{ category: 'work', rate: rate(1, 1) }])).toEqual([
      { label: expect.stringMatching(/\p{Script=Han}/u), rate: rate(1, 1) },
    ]);
  });
});

describe('statsFigures', () => {
  const asOf = '2026-07-01';
  /** A board of the fixture model, with only what the statistics page reads. */
  function board(pledges: ReturnType<typeof pledge>[]): Board {
    const idx = index({ members: withMembers(member('m1'), member('m2')), pledges });
    const names = new Map<string, string>([...idx.model.orgs.map((o) => [o.id, o.data.name] as const)]);
    return {
      model: idx.model,
      index: idx,
      asOf,
      nameOf: (id: string) => names.get(id) ?? id,
      orgRate: (id: string) => completionRate(orgPledges(idx, id), asOf),
      byCategory: completionByCategory(idx.roundPledges, asOf),
      trend: monthlyTrend(idx.roundPledges, idx.round!.data, asOf),
      outcomes: deadlineOutcomes(idx.roundPledges, asOf),
    } as unknown as Board;
  }

  const figures = statsFigures(
    board([
      pledge('a', 'm1', { deadline: '2026-03-31', closed: { date: '2026-03-20', verifiedBy: 'sec' } }),
      pledge('b', 'm1', { deadline: '2026-03-31', closed: { date: '2026-04-02', verifiedBy: 'sec' } }),
      pledge('c', 'm2', { deadline: '2026-05-31' }),
      pledge('d', 'm2'),
      pledge('e', 'm2', { deadline: '2026-05-31', rectification: { note: '限期整改', deadline: '2026-07-31' } }),
    ]),
  );

  test('counts the deadline outcomes and their shares of all', () => {
    expect(Object.values(figures.outcomes).map((o) => [o.label, o.count, o.share])).toEqual([
      ['按期销号', 1, 0.2],
      ['逾期后销号', 1, 0.2],
      ['逾期未销号', 1, 0.2],
      ['限期整改中', 1, 0.2],
      ['尚未到期（进行中、未开始）', 1, 0.2],
    ]);
    expect(figures.outcomesTotal).toEqual({ label: '合计', count: 5, share: 1 });
  });

  test('gives the matrix a row per branch, then the whole organisation, a rate per category', () => {
    expect(figures.matrix.map((r) => r.label)).toEqual(['b1支部', 'top支部（全部）']);
    expect(figures.matrix[1].cells).toHaveLength(figures.matrixColumns.length);
    expect(figures.matrix[1].cells.reduce((n, c) => n + c.total, 0)).toBe(5);
  });

  test('charts by category, by branch and by month, counted at the board date', () => {
    expect(figures.byOrg?.rows).toEqual([{ label: 'b1支部', rate: '40.0%', pace: '', done: 2, total: 5 }]);
    expect(figures.trend.withPace).toBe(true);
    expect(figures.byCategory.source).toContain(asOf);
  });

  test('has no chart by branch when the top organisation has no branches, and no shares without pledges', () => {
    const empty = board([]);
    empty.index.children.set('top', []);
    const f = statsFigures(empty);
    expect(f.byOrg).toBeUndefined();
    expect(f.outcomesTotal).toEqual({ label: '合计', count: 0, share: null });
  });
});
