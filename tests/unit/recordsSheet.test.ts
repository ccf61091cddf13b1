/**
 * The spreadsheet round trip through the real command lines on copies of the sample (篇三, monthly records):
 * `npm run export -- month 2025-12` lists exactly what `npm run check` reports under R6 for December; three
 * rows filled with exceljs; `--dry-run` writes nothing; the import appends exactly those three records and
 * nothing else; the check then no longer lists them. Then the refusals, each naming the row and the field and
 * leaving every file as it was.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCheck, runExport, runImport } from './cliInProcess.ts';

const root = join(import.meta.dirname, '..', '..');
// Each run starts tsx: a generous timeout, a guard against a hang, not a measure of speed.
const tsx = (script: string, args: string[]) =>
  spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, script), ...args], { cwd: root, encoding: 'utf8' });
// In-process (tests/unit/cliInProcess.ts); the first export below runs as a real process.
const exportMonth = (args: string[]) => runExport(['month', ...args]);
const importRecords = (args: string[]) => runImport(['records', ...args]);

const TODAY = '2025-12-31';

/** A fresh copy of the sample content, and a folder for workbooks. */
function copy(edit?: (dir: string) => void): { dir: string; work: string } {
  const base = mkdtempSync(join(tmpdir(), 'records-'));
  const dir = join(base, 'content');
  cpSync(join(root, 'content'), dir, { recursive: true });
  edit?.(dir);
  return { dir, work: base };
}

/** Every file of a folder by its path inside it (with `/`), and the SHA-256 of its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const path = join(d.parentPath, d.name);
    out.set(
      path
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
      createHash('sha256').update(readFileSync(path)).digest('hex'),
    );
  }
  return out;
}

/** The pledge files (pledges/2025/x.md) that `npm run check --as-of` reports under R6 as lacking `month`. */
function r6Lacking(dir: string, asOf: string, month: string): string[] {
  const r = runCheck(['--content', dir, '--as-of', asOf, '--json']);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const { findings } = JSON.parse(r.stdout) as { findings: { rule: string; file: string; message: string }[] };
  return findings
    .filter((f) => f.rule === 'R6' && (/：([^：]*)。$/.exec(f.message)?.[1] ?? '').split('、').includes(month))
    .map((f) => /pledges\/[^/]+\/[^/]+\.md$/.exec(f.file.split('\\').join('/'))![0])
    .sort();
}

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Column numbers by header (row 2 of the sheet 践诺记实). */
function columnsOf(sheet: ExcelJS.Worksheet): Record<string, number> {
  const out: Record<string, number> = {};
  sheet.getRow(2).eachCell((c, n) => (out[String(c.value)] = n));
  return out;
}

/** The pledge file of each body row, by row number. */
function pathsOf(sheet: ExcelJS.Worksheet): Map<number, string> {
  const col = columnsOf(sheet)['承诺文件'];
  const out = new Map<number, string>();
  for (let r = 3; r <= sheet.rowCount; r++) out.set(r, String(sheet.getRow(r).getCell(col).value));
  return out;
}

interface Fill {
  row: number;
  date?: ExcelJS.CellValue;
  note?: ExcelJS.CellValue;
  progress?: ExcelJS.CellValue;
}

/** Copies the exported workbook `from` to `to` with cells filled as a person would, and `edit` applied. */
async function fill(
  from: string,
  to: string,
  fills: Fill[],
  edit?: (wb: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) => void,
): Promise<void> {
  const wb = await readBook(from);
  const sheet = wb.getWorksheet('践诺记实')!;
  const col = columnsOf(sheet);
  for (const f of fills) {
    const row = sheet.getRow(f.row);
    if (f.date !== undefined) row.getCell(col['记实日期']).value = f.date;
    if (f.note !== undefined) row.getCell(col['进展情况']).value = f.note;
    if (f.progress !== undefined) row.getCell(col['完成进度（%）']).value = f.progress;
  }
  edit?.(wb, sheet);
  await wb.xlsx.writeFile(to);
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('npm run export -- month, then npm run import -- records', () => {
  let dir: string;
  let work: string;
  let sheetFile: string;
  let lacking: string[];
  let paths: Map<number, string>;
  let before: Map<string, string>;
  let texts: Map<string, string>;
  const filled = [
    { row: 3, date: new Date(Date.UTC(2025, 11, 20)), note: '完成全年工作总结，分管财务审计无问题', progress: 100 },
    { row: 6, date: '2025/12/18', note: '期末复习答疑8次', progress: 95 },
    { row: 9, date: '2025-12-28', note: { richText: [{ text: '整理' }, { text: '全年台账' }] }, progress: '90' },
  ];

  beforeAll(async () => {
    // Two members of different branches share a name in this copy, to see them told apart.
    ({ dir, work } = copy((d) => {
      const f = join(d, 'members', 'cao-lin.md');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^name: 曹林$/m, 'name: 孙丽'));
    }));
    sheetFile = join(work, '记实表.xlsx');
    lacking = r6Lacking(dir, TODAY, '2025-12');
    // As a person runs it, in a process of its own: the exit code and what it prints.
    const r = tsx('src/cli/exportLedger.ts', ['month', '2025-12', '--today', TODAY, '--content', dir, '--out', sheetFile]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已导出 2025-12 欠记实的 ${lacking.length} 项承诺`);
    paths = pathsOf((await readBook(sheetFile)).getWorksheet('践诺记实')!);
    before = snapshot(dir);
    texts = new Map(filled.map((f) => [paths.get(f.row)!, readFileSync(join(dir, paths.get(f.row)!), 'utf8')]));
  }, 60_000);

  test('exports exactly the pledges R6 reports as lacking December once it has ended', () => {
    expect(lacking.length).toBeGreaterThan(3);
    expect([...paths.values()].sort()).toEqual(lacking);
  });

  test('the sheet names each owner, tells the two 孙丽 apart, and shows the last record', async () => {
    const sheet = (await readBook(sheetFile)).getWorksheet('践诺记实')!;
    const col = columnsOf(sheet);
    const rowOf = (path: string) => sheet.getRow([...paths].find(([, p]) => p === path)![0]);
    const sun = rowOf('pledges/2025/sun-li-study.md');
    const cao = rowOf('pledges/2025/cao-lin-work.md');
    expect(sun.getCell(col['承诺人']).value).toBe('孙丽 · 第一教师党支部（初中部）');
    expect(cao.getCell(col['承诺人']).value).toBe('孙丽 · 第二教师党支部（高中部）');
    // By hand, content/pledges/2025/chen-hui-service.md: its last record is of 2025-11-26, 90%.
    const chen = rowOf('pledges/2025/chen-hui-service.md');
    expect([
      chen.getCell(col['承诺事项']).value,
      chen.getCell(col['上次记实日期']).value,
      chen.getCell(col['上次完成进度（%）']).value,
    ]).toEqual(['每学期完成全班学生家访，办好初二家长学校', '2025-11-26', 90]);
    expect(String(chen.getCell(col['上次进展情况']).value)).toMatch(/^秋季学期46户家访全部完成/);
    for (const h of ['记实日期', '进展情况', '完成进度（%）']) expect(chen.getCell(col[h]).value, h).toBeNull();
  });

  test('the sheet carries each file and its SHA-256 in hidden locked columns, and the period in a hidden sheet', async () => {
    const wb = await readBook(sheetFile);
    const sheet = wb.getWorksheet('践诺记实')!;
    const col = columnsOf(sheet);
    expect(sheet.getColumn(col['承诺文件']).hidden).toBe(true);
    expect(sheet.getColumn(col['文件校验值（SHA-256）']).hidden).toBe(true);
    for (const [r, path] of paths) expect(sheet.getRow(r).getCell(col['文件校验值（SHA-256）']).value, path).toBe(sha(join(dir, path)));
    const cell = sheet.getRow(3).getCell(col['承诺文件']);
    expect(cell.protection?.locked ?? true).toBe(true);
    expect(sheet.getRow(3).getCell(col['进展情况']).protection?.locked).toBe(false);
    const info = wb.getWorksheet('导出信息')!;
    expect(info.state).toBe('veryHidden');
    expect([2, 3, 4].map((r) => [info.getCell(r, 1).value, info.getCell(r, 2).value ?? ''])).toEqual([
      ['记实期间', '2025-12'],
      ['轮次', '2025'],
      ['组织', ''],
    ]);
    const cells: ExcelJS.Cell[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });

  test('a dry run lists the three filled rows and writes nothing', async () => {
    const filledFile = join(work, '已填.xlsx');
    await fill(sheetFile, filledFile, filled);
    const r = await importRecords([filledFile, '--dry-run', '--content', dir, '--today', TODAY]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`预览（没有写入）：将为 3 项承诺各追加一条 2025-12 的践诺记实，另有 ${paths.size - 3} 行留空。`);
    for (const f of filled) expect(r.stdout).toContain(`第 ${f.row} 行（`);
    expect(r.stdout).toContain('2025-12-18，完成进度 95%，期末复习答疑8次');
    expect(r.stdout.match(/^ {2}第 \d+ 行/gm)).toHaveLength(3);
    expect(snapshot(dir)).toEqual(before);
  });

  test('the import appends exactly the three records, each file changed only by its appended lines; the check passes without them', async () => {
    const filledFile = join(work, '已填.xlsx');
    const r = await importRecords([filledFile, '--content', dir, '--today', TODAY]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('已写入：为 3 项承诺各追加了一条 2025-12 的践诺记实');
    expect(r.stdout).toContain('请运行 npm run check');
    const after = snapshot(dir);
    const changed = [...after]
      .filter(([p, h]) => before.get(p) !== h)
      .map(([p]) => p)
      .sort();
    const want = filled.map((f) => paths.get(f.row)!).sort();
    expect(changed).toEqual(want);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const lines = {
      [paths.get(3)!]: ["- date: '2025-12-20'", '  note: 完成全年工作总结，分管财务审计无问题', '  progress: 100'],
      [paths.get(6)!]: ["- date: '2025-12-18'", '  note: 期末复习答疑8次', '  progress: 95'],
      [paths.get(9)!]: ["- date: '2025-12-28'", '  note: 整理全年台账', '  progress: 90'],
    };
    for (const path of changed) {
      const old = texts.get(path)!.split('\n');
      const now = readFileSync(join(dir, path), 'utf8').split('\n');
      let head = 0;
      while (head < old.length && old[head] === now[head]) head++;
      let tail = 0;
      while (tail < old.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
      expect(old.slice(head, old.length - tail), `${path}: nothing removed or rewritten`).toEqual([]);
      expect(now.slice(head, now.length - tail), `${path}: only the record added`).toEqual(lines[path]);
    }
    expect(r6Lacking(dir, TODAY, '2025-12')).toEqual(lacking.filter((p) => !want.includes(p)));
    const check = runCheck(['--content', dir, '--as-of', TODAY]);
    expect(check.status, check.stdout).toBe(0);
  }, 60_000);

  test('importing the same sheet again is refused, naming the rows whose files changed since the export', async () => {
    const now = snapshot(dir);
    const r = await importRecords([join(work, '已填.xlsx'), '--content', dir, '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('记实表有 3 处问题，没有写入任何文件');
    for (const f of filled)
      expect(r.stdout).toMatch(new RegExp(`第 ${f.row} 行（[^\\n]*）：承诺文件 ${paths.get(f.row)} 在您打开之后已被别人修改`));
    expect(r.stdout).toContain('请重新运行 npm run export -- month 2025-12 导出新表');
    expect(snapshot(dir)).toEqual(now);
  });
});

describe('refusals: nothing is written', () => {
  let dir: string;
  let work: string;
  let all: string;
  let branch: string;
  let before: Map<string, string>;
  let paths: Map<number, string>;

  beforeAll(async () => {
    ({ dir, work } = copy());
    all = join(work, 'all.xlsx');
    branch = join(work, 'branch.xlsx');
    expect((await exportMonth(['2025-12', '--today', TODAY, '--content', dir, '--out', all])).status).toBe(0);
    const r = await exportMonth(['2025-12', '--org', 'jiaoshi-yi', '--today', TODAY, '--content', dir, '--out', branch]);
    expect(r.status, r.stderr).toBe(0);
    paths = pathsOf((await readBook(all)).getWorksheet('践诺记实')!);
    before = snapshot(dir);
  }, 60_000);

  /** Runs the import of `file` and checks it is refused with nothing written; its printed output. */
  async function refused(file: string, today = TODAY): Promise<string> {
    const r = await importRecords([file, '--content', dir, '--today', today]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.ts:\d+|Error:/);
    expect(snapshot(dir)).toEqual(before);
    return r.stdout + r.stderr;
  }

  describe('bad records in the rows, with one good row that is not written either', () => {
    let output: string;
    beforeAll(async () => {
      const file = join(work, 'bad-values.xlsx');
      await fill(all, file, [
        { row: 3, date: '2025-11-30', note: '上月的事', progress: 50 },
        { row: 4, date: '2025-12-31', note: '今天之后', progress: 50 },
        { row: 5, date: '2025-12-20', note: '超过一百', progress: 101 },
        { row: 6, date: '2025-12-20', note: '负数', progress: -1 },
        { row: 7, date: '2025-12-20', progress: 80 },
        { row: 8, date: '2025-12-20', note: '这一行本身没有问题', progress: 60 },
      ]);
      output = await refused(file, '2025-12-30');
    }, 60_000);

    test.each([
      [3, '记实日期 2025-11-30 不在 2025-12（2025-12-01 至 2025-12-31）之内'],
      [4, '记实日期 2025-12-31 晚于今天（2025-12-30），不能预先记实'],
      [5, '完成进度应在 0 到 100 之间，不是 101'],
      [6, '完成进度应在 0 到 100 之间，不是 -1'],
      [7, '填了完成进度，请写明进展情况'],
    ])('row %i: %s', (row, message) => {
      expect(output).toMatch(new RegExp(`第 ${row} 行（[^\\n]*）：${message.replace(/[()（）]/g, '\\$&')}`));
    });

    test('the good row is named nowhere and its file is unchanged', () => {
      expect(output).toContain('记实表有 5 处问题，没有写入任何文件');
      expect(output).not.toContain('第 8 行');
    });
  });

  test('a formula in a cell', async () => {
    const file = join(work, 'formula.xlsx');
    await fill(all, file, [
      { row: 3, date: '2025-12-20', note: '用公式算的进度', progress: { formula: '50+30', result: 80 } as ExcelJS.CellFormulaValue },
    ]);
    expect(await refused(file)).toContain('第 3 行「完成进度（%）」（I3）是公式（=50+30）：导入只接受直接填写的文字和数字');
  });

  test('a row for another organisation’s pledge in a sheet exported for one branch', async () => {
    const file = join(work, 'other-org.xlsx');
    const other = 'pledges/2025/cao-lin-work.md';
    await fill(branch, file, [{ row: 3, date: '2025-12-20', note: '别的支部的承诺', progress: 50 }], (_, sheet) => {
      const col = columnsOf(sheet);
      sheet.getRow(3).getCell(col['承诺文件']).value = other;
      sheet.getRow(3).getCell(col['文件校验值（SHA-256）']).value = sha(join(dir, other));
    });
    expect(await refused(file)).toMatch(
      /第 3 行（曹林：[^\n]*）：这项承诺属于第二教师党支部（高中部），不属于表格导出时选定的第一教师党支部（初中部），没有写入。/,
    );
  });

  test('a path outside the content folder’s pledges/, even on a row left empty', async () => {
    const file = join(work, 'outside.xlsx');
    await fill(all, file, [], (_, sheet) => {
      sheet.getRow(4).getCell(columnsOf(sheet)['承诺文件']).value = '../site.json';
    });
    expect(await refused(file)).toMatch(/第 4 行（[^\n]*）：「承诺文件」“\.\.\/site\.json”不是内容文件夹 pledges\/ 下的承诺文件/);
  });

  test('a month outside the round: the export refuses it, and so does the import of a sheet claiming it', async () => {
    const out = join(work, 'january.xlsx');
    const r = await exportMonth(['2026-01', '--today', '2026-01-31', '--content', dir, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('2026-01 不在本轮（2025年度党员“承诺践诺评诺”，2025-01-01 至 2025-12-31）之内');
    expect(existsSync(out)).toBe(false);
    const file = join(work, 'claims-january.xlsx');
    await fill(all, file, [{ row: 3, date: '2026-01-10', note: '一月', progress: 50 }], (wb) => {
      wb.getWorksheet('导出信息')!.getCell(2, 2).value = '2026-01';
    });
    expect(await refused(file, '2026-01-31')).toContain('表格的记实期间：2026-01 不在本轮');
  });

  describe('on a copy where, after the export, one pledge file was deleted and another changed', () => {
    let copyDir: string;
    let output: string;
    let deleted: string;
    let changed: string;
    let left: Map<string, string>;
    beforeAll(async () => {
      ({ dir: copyDir } = copy());
      const file = join(work, 'gone.xlsx');
      expect((await exportMonth(['2025-12', '--today', TODAY, '--content', copyDir, '--out', join(work, 'gone-export.xlsx')])).status).toBe(
        0,
      );
      deleted = paths.get(3)!;
      changed = paths.get(4)!;
      await fill(join(work, 'gone-export.xlsx'), file, [
        { row: 3, date: '2025-12-20', note: '文件已被删除', progress: 50 },
        { row: 4, date: '2025-12-20', note: '文件已被改过', progress: 50 },
      ]);
      rmSync(join(copyDir, deleted));
      const c = join(copyDir, changed);
      writeFileSync(c, `${readFileSync(c, 'utf8')}\n后台补充的一段说明。\n`);
      left = snapshot(copyDir);
      const r = await importRecords([file, '--content', copyDir, '--today', TODAY]);
      expect(r.status).toBe(1);
      output = r.stdout;
    }, 60_000);

    test('the deleted pledge is named with its row', () => {
      expect(output).toMatch(new RegExp(`第 3 行（[^\\n]*）：承诺文件 ${deleted} 已不存在`));
    });

    test('the changed pledge is named with its row', () => {
      expect(output).toMatch(new RegExp(`第 4 行（[^\\n]*）：承诺文件 ${changed} 在您打开之后已被别人修改`));
    });

    test('no file changed', () => {
      expect(snapshot(copyDir)).toEqual(left);
    });
  });
});
