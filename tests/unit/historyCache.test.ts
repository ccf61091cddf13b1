/**
 * The pledge history's cache (src/loader/historyCache.ts): its key follows everything the history depends on, and a
 * build of a commit read before takes the kept history instead of running git (src/data/pledgeHistory.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { forgetPledgeHistory, pledgeHistory } from '../../src/data/pledgeHistory.ts';
import { historyKey, readCachedHistory, writeCachedHistory } from '../../src/loader/historyCache.ts';
import { tinyContent } from '../fixtures/tinyContent.ts';

const root = new URL('../..', import.meta.url).pathname;
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();

const PLEDGE = (title: string) =>
  [
    '---',
    'owner: li',
    'category: study',
    `title: ${title}`,
    'deadline: 2026-10-31',
    'review:',
    '  status: approved',
    '  by: sec',
    '  date: 2026-03-01',
    '---',
    '',
  ].join('\n');

/** A content repository with one commit of one pledge. */
function repo(): string {
  const dir = tinyContent({ 'pledges/2026/li-study.md': PLEDGE('读完一本党史书') });
  made.push(dir);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  return dir;
}

const key = (dir: string, scope = 'public') => historyKey(dir, scope, join(dir, 'history-baseline.json'), root);

describe('the history cache key', () => {
  test('is the same for the same commit, and changes with the commit, the scope and the baseline file', () => {
    const dir = repo();
    const first = key(dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(key(dir)).toBe(first);
    // An uncommitted edit changes no history: the key stays.
    writeFileSync(join(dir, 'pledges/2026/li-study.md'), PLEDGE('读完两本党史书'));
    expect(key(dir)).toBe(first);
    expect(key(dir, 'internal')).not.toBe(first);
    writeFileSync(join(dir, 'history-baseline.json'), JSON.stringify({ commit: git(dir, 'rev-parse', 'HEAD'), reason: '起点' }));
    const withBaseline = key(dir);
    expect(withBaseline).not.toBe(first);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'two');
    expect(key(dir)).not.toBe(withBaseline);
  });

  test('is none outside a git checkout, before the first commit and in a shallow clone', () => {
    const plain = tinyContent({ 'pledges/2026/li-study.md': PLEDGE('读完一本党史书') });
    made.push(plain);
    expect(key(plain)).toBeUndefined();
    git(plain, 'init', '-q');
    expect(key(plain)).toBeUndefined();
    const dir = repo();
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'two');
    const shallow = mkdtempSync(join(tmpdir(), 'history-shallow-'));
    made.push(shallow);
    git(shallow, 'clone', '-q', '--depth', '1', `file://${dir}`, 'c');
    expect(key(join(shallow, 'c'))).toBeUndefined();
  });
});

describe('the kept history', () => {
  test('is read back, and only the latest entry stays', () => {
    const folder = mkdtempSync(join(tmpdir(), 'history-cache-'));
    made.push(folder);
    expect(readCachedHistory(folder, 'a')).toBeUndefined();
    writeCachedHistory(folder, 'a', { head: 'x' });
    expect(readCachedHistory(folder, 'a')).toEqual({ head: 'x' });
    writeCachedHistory(folder, 'b', null);
    expect(readCachedHistory(folder, 'b')).toBeNull();
    expect(readdirSync(folder)).toEqual(['b.json']);
  });

  test('a build of a commit read before takes it from the cache, and a new commit reads git again', async () => {
    const dir = repo();
    const cacheDir = mkdtempSync(join(tmpdir(), 'history-astro-cache-'));
    made.push(cacheDir);
    const read = async () => {
      forgetPledgeHistory();
      return pledgeHistory(dir, { projectRoot: root, cacheDir });
    };
    const first = await read();
    const head = git(dir, 'rev-parse', 'HEAD');
    expect(first?.head).toBe(head);
    const k = key(dir) as string;
    const folder = join(cacheDir, 'pledge-history');
    expect(existsSync(join(folder, `${k}.json`))).toBe(true);
    // What a second build finds is what the cache holds, not git: a kept entry that names another head shows it.
    const kept = readCachedHistory<{ head: string }>(folder, k);
    writeCachedHistory(folder, k, { ...kept, head: 'f'.repeat(40) });
    expect((await read())?.head).toBe('f'.repeat(40));
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'two');
    expect((await read())?.head).toBe(git(dir, 'rev-parse', 'HEAD'));
    forgetPledgeHistory();
  });
});
