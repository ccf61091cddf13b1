/** `npm run setup`: a new branch's content tree, through the command line, checked by the real checker. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { parseMarkdown, stringifyMarkdown } from '../../src/lib/parseContentFile.ts';
import { planSetup, setupRound } from '../../src/loader/planSetup.ts';
import { defaultEvaluation } from '../../src/schemas/site.ts';
import { profileIds } from '../../src/schemas/options.ts';
import { runSetup } from './cliInProcess.ts';

const root = new URL('../..', import.meta.url).pathname;
// The command in-process (tests/unit/cliInProcess.ts); the unknown-preset case also runs it as a real process.
const setup = runSetup;
// A real run starts tsx: a generous timeout, a guard against a hang, not a measure of speed.
const setupProcess = (args: string[]) => spawnSync('node_modules/.bin/tsx', ['src/cli/setup.ts', ...args], { cwd: root, encoding: 'utf8' });
const fresh = () => join(mkdtempSync(join(tmpdir(), 'setup-')), 'content');
const presets = profileIds.map((p) => p.value);

/** Every file under `dir`, relative, sorted. */
const files = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();

describe('setupRound', () => {
  test('is the calendar year for every preset but school-semester', () => {
    for (const p of ['five-stages', 'provincial', 'monthly']) {
      expect(setupRound(p, '2026-03-05')).toEqual({ id: '2026', start: '2026-01-01', end: '2026-12-31' });
      expect(setupRound(p, '2026-10-01')).toEqual({ id: '2026', start: '2026-01-01', end: '2026-12-31' });
    }
  });

  test('is the school year from 1 September for school-semester: before September, the one that began last September', () => {
    expect(setupRound('school-semester', '2026-08-31')).toEqual({ id: '2026', start: '2025-09-01', end: '2026-08-31' });
    expect(setupRound('school-semester', '2026-09-01')).toEqual({ id: '2026', start: '2026-09-01', end: '2027-08-31' });
    expect(setupRound('school-semester', '2027-01-15')).toEqual({ id: '2027', start: '2026-09-01', end: '2027-08-31' });
  });
});

describe('planSetup', () => {
  test('refuses an id that is not lowercase ASCII, digits and hyphens, as the content contract does', () => {
    for (const id of ['Diyi', '第一支部', 'di_yi', '-diyi', 'di yi', '']) {
      const plan = planSetup({ profile: 'monthly', name: '第一党支部', id }, '2026-03-05');
      expect(plan, id).toEqual({ error: expect.stringMatching(/组织编号/) });
    }
    expect(planSetup({ profile: 'monthly', name: '第一党支部', id: 'diyi-2' }, '2026-03-05')).toHaveProperty('files');
  });

  test('refuses a missing name, an unknown level or unit type, each in Chinese', () => {
    expect(planSetup({ profile: 'monthly', id: 'diyi' }, '2026-03-05')).toEqual({ error: expect.stringContaining('--name') });
    expect(planSetup({ profile: 'monthly', name: '  ', id: 'diyi' }, '2026-03-05')).toEqual({ error: expect.stringContaining('--name') });
    expect(planSetup({ profile: 'monthly', name: '第一党支部', id: 'diyi', level: 'zhibu' }, '2026-03-05')).toEqual({
      error: expect.stringContaining('不认识的层级“zhibu”'),
    });
    expect(planSetup({ profile: 'monthly', name: '第一党支部', id: 'diyi', unitType: 'xuexiao' }, '2026-03-05')).toEqual({
      error: expect.stringContaining('不认识的单位类型“xuexiao”'),
    });
  });

  test('writes the files in the project’s own format', () => {
    const plan = planSetup(
      { profile: 'provincial', name: '青山村党支部', id: 'qingshan', unitType: 'village', timeZone: 'Asia/Urumqi' },
      '2026-03-05',
    );
    if (!('files' in plan)) throw new Error(plan.error);
    expect(plan.files.map((f) => f.path)).toEqual(['site.json', 'rounds/2026.md', 'orgs/qingshan.md']);
    const site = JSON.parse(plan.files[0].text);
    expect(site).toMatchObject({
      schemaVersion: 1,
      name: '青山村党支部',
      topOrg: 'qingshan',
      currentRound: '2026',
      profile: 'provincial',
      timeZone: 'Asia/Urumqi',
      evaluation: defaultEvaluation,
    });
    expect(plan.files[0].text).toBe(`${JSON.stringify(site, null, 2)}\n`);
    for (const f of plan.files.slice(1)) {
      const { data, body } = parseMarkdown(f.text, f.path);
      expect(f.text).toBe(stringifyMarkdown(data as Record<string, unknown>, body));
    }
    expect(parseMarkdown(plan.files[2].text, '').data).toEqual({ name: '青山村党支部', level: 'branch', unitType: 'village', order: 0 });
  });
});

describe('npm run setup', () => {
  test.each(presets)(
    '%s: writes a tree the checker accepts, recording the profile',
    (preset) => {
      const dir = fresh();
      const r = setup(['--profile', preset, '--name', '青山中学第一党支部', '--id', 'diyi', '--out', dir, '--as-of', '2026-03-05']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(files(dir)).toEqual(['orgs/diyi.md', 'rounds/2026.md', 'site.json']);
      const result = checkContent(dir, '2026-03-05');
      expect(result.errors).toEqual([]);
      const model = result.model!;
      expect(model.site.data).toMatchObject({ profile: preset, topOrg: 'diyi', currentRound: '2026', name: '青山中学第一党支部' });
      expect(model.site.data.timeZone).toBeUndefined();
      expect(model.members).toEqual([]);
      expect(model.orgs.map((o) => [o.id, o.data.level, o.data.unitType, o.data.parent])).toEqual([
        ['diyi', 'branch', 'school', undefined],
      ]);
      const round = model.rounds[0].data;
      // A school year is named as one (issue 24): 2025—2026学年, not 2026年度.
      expect(round.title).toBe(preset === 'school-semester' ? '2025—2026学年党员“承诺践诺评诺”' : '2026年度党员“承诺践诺评诺”');
      expect([round.start, round.end]).toEqual(preset === 'school-semester' ? ['2025-09-01', '2026-08-31'] : ['2026-01-01', '2026-12-31']);
      // It prints the check's result and the next steps, naming the folder.
      expect(r.stdout).toContain('没有错误');
      expect(r.stdout).toContain('统计截止日期：2026-03-05（命令行 --as-of）');
      expect(r.stdout).toContain(`npm run import -- 名册.xlsx --content ${dir}`);
      expect(r.stdout).toContain(`npm start -- --content ${dir}`);
      // The build it gives names a backend, as a production build must (tests/build/setupImport.test.ts runs it).
      expect(r.stdout).toContain(`npm run build -- --content ${dir} --cms-backend none`);
    },
    60_000,
  );

  test('takes --level, --unit-type and --time-zone', () => {
    const dir = fresh();
    const r = setup([
      '--profile',
      'five-stages',
      '--name',
      '青山社区党委',
      '--id',
      'qingshan-shequ',
      '--level',
      'committee',
      '--unit-type',
      'community',
      '--time-zone',
      'Asia/Shanghai',
      '--out',
      dir,
    ]);
    expect(r.status).toBe(0);
    const { errors, model } = checkContent(dir, '2026-03-05');
    expect(errors).toEqual([]);
    expect(model!.orgs[0].data).toMatchObject({ level: 'committee', unitType: 'community' });
    expect(model!.site.data.timeZone).toBe('Asia/Shanghai');
  }, 60_000);

  test('refuses an unknown preset, listing the four, and writes nothing', () => {
    const dir = fresh();
    const r = setupProcess(['--profile', 'xuexiao', '--name', '第一党支部', '--id', 'diyi', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('不认识的制度“xuexiao”');
    for (const p of presets) expect(r.stderr).toContain(p);
    expect(r.stderr).toContain('没有写入任何文件。');
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  test('refuses an unknown time zone or a bad --as-of and writes nothing', () => {
    const dir = fresh();
    const z = setup(['--profile', 'monthly', '--name', '第一党支部', '--id', 'diyi', '--out', dir, '--time-zone', 'Mars/Olympus']);
    expect(z.status).toBe(2);
    expect(z.stderr).toContain('不认识的时区“Mars/Olympus”');
    const d = setup(['--profile', 'monthly', '--name', '第一党支部', '--id', 'diyi', '--out', dir, '--as-of', '2026-02-30']);
    expect(d.status).toBe(2);
    expect(d.stderr).toContain('日期“2026-02-30”有误');
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  test('refuses a bad id and writes nothing', () => {
    const dir = fresh();
    const r = setup(['--profile', 'monthly', '--name', '第一党支部', '--id', 'Di_Yi', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('组织编号“Di_Yi”有误：只能用小写字母、数字和连字符');
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  test('refuses a missing name and writes nothing', () => {
    const dir = fresh();
    const r = setup(['--profile', 'monthly', '--id', 'diyi', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('请用 --name 填写党组织全称');
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  test('refuses a non-empty folder, naming it, and leaves it as it was', () => {
    const dir = fresh();
    mkdirSync(dir);
    writeFileSync(join(dir, 'site.json'), '{"mine": true}');
    const r = setup(['--profile', 'monthly', '--name', '第一党支部', '--id', 'diyi', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`文件夹“${dir}”不是空的`);
    expect(r.stderr).toContain('没有写入任何文件。');
    expect(files(dir)).toEqual(['site.json']);
    expect(readFileSync(join(dir, 'site.json'), 'utf8')).toBe('{"mine": true}');
  }, 60_000);

  test('writes into an existing empty folder', () => {
    const dir = fresh();
    mkdirSync(dir);
    const r = setup(['--profile', 'monthly', '--name', '第一党支部', '--id', 'diyi', '--out', dir, '--as-of', '2026-03-05']);
    expect(r.status).toBe(0);
    expect(files(dir)).toEqual(['orgs/diyi.md', 'rounds/2026.md', 'site.json']);
  }, 60_000);
});
