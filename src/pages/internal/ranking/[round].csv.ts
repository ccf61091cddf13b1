/**
 * The 考核评比 of a round as CSV (internal build only): every stage's table from src/lib/rankingTable.ts, one
 * after the other under a 阶段 column, the counts behind each figure in columns of their own. UTF-8 with a BOM
 * so Excel opens the Chinese correctly; a cell Excel would run as a formula is defused (src/lib/csv.ts).
 */
import type { APIRoute } from 'astro';
import { getBoard } from '../../../data/board.ts';
import { t } from '../../../i18n/t.ts';
import { getInternal } from '../../../data/internalData.ts';
import { csvDocument, type CsvValue } from '../../../lib/csv.ts';
import { flatTable, rankingTable, stageName } from '../../../lib/rankingTable.ts';

export async function getStaticPaths() {
  const board = await getBoard();
  if (board.scope !== 'internal') return [];
  return board.model.rounds.filter((r) => r.data.start <= board.asOf).map((r) => ({ params: { round: r.id } }));
}

/** A figure to four decimal places, as the ranking shows it; anything else as it is. */
function rounded(v: string | number | null): CsvValue {
  return typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : v;
}

export const GET: APIRoute = async ({ params }) => {
  const stages = (await getInternal())!
    .ranking(params.round ?? '')
    .map((s) => ({ label: stageName(s.stage), flat: flatTable(rankingTable(s.rows, s.stage)) }));
  // The whole round comes last and has the most columns; a stage's columns are the first of them.
  const header = stages.at(-1)?.flat.header ?? [];
  const rows: CsvValue[][] = [[t('ranking.csvStage'), ...header]];
  for (const s of stages) {
    for (const row of s.flat.rows) rows.push([s.label, ...row.map(rounded), ...Array<null>(header.length - row.length).fill(null)]);
  }
  return new Response(csvDocument(rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
