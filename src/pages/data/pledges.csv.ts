/** Open data as CSV: UTF-8 with a BOM so Excel opens the Chinese correctly. */
import type { APIRoute } from 'astro';
import { getBoard } from '../../data/board.ts';
import { publicPledges, type PublicPledge } from '../../data/publicRecords.ts';

const columns: [string, (p: PublicPledge) => string | number | null][] = [
  ['编号', (p) => p.id],
  ['承诺人', (p) => p.owner],
  ['所在组织', (p) => p.org],
  ['类别', (p) => p.categoryLabel],
  ['承诺事项', (p) => p.title],
  ['承诺内容', (p) => p.text],
  ['践诺措施', (p) => p.measuresText],
  ['完成时限', (p) => p.deadline],
  ['状态', (p) => p.statusLabel],
  ['最新进展日期', (p) => p.latestDate],
  ['最新进展', (p) => p.latestNote],
  ['完成进度（%）', (p) => p.progress],
  ['销号日期', (p) => p.closedOn],
  ['核实人', (p) => p.verifiedBy],
  ['督促整改', (p) => p.rectification],
  ['网址', (p) => p.url],
];

function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // Quote every cell that needs it; a leading = + - @ is defused so Excel never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const GET: APIRoute = async ({ site }) => {
  const board = await getBoard();
  const rows = publicPledges(board, site).map((p) => columns.map(([, get]) => cell(get(p))).join(','));
  const csv = `\uFEFF${[columns.map(([h]) => h).join(','), ...rows].join('\r\n')}\r\n`;
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
