/**
 * The board's charts of rates: the figures src/components/RateChart.astro writes out (src/lib/rateChart.ts),
 * with the board's name in the source line and, unless told otherwise, the board's as-of date.
 */
import type { IsoDate } from '../lib/dates.ts';
import { rateChart, type RateChartFigures, type RateRow } from '../lib/rateChart.ts';
import type { Board } from './board.ts';

/** @example boardChart(board, { kind: 'bar', caption: t('board.byOrg'), labelHeader: t('col.org'), rows: branchRows(board) }) */
export function boardChart(
  board: Board,
  o: { kind: 'bar' | 'line'; caption: string; labelHeader: string; rows: readonly RateRow[]; asOf?: IsoDate },
): RateChartFigures {
  return rateChart({ ...o, asOf: o.asOf ?? board.asOf, name: board.model.site.data.name });
}

/** The branches under the top org (each with its sub-orgs rolled up), by name, with their completion rates. */
export function branchRows(board: Board): (RateRow & { id: string })[] {
  return (board.index.children.get(board.model.site.data.topOrg) ?? []).map((id) => ({
    id,
    label: board.nameOf(id),
    rate: board.orgRate(id),
  }));
}
