/**
 * Saves through the CMS API (src/integrations/cmsApi.ts) as `npm start` runs it, with a stand-in for decap-server's
 * file mode on a private Unix socket: a save based on files that changed since is refused with 409 and reaches
 * nothing; a month of records is written and committed as one commit of exactly those files; a commit git refuses
 * leaves the save done and warns; the status action answers with the server's instance. (The real decap-server and
 * the real admin: tests/e2e/cms/saveCommits.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { cmsPaths } from '../../src/cms/cmsPaths.ts';
import { gitEnv } from '../../src/cms/commitSave.ts';
import { createCmsApi } from '../../src/integrations/cmsApi.ts';

const made: string[] = [];
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  made.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

const PLEDGE = (title: string, note = '制定计划') =>
  `---\nowner: li\ncategory: work\ntitle: ${title}\nrecords:\n  - date: 2025-11-20\n    note: ${note}\n    progress: 10\n---\n正文\n`;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', env: gitEnv() }).trim();
const file = (i: number) => `content/pledges/2025/p${i}.md`;

/** What the stand-in decap-server was asked to do. */
let forwarded: { action: string }[] = [];
let dir: string;
let base: string;
let logs: { info: string[]; warn: string[] };

/** The stand-in for decap-server's file mode: writes and deletes as it does, answers 200. */
function fakeDecap(root: string, socket: string): Promise<void> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { action, params } = JSON.parse(body) as {
        action: string;
        params: { dataFiles?: { path: string; raw: string }[]; entry?: { path: string; raw: string } };
      };
      forwarded.push({ action });
      if (action === 'persistEntry') {
        for (const f of params.dataFiles ?? [params.entry!]) {
          mkdirSync(dirname(join(root, f.path)), { recursive: true });
          writeFileSync(join(root, f.path), f.raw);
        }
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ message: 'entry persisted' }));
    });
  });
  servers.push(server);
  return new Promise((ready) => server.listen(socket, ready));
}

/** The API on a loopback port the system picks, for a project in `root`. */
async function startApi(root: string, socket: string, commit: boolean): Promise<string> {
  const handle = createCmsApi({
    root,
    socket,
    paths: cmsPaths('main'),
    commit,
    log: { info: (m) => logs.info.push(m), warn: (m) => logs.warn.push(m) },
  });
  const server = createServer((req, res) => void handle(req, res));
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const save = (files: { path: string; raw: string }[], expected?: Record<string, string | null>) => ({
  action: 'persistEntry',
  params: {
    branch: 'main',
    dataFiles: files.map((f) => ({ slug: f.path.slice('content/pledges/'.length, -3), ...f })),
    assets: [],
    options: { collectionName: 'pledges', commitMessage: '本月记实：2025年12月', ...(expected && { expected }) },
  },
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cms-api-save-'));
  made.push(dir);
  mkdirSync(join(dir, 'content/pledges/2025'), { recursive: true });
  for (let i = 0; i < 3; i++) writeFileSync(join(dir, file(i)), PLEDGE(`第${i}项承诺`));
  writeFileSync(join(dir, 'README.md'), '项目\n');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', '书记');
  git(dir, 'config', 'user.email', 'shuji@school.lan');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  const sockets = mkdtempSync(join(tmpdir(), 'cms-api-sock-'));
  made.push(sockets);
  await fakeDecap(dir, join(sockets, 'decap.sock'));
  base = await startApi(dir, join(sockets, 'decap.sock'), true);
});

beforeEach(() => {
  forwarded = [];
  logs = { info: [], warn: [] };
});

describe('a save based on files that changed since they were loaded', () => {
  test('is refused with 409, naming the changed files, and nothing reaches decap-server or git', async () => {
    const head = git(dir, 'rev-parse', 'HEAD');
    const loaded = readFileSync(join(dir, file(0)), 'utf8');
    // Someone else saved p0 after the page loaded it.
    writeFileSync(join(dir, file(0)), PLEDGE('第0项承诺', '别人改过'));
    git(dir, 'commit', '-q', '-am', 'someone else');
    const after = git(dir, 'rev-parse', 'HEAD');
    const r = await post(
      base,
      save(
        [
          { path: file(0), raw: PLEDGE('第0项承诺', '我的') },
          { path: file(9), raw: PLEDGE('新') },
        ],
        { [file(0)]: sha(loaded), [file(9)]: null },
      ),
    );
    expect(r.status).toBe(409);
    expect(r.json).toEqual({
      error:
        '没有保存：打开以后，content/pledges/2025/p0.md已被修改（或新建、删除）。为免覆盖别人的修改，这次没有写入任何文件；请重新载入后再保存。',
      conflicts: [file(0)],
    });
    expect(forwarded).toEqual([]);
    expect(readFileSync(join(dir, file(0)), 'utf8')).toContain('别人改过');
    expect(() => readFileSync(join(dir, file(9)))).toThrow();
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(after);
    expect(after).not.toBe(head);
  });

  test('a file that must not exist yet but does is a conflict too', async () => {
    const r = await post(base, save([{ path: file(1), raw: PLEDGE('x') }], { [file(1)]: null }));
    expect(r).toMatchObject({ status: 409, json: { conflicts: [file(1)] } });
  });

  test('two saves from the same loaded page, at once: one is written, the other refused', async () => {
    const loaded = readFileSync(join(dir, file(2)), 'utf8');
    const one = save([{ path: file(2), raw: PLEDGE('第2项承诺', '甲写的') }], { [file(2)]: sha(loaded) });
    const two = save([{ path: file(2), raw: PLEDGE('第2项承诺', '乙写的') }], { [file(2)]: sha(loaded) });
    const statuses = (await Promise.all([post(base, one), post(base, two)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect(forwarded).toHaveLength(1);
  });
});

describe('a month saved at once', () => {
  test('every file written, and all of them one commit with a Chinese message naming them; nothing else committed', async () => {
    writeFileSync(join(dir, 'README.md'), '开发中的修改\n');
    const before = Number(git(dir, 'rev-list', '--count', 'HEAD'));
    const files = [0, 1, 5].map((i) => ({ path: file(i), raw: PLEDGE(`第${i}项承诺`, `十二月记实${i}`) }));
    const expected = Object.fromEntries(
      files.map((f) => [f.path, f.path.endsWith('p5.md') ? null : sha(readFileSync(join(dir, f.path), 'utf8'))]),
    );
    const r = await post(base, save(files, expected));
    expect(r.status).toBe(200);
    expect(Number(git(dir, 'rev-list', '--count', 'HEAD'))).toBe(before + 1);
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD').split('\n')).toEqual(files.map((f) => f.path));
    expect(git(dir, 'log', '-1', '--format=%B')).toBe(
      [
        '保存 3 项承诺：第0项承诺、第1项承诺、第5项承诺',
        '',
        ...files.map((f, i) => `${i === 2 ? '新建' : '更新'}承诺：第${[0, 1, 5][i]}项承诺（${f.path}）`),
        '后台说明：本月记实：2025年12月',
      ].join('\n'),
    );
    expect(git(dir, 'status', '--porcelain')).toBe('M README.md');
    expect(logs.info).toEqual([expect.stringMatching(/^已提交到 git：保存 3 项承诺：.+（提交 [0-9a-f]{7}）$/)]);
  });

  test('a commit git refuses leaves the save done and warns in Chinese that it has no history', async () => {
    writeFileSync(join(dir, '.gitignore'), 'content/pledges/2025/ignored.md\n');
    const r = await post(base, save([{ path: 'content/pledges/2025/ignored.md', raw: PLEDGE('被忽略') }]));
    expect(r.status).toBe(200);
    expect(readFileSync(join(dir, 'content/pledges/2025/ignored.md'), 'utf8')).toContain('被忽略');
    expect(logs.warn).toEqual([
      expect.stringMatching(
        /^已保存，但这次保存没有提交到 git，所以没有修改记录：这些文件被 \.gitignore 忽略了.+保存的文件：content\/pledges\/2025\/ignored\.md$/,
      ),
    ]);
    rmSync(join(dir, '.gitignore'));
  });
});

describe('the status action', () => {
  test('answers with this server’s instance, the same each time, without reaching decap-server', async () => {
    const a = await post(base, { action: 'status' });
    const b = await post(base, { action: 'status' });
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ status: 'ok', instance: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(b.json.instance).toBe(a.json.instance);
    expect(forwarded).toEqual([]);
  });

  test('is refused to another origin like every other request', async () => {
    const res = await fetch(`${base}/api/v1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: '{"action":"status"}',
    });
    expect(res.status).toBe(403);
  });
});

describe('with decap-server’s git mode (npm run lan), which commits by itself', () => {
  test('the API commits nothing', async () => {
    const sockets = mkdtempSync(join(tmpdir(), 'cms-api-sock-'));
    made.push(sockets);
    await fakeDecap(dir, join(sockets, 'decap.sock'));
    const url = await startApi(dir, join(sockets, 'decap.sock'), false);
    const head = git(dir, 'rev-parse', 'HEAD');
    expect((await post(url, save([{ path: file(1), raw: PLEDGE('第1项承诺', 'lan') }]))).status).toBe(200);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
    git(dir, 'checkout', '-q', '--', file(1));
  });
});
