/**
 * The Excel workbooks of a round, built from checked content: the 践诺台账 (ledger), the 评诺 results and the
 * 考核评比 (ranking). `npm run export` (src/cli/exportLedger.ts) writes them to files; the internal build publishes
 * them as downloads (src/data/downloads.ts), byte for byte the same on every build of the same content
 * (`xlsxBytes`). Text is always written as a string cell, never as a formula, whatever it starts with.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { profileResolver } from '../lib/profiles.ts';
import { branchRanking } from '../lib/branchRanking.ts';
import type { IsoDate } from '../lib/dates.ts';
import type { ContentIndex } from '../lib/contentIndex.ts';
import { branchResults } from '../lib/evaluationResults.ts';
import { ledgerRow } from '../lib/ledgerRow.ts';
import { flatTable, rankingTable, stageName, type RankingColumn } from '../lib/rankingTable.ts';
import { dispositions, grades, labelOf } from '../schemas/options.ts';
import { t } from '../i18n/t.ts';

/** A workbook and the number of rows (pledges, members or stages) it holds. */
export interface Workbook {
  workbook: ExcelJS.Workbook;
  rows: number;
}

/** The 践诺台账 of `roundId` as of `asOf`: one row per approved pledge, with the latest record, status and check-off. */
export function ledgerWorkbookOf(index: ContentIndex, asOf: IsoDate, roundId: string): Workbook {
  const model = index.model;
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
  return { workbook, rows };
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

/**
 * The 评诺 results of `roundId` as of `asOf` (`index`: the content as the internal build shows it): one row per
 * evaluated member, branches in tree order, from the same rows as the internal results pages.
 */
export function resultsWorkbookOf(index: ContentIndex, asOf: IsoDate, roundId: string): Workbook | { error: string } {
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
  return { workbook, rows };
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

/** The 考核评比 of `roundId` as of `asOf` (`index` as the internal build shows it): one sheet per finished stage, then the whole round. */
export function rankingWorkbookOf(index: ContentIndex, asOf: IsoDate, roundId: string): Workbook {
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
  return { workbook, rows: stages.length };
}

/**
 * The bytes of an .xlsx file that are the same on every run for the same workbook: its document dates and every
 * zip entry's date are `date` (the content's as-of date, at midnight UTC), where exceljs and JSZip would write
 * the clock's time.
 */
export async function xlsxBytes(workbook: ExcelJS.Workbook, date: IsoDate): Promise<Buffer> {
  const when = new Date(`${date}T00:00:00Z`);
  workbook.created = when;
  workbook.modified = when;
  workbook.creator = '';
  workbook.lastModifiedBy = '';
  const written = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const out = new JSZip();
  for (const name of Object.keys(written.files).sort()) {
    const entry = written.files[name];
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: when, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
