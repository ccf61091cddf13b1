/**
 * Issue 22, item 2: `npm run verify <URL>` against a hostile board. The verifier asks only the board's own origin,
 * checking every redirect hop by hop (a 302 to another host or port of the verifier's network is not followed:
 * that host never hears from it); it reads at most 20 MB of manifest and at most 100,000 items; and it reads only
 * files under the content folder, so a manifest cannot have it confirm a guess about `.git/config` or `.lan/users`.
 * Each case runs the real command (its exit code and its stderr are the point); every server listens on 127.0.0.1,
 * port 0. How fast and how small the refusals are, `npm run bench:hostile` measures.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tinyFiles } from '../fixtures/tinyContent.ts';
import { serve as serveBoard } from '../../src/bench/hostileCommands.ts';
import { tsxCommand } from '../../src/loader/nodeCommand.ts';

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'verify-attacks-'));
const repo = join(work, 'repo');
const content = join(repo, 'content');
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** `npm run verify -- …args`, as a process, asynchronously (the servers live in this process). */
function verify(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    const [node, ...argv] = tsxCommand(root, join(root, 'src/cli/verify.ts'));
    execFile(
      node,
      [...argv, ...args],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CONTENT_DIR: '' }, maxBuffer: 1 << 28 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout, err: stderr }),
    );
  });
}

/** A server on 127.0.0.1 (port 0) answering with `handle`, every request it gets recorded (bench:hostile's), closed after the file. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void): ReturnType<typeof serveBoard> {
  const board = await serveBoard(handle);
  servers.push(board.server);
  return board;
}
const servers: Server[] = [];

const orgSource = 'content/orgs/top.md';
/** A manifest of one item: the org page, from its real source file. */
const oneItem = () =>
  JSON.stringify({ items: [{ kind: 'org', url: '/orgs/top/', source: orgSource, sha256: sha256(tinyFiles['orgs/top.md']) }] });

beforeAll(() => {
  for (const [rel, text] of Object.entries(tinyFiles)) {
    mkdirSync(dirname(join(content, rel)), { recursive: true });
    writeFileSync(join(content, rel), text);
  }
  execFileSync('git', ['init', '-q', repo]);
  mkdirSync(join(repo, '.lan'));
  writeFileSync(join(repo, '.lan/users'), 'admin:$scrypt$secret\n');
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
});

describe('npm run verify over HTTP', () => {
  test('does not follow the manifest’s redirect to another host: that host never hears from it', async () => {
    const inside = await serve((_, res) => res.writeHead(200).end('{"items": []}'));
    const board = await serve((_, res) => res.writeHead(302, { Location: `${inside.url}/api/users?action=delete` }).end());
    const r = await verify(`${board.url}/`, '--content', content);
    expect(inside.seen).toEqual([]);
    expect(r.err).toBe(
      `无法读取核对清单：${board.url}/manifest.json 重定向到网站以外的 ${inside.url}/api/users?action=delete，没有跟随。\n`,
    );
    expect(r.code).toBe(2);
  });

  test('does not follow a page’s redirect to another host, and says so for that page', async () => {
    const inside = await serve((_, res) => res.writeHead(200).end('ok'));
    const board = await serve((req, res) => {
      if (req.url === '/manifest.json') res.writeHead(200).end(oneItem());
      else res.writeHead(302, { Location: `${inside.url}/admin/` }).end();
    });
    const r = await verify(`${board.url}/`, '--content', content);
    expect(inside.seen).toEqual([]);
    expect(r.out).toContain(`✗ 页面缺失：/orgs/top/（来源文件 ${orgSource}）：重定向到网站以外的 ${inside.url}/admin/，没有跟随。`);
    expect(r.code).toBe(1);
  });

  test('follows redirects on the board itself, hop by hop', async () => {
    const board = await serve((req, res) => {
      if (req.url === '/manifest.json') res.writeHead(301, { Location: '/v2/manifest.json' }).end();
      else if (req.url === '/v2/manifest.json') res.writeHead(200).end(oneItem());
      else if (req.url === '/orgs/top/') res.writeHead(302, { Location: '/orgs/top/index.html' }).end();
      else res.writeHead(req.url === '/orgs/top/index.html' ? 200 : 404).end('page');
    });
    const r = await verify(`${board.url}/`, '--content', content);
    expect(r.err).toBe('');
    expect(r.out).toContain('核对完毕：1 项全部一致，页面齐全。');
    expect(r.code).toBe(0);
  });

  test('stops after 5 redirects', async () => {
    const board = await serve((req, res) => res.writeHead(302, { Location: `/loop${req.url}` }).end());
    const r = await verify(`${board.url}/`, '--content', content);
    expect(board.seen).toHaveLength(6);
    expect(r.err).toBe(`无法读取核对清单：${board.url}/manifest.json 重定向超过 5 次，没有再跟随。\n`);
    expect(r.code).toBe(2);
  });

  test.each([
    ['that says its length', true],
    ['that does not say its length', false],
  ])('refuses a manifest over 20 MB %s, without reading it whole', async (_, withLength) => {
    const body = Buffer.concat([Buffer.from('{"items": []'), Buffer.alloc(21 * 1024 * 1024, ' '), Buffer.from('}')]);
    const board = await serve((_, res) => {
      res.writeHead(200, withLength ? { 'Content-Length': body.length } : {});
      res.end(body);
    });
    const r = await verify(`${board.url}/`, '--content', content);
    expect(r.err).toBe(`无法读取核对清单：${board.url}/manifest.json 超过 20 MB，不像是核对清单，没有读完。\n`);
    expect(r.code).toBe(2);
  });
});

describe('npm run verify on a folder', () => {
  /** A built-site folder holding `manifest` (text) and a page at each of `pages`. */
  function site(manifest: string | Buffer, pages: string[] = []): string {
    const dir = mkdtempSync(join(work, 'site-'));
    writeFileSync(join(dir, 'manifest.json'), manifest);
    for (const p of pages) {
      mkdirSync(join(dir, p), { recursive: true });
      writeFileSync(join(dir, p, 'index.html'), 'page');
    }
    return dir;
  }

  test('refuses a manifest file over 20 MB before reading it', async () => {
    const r = await verify(
      site(Buffer.concat([Buffer.from('{"items": []'), Buffer.alloc(21 * 1024 * 1024, ' '), Buffer.from('}')])),
      '--content',
      content,
    );
    expect(r.err).toMatch(/^无法读取核对清单：.*manifest\.json 超过 20 MB，不像是核对清单，没有读完。\n$/);
    expect(r.code).toBe(2);
  });

  test('refuses a manifest of more than 100,000 items', async () => {
    const item = JSON.stringify({ kind: 'org', url: '/orgs/top/', source: orgSource, sha256: sha256(tinyFiles['orgs/top.md']) });
    const r = await verify(site(`{"items": [${Array(100_001).fill(item).join(',')}]}`, ['orgs/top']), '--content', content);
    expect(r.err).toMatch(/^无法读取核对清单：.*manifest\.json 列出的内容超过 100,000 项，不像是核对清单。\n$/);
    expect(r.code).toBe(2);
  });

  test('never reads a file outside the content folder: a manifest with the right hash of .git/config or .lan/users confirms nothing', async () => {
    symlinkSync('../../.lan/users', join(content, 'orgs/users.md'));
    try {
      const guesses = [
        { url: '/a/', source: '.git/config', sha256: sha256(readFileSync(join(repo, '.git/config'))) },
        { url: '/b/', source: '.lan/users', sha256: sha256(readFileSync(join(repo, '.lan/users'))) },
        { url: '/c/', source: 'content/orgs/users.md', sha256: sha256(readFileSync(join(repo, '.lan/users'))) },
      ];
      const dir = site(JSON.stringify({ items: guesses.map((g) => ({ kind: 'org', ...g })) }), ['a', 'b', 'c']);
      const r = await verify(dir, '--content', content);
      for (const g of guesses) expect(r.out).toContain(`✗ 来源文件不在内容文件夹之内，没有读取：${g.source}（页面 ${g.url}）。`);
      expect(r.out).not.toContain('全部一致');
      expect(r.code).toBe(1);
    } finally {
      rmSync(join(content, 'orgs/users.md'));
    }
  });
});
