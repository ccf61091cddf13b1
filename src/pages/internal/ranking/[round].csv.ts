/**
 * The 考核评比 of a round as CSV (internal build only): every stage's table from src/lib/rankingTable.ts, one
 * after the other under a 阶段 column, the counts behind each figure in columns of their own. UTF-8 with a BOM
 * so Excel opens the Chinese correctly; a cell starting with = + - @ is defused so Excel never runs it.
 */
import type { APIRoute } from 'astro';
import { getBoard } from '../../../data/board.ts';
import { t } from '../../../i18n/t.ts';
import { getInternal } from '../../../data/internalData.ts';
import { flatTable, rankingTable, stageName } from '../../../lib/rankingTable.ts';

export async function getStaticPaths() {
  const board = await getBoard();
  if (board.scope !== 'internal') return [];
  return board.model.rounds.filter((r) => r.data.start <= board.asOf).map((r) => ({ params: { round: r.id } }));
}

function cell(v: string | number | null): string {
  const s = v === null ? '' : typeof v === 'number' ? String(Math.round(v * 10_000) / 10_000) : v;
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const GET: APIRoute = async ({ params }) => {
  const stages = (await getInternal())!
    .ranking(params.round ?? '')
    .map((s) => ({ label: stageName(s.stage), flat: flatTable(rankingTable(s.rows, s.stage)) }));
  // The whole round comes last and has the most columns; a stage's columns are the first of them.
  const header = stages.at(-1)?.flat.header ?? [];
  const lines = [[t('ranking.csvStage'), ...header].map(cell).join(',')];
  for (const s of stages) {
    for (const row of s.flat.rows) lines.push([s.label, ...row, ...Array<null>(header.length - row.length).fill(null)].map(cell).join(','));
  }
  return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
