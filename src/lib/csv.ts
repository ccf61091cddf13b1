/**
 * The one CSV writer: every CSV the site publishes (the open data, the internal ranking) is written here, so
 * each is defused and quoted the same way. UTF-8 with a BOM so Excel opens the Chinese correctly; CRLF line ends.
 */

/** What a cell may hold: a text, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null | undefined;

// A text starting with one of these is run by Excel (a formula, or a formula after a tab or CR), so it gets a leading '.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a text that Excel would run as a formula is prefixed with `'`; a cell holding a quote, comma or line
 * break, or one so prefixed, is quoted. A number is written as it is (a negative number is a number, not a formula).
 * @example csvCell('=SUM(A1)') // → `"'=SUM(A1)"`
 */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of cells, comma-separated, without its line end. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/**
 * A whole CSV file: a BOM, then each row, each ended by CRLF.
 * @example csvDocument([['编号', '标题'], ['a', '=1']]) // → '\uFEFF编号,标题\r\na,"\'=1"\r\n'
 */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${rows.map((r) => `${csvRow(r)}\r\n`).join('')}`;
}
