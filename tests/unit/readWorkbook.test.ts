/**
 * The bounded .xlsx reader (src/loader/readWorkbook.ts) reads what Excel, WPS and the spreadsheet library write:
 * shared and inline strings, rich text without its phonetic guide, numbers with their format, dates in date
 * formats, booleans, errors, formulas (shared ones named by their master), every sheet
 * in workbook order or only the first. Its limits are proved in xlsxBomb.test.ts.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { xlsxOfSheet, zipArchive } from '../../src/bench/gen/hostileSamples.ts';
import { readWorkbook, type Sheet } from '../../src/loader/readWorkbook.ts';

const limits = { unpackedBytes: 10 * 1024 * 1024, rows: 1000, markup: 100_000 };

const valuesOf = (sheet: Sheet) => Object.fromEntries([...sheet.rows].map(([r, cells]) => [r, Array.from(cells, (c) => c?.value ?? null)]));

describe('readWorkbook', () => {
  test('reads the values the spreadsheet library writes, in every sheet, in order', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['姓名', 42, true]);
    ws.getCell('A2').value = new Date(Date.UTC(2025, 11, 20));
    ws.getCell('B2').value = 0.8;
    ws.getCell('B2').numFmt = '0%';
    ws.getCell('C2').value = { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] };
    ws.getCell('A4').value = { formula: 'B1*2', result: 84 } as ExcelJS.CellFormulaValue;
    ws.getCell('B4').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    const hidden = wb.addWorksheet('导出信息', { state: 'veryHidden' });
    hidden.addRow(['格式', 'x']);
    const r = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), limits);
    if (!('sheets' in r)) throw new Error(JSON.stringify(r));
    expect(r.sheets.map((s) => s.name)).toEqual(['名册', '导出信息']);
    expect(valuesOf(r.sheets[0])).toEqual({
      1: ['姓名', 42, true],
      2: [new Date(Date.UTC(2025, 11, 20)), 0.8, '张三'],
      4: [84, { error: '#N/A' }],
    });
    expect(r.sheets[0].rows.get(2)?.[1]).toEqual({ value: 0.8, numFmt: '0%' });
    expect(r.sheets[0].rows.get(4)?.[0]).toEqual({ value: 84, formula: 'B1*2' });
    expect(valuesOf(r.sheets[1])).toEqual({ 1: ['格式', 'x'] });

    const first = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), limits, 'first');
    expect('sheets' in first && first.sheets.map((s) => s.name)).toEqual(['名册']);
  });

  test('reads rich text without its phonetic guide, a shared formula named by its master, cells without references', async () => {
    const bytes = xlsxOfSheet(
      '表',
      [
        '<row r="1"><c r="A1" t="inlineStr"><is><r><t>王</t></r><r><t>丽</t></r><rPh sb="0" eb="1"><t>wang</t></rPh></is></c>',
        '<c r="B1"><f t="shared" si="0" ref="B1:B2">A1&amp;"x"</f><v>1</v></c></row>',
        '<row r="2"><c r="B2"><f t="shared" si="0"/><v>2</v></c></row>',
        '<row><c t="b"><v>0</v></c><c><v>3.5</v></c></row>',
      ].join(''),
    );
    const r = await readWorkbook(bytes, limits);
    if (!('sheets' in r)) throw new Error(JSON.stringify(r));
    expect(valuesOf(r.sheets[0])).toEqual({ 1: ['王丽', 1], 2: [null, 2], 3: [false, 3.5] });
    expect(r.sheets[0].rows.get(2)?.[1]?.formula).toBe('A1&"x"');
  });

  test.each([
    ['not a zip archive', Buffer.from('姓名,支部\n')],
    ['a zip archive without a workbook', zipArchive([{ name: 'x.xml', data: '<a/>' }])],
  ])('refuses %s as not-xlsx', async (_, bytes) => {
    expect(await readWorkbook(bytes, limits)).toEqual({ refused: { rule: 'not-xlsx' } });
  });

  test('refuses markup nested past any sheet’s depth', async () => {
    const bytes = xlsxOfSheet('表', `<row r="1">${'<x>'.repeat(100)}${'</x>'.repeat(100)}</row>`);
    expect(await readWorkbook(bytes, limits)).toEqual({ refused: { rule: 'not-xlsx' } });
  });
});
