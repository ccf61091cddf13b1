/**
 * `npm run export -- ledger|results|ranking [--round 2025] [--out 文件.xlsx] [--content DIR] [--as-of YYYY-MM-DD]`
 * `npm run export -- month 2025-12 [--org ID] [--out 文件.xlsx] [--content DIR] [--today YYYY-MM-DD]`
 * Writes an Excel workbook of a round:
 * - `ledger`: the 践诺台账, one row per approved pledge, with the latest record, status and check-off;
 * - `results`: the 评诺 results, one row per evaluated member of every branch, from the same rows as the
 *   internal results pages (src/lib/evaluationResults.ts `branchResults`);
 * - `ranking`: the 考核评比, one sheet per finished stage and one for the whole round, from the same table
 *   as the internal ranking page (src/lib/branchRanking.ts, src/lib/rankingTable.ts);
 * - `month`: the pledges that owe a record for one month (or semester), to be filled in Excel or WPS and read
 *   back by `npm run import -- records` (src/loader/monthExport.ts).
 * `results` and `ranking` read the content as the internal build shows it (nothing marked private).
 * Counts are as of `--as-of`, else site.json's `asOf`, else today in the site's time zone; the command says which.
 * Text is always written as a string cell, never as a formula, whatever it starts with. The workbooks themselves are
 * built by src/loader/workbooks.ts, which the internal build's downloads share.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type ExcelJS from 'exceljs';
import { isIsoDate, type IsoDate } from '../lib/dates.ts';
import { indexContent, type ContentIndex } from '../lib/contentIndex.ts';
import { projectScope } from '../lib/projectScope.ts';
import { asOfLine } from '../loader/asOfLine.ts';
import { monthExport } from '../loader/monthExport.ts';
import { checkContent, type CheckResult } from '../loader/checkContent.ts';
import { ledgerWorkbookOf, rankingWorkbookOf, resultsWorkbookOf } from '../loader/workbooks.ts';
import { t } from '../i18n/t.ts';
import { type CliIo, isMain, processIo } from './cliIo.ts';

/** `used`: the line saying which as-of date the workbook counts at, and where it came from. */
type Made = { workbook: ExcelJS.Workbook; rows: number; used?: string } | { error: string };

/** The line naming the as-of date of a checked result. */
const usedLine = (r: CheckResult) => (r.asOf && r.asOfSource && r.timeZone ? asOfLine(r.asOf, r.asOfSource, r.timeZone) : '');

/** The ledger workbook of `round` (default: the current round). */
export async function ledgerWorkbook(dir: string, round?: string, cliAsOf?: IsoDate): Promise<Made> {
  const result = checkContent(dir, new Date(), undefined, { asOf: cliAsOf });
  if (!result.model || result.errors.length) return { error: t('export.contentErrors') };
  const roundId = round ?? result.model.site.data.currentRound;
  if (!result.model.rounds.some((r) => r.id === roundId)) return { error: t('export.unknownRound', { round: roundId }) };
  return { ...ledgerWorkbookOf(indexContent(result.model), result.asOf as IsoDate, roundId), used: usedLine(result) };
}

/** The checked content of `dir` as the internal build shows it, and the round asked for (default: the current one). */
function internalContent(
  dir: string,
  round?: string,
  cliAsOf?: IsoDate,
): { index: ContentIndex; asOf: IsoDate; roundId: string; used: string } | { error: string } {
  const result = checkContent(dir, new Date(), undefined, { asOf: cliAsOf });
  if (!result.model || result.errors.length) return { error: t('export.contentErrors') };
  const asOf = result.asOf as IsoDate;
  const roundId = round ?? result.model.site.data.currentRound;
  if (!result.model.rounds.some((r) => r.id === roundId)) return { error: t('export.unknownRound', { round: roundId }) };
  return { index: indexContent(projectScope(result.model, 'internal', asOf)), asOf, roundId, used: usedLine(result) };
}

/** The 评诺 results of `round` (default: the current round): one row per evaluated member, branches in tree order. */
export async function resultsWorkbook(dir: string, round?: string, cliAsOf?: IsoDate): Promise<Made> {
  const c = internalContent(dir, round, cliAsOf);
  if ('error' in c) return c;
  const made = resultsWorkbookOf(c.index, c.asOf, c.roundId);
  return 'error' in made ? made : { ...made, used: c.used };
}

/** The 考核评比 of `round` (default: the current round): one sheet per finished stage, then the whole round. */
export async function rankingWorkbook(dir: string, round?: string, cliAsOf?: IsoDate): Promise<Made> {
  const c = internalContent(dir, round, cliAsOf);
  if ('error' in c) return c;
  return { ...rankingWorkbookOf(c.index, c.asOf, c.roundId), used: c.used };
}

const kinds = {
  ledger: { make: ledgerWorkbook, file: '践诺台账', done: (n: number, f: string) => `已导出 ${n} 项承诺到 ${f}` },
  results: { make: resultsWorkbook, file: '评诺结果', done: (n: number, f: string) => t('export.resultsDone', { count: n, file: f }) },
  ranking: { make: rankingWorkbook, file: '考核评比', done: (n: number, f: string) => t('export.rankingDone', { count: n, file: f }) },
} as const;

const monthUsage =
  'npm run export -- month 2025-12 [--org 组织编号] [--out 文件.xlsx] [--content 内容目录] [--today 2025-12-31]（按学期记账的写 2025-autumn 或 2025-spring）';

/** `month <period>`: the month's spreadsheet of owed pledges. */
async function exportMonth(
  key: string,
  values: { out?: string; content?: string; org?: string; today?: string },
  io: CliIo,
): Promise<number> {
  const dir = resolve(values.content ?? io.env.CONTENT_DIR ?? 'content');
  const made = await monthExport(dir, key, { org: values.org, today: values.today });
  if ('error' in made) {
    io.err(`${made.error}\n`);
    return 1;
  }
  const scope = made.orgName ? `（${made.orgName}）` : '';
  if (!made.workbook) {
    io.out(`${made.period.key} 没有欠记实的承诺${scope}，没有导出文件。\n`);
    return 0;
  }
  const out = resolve(values.out ?? `践诺记实-${made.period.key}${values.org ? `-${values.org}` : ''}.xlsx`);
  try {
    await made.workbook.xlsx.writeFile(out);
  } catch (err) {
    io.err(
      `无法写入 ${out}（${(err as NodeJS.ErrnoException).code ?? '未知原因'}）：如果它正在 Excel 或 WPS 中打开，请先关闭，或用 --out 另选文件名。\n`,
    );
    return 1;
  }
  io.out(`已导出 ${made.period.key} 欠记实的 ${made.rows} 项承诺${scope}到 ${out}\n`);
  io.out(`请在“记实日期”“进展情况”“完成进度（%）”三列填写，保存后运行：npm run import -- records ${out}\n`);
  return 0;
}

/** `npm run export` with arguments `args`, writing to `io`; returns the exit code. */
export async function exportCommand(args: string[], io: CliIo = processIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        round: { type: 'string' },
        out: { type: 'string' },
        content: { type: 'string' },
        'as-of': { type: 'string' },
        org: { type: 'string' },
        today: { type: 'string' },
      },
    });
  } catch {
    io.err(`${t('export.usage')}\n或：${monthUsage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals[0] === 'month') {
    if (positionals.length !== 2 || values.round !== undefined || values['as-of'] !== undefined) {
      io.err(`用法：${monthUsage}\n`);
      return 2;
    }
    return exportMonth(positionals[1], values, io);
  }
  const kind = kinds[positionals[0] as keyof typeof kinds] as (typeof kinds)[keyof typeof kinds] | undefined;
  if (!kind || positionals.length !== 1 || values.org !== undefined || values.today !== undefined) {
    io.err(`${t('export.usage')}\n或：${monthUsage}\n`);
    return 2;
  }
  const cliAsOf = values['as-of'];
  if (cliAsOf !== undefined && !isIsoDate(cliAsOf)) {
    io.err(`${t('time.badAsOf', { value: cliAsOf })}\n`);
    return 2;
  }
  const dir = resolve(values.content ?? io.env.CONTENT_DIR ?? 'content');
  const made = await kind.make(dir, values.round, cliAsOf);
  if ('error' in made) {
    io.err(`${made.error}\n`);
    return 1;
  }
  const out = resolve(values.out ?? `${kind.file}-${values.round ?? 'current'}.xlsx`);
  await made.workbook.xlsx.writeFile(out);
  if (made.used) io.out(`${made.used}\n`);
  io.out(`${kind.done(made.rows, out)}\n`);
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = await exportCommand(process.argv.slice(2));
