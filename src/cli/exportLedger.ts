/**
 * `npm run export -- ledger [--round 2025] [--out 台账.xlsx] [--content DIR]`
 * Writes the 践诺台账 of a round as an Excel workbook: one row per approved
 * pledge, with the latest record, status and check-off.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { toIsoDate } from '../lib/dates.ts';
import { indexContent } from '../lib/contentIndex.ts';
import { fulfilmentOf, latestRecord } from '../lib/pledgeStatus.ts';
import { checkContent } from '../loader/checkContent.ts';
import { categories, labelOf } from '../schemas/options.ts';
import { t } from '../i18n/t.ts';

/** The ledger workbook of `round` (default: the current round). */
export async function ledgerWorkbook(dir: string, round?: string): Promise<{ workbook: ExcelJS.Workbook; rows: number } | { error: string }> {
  const result = checkContent(dir, toIsoDate(new Date()));
  if (!result.model || result.errors.length) return { error: '内容有错误,请先运行 npm run check 并改正。' };
  const model = result.model;
  const asOf = result.asOf ?? toIsoDate(new Date());
  const roundId = round ?? model.site.data.currentRound;
  if (!model.rounds.some((r) => r.id === roundId)) return { error: `找不到轮次“${roundId}”。` };
  const index = indexContent(model);
  const nameOf = (id: string) => index.member.get(id)?.data.name ?? index.org.get(id)?.data.name ?? id;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('践诺台账');
  sheet.columns = [
    { header: '组织', key: 'org', width: 24 },
    { header: '承诺人', key: 'owner', width: 10 },
    { header: '类别', key: 'category', width: 8 },
    { header: '承诺事项', key: 'title', width: 36 },
    { header: '践诺措施', key: 'measures', width: 48 },
    { header: '完成时限', key: 'deadline', width: 12 },
    { header: '最新进展', key: 'latest', width: 40 },
    { header: '完成进度(%)', key: 'progress', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '销号日期', key: 'closed', width: 12 },
    { header: '核实人', key: 'verifiedBy', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  for (const p of model.pledges.filter((x) => x.round === roundId)) {
    const status = fulfilmentOf(p.data, asOf);
    if (!status) continue;
    const latest = latestRecord(p.data, asOf);
    const owner = p.data.owner;
    sheet.addRow({
      org: nameOf(index.member.get(owner)?.data.org ?? owner),
      owner: nameOf(owner),
      category: labelOf(categories, p.data.category),
      title: p.data.title,
      measures: (p.data.measures ?? []).join(';'),
      deadline: p.data.deadline,
      latest: latest ? `${latest.date} ${latest.note}` : '',
      progress: latest?.progress ?? null,
      status: t(`status.${status}`),
      closed: p.data.closed?.date ?? '',
      verifiedBy: p.data.closed?.verifiedBy ? nameOf(p.data.closed.verifiedBy) : '',
    });
    rows += 1;
  }
  return { workbook, rows };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { round: { type: 'string' }, out: { type: 'string' }, content: { type: 'string' } } });
  if (positionals[0] !== 'ledger') {
    process.stderr.write('用法:npm run export -- ledger [--round 2025] [--out 台账.xlsx]\n');
    return 2;
  }
  const dir = resolve(values.content ?? process.env.CONTENT_DIR ?? 'content');
  const made = await ledgerWorkbook(dir, values.round);
  if ('error' in made) {
    process.stderr.write(`${made.error}\n`);
    return 1;
  }
  const out = resolve(values.out ?? `践诺台账-${values.round ?? 'current'}.xlsx`);
  await made.workbook.xlsx.writeFile(out);
  process.stdout.write(`已导出 ${made.rows} 项承诺到 ${out}\n`);
  return 0;
}

if (process.argv[1]?.endsWith('exportLedger.ts')) process.exitCode = await main();
