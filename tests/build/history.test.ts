/**
 * A record rewritten in a later commit shows as such on the pledge page: the real build, from a content folder that
 * is a git repository with a known history, and the same content outside git.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tinyContent } from '../fixtures/tinyContent.ts';
import { buildSite } from './buildSite.ts';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function commit(dir: string, date: string): string {
  const run = (args: string[]) =>
    execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  run(['add', '-A']);
  run(['commit', '-q', '-m', `更新 ${date}`]);
  return run(['rev-parse', 'HEAD']).trim();
}

const file = 'pledges/2026/li-work.md';
/** The text of the built pledge page, tags removed. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
let repo: string;
let ids: string[];
let withGit: string;
let plain: string;

beforeAll(() => {
  repo = tinyContent();
  made.push(repo);
  execFileSync('git', ['init', '-q'], { cwd: repo });
  const created = commit(repo, '2026-02-21T09:00:00+08:00');
  const edit = (from: string, to: string) => {
    const text = readFileSync(join(repo, file), 'utf8');
    expect(text).toContain(from);
    writeFileSync(join(repo, file), text.replace(from, to));
  };
  edit('    progress: 10\n', '    progress: 10\n  - date: 2026-03-01\n    note: 完成第一节公开课\n    progress: 50\n');
  const appended = commit(repo, '2026-03-01T20:00:00+08:00');
  edit('    note: 制定计划\n', '    note: 制定计划并完成两节公开课\n');
  const rewritten = commit(repo, '2026-03-05T21:30:00+08:00');
  ids = [created, appended, rewritten];
  const built = buildSite({ contentDir: repo });
  expect(built.code, built.out).toBe(0);
  made.push(join(built.outDir, '..'));
  withGit = readFileSync(join(built.outDir, 'pledges/2026/li-work/index.html'), 'utf8');
  // The same content, not in a checkout.
  const copy = mkdtempSync(join(tmpdir(), 'content-'));
  made.push(copy);
  cpSync(repo, copy, { recursive: true, filter: (src) => !src.split('/').includes('.git') });
  const outside = buildSite({ contentDir: copy });
  expect(outside.code, outside.out).toBe(0);
  made.push(join(outside.outDir, '..'));
  plain = readFileSync(join(outside.outDir, 'pledges/2026/li-work/index.html'), 'utf8');
}, 240_000);

describe('the pledge page’s history', () => {
  test('lists every commit of the pledge’s file with its date and short id, oldest first', () => {
    const listed = [...withGit.matchAll(/data-history-commit="([0-9a-f]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(ids);
    const text = textOf(withGit);
    for (const [id, date] of [
      [ids[0], '2026-02-21'],
      [ids[1], '2026-03-01'],
      [ids[2], '2026-03-05'],
    ]) {
      expect(text).toContain(`${date} 提交编号 ${id.slice(0, 7)}`);
    }
  });

  test('marks the commit that rewrote a published record, and only that one', () => {
    const items = [...withGit.matchAll(/<li data-history-commit="([0-9a-f]+)"([^>]*)>([\s\S]*?)<\/li>/g)].map((m) => ({
      id: m[1],
      marked: m[2].includes('data-marked'),
      text: textOf(m[3]),
    }));
    expect(items.map((i) => i.marked)).toEqual([false, false, true]);
    expect(items[2].text).toContain('改动了已公开的内容：');
    expect(items[2].text).toContain('改写了已经公开的践诺记实：2026-02-25 的记实');
    expect(items[1].text).toContain('更新（没有改动已经公开的内容）');
    expect(textOf(withGit)).toContain('公开以后共修改 2 次，其中 1 次改动了已经公开的内容，已在下面标出。');
  });

  test('shows the pledge’s course from its content: approval with the reviewer, then each record in date order', () => {
    const events = [...withGit.matchAll(/<li data-event="(\w+)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => [m[1], textOf(m[2]).trim()]);
    expect(events.map(([kind]) => kind)).toEqual(['approved', 'record', 'record']);
    expect(events[0][1]).toContain('2026-02-20');
    expect(events[0][1]).toContain('审核人：张书记');
    // As it stands now, with the rewritten note; the as-of date (2026-03-10) leaves no later record out here.
    expect(events[1][1]).toContain('制定计划并完成两节公开课');
    expect(events[2][1]).toContain('完成第一节公开课');
  });

  test('outside a git checkout the page says it has no commits to show, and still shows the course', () => {
    expect(plain).not.toContain('data-history-commit');
    expect(textOf(plain)).toContain('生成本网站时没有读取版本库（git），所以这里没有修改记录。');
    expect(plain).toContain('data-event="approved"');
  });
});
