/**
 * The month's spreadsheet as an Excel workbook: one row per owed pledge
 * (src/lib/monthSheetRows.ts) with three empty columns to fill, and what the
 * import needs to put each row back safely: the pledge file and the SHA-256
 * of its bytes at export, in hidden locked columns, and the period, round and
 * org in a sheet nobody sees. The sheet is protected without a password, so
 * only the three columns to fill can be typed in; text is always a string
 * cell, never a formula.
 */
import ExcelJS from 'exceljs';
import type { IsoDate, Period } from '../lib/dates.ts';
import { contentLimits } from '../schemas/contentLimits.ts';
import type { MonthSheetRow } from '../lib/monthSheetRows.ts';
import {
  columns,
  FIRST_ROW,
  FORMAT_TAG,
  HEADER_ROW,
  hiddenKeys,
  INFO_SHEET,
  infoLabels,
  inputKeys,
  RECORDS_SHEET,
  TITLE_ROW,
  type ColumnKey,
} from './monthSheetLayout.ts';

export interface MonthSheetInfo {
  period: Period;
  round: string;
  /** The org the export was limited to, or undefined for all. */
  org?: { id: string; name: string };
  today: IsoDate;
}

const colOf = (key: ColumnKey) => columns.findIndex((c) => c.key === key) + 1;

/** The UTC midnight of a date, as exceljs writes a date cell. */
const utcDate = (d: IsoDate) => new Date(`${d}T00:00:00Z`);

/** The workbook of `rows`; `hashOf` gives the SHA-256 of each row's pledge file as exported. */
export async function monthSheet(
  rows: readonly MonthSheetRow[],
  hashOf: (row: MonthSheetRow) => string,
  info: MonthSheetInfo,
): Promise<ExcelJS.Workbook> {
  const { period } = info;
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(RECORDS_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 1 }] });
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  const scope = info.org ? `${info.org.name}，` : '';
  sheet.getCell(TITLE_ROW, 1).value =
    `${scope}${period.key} 践诺记实（${period.start} 至 ${period.end}）：请只在“记实日期”“进展情况”“完成进度（%）”三列填写，留空的行不会写入；填好后保存，运行 npm run import -- records 本文件名。`;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, colOf('progress'));
  sheet.getRow(TITLE_ROW).height = 32;
  sheet.getCell(TITLE_ROW, 1).alignment = { wrapText: true, vertical: 'middle' };
  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  rows.forEach((r, i) => {
    const row = sheet.getRow(FIRST_ROW + i);
    const values: Partial<Record<ColumnKey, string | number>> = {
      name: r.name,
      org: r.orgName,
      title: r.pledge.data.title,
      lastDate: r.last?.date,
      lastProgress: r.last?.progress,
      lastNote: r.last?.note,
      path: r.path,
      hash: hashOf(r),
    };
    for (const [key, v] of Object.entries(values) as [ColumnKey, string | number | undefined][]) {
      // An explicit string value is a shared string, which Excel never evaluates, whatever it starts with.
      if (v !== undefined && v !== '') row.getCell(colOf(key)).value = typeof v === 'number' ? v : String(v);
    }
    for (const key of inputKeys) {
      const cell = row.getCell(colOf(key));
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
    }
    // Checked again on import; here Excel and WPS stop a slip as it is typed.
    const date = row.getCell(colOf('date'));
    date.numFmt = 'yyyy-mm-dd';
    date.dataValidation = {
      type: 'date',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [utcDate(period.start), utcDate(period.end)],
      errorTitle: '记实日期',
      error: `请填写 ${period.start} 至 ${period.end} 之间的日期，如 ${period.start}。`,
    };
    row.getCell(colOf('note')).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(colOf('note')).dataValidation = {
      type: 'textLength',
      operator: 'lessThanOrEqual',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [contentLimits.noteChars],
      errorTitle: '进展情况',
      error: `进展情况最多 ${contentLimits.noteChars} 个字。`,
    };
    row.getCell(colOf('progress')).dataValidation = {
      type: 'decimal',
      operator: 'between',
      allowBlank: true,
      showErrorMessage: true,
      formulae: [0, 100],
      errorTitle: '完成进度（%）',
      error: '完成进度填 0 到 100 之间的数，如 80。',
    };
  });
  for (const key of hiddenKeys) sheet.getColumn(colOf(key)).hidden = true;
  // No password: the lock keeps slips out of the columns the import matches by, not a person out of her own file.
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    formatCells: true,
    autoFilter: true,
    sort: true,
  });

  const meta = wb.addWorksheet(INFO_SHEET, { state: 'veryHidden' });
  const facts: [string, string][] = [
    [infoLabels.format, FORMAT_TAG],
    [infoLabels.period, period.key],
    [infoLabels.round, info.round],
    [infoLabels.org, info.org?.id ?? ''],
    [infoLabels.exported, info.today],
  ];
  facts.forEach(([label, value], i) => {
    meta.getCell(i + 1, 1).value = label;
    if (value) meta.getCell(i + 1, 2).value = value;
  });
  await meta.protect('', {});
  return wb;
}
