/** The pure manifest logic (src/lib/buildManifest.ts) and the repository state it records (src/loader/repoState.ts, real git). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildManifest, manifestJson, sourcePath, type PublishedItem } from '../../src/lib/buildManifest.ts';
import { repoState } from '../../src/loader/repoState.ts';

const r = '/srv/board';
const item = (kind: PublishedItem['kind'], url: string, file: string): PublishedItem => ({ kind, url, file: `${r}/${file}` });

describe('buildManifest', () => {
  const items = [
    item('pledge', '/pledges/2025/b/', 'content/pledges/2025/b.md'),
    item('member', '/members/z/', 'content/members/z.md'),
    item('commendation', '/honours/', 'content/commendations/2025/b.md'),
    item('commendation', '/honours/', 'content/commendations/2025/a.md'),
    item('pledge', '/pledges/2025/a/', 'content/pledges/2025/a.md'),
    item('round', '/rounds/2025/', 'content/rounds/2025.md'),
    item('member', '/members/Z/', 'content/members/Z.md'),
    item('pledge', '/pledges/2025/a/', 'content/pledges/2025/a.md'),
  ];

  test('sorts by kind, URL and source (by code point), lists an item once and hashes each file once', () => {
    const calls: string[] = [];
    const m = buildManifest({
      base: '/',
      sha256Of: 'file',
      commit: 'c'.repeat(40),
      clean: true,
      asOf: '2025-12-26',
      root: r,
      items,
      hash: ({ file: f }) => (calls.push(f), `h:${f.slice(r.length + 1)}`),
    });
    expect(m.items.map((i) => `${i.kind} ${i.url} ${i.source}`)).toEqual([
      'round /rounds/2025/ content/rounds/2025.md',
      'member /members/Z/ content/members/Z.md',
      'member /members/z/ content/members/z.md',
      'pledge /pledges/2025/a/ content/pledges/2025/a.md',
      'pledge /pledges/2025/b/ content/pledges/2025/b.md',
      'commendation /honours/ content/commendations/2025/a.md',
      'commendation /honours/ content/commendations/2025/b.md',
    ]);
    expect(m.items[3].sha256).toBe('h:content/pledges/2025/a.md');
    expect(calls.length).toBe(new Set(calls).size);
    expect(calls).toHaveLength(7);
    expect(m).toMatchObject({ base: '/', sha256Of: 'file', commit: 'c'.repeat(40), clean: true, asOf: '2025-12-26' });
  });

  test('a published manifest hashes each item’s published text, never its file, and needs the text of every item', () => {
    const texts = items.map((i) => ({ ...i, text: `published ${i.url}` }));
    const hashed: string[] = [];
    const m = buildManifest({
      base: '/',
      sha256Of: 'published',
      commit: null,
      clean: null,
      asOf: '2025-12-26',
      root: r,
      items: texts,
      hash: ({ text }) => (hashed.push(text ?? ''), `h:${text}`),
    });
    expect(m.sha256Of).toBe('published');
    expect(m.items.find((i) => i.url === '/pledges/2025/a/')?.sha256).toBe('h:published /pledges/2025/a/');
    expect(hashed).toHaveLength(new Set(hashed).size);
    expect(() =>
      buildManifest({ base: '/', sha256Of: 'published', commit: null, clean: null, asOf: '2025-12-26', root: r, items, hash: () => 'x' }),
    ).toThrow(/清单缺少这一项公开的内容/);
  });

  test('the order the items come in does not matter', () => {
    const hash = (it: PublishedItem) => it.file;
    const a = buildManifest({ base: '/', sha256Of: 'file', commit: null, clean: null, asOf: '2025-12-26', root: r, items, hash });
    const b = buildManifest({
      base: '/',
      sha256Of: 'file',
      commit: null,
      clean: null,
      asOf: '2025-12-26',
      root: r,
      items: [...items].reverse(),
      hash,
    });
    expect(manifestJson(b)).toBe(manifestJson(a));
  });

  test('a file outside the repository is refused, never written as an absolute path', () => {
    expect(() =>
      buildManifest({
        base: '/',
        sha256Of: 'file',
        commit: null,
        clean: null,
        asOf: '2025-12-26',
        root: r,
        items: [{ kind: 'org', url: '/orgs/x/', file: '/elsewhere/x.md' }],
        hash: () => 'x',
      }),
    ).toThrow(/不在仓库内/);
    expect(sourcePath('/srv/board/content/orgs/a.md', '/srv/board')).toBe('content/orgs/a.md');
    expect(sourcePath('/srv/boardx/content/orgs/a.md', '/srv/board')).toBeUndefined();
    expect(sourcePath('/srv/board', '/srv/board')).toBeUndefined();
  });

  test('manifestJson is the manifest, one item per line', () => {
    const m = buildManifest({
      base: '/gongkai/',
      sha256Of: 'file',
      commit: null,
      clean: null,
      asOf: '2025-12-26',
      root: r,
      items,
      hash: () => 'ab',
    });
    const text = manifestJson(m);
    expect(JSON.parse(text)).toEqual(m);
    expect(text.split('\n').filter((l) => l.includes('"kind"'))).toHaveLength(m.items.length);
    expect(JSON.parse(manifestJson({ ...m, items: [] }))).toEqual({ ...m, items: [] });
  });
});

describe('repoState', () => {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'repo-state-')));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.org',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.org',
  };
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

  test('outside git: no commit, no clean flag; paths start at the content folder’s parent', () => {
    const content = join(tmp, 'plain', 'content');
    mkdirSync(content, { recursive: true });
    expect(repoState(content)).toEqual({ root: join(tmp, 'plain'), commit: null, clean: null });
  });

  test('in git: the commit, clean until a content file changes; only the content folder counts', () => {
    const repo = join(tmp, 'repo');
    const content = join(repo, 'site', 'content');
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, 'site.json'), '{}\n');
    git(repo, 'init', '-q');
    expect(repoState(content)).toEqual({ root: repo, commit: null, clean: null });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'x');
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(repoState(content)).toEqual({ root: repo, commit: head, clean: true });
    writeFileSync(join(repo, 'README.md'), 'outside the content folder\n');
    expect(repoState(content).clean).toBe(true);
    writeFileSync(join(content, 'site.json'), '{"x": 1}\n');
    expect(repoState(content)).toEqual({ root: repo, commit: head, clean: false });
  });
});
