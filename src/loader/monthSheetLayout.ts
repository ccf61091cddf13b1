/**
 * The shape of the month's spreadsheet, shared by the export that writes it
 * (src/loader/writeMonthSheet.ts) and the import that reads it back
 * (src/loader/readMonthSheet.ts): the sheet names, the columns and their
 * headers, what the hidden sheet records, and how much an import reads.
 */

/** The visible sheet. */
export const RECORDS_SHEET = '践诺记实';
/** The sheet nobody sees (veryHidden): what the export was. */
export const INFO_SHEET = '导出信息';
/** Written in the hidden sheet so that an import knows the workbook is one of ours, and which layout. */
export const FORMAT_TAG = 'chengnuo-month-records/1';

/** Row 1 says what the sheet is and how to fill it; row 2 is the header; rows from 3 are pledges. */
export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_ROW = 3;

/** The columns in order: key and header. The last two are hidden and locked. */
export const columns = [
  { key: 'name', header: '承诺人', width: 12 },
  { key: 'org', header: '所在组织', width: 24 },
  { key: 'title', header: '承诺事项', width: 36 },
  { key: 'lastDate', header: '上次记实日期', width: 13 },
  { key: 'lastProgress', header: '上次完成进度（%）', width: 10 },
  { key: 'lastNote', header: '上次进展情况', width: 40 },
  { key: 'date', header: '记实日期', width: 13 },
  { key: 'note', header: '进展情况', width: 48 },
  { key: 'progress', header: '完成进度（%）', width: 10 },
  { key: 'path', header: '承诺文件', width: 30 },
  { key: 'hash', header: '文件校验值（SHA-256）', width: 20 },
] as const;

export type ColumnKey = (typeof columns)[number]['key'];

/** The columns a secretary fills. */
export const inputKeys: readonly ColumnKey[] = ['date', 'note', 'progress'];
/** The columns the import matches a row by: hidden, and locked like every column she does not fill. */
export const hiddenKeys: readonly ColumnKey[] = ['path', 'hash'];

/** The column header of `key`. */
export function headerOf(key: ColumnKey): string {
  return columns.find((c) => c.key === key)!.header;
}

/** The labels of the hidden sheet's rows (label in column A, value in column B). */
export const infoLabels = { format: '格式', period: '记实期间', round: '轮次', org: '组织', exported: '导出日期' } as const;

/**
 * How much an import reads. A county's whole month is about 26,000 owed pledges (25,800 pledge files in the
 * generated county of 10,000 members); its sheet is a few megabytes.
 */
export const sheetLimits = {
  /** Bytes of the .xlsx file, checked before it is read. */
  fileBytes: 20 * 1024 * 1024,
  /** Bytes of the files inside it once unpacked, counted while it is read (src/loader/readWorkbook.ts). */
  unpackedBytes: 200 * 1024 * 1024,
  /** Rows of pledges, counted while it is read. */
  rows: 30_000,
  /** XML elements (cells, values, strings, formats), counted while it is read: 30,000 rows need about 1.3 million. */
  markup: 3_000_000,
  /** Problems printed; the rest are counted. */
  shownProblems: 50,
} as const;

export type SheetLimits = { [K in keyof typeof sheetLimits]: number };
