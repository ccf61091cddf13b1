/**
 * `npm run export -- results` and `npm run export -- ranking`, through the real command line on a copy of the
 * sample: the workbooks hold the same figures as branchResults / branchRanking, text never becomes a formula,
 * and an unknown round is refused without writing a file.
 */
import { profileResolver } from '../../src/lib/profiles.ts';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { branchRanking } from '../../src/lib/branchRanking.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { branchResults } from '../../src/lib/evaluationResults.ts';
import { projectScope } from '../../src/lib/projectScope.ts';
import { flatTable, rankingTable, stageName } from '../../src/lib/rankingTable.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { dispositions, grades, labelOf } from '../../src/schemas/options.ts';
import { runExport } from './cliInProcess.ts';

const root = new URL('../..', import.meta.url).pathname;
// Each run starts tsx: a generous timeout, a guard against a hang, not a measure of speed.
const spawnRun = (args: string[]) =>
  spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/exportLedger.ts'), ...args], { cwd: root, encoding: 'utf8' });
// In-process (tests/unit/cliInProcess.ts); the first results export runs as a real process.
const run = runExport;

const payloads = ['=HYPERLINK("http://x","y")', '+1', '-1', '@SUM(A1)'];

/** A copy of the sample with formula-like text planted in four members' 自评小结 and 述职要点, a 支部改定 reason and a branch's name. */
function plantedCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'export-')), 'content');
  cpSync(join(root, 'content'), dir, { recursive: true });
  const file = join(dir, 'evaluations/2025/jiaoshi-yi.md');
  let text = readFileSync(file, 'utf8');
  // Members' summaries only (indented under a member), not the branch's own 述职, which is not a row.
  for (const p of payloads) text = text.replace(/^ {4}summary: [^'\n]+/m, `    summary: '${p.replace(/'/g, "''")}'`);
  writeFileSync(file, text);
  // A 支部改定 of the second branch's secretary, whose reason looks like a formula.
  const er = join(dir, 'evaluations/2025/jiaoshi-er.md');
  writeFileSync(
    er,
    readFileSync(er, 'utf8').replace('- member: yang-fan\n', "- member: yang-fan\n  final:\n    grade: qualified\n    reason: '=1+1'\n"),
  );
  const org = join(dir, 'orgs/tuixiu.md');
  writeFileSync(org, readFileSync(org, 'utf8').replace(/^name: .*$/m, "name: '@SUM(A1)离退休教师党支部'"));
  return dir;
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The values of a sheet's rows after the header, empty cells as null. */
function bodyRows(sheet: ExcelJS.Worksheet, width: number): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return out;
}

let content: string;
let work: string;
let expected: { index: ReturnType<typeof indexContent>; asOf: string };

beforeAll(() => {
  content = plantedCopy();
  work = mkdtempSync(join(tmpdir(), 'export-out-'));
  const checked = checkContent(content, '2000-01-01', content);
  expect(checked.errors, 'the planted copy is valid content').toEqual([]);
  const asOf = checked.asOf!;
  expected = { index: indexContent(projectScope(checked.model!, 'internal', asOf)), asOf };
});

describe('npm run export -- results', () => {
  test('writes one row per evaluated member with the figures of branchResults', async () => {
    const out = join(work, 'results.xlsx');
    const r = spawnRun(['results', '--round', '2025', '--out', out, '--content', content]);
    expect(r.status, r.stderr).toBe(0);
    const sheet = (await read(out)).getWorksheet('评诺结果')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '支部',
      '党员',
      '自评等次',
      '自评小结',
      '满意',
      '基本满意',
      '不满意',
      '满意率',
      '点评人',
      '点评等次',
      '综合得分',
      '最终等次',
      '依据（R13/支部改定）',
      '理由',
      '述职日期',
      '述职要点',
      '组织处置',
      '处置说明',
    ]);
    const { index, asOf } = expected;
    const order = ['jiaoshi-yi', 'jiaoshi-er', 'tuixiu'];
    const evaluations = index.model.evaluations
      .filter((e) => e.round === '2025' && e.data.date <= asOf)
      .sort((a, b) => order.indexOf(a.data.org) - order.indexOf(b.data.org));
    const g = (x: string | undefined) => (x ? labelOf(grades, x) : null);
    const basis = { score: '按计分办法', R13: 'R13', override: '支部改定', none: '尚未评定' };
    const want = evaluations.flatMap((e) => {
      const res = branchResults(index, e, index.model.site.data.evaluation, profileResolver(index.model.site.data, index.org)(e.data.org));
      return res.rows.map((row) => [
        res.orgName,
        row.name,
        g(row.selfGrade),
        row.selfSummary ?? null,
        row.satisfied,
        row.basicallySatisfied,
        row.dissatisfied,
        row.satisfaction,
        row.leaderName ?? null,
        g(row.leaderGrade),
        row.score ?? null,
        g(row.result.grade),
        basis[row.result.basis],
        row.result.reason ?? null,
        row.report?.date ?? null,
        row.report?.summary ?? null,
        row.disposal ? `${labelOf(dispositions, row.disposal.kind)}（${row.disposal.date}）` : null,
        row.disposal?.note ?? null,
      ]);
    });
    const got = bodyRows(sheet, 18);
    expect(got).toEqual(want);
    expect(got.length).toBe(15 + 14 + 9);
    // By hand, content/evaluations/2025/jiaoshi-yi.md: 陈慧 优秀 self and leader, 13 satisfied → 0.2×95 + 0.4×100 + 0.4×95 = 97.
    expect(got[0].slice(0, 2).concat(got[0].slice(4, 8), got[0].slice(10, 12))).toEqual([
      '第一教师党支部（初中部）',
      '陈慧',
      13,
      0,
      0,
      1,
      97,
      '优秀',
    ]);
    // The sample follows 篇三, which has no R13: ma-chao's passive rectification does not fix his grade; the branch's override stands.
    expect(got.some((row) => row[12] === '支部改定')).toBe(true);
    expect(got.some((row) => row[12] === 'R13')).toBe(false);
    // 篇三's 双向述职: 陈慧 reported on the day of the evaluation; the two frail members of tuixiu did not.
    expect(got[0][14]).toBe('2025-12-22');
    expect(got.filter((row) => row[14] === null).length).toBe(2);
  }, 60_000);

  test('writes formula-like text as literal string cells, never as formulas', async () => {
    const out = join(work, 'results-inject.xlsx');
    expect((await await run(['results', '--round', '2025', '--out', out, '--content', content])).status).toBe(0);
    const sheet = (await read(out)).getWorksheet('评诺结果')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(c)));
    for (const text of [...payloads, '=1+1']) {
      const found = cells.filter((c) => c.value === text);
      expect(found.length, `a cell holding ${text}`).toBeGreaterThan(0);
      for (const c of found) {
        expect(c.type, `${text} is a string cell`).toBe(ExcelJS.ValueType.String);
        expect(c.formula).toBeUndefined();
      }
    }
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  }, 60_000);

  test('refuses an unknown round in Chinese, naming it, and writes no file', async () => {
    const out = join(work, 'none-results.xlsx');
    const r = await run(['results', '--round', '2099', '--out', out, '--content', content]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('找不到轮次“2099”');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('npm run export -- ranking', () => {
  test('writes one sheet per finished stage and one for the whole round, with the figures of branchRanking', async () => {
    const out = join(work, 'ranking.xlsx');
    const r = await run(['ranking', '--round', '2025', '--out', out, '--content', content]);
    expect(r.status, r.stderr).toBe(0);
    const wb = await read(out);
    const { index, asOf } = expected;
    const stages = branchRanking(index, index.model.site.data, '2025', asOf);
    // The sample's round lists its five stages (篇三); on 2025-12-26 奖诺 is under way.
    expect(wb.worksheets.map((s) => s.name)).toEqual(['承诺', '示诺', '践诺', '评诺', '奖诺（进行中）', '全轮']);
    for (const s of stages) {
      const flat = flatTable(rankingTable(s.rows, s.stage));
      const sheet = wb.getWorksheet(stageName(s.stage))!;
      expect(sheet.getRow(1).values).toEqual([undefined, ...flat.header]);
      expect(bodyRows(sheet, flat.header.length), stageName(s.stage)).toEqual(flat.rows);
    }
    // By hand (see tests/unit/branchRanking.test.ts): the 党总支 checked off 5 of its 10 pledges by 2025-12-26.
    const whole = bodyRows(wb.getWorksheet('全轮')!, 5);
    expect(whole.find((row) => row[1] === '青山市实验中学党总支')?.slice(2)).toEqual([0.5, 5, 10]);
    // Rates are numbers shown as percentages; the planted branch name is a string.
    const sheet = wb.getWorksheet('全轮')!;
    expect(sheet.getRow(2).getCell(3).numFmt).toBe('0.0%');
    const planted = bodyRows(sheet, 2).findIndex((row) => row[1] === '@SUM(A1)离退休教师党支部');
    expect(planted).toBeGreaterThanOrEqual(0);
    const cell = sheet.getRow(planted + 2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  }, 60_000);

  test('refuses an unknown round in Chinese, naming it, and writes no file', async () => {
    const out = join(work, 'none-ranking.xlsx');
    const r = await run(['ranking', '--round', '2099', '--out', out, '--content', content]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('找不到轮次“2099”');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
