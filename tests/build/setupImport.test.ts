/**
 * Issue 10's "done when": `npm run setup` followed by `npm run import` of a 10-row roster builds a site,
 * through the npm scripts a secretary types, into a fresh folder, with the real build.
 *
 * Issue 24: every command setup prints under 下一步 is run as printed (the roster's file name replaced by the test's
 * roster), in a copy of the project: the import, `npm start` (until its address answers) and the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { hasExited, spawnGroup, stopGroup } from '../../src/loader/processGroup.ts';
import { copyProject } from '../e2e/cms/cmsServer.ts';
import { childEnv, root, walk } from './buildSite.ts';

const npm = (args: string[]) => spawnSync('npm', ['run', '--silent', ...args], { cwd: root, encoding: 'utf8', env: childEnv() });

const roster = [
  ['姓名', '所在支部', '职务', '岗位', '状态'],
  ['周建华', '青山中学第一党支部', '书记', '校长', '在职'],
  ['林晓红', '青山中学第一党支部', '支委', '教务处主任', '在职'],
  ['陈志强', '青山中学第一党支部', '支委、领导干部', '副校长', '在职'],
  ['王丽娟', '青山中学第一党支部', '', '语文教师', '在职'],
  ['刘洋', '青山中学第一党支部', '', '数学教师', '在职'],
  ['赵敏', '青山中学第一党支部', '', '英语教师', ''],
  ['孙伟', '青山中学第一党支部', '', '物理教师', '在职'],
  ['何静', '青山中学第一党支部', '', '校医', '在职'],
  ['郑国平', '青山中学第一党支部', '', '退休教师', '离退休'],
  ['吴秀英', '青山中学第一党支部', '', '退休教师', '年老体弱'],
];

/** The environment a printed command runs in: the test runner's, cleaned, plus its own VAR=value words and nothing else (no CMS_BACKEND it does not name). */
function envOf(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env = childEnv(vars);
  if (!('CMS_BACKEND' in vars)) delete env.CMS_BACKEND;
  return env;
}

/** A command as setup prints it: leading VAR=value words as its environment, then npm and its arguments. */
function parseCommand(line: string): { env: Record<string, string>; args: string[] } {
  const words = line.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [k, ...v] = (words.shift() as string).split('=');
    env[k] = v.join('=');
  }
  expect(words[0], line).toBe('npm');
  return { env, args: words.slice(1) };
}

/** `npm start` as printed, in `cwd`: resolves once the board's address it prints answers, then stops it. */
async function startAndStop(cwd: string, env: Record<string, string>, args: string[]): Promise<{ status: number; out: string }> {
  const child = spawnGroup('npm', args, { cwd, env: envOf(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  try {
    const deadline = Date.now() + 120_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline && !hasExited(child)) {
      url = /公开栏：(http:\/\/\S+)/.exec(out)?.[1];
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(url, out).toBeDefined();
    const res = await fetch(url as string);
    const html = await res.text();
    return { status: res.status, out: html };
  } finally {
    await stopGroup(child);
  }
}

test('setup, then every command it prints, as printed: import of a 10-row roster, npm start, a real build with 10 member pages', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'setup-import-')), '本支部');
  const s = npm(['setup', '--', '--profile', 'school-semester', '--name', '青山中学第一党支部', '--id', 'diyi', '--out', dir]);
  expect(s.status, `${s.stdout}\n${s.stderr}`).toBe(0);
  expect(existsSync(join(dir, 'members'))).toBe(false);
  const printed = s.stdout
    .slice(s.stdout.indexOf('下一步'))
    .split('\n')
    .filter((l) => /^\s{5,}\S/.test(l) && l.includes('npm '))
    .map((l) => l.trim());
  expect(printed).toEqual([
    `npm run import -- 名册.xlsx --content ${dir}`,
    `npm start -- --content ${dir}`,
    `npm run build -- --content ${dir} --cms-backend none`,
  ]);
  // Each runs alike in cmd.exe, PowerShell and sh: flags only, no NAME=value before the command.
  for (const line of printed) expect(line, line).not.toMatch(/^[A-Z_]+=/);

  const csv = join(mkdtempSync(join(tmpdir(), 'roster-')), '名册.csv');
  writeFileSync(csv, `${roster.map((r) => r.join(',')).join('\n')}\n`);
  // The commands run in a copy of the project, as a secretary runs them in hers; the copy's dist/ is the build's.
  const project = copyProject();
  try {
    const imp = parseCommand(printed[0].replace('名册.xlsx', csv));
    const i = spawnSync('npm', imp.args, { cwd: project, encoding: 'utf8', env: envOf(imp.env) });
    expect(i.status, `${i.stdout}\n${i.stderr}`).toBe(0);
    expect(i.stdout).toContain('已写入：新建 10 人');
    const members = readdirSync(join(dir, 'members')).sort();
    expect(members).toHaveLength(10);

    const check = checkContent(dir, new Date());
    expect(check.errors).toEqual([]);
    expect(check.model!.members.map((m) => m.data.org)).toEqual(Array(10).fill('diyi'));
    expect(check.model!.rounds[0].data.title).toMatch(/^\d{4}—\d{4}学年党员“承诺践诺评诺”$/);

    const start = parseCommand(printed[1]);
    const home = await startAndStop(project, start.env, start.args);
    expect(home.status).toBe(200);
    expect(home.out).toContain('青山中学第一党支部');

    const build = parseCommand(printed[2]);
    const b = spawnSync('npm', build.args, { cwd: project, encoding: 'utf8', env: envOf(build.env), maxBuffer: 1 << 26 });
    expect(b.status, `${b.stdout}\n${b.stderr}`).toBe(0);
    const outDir = join(project, 'dist');
    const pages = walk(outDir).filter((f) => /^members\/[^/]+\/index\.html$/.test(f));
    expect(pages.sort()).toEqual(members.map((m) => `members/${m.replace(/\.md$/, '')}/index.html`));
    // Each member page is that member's: the roster's name and post are on it.
    for (const [name, , , post] of roster.slice(1)) {
      const id = check.model!.members.find((m) => m.data.name === name)!.id;
      const html = readFileSync(join(outDir, `members/${id}/index.html`), 'utf8');
      expect(html).toContain(name);
      expect(html).toContain(post);
    }
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('青山中学第一党支部');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}, 300_000);
