/** The open data's pledges as CSV (`/data/pledges.csv`): one row per published pledge, written by src/lib/csv.ts. */
import { csvDocument, type CsvValue } from '../lib/csv.ts';
import type { PublicPledge } from './publicRecords.ts';

const columns: [string, (p: PublicPledge) => CsvValue][] = [
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

/**
 * The CSV file of `pledges`: a header row, then one row per pledge.
 * @example pledgesCsv(publicPledges(board, site)) // → '\uFEFF编号,承诺人,…\r\n2026/zhang-san-1,张三,…\r\n'
 */
export function pledgesCsv(pledges: readonly PublicPledge[]): string {
  return csvDocument([columns.map(([h]) => h), ...pledges.map((p) => columns.map(([, get]) => get(p)))]);
}
