/**
 * One ledger row: the ledger table (as the browser shows it), the open data (pledges.json and pledges.csv of the
 * same build) and the .xlsx export of the same content give a pledge the same cells — category, title, measures,
 * deadline, latest record, progress, status and 销号 date — all as of the same date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, inject, test } from 'vitest';
import { ledgerWorkbook } from '../../src/cli/exportLedger.ts';
import { useTrackedPage, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));
const root = new URL('../..', import.meta.url).pathname;

interface Cells {
  category: string;
  title: string;
  measures: string;
  deadline: string;
  latest: string;
  status: string;
  closedOn: string;
}

/** A CSV file (RFC 4180, as the site writes it) as rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  return rows;
}

describe('one pledge, the same cells everywhere', () => {
  test('the org ledger, pledges.json, pledges.csv and the .xlsx export agree on every published pledge of every branch', async () => {
    const dist = inject('distDir');
    const json = JSON.parse(readFileSync(join(dist, 'data/pledges.json'), 'utf8')) as {
      asOf: string;
      pledges: {
        id: string;
        orgId: string;
        owner: string;
        categoryLabel: string;
        title: string;
        measuresText: string;
        deadline: string;
        latestDate: string;
        latestNote: string;
        progress: number | null;
        statusLabel: string;
        closedOn: string;
      }[];
    };
    const [header, ...csvRows] = parseCsv(readFileSync(join(dist, 'data/pledges.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const col = (name: string) => header.findIndex((h) => h.replace(/[（(]%[）)]/, '') === name);
    const csv = new Map(csvRows.map((r) => [r[col('编号')], r]));

    const made = await ledgerWorkbook(join(root, 'content'), undefined, json.asOf);
    if ('error' in made) throw new Error(made.error);
    const sheet = made.workbook.getWorksheet('践诺台账') as ExcelJS.Worksheet;
    const xlsx = new Map<string, string[]>();
    sheet.eachRow((r, i) => {
      if (i === 1) return;
      const v = (r.values as (string | number | null)[]).slice(1).map((x) => (x === null || x === undefined ? '' : String(x)));
      xlsx.set(`${v[1]}|${v[3]}`, v);
    });

    const fromJson = (p: (typeof json.pledges)[number]): Cells => ({
      category: p.categoryLabel,
      title: p.title,
      measures: p.measuresText,
      deadline: p.deadline,
      latest: p.latestDate ? `${p.latestDate} ${p.latestNote}（${p.progress}%）` : '',
      status: p.statusLabel,
      closedOn: p.closedOn,
    });

    let compared = 0;
    for (const orgId of [...new Set(json.pledges.map((p) => p.orgId))]) {
      await tp.goto(`orgs/${orgId}/`);
      const table = await tp.page.locator('section.ledger tbody tr').evaluateAll((rows) =>
        rows.map((r) => ({
          id: (r as HTMLElement).dataset.pledge ?? '',
          cells: [...r.querySelectorAll('td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim()),
        })),
      );
      for (const { id, cells } of table) {
        const p = json.pledges.find((x) => x.id === id)!;
        expect(p, id).toBeDefined();
        const want = fromJson(p);
        const status = cells[6].replace(/^\S+\s/, '');
        expect(
          { category: cells[2], title: cells[0], measures: cells[3], deadline: cells[4], latest: cells[5], status, closedOn: cells[7] },
          `table ${id}`,
        ).toEqual(want);

        const c = csv.get(id)!;
        expect(
          {
            category: c[col('类别')],
            title: c[col('承诺事项')],
            measures: c[col('践诺措施')],
            deadline: c[col('完成时限')],
            latest: c[col('最新进展日期')] ? `${c[col('最新进展日期')]} ${c[col('最新进展')]}（${c[col('完成进度')]}%）` : '',
            status: c[col('状态')],
            closedOn: c[col('销号日期')],
          },
          `csv ${id}`,
        ).toEqual(want);

        const x = xlsx.get(`${p.owner}|${p.title}`)!;
        expect(x, `xlsx ${id}`).toBeDefined();
        expect(
          {
            category: x[2],
            title: x[3],
            measures: x[4],
            deadline: x[5],
            latest: x[6] ? `${x[6]}（${x[7]}%）` : '',
            status: x[8],
            closedOn: x[9],
          },
          `xlsx ${id}`,
        ).toEqual(want);
        compared += 1;
      }
    }
    expect(compared).toBe(json.pledges.filter((p) => p.orgId !== '').length);
  });
});
