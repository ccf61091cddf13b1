/**
 * What a number in an .xlsx cell means: Excel stores dates and percentages as plain numbers and says which they
 * are through the cell's number format. The built-in formats are numbered, not written in the file; the codes
 * below are Excel's (for a Chinese Excel, the ids 27–36 and 50–58 are its date formats).
 */

const builtIn: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** The code of number format `id`: a workbook's own (`custom`), else Excel's built-in one, else undefined. */
export function formatCode(id: number, custom: ReadonlyMap<number, string>): string | undefined {
  return custom.get(id) ?? builtIn[id];
}

/**
 * Whether a number format shows a date or a time: a y, m, d, h or s outside quotes and brackets.
 * @example isDateFormat('yyyy"年"m"月"d"日"') // → true;  isDateFormat('0.0%') // → false
 */
export function isDateFormat(code: string | undefined): boolean {
  if (!code) return false;
  return /[ymdhs]/i.test(code.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * The moment an Excel serial number stands for, read as UTC (so its ISO date is the date Excel shows).
 * `date1904`: the workbook counts from 1904 (old Mac workbooks).
 * @example excelDate(46011, false).toISOString() // → '2025-12-20T00:00:00.000Z'
 */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Excel's largest sheet: 1,048,576 rows of 16,384 columns (A to XFD). */
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

/**
 * Row and column (both from 1) of a cell reference, or undefined for one that is not a cell of a sheet.
 * @example cellOf('B12') // → { row: 12, column: 2 }
 */
export function cellOf(ref: string): { row: number; column: number } | undefined {
  const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1]) column = column * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]);
  return column <= MAX_COLUMN && row <= MAX_ROW ? { row, column } : undefined;
}

/**
 * The reference of the cell at `row`, `column` (both from 1).
 * @example cellName(12, 28) // → 'AB12'
 */
export function cellName(row: number, column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}
