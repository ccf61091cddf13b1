/**
 * Issue 10's "done when": `npm run setup` followed by `npm run import` of a 10-row roster builds a site,
 * through the npm scripts a secretary types, into a fresh folder, with the real build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { buildSite, childEnv, root, walk } from './buildSite.ts';

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

test('setup, then import of a 10-row roster, then a real build with 10 member pages', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'setup-import-')), '本支部');
  const s = npm(['setup', '--', '--profile', 'school-semester', '--name', '青山中学第一党支部', '--id', 'diyi', '--out', dir]);
  expect(s.status, `${s.stdout}\n${s.stderr}`).toBe(0);
  expect(existsSync(join(dir, 'members'))).toBe(false);

  const csv = join(mkdtempSync(join(tmpdir(), 'roster-')), '名册.csv');
  writeFileSync(csv, `${roster.map((r) => r.join(',')).join('\n')}\n`);
  const i = npm(['import', '--', csv, '--content', dir]);
  expect(i.status, `${i.stdout}\n${i.stderr}`).toBe(0);
  expect(i.stdout).toContain('已写入：新建 10 人');
  const members = readdirSync(join(dir, 'members')).sort();
  expect(members).toHaveLength(10);

  const check = checkContent(dir, new Date());
  expect(check.errors).toEqual([]);
  expect(check.model!.members.map((m) => m.data.org)).toEqual(Array(10).fill('diyi'));

  const b = buildSite({ contentDir: dir });
  expect(b.code, b.out).toBe(0);
  const pages = walk(b.outDir).filter((f) => /^members\/[^/]+\/index\.html$/.test(f));
  expect(pages.sort()).toEqual(members.map((m) => `members/${m.replace(/\.md$/, '')}/index.html`));
  // Each member page is that member's: the roster's name and post are on it.
  for (const [name, , , post] of roster.slice(1)) {
    const id = check.model!.members.find((m) => m.data.name === name)!.id;
    const html = readFileSync(join(b.outDir, `members/${id}/index.html`), 'utf8');
    expect(html).toContain(name);
    expect(html).toContain(post);
  }
  expect(readFileSync(join(b.outDir, 'index.html'), 'utf8')).toContain('青山中学第一党支部');
});
