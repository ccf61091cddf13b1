/** The roster import and the ledger export, through their command lines and on real spreadsheets. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { planRoster } from '../../src/loader/planRoster.ts';
import { parseCsv, readTable, TableError } from '../../src/loader/readTable.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { tinyContent } from '../fixtures/tinyContent.ts';
import { runExport, runImport } from './cliInProcess.ts';

const root = new URL('../..', import.meta.url).pathname;
// Each run starts tsx: the CLI tests get a generous timeout, a guard against a hang, not a measure of speed.
const spawnRun = (script: string, args: string[]) => spawnSync('node_modules/.bin/tsx', [script, ...args], { cwd: root, encoding: 'utf8' });
// In-process (tests/unit/cliInProcess.ts); the first refused import runs as a real process.
const run = (script: string, args: string[]) => (script.endsWith('exportLedger.ts') ? runExport(args) : runImport(args));
const orgs = [{ id: 'b1', name: '第一支部' }];
const header = ['姓名', '所在支部', '职务', '岗位', '状态'];

describe('planRoster', () => {
  test('creates members with ASCII ids from their names and maps the Chinese values', () => {
    const { changes, errors } = planRoster(
      [header, ['张三', '第一支部', '支委、领导干部', '数学教师', '在职'], ['吕刚', 'b1', '', '', '离退休']],
      [],
      orgs,
    );
    expect(errors).toEqual([]);
    expect(changes.map((c) => [c.kind, c.id, c.data.roles, c.data.status])).toEqual([
      ['create', 'zhang-san', ['committee', 'leading-cadre'], 'active'],
      ['create', 'lv-gang', undefined, 'retired'],
    ]);
  });

  test('updates an existing member found by name and branch, and lists what changes', () => {
    const existing = [{ id: 'li', data: { name: '李明', org: 'b1', status: 'active' as const, post: '语文教师', joined: '2001-07-01' } }];
    const { changes } = planRoster([header, ['李明', '第一支部', '', '数学教师', '在职']], existing, orgs);
    expect(changes[0]).toMatchObject({ kind: 'update', id: 'li', changed: ['post'] });
    expect(changes[0].data.joined).toBe('2001-07-01');
  });

  test('names each bad row, column and reason', () => {
    const { errors } = planRoster(
      [header, ['', '第一支部', '', '', ''], ['王五', '第九支部', '', '', ''], ['赵六', '第一支部', '校长', '', '病休']],
      [],
      orgs,
    );
    expect(errors).toEqual([
      { row: 2, column: '姓名', message: '姓名不能为空。' },
      { row: 3, column: '所在支部', message: expect.stringContaining('第九支部') },
      { row: 4, column: '职务', message: expect.stringContaining('校长') },
      { row: 4, column: '状态', message: expect.stringContaining('病休') },
    ]);
  });

  test('refuses a roster without the required headers', () => {
    expect(planRoster([['名字', '支部']], [], orgs).errors[0]).toMatchObject({ row: 1, column: '姓名' });
  });

  test('refuses a roster of more than 5,000 member rows whole, saying the limit', () => {
    const rows = [header, ...Array.from({ length: 5001 }, (_, i) => [`党员${i}`, '第一支部', '', '', '在职'])];
    const { changes, errors } = planRoster(rows, [], orgs);
    expect(changes).toEqual([]);
    expect(errors).toEqual([{ row: 0, column: '', message: '名册有 5,001 行党员，一次最多导入 5,000 行：请分成几个文件分批导入。' }]);
  });

  test('accepts 5,000 member rows (blank rows not counted)', () => {
    const rows = [header, ...Array.from({ length: 5000 }, (_, i) => [`党员${i}`, '第一支部', '', '', '在职']), ['', '', '', '', '']];
    expect(planRoster(rows, [], orgs).errors).toEqual([]);
  });

  test('refuses a cell over 200 characters, naming its row, column and the limit, and plans nothing', () => {
    const { changes, errors } = planRoster(
      [header, ['张三', '第一支部', '', '教'.repeat(201), '在职'], ['李四', '第一支部', '', '', '在职']],
      [],
      orgs,
    );
    expect(changes).toEqual([]);
    expect(errors).toEqual([{ row: 2, column: '岗位', message: '这一格太长：有 201 个字，每格最多 200 个字。' }]);
  });

  test('gives a 张三 of another branch a different id', () => {
    const existing = [{ id: 'zhang-san', data: { name: '张三', org: 'b0', status: 'active' as const } }];
    const { changes, errors } = planRoster([header, ['张三', '第一支部', '', '', '在职']], existing, orgs);
    expect(errors).toEqual([]);
    expect(changes.map((c) => [c.kind, c.id])).toEqual([['create', 'zhang-san-2']]);
  });

  test('refuses two rows of one name in one branch, saying to add a 编号 column', () => {
    const { changes, errors } = planRoster([header, ['王丽', '第一支部', '', '', '在职'], ['王丽', '第一支部', '', '', '在职']], [], orgs);
    expect(errors).toEqual([{ row: 3, column: '姓名', message: expect.stringContaining('与第 2 行同名') }]);
    expect(errors[0].message).toContain('请在名册中加一列“编号”');
    expect(errors[0].message).toContain('wang-li、wang-li-2');
    expect(changes.map((c) => c.row)).toEqual([2]);
  });

  test('takes two rows of one name apart by their 编号', () => {
    const { changes, errors } = planRoster(
      [
        [...header, '编号'],
        ['王丽', '第一支部', '', '', '在职', 'wang-li'],
        ['王丽', '第一支部', '', '', '在职', 'wang-li-2'],
      ],
      [],
      orgs,
    );
    expect(errors).toEqual([]);
    expect(changes.map((c) => [c.kind, c.id])).toEqual([
      ['create', 'wang-li'],
      ['create', 'wang-li-2'],
    ]);
  });

  test('refuses a row without 编号 when two members of the branch share its name, naming their ids', () => {
    const existing = ['wang-li', 'wang-li-2'].map((id) => ({ id, data: { name: '王丽', org: 'b1', status: 'active' as const } }));
    const { errors } = planRoster([header, ['王丽', '第一支部', '', '数学教师', '在职']], existing, orgs);
    expect(errors).toEqual([{ row: 2, column: '姓名', message: expect.stringContaining('编号 wang-li、wang-li-2') }]);
    expect(errors[0].message).toContain('加一列“编号”');
  });
});

describe('parseCsv', () => {
  test('reads quoted cells with commas, quotes and line breaks, BOM and CRLF', () => {
    expect(parseCsv('\uFEFF姓名,岗位\r\n"张三","教师,班主任"\r\n"李""四""",\r\n')).toEqual([
      ['姓名', '岗位'],
      ['张三', '教师,班主任'],
      ['李"四"', ''],
    ]);
  });
});

describe('readTable', () => {
  test('refuses a roster file over 10 MB before reading it', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'roster-')), 'big.csv');
    writeFileSync(csv, '');
    truncateSync(csv, 11 * 1024 * 1024);
    await expect(readTable(csv)).rejects.toThrow(new TableError('名册文件太大（11 MB），最大 10 MB：请分成几个文件分批导入。'));
  });

  test('refuses a .csv that is not UTF-8 (Excel’s plain CSV on a Chinese Windows is GBK)', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'roster-')), 'gbk.csv');
    writeFileSync(csv, Buffer.concat([Buffer.from('\xd0\xd5\xc3\xfb,', 'latin1'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd])]));
    await expect(readTable(csv)).rejects.toThrow(/不是 UTF-8 编码.*CSV UTF-8/);
  });
});

describe('npm run import', () => {
  test('writes nothing when any row is bad, naming the row and column', () => {
    const dir = tinyContent();
    const csv = join(mkdtempSync(join(tmpdir(), 'roster-')), 'roster.csv');
    writeFileSync(csv, `${header.join(',')}\n张三,第一支部,,教师,在职\n王五,第九支部,,,在职\n`);
    const r = spawnRun('src/cli/importRoster.ts', [csv, '--content', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('第 3 行「所在支部」');
    expect(existsSync(join(dir, 'members/zhang-san.md'))).toBe(false);
  }, 60_000);

  test('writes nothing from a roster over 5,000 rows, and says the limit', async () => {
    const dir = tinyContent();
    const csv = join(mkdtempSync(join(tmpdir(), 'roster-')), 'roster.csv');
    const rows = Array.from({ length: 100_000 }, (_, i) => `党员${i},第一支部,,,在职`);
    writeFileSync(csv, `${header.join(',')}\n${rows.join('\n')}\n`);
    const r = await run('src/cli/importRoster.ts', [csv, '--content', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('名册有 100,000 行党员，一次最多导入 5,000 行');
    expect(readdirSync(join(dir, 'members')).sort()).toEqual(['li.md', 'sec.md']);
  }, 60_000);

  test('writes nothing through a link in members/, naming it', async () => {
    const dir = tinyContent();
    const outside = join(mkdtempSync(join(tmpdir(), 'outside-')), 'target.md');
    writeFileSync(outside, 'untouched');
    symlinkSync(outside, join(dir, 'members/zhang-san.md'));
    const csv = join(mkdtempSync(join(tmpdir(), 'roster-')), 'roster.csv');
    writeFileSync(csv, `${header.join(',')}\n李明,第一支部,,物理教师,在职\n张三,第一支部,,教师,在职\n`);
    const r = await run('src/cli/importRoster.ts', [csv, '--content', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/没有写入任何文件：.*zhang-san\.md”是符号链接/);
    expect(readFileSync(outside, 'utf8')).toBe('untouched');
    expect(readFileSync(join(dir, 'members/li.md'), 'utf8')).toContain('数学教师');
  }, 60_000);

  test('--dry-run shows the plan from an .xlsx roster and writes nothing; without it the files pass the check', async () => {
    const dir = tinyContent();
    const xlsx = join(mkdtempSync(join(tmpdir(), 'roster-')), '名册.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名册');
    sheet.addRow(header);
    sheet.addRow(['张三', '第一支部', '', '数学教师', '在职']);
    sheet.addRow(['李明', '第一支部', '', '物理教师', '在职']);
    await wb.xlsx.writeFile(xlsx);

    const dry = await run('src/cli/importRoster.ts', [xlsx, '--dry-run', '--content', dir]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('新建 members/zhang-san.md');
    expect(dry.stdout).toContain('更新 members/li.md(post)');
    expect(existsSync(join(dir, 'members/zhang-san.md'))).toBe(false);

    const real = await run('src/cli/importRoster.ts', [xlsx, '--content', dir]);
    expect(real.status, real.stdout + real.stderr).toBe(0);
    expect(readFileSync(join(dir, 'members/zhang-san.md'), 'utf8')).toContain('name: 张三');
    expect(readFileSync(join(dir, 'members/li.md'), 'utf8')).toContain('post: 物理教师');
    expect(checkContent(dir, '2026-03-10', dir).errors).toEqual([]);
  }, 60_000);
});

describe('npm run export -- ledger', () => {
  test('writes the ledger of a round as .xlsx with one row per approved pledge', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.xlsx');
    const r = await run('src/cli/exportLedger.ts', ['ledger', '--round', '2025', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('践诺台账')!;
    expect(sheet.getRow(1).values).toContain('承诺事项');
    expect(sheet.rowCount - 1).toBe(85);
    const statuses = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && statuses.add(String(row.getCell(9).value)));
    expect(statuses).toContain('已销号');
  }, 60_000);
});
