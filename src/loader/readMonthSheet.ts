/**
 * Reads back a month's spreadsheet filled in Excel or WPS
 * (src/loader/writeMonthSheet.ts wrote it): the export's facts from the
 * hidden sheet, and each row's pledge file, SHA-256 and the three typed
 * cells. The file's size is checked before it is read; its unpacked size,
 * rows and markup while it is read (src/loader/readWorkbook.ts). A formula
 * anywhere in the workbook refuses the whole of it, since what a formula
 * shows is not what was typed.
 */
import { cellName } from '../lib/excelFormats.ts';
import { formatBytes, formatCount } from '../schemas/contentLimits.ts';
import type { RecordInput } from '../lib/recordInput.ts';
import {
  FIRST_ROW,
  FORMAT_TAG,
  HEADER_ROW,
  headerOf,
  INFO_SHEET,
  infoLabels,
  RECORDS_SHEET,
  sheetLimits,
  type ColumnKey,
  type SheetLimits,
} from './monthSheetLayout.ts';
import { type Cell, type CellValue, readWorkbook, refusalMessage, type Sheet } from './readWorkbook.ts';

export interface SheetRow {
  /** The row number as Excel shows it. */
  row: number;
  path: string;
  hash: string;
  /** The name and title as the sheet has them, for messages when the pledge is gone. */
  name: string;
  title: string;
  input: RecordInput;
}

export interface SheetInfo {
  period: string;
  round: string;
  /** The org the export was limited to; '' for all. */
  org: string;
}

export type ReadSheet = { info: SheetInfo; rows: SheetRow[] } | { problems: string[] };

/** The text of a cell as a person reads it. */
export function textOfCell(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  return String(v);
}

/** A date cell as `YYYY-MM-DD`: a real date cell, or text such as 2025-12-20, 2025/12/20 or 2025年12月20日; anything else as typed. */
export function dateOfCell(v: CellValue | undefined): string {
  const s = textOfCell(v).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : s;
}

/**
 * A progress cell: a number, or the text as typed. Excel turns a typed 80% into 0.8 shown as a percentage, so a
 * number in a percentage format counts in percent.
 */
export function progressOfCell(v: CellValue | undefined, numFmt: string | undefined): string | number {
  if (typeof v === 'number') return numFmt?.includes('%') ? Math.round(v * 100 * 1e6) / 1e6 : v;
  return textOfCell(v).trim();
}

/** The facts the hidden sheet records, by label. */
function readInfo(sheet: Sheet | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const cells of sheet?.rows.values() ?? []) out.set(textOfCell(cells[0]?.value).trim(), textOfCell(cells[1]?.value).trim());
  return out;
}

const notOurs = `这不是用 npm run export -- month 导出的记实表（或它的隐藏信息被删改了）：请先导出表格，在导出的表格里填写。`;

/** Reads the workbook `bytes` (an .xlsx file) named `file` in messages. */
export async function readMonthSheet(bytes: Buffer, file: string, limits: SheetLimits = sheetLimits): Promise<ReadSheet> {
  if (bytes.length > limits.fileBytes)
    return {
      problems: [
        `“${file}”太大（${formatBytes(bytes.length)}），最大 ${formatBytes(limits.fileBytes)}：请按组织分开导出（--org），分批导入。`,
      ],
    };
  const advice = '请按组织分开导出（--org），分批导入。';
  // The header rows hold values too: the reader counts every row that does.
  const wb = await readWorkbook(bytes, { ...limits, rows: limits.rows + HEADER_ROW });
  if ('refused' in wb) {
    const n = formatCount(limits.rows);
    return {
      problems: [
        wb.refused.rule === 'rows'
          ? `工作表“${wb.refused.sheet}”超过 ${n} 行承诺（表头以外），最多 ${n} 行：${advice}`
          : refusalMessage(wb.refused, file, limits, '导出的记实表', advice),
      ],
    };
  }
  const byName = new Map(wb.sheets.map((s) => [s.name, s]));
  const info = readInfo(byName.get(INFO_SHEET));
  if (info.get(infoLabels.format) !== FORMAT_TAG) return { problems: [notOurs] };
  const pathHeader = headerOf('path');
  const headerOfSheet = (s: Sheet) => (s.rows.get(HEADER_ROW) ?? []).map((c) => textOfCell(c?.value).trim());
  const sheet =
    byName.get(RECORDS_SHEET) ?? wb.sheets.find((s) => s.name !== INFO_SHEET && headerOfSheet(s).join(',').includes(pathHeader));
  if (!sheet) return { problems: [notOurs] };

  const col = new Map<string, number>();
  headerOfSheet(sheet).forEach((h, i) => h !== undefined && col.set(h, i));
  const columnOf = (key: ColumnKey) => col.get(headerOf(key));
  const problems: string[] = [];
  const missing = (['path', 'hash', 'date', 'note', 'progress'] as const).filter((k) => columnOf(k) === undefined);
  if (missing.length)
    problems.push(
      `表头（第 ${HEADER_ROW} 行）缺少${missing.map((k) => `「${headerOf(k)}」`).join('、')}：请使用导出的表格，不要改动表头和隐藏的列。`,
    );

  // A formula anywhere, in any sheet: what Excel shows for it is not what was typed, and the import reads no results.
  // The first 50 are named, the rest counted: a sheet of formulas in every cell must not make a million messages.
  const headerAt = new Map([...col].map(([h, n]) => [n, h]));
  let formulas = 0;
  for (const ws of wb.sheets) {
    for (const [r, cells] of ws.rows) {
      cells.forEach((cell, c) => {
        if (cell?.formula === undefined) return;
        if (++formulas > namedFormulas) return;
        const address = cellName(r, c + 1);
        const where =
          ws === sheet
            ? `第 ${r} 行${headerAt.has(c) ? `「${headerAt.get(c)}」` : ''}（${address}）`
            : `工作表“${ws.name}”的 ${address} 单元格`;
        problems.push(
          `${where}是公式（=${cell.formula.slice(0, 40)}）：导入只接受直接填写的文字和数字。请把公式换成它的值（复制后用“选择性粘贴 → 数值”）再导入。`,
        );
      });
    }
  }
  if (formulas > namedFormulas) problems.push(`另有 ${formatCount(formulas - namedFormulas)} 个单元格是公式，同样需要换成它的值。`);
  if (problems.length) return { problems };

  const rows: SheetRow[] = [];
  const none: Cell = { value: null };
  for (const [r, cells] of [...sheet.rows].sort(([a], [b]) => a - b)) {
    if (r < FIRST_ROW) continue;
    const at = (key: ColumnKey) => cells[columnOf(key) ?? -1] ?? none;
    const progressCell = at('progress');
    const out: SheetRow = {
      row: r,
      path: textOfCell(at('path').value).trim(),
      hash: textOfCell(at('hash').value).trim(),
      name: columnOf('name') !== undefined ? textOfCell(at('name').value).trim() : '',
      title: columnOf('title') !== undefined ? textOfCell(at('title').value).trim() : '',
      input: {
        date: dateOfCell(at('date').value),
        note: textOfCell(at('note').value).replace(/\r\n?/g, '\n'),
        progress: progressOfCell(progressCell.value, progressCell.numFmt),
      },
    };
    if (out.path || out.hash || out.input.date || out.input.note?.trim() || out.input.progress !== '') rows.push(out);
  }
  return {
    info: { period: info.get(infoLabels.period) ?? '', round: info.get(infoLabels.round) ?? '', org: info.get(infoLabels.org) ?? '' },
    rows,
  };
}

/** How many formula cells a refusal names one by one. */
const namedFormulas = 50;
