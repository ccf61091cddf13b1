/**
 * Reading a month's spreadsheet back (src/loader/readMonthSheet.ts): dates and progress as Excel and WPS keep
 * them, the bounds — file size before reading; unpacked size (zip bombs, including one whose entries understate
 * their size) and rows while reading (more in xlsxBomb.test.ts) — and formulas anywhere.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { monthSheetRows } from '../../src/lib/monthSheetRows.ts';
import { sheetLimits } from '../../src/loader/monthSheetLayout.ts';
import { dateOfCell, progressOfCell, readMonthSheet } from '../../src/loader/readMonthSheet.ts';
import { type Budget, unpack, ZipError, zipEntries } from '../../src/loader/zipEntries.ts';
import { monthSheet } from '../../src/loader/writeMonthSheet.ts';
import { index, member, pledge, withMembers } from '../fixtures/model.ts';

const december = { key: '2026-12', start: '2026-12-01', end: '2026-12-31' };

/** An exported sheet of `n` owed pledges, as bytes. */
async function exported(n: number, edit?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const ix = index({
    members: withMembers(member('li', { name: '李明' })),
    pledges: Array.from({ length: n }, (_, i) => pledge(`li-${i}`, 'li')),
  });
  const wb = await monthSheet(monthSheetRows(ix, december, '2026-12-31'), () => 'a'.repeat(64), {
    period: december,
    round: '2026',
    today: '2026-12-31',
  });
  edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A zip archive of one deflated entry `name` holding `data`, whose headers claim `claimed` bytes unpacked. */
function zipOf(name: string, data: Buffer, claimed = data.length): Buffer {
  const packed = deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + packed.length, 16);
  return Buffer.concat([local, n, packed, central, n, end]);
}

describe('dateOfCell', () => {
  test.each([
    [new Date(Date.UTC(2026, 11, 20)), '2026-12-20'],
    ['2026-12-20', '2026-12-20'],
    ['2026/12/5', '2026-12-05'],
    ['2026.12.05', '2026-12-05'],
    ['2026年12月5日', '2026-12-05'],
    [' 2026-12-20 ', '2026-12-20'],
    ['12月20日', '12月20日'],
    [null, ''],
  ])('%s → %s', (value, want) => {
    expect(dateOfCell(value)).toBe(want);
  });
});

describe('progressOfCell', () => {
  test.each([
    [80, undefined, 80],
    [0.8, '0%', 80],
    [0.955, '0.0%', 95.5],
    ['80%', undefined, '80%'],
    [' 90 ', undefined, '90'],
    [null, undefined, ''],
  ])('%s in format %s → %s', (value, numFmt, want) => {
    expect(progressOfCell(value, numFmt)).toBe(want);
  });
});

/** Unpacks every file of `zip` within `budget` bytes: the total, or the ZipError's rule. */
async function unpackAll(zip: Buffer, budget: number): Promise<number | string> {
  const left: Budget = { left: budget };
  try {
    let total = 0;
    for (const entry of zipEntries(zip).values()) for await (const piece of unpack(zip, entry, left)) total += piece.length;
    return total;
  } catch (err) {
    if (err instanceof ZipError) return err.rule;
    throw err;
  }
}

describe('zipEntries and unpack', () => {
  test('unpack an exported workbook', async () => {
    expect(await unpackAll(await exported(3), sheetLimits.unpackedBytes)).toEqual(expect.any(Number));
  });

  test('refuse an archive that unpacks past the budget', async () => {
    expect(await unpackAll(zipOf('x.xml', Buffer.alloc(1_000_000)), 100_000)).toBe('too-large');
  });

  test('refuse an archive whose entry claims less than it unpacks to', async () => {
    expect(await unpackAll(zipOf('x.xml', Buffer.alloc(1_000_000), 10), 100_000)).toBe('too-large');
  });

  test('refuse what is not a zip archive', async () => {
    expect(await unpackAll(Buffer.from('姓名,支部\n'), 100_000)).toBe('not-zip');
  });
});

describe('readMonthSheet', () => {
  test('reads back the rows, the period, the round and the org of an export', async () => {
    const r = await readMonthSheet(await exported(2), '记实表.xlsx');
    expect(r).toEqual({
      info: { period: '2026-12', round: '2026', org: '' },
      rows: [3, 4].map((row, i) => ({
        row,
        path: `pledges/2026/li-${i}.md`,
        hash: 'a'.repeat(64),
        name: '李明',
        title: `承诺li-${i}`,
        input: { date: '', note: '', progress: '' },
      })),
    });
  });

  test('refuses a file over the size limit before reading it', async () => {
    const bytes = await exported(2);
    const r = await readMonthSheet(bytes, '记实表.xlsx', { ...sheetLimits, fileBytes: bytes.length - 1 });
    expect(r).toEqual({ problems: [expect.stringContaining('“记实表.xlsx”太大')] });
  });

  test('refuses a sheet with more rows than allowed', async () => {
    const r = await readMonthSheet(await exported(5), '记实表.xlsx', { ...sheetLimits, rows: 4 });
    expect(r).toEqual({ problems: [expect.stringContaining('工作表“践诺记实”超过 4 行承诺（表头以外），最多 4 行')] });
  });

  test('refuses a workbook it did not export', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['姓名']);
    const r = await readMonthSheet(Buffer.from(await wb.xlsx.writeBuffer()), '名册.xlsx');
    expect(r).toEqual({ problems: [expect.stringContaining('这不是用 npm run export -- month 导出的记实表')] });
  });

  test('refuses a formula in any sheet, naming the sheet and the cell', async () => {
    const bytes = await exported(1, (wb) => {
      wb.addWorksheet('草稿').getCell('B2').value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
    });
    const r = await readMonthSheet(bytes, '记实表.xlsx');
    expect(r).toEqual({ problems: [expect.stringContaining('工作表“草稿”的 B2 单元格是公式（=SUM(1,2)）')] });
  });

  test('names the first 50 formula cells and counts the rest (the review of issue 22: one message per cell before)', async () => {
    const bytes = await exported(1, (wb) => {
      const ws = wb.addWorksheet('草稿');
      for (let r = 1; r <= 30; r++)
        for (const c of ['A', 'B', 'C']) ws.getCell(`${c}${r}`).value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
    });
    const r = await readMonthSheet(bytes, '记实表.xlsx');
    expect('problems' in r && r.problems.length).toBe(51);
    expect('problems' in r && r.problems.at(-1)).toBe('另有 40 个单元格是公式，同样需要换成它的值。');
  });
});
