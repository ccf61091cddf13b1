/**
 * Every figure the statistics page (/stats/) shows: the charts by category, by branch and by month, the
 * branch × category matrix and the deadline outcomes with their shares. The page only formats and writes them.
 */
import { t } from '../i18n/t.ts';
import { categoryMatrix, type DeadlineOutcomes, type Rate } from '../lib/completionRates.ts';
import { categoryRows, type RateChartFigures } from '../lib/rateChart.ts';
import { categories } from '../schemas/options.ts';
import type { Board } from './board.ts';
import { boardChart, branchRows } from './boardCharts.ts';

/** One outcome of the deadline table: how many pledges, and their share of all (null when there are none). */
export interface OutcomeRow {
  label: string;
  count: number;
  share: number | null;
}

export interface StatsFigures {
  byCategory: RateChartFigures;
  /** Absent when the top org has no branches. */
  byOrg?: RateChartFigures;
  trend: RateChartFigures;
  /** The matrix's column headings: the categories' names. */
  matrixColumns: string[];
  /** One row per branch, then the whole organisation: a rate per category, in `matrixColumns` order. */
  matrix: { label: string; cells: Rate[] }[];
  /** 按期销号, 逾期后销号, 逾期未销号, 限期整改中, 尚未到期: the home page's counts, with their shares. */
  outcomes: Record<keyof DeadlineOutcomes, OutcomeRow>;
  outcomesTotal: OutcomeRow;
}

/** The figures of the statistics page, from the board. */
export function statsFigures(board: Board): StatsFigures {
  const top = board.model.site.data.topOrg;
  const branches = branchRows(board);
  // The org × category matrix: each branch (sub-orgs rolled up) and the whole organisation.
  const matrix = categoryMatrix(board.index, [...branches.map((b) => b.id), top], board.asOf).map((row) => ({
    label: row.org === top ? t('stats.wholeOrg', { name: board.nameOf(top) }) : board.nameOf(row.org),
    cells: row.cells.map((c) => c.rate),
  }));
  const o = board.outcomes;
  const total = o.onTime + o.late + o.overdue + o.rectifying + o.notDue;
  const row = (label: string, count: number): OutcomeRow => ({ label, count, share: total ? count / total : null });
  return {
    byCategory: boardChart(board, {
      kind: 'bar',
      caption: t('board.byCategory'),
      labelHeader: t('col.category'),
      rows: categoryRows(board.byCategory),
    }),
    byOrg: branches.length
      ? boardChart(board, { kind: 'bar', caption: t('board.byOrg'), labelHeader: t('col.org'), rows: branches })
      : undefined,
    trend: boardChart(board, {
      kind: 'line',
      caption: t('board.trend'),
      labelHeader: t('col.month'),
      rows: board.trend.map((m) => ({ label: m.month, rate: m.rate, pace: m.pace })),
    }),
    matrixColumns: categories.map((c) => c.label),
    matrix,
    outcomes: {
      onTime: row(t('stats.onTime'), o.onTime),
      late: row(t('stats.late'), o.late),
      overdue: row(t('stats.overdue'), o.overdue),
      rectifying: row(t('stats.rectifying'), o.rectifying),
      notDue: row(t('stats.notDue'), o.notDue),
    },
    outcomesTotal: row(t('stats.total'), total),
  };
}
