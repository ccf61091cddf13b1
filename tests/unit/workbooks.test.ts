import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { xlsxBytes } from '../../src/loader/workbooks.ts';

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('践诺台账');
  sheet.addRow(['承诺人', '承诺事项']);
  sheet.addRow(['陈慧', '=1+1 不是公式']);
  return wb;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('xlsxBytes: an .xlsx file that is the same on every build', () => {
  test('the same workbook gives the same bytes at another time of day, on another day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-05T08:00:00Z'));
    const first = await xlsxBytes(book(), '2025-12-26');
    vi.setSystemTime(new Date('2026-03-17T23:59:58Z'));
    const second = await xlsxBytes(book(), '2025-12-26');
    expect(second.equals(first)).toBe(true);
    // The as-of date is in it: another date, other bytes.
    expect((await xlsxBytes(book(), '2025-12-27')).equals(first)).toBe(false);
  });

  test('every zip entry and the document properties carry the as-of date, and the file opens with its cells', async () => {
    const bytes = await xlsxBytes(book(), '2025-12-26');
    const zip = await JSZip.loadAsync(bytes);
    for (const f of Object.values(zip.files)) expect(f.date.toISOString().slice(0, 10), f.name).toBe('2025-12-26');
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('2025-12-26T00:00:00Z');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const cell = wb.getWorksheet('践诺台账')!.getRow(2).getCell(2);
    expect(cell.value).toBe('=1+1 不是公式');
    expect(cell.formula).toBeUndefined();
  });
});
