/**
 * Reads back a month's spreadsheet filled in Excel or WPS
 * (src/loader/writeMonthSheet.ts wrote it): the export's facts from the
 * hidden sheet, and each row's pledge file, SHA-256 and the three typed
 * cells. Bounded before it is parsed (file size, unpacked size, rows); a
 * formula anywhere in the workbook refuses the whole of it, since what a
 * formula shows is not what was typed.
 */
import ExcelJS from 'exceljs';
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
import { unpackedSize } from './unpackedSize.ts';

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
export function textOfCell(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return String(v.error);
    if ('text' in v) return textOfCell(v.text as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

/** A date cell as `YYYY-MM-DD`: a real date cell, or text such as 2025-12-20, 2025/12/20 or 2025年12月20日; anything else as typed. */
export function dateOfCell(v: ExcelJS.CellValue): string {
  const s = textOfCell(v).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : s;
}

/**
 * A progress cell: a number, or the text as typed. Excel turns a typed 80% into 0.8 shown as a percentage, so a
 * number in a percentage format counts in percent.
 */
export function progressOfCell(v: ExcelJS.CellValue, numFmt: string | undefined): string | number {
  if (typeof v === 'number') return numFmt?.includes('%') ? Math.round(v * 100 * 1e6) / 1e6 : v;
  return textOfCell(v).trim();
}

function isFormula(cell: ExcelJS.Cell): boolean {
  return (
    cell.type === ExcelJS.ValueType.Formula ||
    Boolean(cell.formula) ||
    (typeof cell.value === 'object' && cell.value !== null && ('formula' in cell.value || 'sharedFormula' in cell.value))
  );
}

/** The facts the hidden sheet records, by label. */
function readInfo(sheet: ExcelJS.Worksheet | undefined): Map<string, string> {
  const out = new Map<string, string>();
  sheet?.eachRow((row) => out.set(textOfCell(row.getCell(1).value).trim(), textOfCell(row.getCell(2).value).trim()));
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
  const unpacked = unpackedSize(bytes, limits.unpackedBytes);
  if ('error' in unpacked) {
    return {
      problems: [
        unpacked.error === 'too-large'
          ? `“${file}”解压后超过 ${formatBytes(limits.unpackedBytes)}，不像是导出的记实表，没有读取：请按组织分开导出（--org），分批导入。`
          : `无法读取“${file}”：它不是 .xlsx 文件，或已经损坏。请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入。`,
      ],
    };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { problems: [`无法读取“${file}”：它不是 .xlsx 文件，或已经损坏。请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入。`] };
  }
  const info = readInfo(wb.getWorksheet(INFO_SHEET));
  if (info.get(infoLabels.format) !== FORMAT_TAG) return { problems: [notOurs] };
  const pathHeader = headerOf('path');
  const sheet =
    wb.getWorksheet(RECORDS_SHEET) ??
    wb.worksheets.find((s) => s.name !== INFO_SHEET && s.getRow(HEADER_ROW).values.toString().includes(pathHeader));
  if (!sheet) return { problems: [notOurs] };
  const rowCount = sheet.rowCount - HEADER_ROW;
  if (rowCount > limits.rows)
    return {
      problems: [
        `工作表“${sheet.name}”有 ${formatCount(rowCount)} 行，最多 ${formatCount(limits.rows)} 行：请按组织分开导出（--org），分批导入。`,
      ],
    };

  const col = new Map<string, number>();
  sheet.getRow(HEADER_ROW).eachCell((cell, n) => col.set(textOfCell(cell.value).trim(), n));
  const columnOf = (key: ColumnKey) => col.get(headerOf(key));
  const problems: string[] = [];
  const missing = (['path', 'hash', 'date', 'note', 'progress'] as const).filter((k) => !columnOf(k));
  if (missing.length)
    problems.push(
      `表头（第 ${HEADER_ROW} 行）缺少${missing.map((k) => `「${headerOf(k)}」`).join('、')}：请使用导出的表格，不要改动表头和隐藏的列。`,
    );

  // A formula anywhere, in any sheet: what Excel shows for it is not what was typed, and the import reads no results.
  const headerAt = new Map([...col].map(([h, n]) => [n, h]));
  for (const ws of wb.worksheets) {
    ws.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (!isFormula(cell)) return;
        const where =
          ws === sheet
            ? `第 ${r} 行${headerAt.has(c) ? `「${headerAt.get(c)}」` : ''}（${cell.address}）`
            : `工作表“${ws.name}”的 ${cell.address} 单元格`;
        problems.push(
          `${where}是公式（=${String(cell.formula ?? '').slice(0, 40)}）：导入只接受直接填写的文字和数字。请把公式换成它的值（复制后用“选择性粘贴 → 数值”）再导入。`,
        );
      }),
    );
  }
  if (problems.length) return { problems };

  const rows: SheetRow[] = [];
  const at = (row: ExcelJS.Row, key: ColumnKey) => row.getCell(columnOf(key) ?? 0);
  for (let r = FIRST_ROW; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const progressCell = at(row, 'progress');
    const out: SheetRow = {
      row: r,
      path: textOfCell(at(row, 'path').value).trim(),
      hash: textOfCell(at(row, 'hash').value).trim(),
      name: columnOf('name') ? textOfCell(at(row, 'name').value).trim() : '',
      title: columnOf('title') ? textOfCell(at(row, 'title').value).trim() : '',
      input: {
        date: dateOfCell(at(row, 'date').value),
        note: textOfCell(at(row, 'note').value).replace(/\r\n?/g, '\n'),
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
