/**
 * `npm run check` refuses what the public pages cannot render: a current
 * round or top org the public scope cannot see, public orgs outside the top
 * org's public tree, and public pages that would show a hidden entry's id.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';

const root = new URL('../..', import.meta.url).pathname;
const internal = (file: string) => tinyFiles[file].replace(/^---\n/, '---\nvisibility: internal\n');
const org = (name: string, extra: string) => `---\nname: ${name}\nlevel: branch\nunitType: school\n${extra}---\n`;

function errorsOf(changes: Record<string, string>) {
  const dir = tinyContent(changes);
  const { errors } = checkContent(dir, '2026-03-10', root);
  return errors.map((e) => ({ file: e.file.slice(dir.length + 1), field: e.field, rule: e.rule, message: e.message }));
}

describe('renderPrerequisites', () => {
  test('accepts the tiny content and the sample as they are', () => {
    expect(errorsOf({})).toEqual([]);
    expect(checkContent(join(root, 'content'), '2025-12-26', root).errors).toEqual([]);
  });

  test.each([
    ['internal', '仅组织内部'],
    ['private', '不公开'],
  ])('refuses a current round marked %s, naming site.json and the round file', (visibility, label) => {
    const errors = errorsOf({ 'rounds/2026.md': tinyFiles['rounds/2026.md'].replace('---\n', `---\nvisibility: ${visibility}\n`) });

    expect(errors).toEqual([
      { file: 'site.json', field: 'currentRound', rule: 'public-round', message: expect.stringContaining('rounds/2026.md') },
    ]);
    expect(errors[0].message).toContain(`公开范围是“${label}”`);
  });

  test('refuses a top org the public cannot see, without a second error for every org under it', () => {
    const errors = errorsOf({ 'orgs/top.md': internal('orgs/top.md') });

    expect(errors).toEqual([{ file: 'site.json', field: 'topOrg', rule: 'public-top', message: expect.stringContaining('orgs/top.md') }]);
  });

  test('refuses a public org whose parent the public cannot see', () => {
    const errors = errorsOf({
      'orgs/b2.md': org('第二支部', 'parent: top\nvisibility: internal\n'),
      'orgs/b3.md': org('第三支部', 'parent: b2\n'),
    });

    expect(errors).toEqual([{ file: 'orgs/b3.md', field: 'parent', rule: 'public-tree', message: expect.stringContaining('orgs/b2.md') }]);
  });

  test('refuses a public org outside the top org, and the top org under another public org', () => {
    const errors = errorsOf({
      'orgs/other.md': org('别的支部', ''),
      'orgs/top.md': tinyFiles['orgs/top.md'].replace('---\n', '---\nparent: above\n'),
      'orgs/above.md': org('上级党委', ''),
    });

    expect(errors.map((e) => [e.file, e.field, e.rule]).sort()).toEqual([
      ['orgs/above.md', 'parent', 'public-tree'],
      ['orgs/other.md', 'parent', 'public-tree'],
    ]);
    for (const e of errors) expect(e.message).toContain('不在顶层组织“测试党总支”');
  });

  test('refuses a public member of an org the public cannot see', () => {
    const errors = errorsOf({
      'orgs/b2.md': org('第二支部', 'parent: top\nvisibility: internal\n'),
      'members/wang.md': '---\nname: 王芳\norg: b2\nstatus: active\n---\n',
    });

    expect(errors).toEqual([{ file: 'members/wang.md', field: 'org', rule: 'public-org', message: expect.stringContaining('orgs/b2.md') }]);
  });

  test('accepts hidden members and orgs that stay hidden together', () => {
    expect(
      errorsOf({
        'orgs/b2.md': org('第二支部', 'parent: top\nvisibility: internal\n'),
        'orgs/b3.md': org('第三支部', 'parent: b2\nvisibility: private\n'),
        'members/wang.md': '---\nname: 王芳\norg: b2\nstatus: active\nvisibility: internal\n---\n',
      }),
    ).toEqual([]);
  });

  test('refuses a public bulletin whose org, and a 销号 whose verifier, the public cannot see', () => {
    const errors = errorsOf({
      'orgs/b2.md': org('第二支部', 'parent: top\nvisibility: internal\n'),
      'members/wang.md': '---\nname: 王芳\norg: b2\nstatus: active\nvisibility: internal\n---\n',
      'bulletins/2026/b2-q1.md': "---\ntitle: 第一季度通报\norg: b2\ndate: '2026-03-01'\nperiod: q1\nkind: progress\n---\n正文。\n",
      'pledges/2026/li-work.md': tinyFiles['pledges/2026/li-work.md'].replace(
        '---\n认真',
        "closed:\n  date: '2026-03-01'\n  verifiedBy: wang\n---\n认真",
      ),
    });

    expect(errors.map((e) => [e.file, e.field, e.rule]).sort()).toEqual([
      ['bulletins/2026/b2-q1.md', 'org', 'public-ref'],
      ['pledges/2026/li-work.md', 'closed.verifiedBy', 'public-ref'],
    ]);
  });
});

describe('npm run check', () => {
  test('fails on an internal current round with a Chinese message naming site.json, the field and the round file', () => {
    const dir = tinyContent({ 'rounds/2026.md': internal('rounds/2026.md') });

    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/cli/check.ts', '--content', dir], { cwd: root, encoding: 'utf8' });

    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /site\.json\n\s+currentRound\s+\[public-round\] 当前轮次“2026”（.*rounds\/2026\.md）的公开范围是“仅组织内部”，公开栏看不到它/,
    );
    expect(r.stdout).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
