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
 * Text is always written as a string cell, never as a formula, whatever it starts with.
 */
import { profileResolver } from '../lib/profiles.ts';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { branchRanking } from '../lib/branchRanking.ts';
import { isIsoDate, type IsoDate } from '../lib/dates.ts';
import { indexContent, type ContentIndex } from '../lib/contentIndex.ts';
import { branchResults } from '../lib/evaluationResults.ts';
import { ledgerRow } from '../lib/ledgerRow.ts';
import { projectScope } from '../lib/projectScope.ts';
import { flatTable, rankingTable, stageName, type RankingColumn } from '../lib/rankingTable.ts';
import { asOfLine } from '../loader/asOfLine.ts';
import { monthExport } from '../loader/monthExport.ts';
import { checkContent, type CheckResult } from '../loader/checkContent.ts';
import { dispositions, grades, labelOf } from '../schemas/options.ts';
import { t } from '../i18n/t.ts';
import { type CliIo, isMain, processIo } from './cliIo.ts';

/** `used`: the line saying which as-of date the workbook counts at, and where it came from. */
type Made = { workbook: ExcelJS.Workbook; rows: number; used?: string } | { error: string };

/** The line naming the as-of date of a checked result. */
const usedLine = (r: CheckResult) => (r.asOf && r.asOfSource && r.timeZone ? asOfLine(r.asOf, r.asOfSource, r.timeZone) : '');

/** The ledger workbook of `round` (default: the current round). */
export async function ledgerWorkbook(dir: string, round?: string, cliAsOf?: IsoDate): Promise<Made> {
  const result = checkContent(dir, new Date(), undefined, { asOf: cliAsOf });
  if (!result.model || result.errors.length) return { error: '内容有错误，请先运行 npm run check 并改正。' };
  const model = result.model;
  const asOf = result.asOf as IsoDate;
  const roundId = round ?? model.site.data.currentRound;
  if (!model.rounds.some((r) => r.id === roundId)) return { error: t('export.unknownRound', { round: roundId }) };
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
    { header: '完成进度（%）', key: 'progress', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '销号日期', key: 'closed', width: 12 },
    { header: '核实人', key: 'verifiedBy', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  for (const p of model.pledges.filter((x) => x.round === roundId)) {
    // The same cells as the ledger table and the open data (src/lib/ledgerRow.ts).
    const r = ledgerRow(p.data, asOf);
    if (!r) continue;
    const owner = p.data.owner;
    sheet.addRow({
      org: nameOf(index.member.get(owner)?.data.org ?? owner),
      owner: nameOf(owner),
      category: r.categoryLabel,
      title: r.title,
      measures: r.measures,
      deadline: r.deadline,
      latest: r.latestDate ? `${r.latestDate} ${r.latestNote}` : '',
      progress: r.progress,
      status: t(`status.${r.status}`),
      closed: r.closedOn,
      verifiedBy: r.verifiedBy ? nameOf(r.verifiedBy) : '',
    });
    rows += 1;
  }
  return { workbook, rows, used: usedLine(result) };
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

/**
 * Writes one row of values: text as a plain string cell (never a formula, even one starting with = + - @),
 * numbers as numbers, rates as numbers shown as percentages, nothing as an empty cell.
 */
function addValues(
  sheet: ExcelJS.Worksheet,
  values: (string | number | null | undefined)[],
  kinds?: readonly (RankingColumn['kind'] | 'pct')[],
): void {
  const row = sheet.addRow([]);
  values.forEach((v, i) => {
    if (v === null || v === undefined || v === '') return;
    const cell = row.getCell(i + 1);
    if (typeof v === 'number') {
      cell.value = v;
      const kind = kinds?.[i];
      if (kind === 'rate' || kind === 'pct') cell.numFmt = '0.0%';
      else if (kind === 'score') cell.numFmt = '0.0';
    } else {
      // An explicit string value: exceljs writes it as a shared string, which Excel never evaluates.
      cell.value = String(v);
    }
  });
}

function headerRow(sheet: ExcelJS.Worksheet, header: string[], widths: number[]): void {
  addValues(sheet, header);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = widths[i] ?? 12));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The 评诺 results of `round` (default: the current round): one row per evaluated member, branches in tree order. */
export async function resultsWorkbook(dir: string, round?: string, cliAsOf?: IsoDate): Promise<Made> {
  const c = internalContent(dir, round, cliAsOf);
  if ('error' in c) return c;
  const { index, asOf, roundId } = c;
  const model = index.model;
  const top = model.site.data.topOrg;
  const order = new Map((index.org.has(top) ? index.subtree(top) : model.orgs.map((o) => o.id)).map((id, i) => [id, i]));
  const evaluations = model.evaluations
    .filter((e) => e.round === roundId && e.data.date <= asOf && index.org.has(e.data.org))
    .sort((a, b) => (order.get(a.data.org) ?? 1e9) - (order.get(b.data.org) ?? 1e9) || a.id.localeCompare(b.id));
  if (evaluations.length === 0) return { error: t('export.noEvaluations', { round: roundId }) };
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t('export.resultsSheet'));
  // The last four: the member's 述职 (篇三/四's 双向述职) and the 组织处置 that followed a 不合格.
  const cols = [
    'org',
    'member',
    'selfGrade',
    'selfSummary',
    'satisfied',
    'basic',
    'dissatisfied',
    'satisfaction',
    'leaderBy',
    'leaderGrade',
    'score',
    'final',
    'basis',
    'reason',
    'reportDate',
    'reportSummary',
    'disposal',
    'disposalNote',
  ] as const;
  headerRow(
    sheet,
    cols.map((k) => t(`export.col.${k}`)),
    [24, 10, 10, 40, 8, 10, 8, 10, 10, 10, 10, 10, 18, 40, 12, 40, 24, 40],
  );
  const kinds = cols.map((k): 'pct' | 'score' | 'text' => (k === 'satisfaction' ? 'pct' : k === 'score' ? 'score' : 'text'));
  const grade = (g: string | undefined) => (g ? labelOf(grades, g) : '');
  let rows = 0;
  for (const e of evaluations) {
    const r = branchResults(index, e, model.site.data.evaluation, profileResolver(model.site.data, index.org)(e.data.org));
    for (const row of r.rows) {
      addValues(
        sheet,
        [
          r.orgName,
          row.name,
          grade(row.selfGrade),
          row.selfSummary,
          row.satisfied,
          row.basicallySatisfied,
          row.dissatisfied,
          row.satisfaction,
          row.leaderName,
          grade(row.leaderGrade),
          row.score,
          grade(row.result.grade),
          t(`export.basis.${row.result.basis}`),
          row.result.reason,
          row.report?.date,
          row.report?.summary,
          row.disposal && t('export.disposal', { kind: labelOf(dispositions, row.disposal.kind), date: row.disposal.date }),
          row.disposal?.note,
        ],
        kinds,
      );
      rows += 1;
    }
  }
  return { workbook, rows, used: c.used };
}

/**
 * A worksheet name Excel accepts: a stage's title may hold characters a sheet name may not (\ / ? * : [ ]), run past
 * 31 characters or repeat another stage's title.
 */
function sheetName(name: string, workbook: ExcelJS.Workbook): string {
  const base = name.replace(/[\\/?*:[\]]/g, '－').slice(0, 28) || '-';
  let out = base;
  for (let n = 2; workbook.worksheets.some((w) => w.name.toLowerCase() === out.toLowerCase()); n++) out = `${base}（${n}）`;
  return out;
}

/** The 考核评比 of `round` (default: the current round): one sheet per finished stage, then the whole round. */
export async function rankingWorkbook(dir: string, round?: string, cliAsOf?: IsoDate): Promise<Made> {
  const c = internalContent(dir, round, cliAsOf);
  if ('error' in c) return c;
  const { index, asOf, roundId } = c;
  const workbook = new ExcelJS.Workbook();
  const stages = branchRanking(index, index.model.site.data, roundId, asOf);
  for (const s of stages) {
    const flat = flatTable(rankingTable(s.rows, s.stage));
    const sheet = workbook.addWorksheet(sheetName(stageName(s.stage), workbook));
    headerRow(
      sheet,
      flat.header,
      flat.header.map((_, i) => (i === 1 ? 28 : 12)),
    );
    for (const row of flat.rows) addValues(sheet, row, flat.kinds);
  }
  return { workbook, rows: stages.length, used: c.used };
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
