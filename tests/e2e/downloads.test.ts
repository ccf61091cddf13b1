/**
 * Exports without a terminal (issue 24): the internal build carries the 践诺台账, this month's 践诺记实 sheet, the
 * 评诺 results and the 考核评比 as Excel files, linked from the pages that show the same numbers. Each is
 * downloaded as a reader would (a click on the link), opened with exceljs, and compared with its page.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { describeLog, useTrackedPage, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p), undefined, 'internal');

/** Clicks the page's download link of `kind`, and opens what the browser saved. */
async function download(kind: string): Promise<{ book: ExcelJS.Workbook; name: string; rows: number }> {
  const link = tp.page.locator(`a[data-download="${kind}"]`);
  expect(await link.count(), `a download link for ${kind}`).toBe(1);
  const [saved] = await Promise.all([tp.page.waitForEvent('download'), link.click()]);
  // The browser runs in the run's shared Chromium server: the file is read back through Playwright's stream.
  const chunks: Buffer[] = [];
  for await (const chunk of await saved.createReadStream()) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return { book, name: saved.suggestedFilename(), rows: Number(await link.getAttribute('data-rows')) };
}

/** A worksheet's rows from `from` on, as arrays of cell values (1-based, as exceljs gives them). */
function rowsOf(sheet: ExcelJS.Worksheet, from = 2): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  for (let r = from; r <= sheet.rowCount; r += 1) out.push((sheet.getRow(r).values as ExcelJS.CellValue[]) ?? []);
  return out;
}

describe('the internal build’s Excel downloads', () => {
  test('the internal index offers all four, each under its Chinese name', async () => {
    await tp.goto('internal/');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    const links = await tp.page
      .getByTestId('downloads')
      .locator('a')
      .evaluateAll((as) => as.map((a) => [(a as HTMLElement).dataset.download, a.getAttribute('download'), a.getAttribute('href')]));
    expect(links).toEqual([
      ['ledger', '践诺台账-2025.xlsx', '/internal/downloads/ledger-2025.xlsx'],
      ['month', '践诺记实-2025-12.xlsx', '/internal/downloads/month-2025-12.xlsx'],
      ['results', '评诺结果-2025.xlsx', '/internal/downloads/results-2025.xlsx'],
      ['ranking', '考核评比-2025.xlsx', '/internal/downloads/ranking-2025.xlsx'],
    ]);
    expect(await tp.page.locator('main').textContent()).not.toContain('npm run export');
  });

  test('the results workbook holds the branch page’s members, scores and grades', async () => {
    await tp.goto('internal/results/2025/jiaoshi-yi/');
    const page = await tp.page
      .locator('table.results tbody tr')
      .evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
    const { book, name, rows } = await download('results');
    expect(name).toBe('评诺结果-2025.xlsx');
    const sheet = book.getWorksheet('评诺结果')!;
    const all = rowsOf(sheet);
    expect(all.length).toBe(rows);
    const branch = all.filter((r) => r[1] === '第一教师党支部（初中部）');
    // 党员, 综合得分, 最终等次: the page's columns 1, 8, 9; the sheet's 2, 11, 12.
    expect(branch.map((r) => [r[2], String(r[11] ?? ''), r[12]])).toEqual(page.map((c) => [c[0], c[7] === '—' ? '' : c[7], c[8]]));
    expect(branch.length).toBeGreaterThan(5);
  });

  test('the ranking workbook has a sheet per stage, in the page’s order, with its orgs and counts', async () => {
    await tp.goto('internal/ranking/2025/');
    const stages = await tp.page
      .locator('section.stage')
      .evaluateAll((ss) =>
        ss.map((s) =>
          [...s.querySelectorAll('table.ranking tbody tr')].map((r) => [
            r.querySelector('th')?.textContent?.trim() ?? '',
            r.querySelector('td:nth-of-type(2) .counts')?.textContent?.trim() ?? '',
          ]),
        ),
      );
    const { book, rows } = await download('ranking');
    expect(book.worksheets.length).toBe(stages.length);
    expect(rows).toBe(stages.length);
    book.worksheets.forEach((sheet, i) => {
      expect(sheet.getRow(1).getCell(2).value).toBe('党组织');
      expect(
        rowsOf(sheet).map((r) => [r[2], `${r[4]}/${r[5]}`]),
        sheet.name,
      ).toEqual(stages[i]);
    });
  });

  test('the ledger workbook, beside the list of every pledge, holds exactly the list’s pledges and statuses', async () => {
    await tp.goto('lists/all/');
    const list = await tp.page
      .locator('tbody tr')
      .evaluateAll((rs) => rs.map((r) => [r.querySelector('a')?.textContent?.trim() ?? '', (r as HTMLElement).dataset.status ?? '']));
    const { book, rows } = await download('ledger');
    const sheet = book.getWorksheet('践诺台账')!;
    const ledger = rowsOf(sheet);
    expect(ledger.length).toBe(list.length);
    expect(rows).toBe(list.length);
    const titles = (xs: unknown[][], col: number) => xs.map((r) => String(r[col])).sort();
    expect(titles(ledger, 4)).toEqual(titles(list, 0));
    // Each status as many times as on the page (the statuses' words, as the badges say them).
    const words: Record<string, string> = {
      'not-started': '未开始',
      'in-progress': '进行中',
      rectifying: '整改中',
      overdue: '已逾期',
      closed: '已销号',
      'closed-late': '逾期销号',
    };
    expect(ledger.map((r) => String(r[9])).sort()).toEqual(list.map((r) => words[r[1]]).sort());
    expect(ledger.some((r) => r[9] === '已逾期')).toBe(true);
  });

  test('the month’s 践诺记实 sheet lists the pledges that owe a record, each with its file and checksum', async () => {
    await tp.goto('internal/');
    const { book, rows } = await download('month');
    const sheet = book.getWorksheet('践诺记实')!;
    expect(sheet.getRow(2).getCell(1).value).toBe('承诺人');
    const owed = rowsOf(sheet, 3);
    expect(owed.length).toBe(rows);
    expect(rows).toBeGreaterThan(0);
    for (const r of owed) {
      expect(String(r[10])).toMatch(/^pledges\/2025\/[a-z0-9-]+\.md$/);
      expect(String(r[11])).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
