/** Reads the first sheet of an .xlsx file, or a .csv file (UTF-8, BOM or not), as rows of strings. */
import { readFileSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { formatBytes, rosterLimits } from '../schemas/contentLimits.ts';
import { normalizeText } from './readContentTree.ts';

/** A table that is refused before it is read, with the reason in Chinese. */
export class TableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TableError';
  }
}

/** Parses CSV text: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = normalizeText(text);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
  }
  return String(v);
}

/**
 * The rows of the table at `path`. Its size is checked before it is read (`maxBytes`); a .csv must be UTF-8, as
 * Excel writes it with “CSV UTF-8” — Excel's plain “CSV” on a Chinese Windows is GBK, and its names would be
 * imported as mojibake. Throws `TableError` for either.
 */
export async function readTable(path: string, maxBytes: number = rosterLimits.fileBytes): Promise<string[][]> {
  const size = statSync(path).size;
  if (size > maxBytes)
    throw new TableError(`名册文件太大（${formatBytes(size)}），最大 ${formatBytes(maxBytes)}：请分成几个文件分批导入。`);
  if (path.toLowerCase().endsWith('.csv')) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
    } catch {
      throw new TableError(
        '这个 .csv 文件不是 UTF-8 编码（可能是 Excel 以 GBK 保存的），导入后姓名会变成乱码。请在 Excel 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 文件。',
      );
    }
    return parseCsv(text);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (r, n) => {
    const values = r.values as ExcelJS.CellValue[];
    rows[n - 1] = values.slice(1).map(cellText);
  });
  return Array.from(rows, (r) => r ?? []);
}
