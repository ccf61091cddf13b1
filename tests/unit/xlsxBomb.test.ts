/**
 * Issue 22, item 8: a small .xlsx must not exhaust memory. The roster import and the month-sheet import read a
 * workbook through one bounded streaming reader (src/loader/readWorkbook.ts): the unpacked bytes, the rows, the
 * markup and each run of text are counted while the archive is unpacked and parsed, and reading stops at the first
 * one past its limit. The tests below prove the stop happens while reading: what follows the limit in the sheet is
 * not even XML, and is never reached. How fast and how small the refusal is, `npm run bench:hostile` measures.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { xlsxBomb, xlsxOfSheet, xlsxRow } from '../../src/bench/gen/hostileSamples.ts';
import { sheetLimits } from '../../src/loader/monthSheetLayout.ts';
import { readMonthSheet } from '../../src/loader/readMonthSheet.ts';
import { readTable, TableError } from '../../src/loader/readTable.ts';
import { rosterLimits } from '../../src/schemas/contentLimits.ts';
import { tinyContent } from '../fixtures/tinyContent.ts';
import { runImport } from './cliInProcess.ts';

const header = ['姓名', '所在支部', '职务', '岗位', '状态'];
const member = (i: number) => [`党员${i}`, '第一支部', '', '', '在职'];

/** `bytes` written to a fresh temporary file named `name`; its path. */
function fileOf(bytes: Buffer, name = '名册.xlsx'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'xlsx-bomb-')), name);
  writeFileSync(path, bytes);
  return path;
}

/** A sheet of a header and `n` member rows, followed by `rest` (which need not be XML). */
const rosterThen = (n: number, rest: string) =>
  xlsxOfSheet('名册', {
    head: [header, ...Array.from({ length: n }, (_, i) => member(i))].map((r, i) => xlsxRow(r, i + 1)).join(''),
    chunk: rest,
    times: 1,
    tail: '',
  });

describe('npm run import (roster)', () => {
  test('refuses the roster bomb of issue 22 (1.4 MB, 336 MB unpacked) by the size it claims, and writes nothing', async () => {
    const dir = tinyContent();
    const r = await runImport([fileOf(xlsxBomb()), '--content', dir]);
    expect(r.stderr).toMatch(/^没有写入任何文件：“.*名册\.xlsx”解压后超过 50 MB，不像是名册，没有读完：请分成几个文件分批导入。\n$/);
    expect(r.status).toBe(1);
    expect(readdirSync(join(dir, 'members')).sort()).toEqual(['li.md', 'sec.md']);
  });

  test('refuses the same bomb claiming to unpack to 1 KB by its row limit, while unpacking it', async () => {
    const dir = tinyContent();
    const r = await runImport([fileOf(xlsxBomb({ understated: true })), '--content', dir]);
    expect(r.stderr).toBe('没有写入任何文件：名册超过 5,000 行党员（表头以外），一次最多导入 5,000 行：请分成几个文件分批导入。\n');
    expect(r.status).toBe(1);
    expect(readdirSync(join(dir, 'members')).sort()).toEqual(['li.md', 'sec.md']);
  });
});

describe('readTable (.xlsx)', () => {
  test('stops at the first row past the limit: the rest of the sheet, not even XML, is never read', async () => {
    const path = fileOf(rosterThen(11, '<row><c t="inlineStr"><is><t>不是 XML <<<'));
    await expect(readTable(path, { ...rosterLimits, rows: 10 })).rejects.toThrow(
      new TableError('名册超过 10 行党员（表头以外），一次最多导入 10 行：请分成几个文件分批导入。'),
    );
  });

  test('refuses a value far to the right or far down, which would make millions of empty cells of a small file (the review of issue 22)', async () => {
    const far = (ref: string, r: number) => `<row r="${r}"><c r="${ref}" t="inlineStr"><is><t>x</t></is></c></row>`;
    const right = fileOf(xlsxOfSheet('名册', `${far('A1', 1)}${far('XFD2', 2)}`));
    await expect(readTable(right)).rejects.toThrow(
      new TableError('名册第 2 行在第 16,384 列有内容，名册最多 64 列：请删去表格右侧多余的内容后再导入。'),
    );
    const down = fileOf(xlsxOfSheet('名册', `${far('A1', 1)}${far('A1048576', 1048576)}`));
    await expect(readTable(down)).rejects.toThrow(
      new TableError('名册第 1,048,576 行有内容，名册的内容应在前 200,000 行之内：请删去表格下方多余的内容后再导入。'),
    );
  });

  test('reads a roster at its row limit', async () => {
    const path = fileOf(rosterThen(10, ''));
    const rows = await readTable(path, { ...rosterLimits, rows: 10 });
    expect(rows).toHaveLength(11);
    expect(rows[10]).toEqual(member(9));
  });

  test('refuses a roster that unpacks past its budget, however few its rows and cells', async () => {
    const cell = `<c t="inlineStr"><is><t>${'名'.repeat(4000)}</t></is></c>`;
    const path = fileOf(xlsxOfSheet('名册', { head: '<row r="1">', chunk: cell, times: 200, tail: '</row>' }));
    await expect(readTable(path, { ...rosterLimits, unpackedBytes: 1024 * 1024 })).rejects.toThrow(
      new TableError('“名册.xlsx”解压后超过 1 MB，不像是名册，没有读完：请分成几个文件分批导入。'),
    );
  });

  test('refuses a sheet of endless markup that holds no rows', async () => {
    const path = fileOf(xlsxOfSheet('名册', { head: xlsxRow(header, 1), chunk: '<x/>', times: 600_000, tail: '' }));
    await expect(readTable(path)).rejects.toThrow(/^“名册\.xlsx”里的单元格和标记超过 [\d,]+ 个，不像是名册，没有读完/);
  });

  test('refuses a run of text longer than any cell can hold', async () => {
    const path = fileOf(
      xlsxOfSheet('名册', {
        head: '<row r="1"><c t="inlineStr"><is><t>',
        chunk: 'x'.repeat(65_536),
        times: 40,
        tail: '</t></is></c></row>',
      }),
    );
    await expect(readTable(path)).rejects.toThrow(/^“名册\.xlsx”里有一段文字超过 1 MB/);
  });
});

describe('readMonthSheet', () => {
  test('stops at the first row past the limit: the rest of the sheet, not even XML, is never read', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => xlsxRow(['李明', `pledges/2026/li-${i}.md`], i + 1)).join('');
    const bytes = xlsxOfSheet('践诺记实', { head: rows, chunk: '<row r="8"><c t="s"><v>不是 XML <<<', times: 1, tail: '' });
    const r = await readMonthSheet(bytes, '记实表.xlsx', { ...sheetLimits, rows: 4 });
    expect(r).toEqual({ problems: ['工作表“践诺记实”超过 4 行承诺（表头以外），最多 4 行：请按组织分开导出（--org），分批导入。'] });
  });

  test('refuses the understated bomb as a month sheet by its row limit, while unpacking it', async () => {
    const r = await readMonthSheet(xlsxBomb({ understated: true }), '记实表.xlsx');
    expect(r).toEqual({ problems: ['工作表“名册”超过 30,000 行承诺（表头以外），最多 30,000 行：请按组织分开导出（--org），分批导入。'] });
  });
});
