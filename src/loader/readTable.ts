/** Reads the first sheet of an .xlsx file, or a .csv file (UTF-8, BOM or not), as rows of strings. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { formatBytes, formatCount, type RosterLimits, rosterLimits } from '../schemas/contentLimits.ts';
import { normalizeText } from './readContentTree.ts';
import { type CellValue, readWorkbook, refusalMessage } from './readWorkbook.ts';

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

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  return String(v);
}

const advice = '请分成几个文件分批导入。';

/**
 * The rows of the table at `path`. Its size is checked before it is read (`limits.fileBytes`); an .xlsx is read
 * through the bounded reader (src/loader/readWorkbook.ts), which stops at the first member row past `limits.rows`
 * and at its unpacked size and markup limits. A .csv must be UTF-8, as Excel writes it with “CSV UTF-8” — Excel's
 * plain “CSV” on a Chinese Windows is GBK, and its names would be imported as mojibake. Throws `TableError` for
 * each of these.
 */
export async function readTable(path: string, limits: RosterLimits = rosterLimits): Promise<string[][]> {
  const size = statSync(path).size;
  if (size > limits.fileBytes)
    throw new TableError(`名册文件太大（${formatBytes(size)}），最大 ${formatBytes(limits.fileBytes)}：${advice}`);
  const bytes = readFileSync(path);
  if (path.toLowerCase().endsWith('.csv')) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new TableError(
        '这个 .csv 文件不是 UTF-8 编码（可能是 Excel 以 GBK 保存的），导入后姓名会变成乱码。请在 Excel 中“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 文件。',
      );
    }
    return parseCsv(text);
  }
  // The header row and the member rows: the reader counts rows that hold a value.
  const wb = await readWorkbook(bytes, { ...limits, rows: limits.rows + 1 }, 'first');
  if ('refused' in wb) {
    const n = formatCount(limits.rows);
    throw new TableError(
      wb.refused.rule === 'rows'
        ? `名册超过 ${n} 行党员（表头以外），一次最多导入 ${n} 行：${advice}`
        : refusalMessage(wb.refused, basename(path), limits, '名册', advice),
    );
  }
  // A roster has a few columns and its rows near the top: a value far to the right or far down would make a table
  // of millions of empty cells out of a small file, so it is refused, naming where it is.
  const sheet = wb.sheets[0]?.rows ?? new Map<number, { value: CellValue }[]>();
  const rows: string[][] = [];
  for (const [n, cells] of sheet) {
    if (cells.length > rosterColumns)
      throw new TableError(
        `名册第 ${n} 行在第 ${formatCount(cells.length)} 列有内容，名册最多 ${rosterColumns} 列：请删去表格右侧多余的内容后再导入。`,
      );
    if (n > rosterLastRow)
      throw new TableError(
        `名册第 ${formatCount(n)} 行有内容，名册的内容应在前 ${formatCount(rosterLastRow)} 行之内：请删去表格下方多余的内容后再导入。`,
      );
    rows[n - 1] = Array.from(cells, (c) => cellText(c?.value));
  }
  return Array.from(rows, (r) => r ?? []);
}

/** The widest roster read (columns) and its lowest row holding a value. */
const rosterColumns = 64;
const rosterLastRow = 200_000;
