/**
 * The attacks of issue 8, sent to the real servers `npm start` runs (the dev
 * server's /api/v1 in front of decap-server on its private socket), on a
 * throw-away copy of the project. Each checks the answer and that nothing
 * was written and nothing ran.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { freePort } from '../staticServer.ts';

let cms: SharedCms;
let browser: Browser;
let other: Server;
let otherPort: number;

/** Hash of every file of the copy outside node_modules and caches: what must not change. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (['node_modules', '.astro-cache', '.astro', '.git'].includes(p)) continue;
      if (e.isDirectory()) walk(p);
      else
        out.set(
          p,
          e.isSymbolicLink()
            ? `link`
            : createHash('sha256')
                .update(readFileSync(join(dir, p)))
                .digest('hex'),
        );
    }
  };
  walk('');
  return out;
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw request to the dev server (node's fetch will not send a Host or Origin of our choosing). */
function call(path: string, o: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const own = `localhost:${cms.astroPort}`;
  const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  return new Promise((done, fail) => {
    const r = request(
      {
        host: '127.0.0.1',
        port: cms.astroPort,
        path,
        method: o.method ?? (body ? 'POST' : 'GET'),
        headers: { host: own, origin: `http://${own}`, 'content-type': 'application/json', ...o.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    r.on('error', fail);
    r.end(body);
  });
}
const api = (body: unknown, headers?: Record<string, string>) => call('/api/v1', { body, headers });

const persist = (path: string, raw: string) => ({
  action: 'persistEntry',
  params: {
    branch: 'main',
    entry: { slug: 'x', path, raw },
    assets: [],
    options: { collectionName: 'members', commitMessage: 'x', useWorkflow: false, status: 'draft' },
  },
});
const upload = (path: string, bytes: Buffer) => ({
  action: 'persistMedia',
  params: { branch: 'main', asset: { path, content: bytes.toString('base64'), encoding: 'base64' }, options: { commitMessage: 'x' } },
});
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1d0c60000000049454e44ae426082',
  'hex',
);
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'/api/v1\')"><script>alert(1)</script></svg>');

beforeAll(async () => {
  cms = await acquireCms();
  browser = await cmsBrowser();
  otherPort = await freePort();
  // Another program's page on another localhost port: the attacker's origin.
  other = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>x</title>'),
  );
  await new Promise<void>((ok) => other.listen(otherPort, '127.0.0.1', ok));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  other?.close();
  await cms?.release();
});

describe('the CMS API reads and writes content only', () => {
  test('code written through persistEntry into src/pages is refused, not written, and never runs', async () => {
    const before = snapshot(cms.dir);
    const code = 'export const GET = () => new Response(String(process.getuid?.()));';
    for (const path of [
      'src/pages/x.json.ts',
      'content/../src/pages/x.json.ts',
      'astro.config.mjs',
      'package.json',
      '.git/hooks/pre-commit',
      'content/.env',
      'public/x.html',
      '/etc/passwd',
    ]) {
      const r = await api(persist(path, code));
      expect(r.status, `${path}: ${r.body}`).toBe(403);
      expect(JSON.parse(r.body).error, path).toMatch(/不允许读写|不是内容文件夹/);
    }
    expect(existsSync(join(cms.dir, 'src/pages/x.json.ts'))).toBe(false);
    expect((await call('/x.json')).status).toBe(404);
    expect(snapshot(cms.dir)).toEqual(before);
  });

  test('project files cannot be read, listed or deleted', async () => {
    const before = snapshot(cms.dir);
    for (const body of [
      { action: 'getEntry', params: { branch: 'main', path: 'package.json' } },
      { action: 'getEntry', params: { branch: 'main', path: 'astro.config.mjs' } },
      { action: 'entriesByFiles', params: { branch: 'main', files: [{ path: 'content/site.json' }, { path: '.git/config' }] } },
      { action: 'entriesByFolder', params: { branch: 'main', folder: 'src/pages', extension: 'ts', depth: 5 } },
      { action: 'entriesByFolder', params: { branch: 'main', folder: 'content/members', extension: 'ts', depth: 1 } },
      { action: 'getMedia', params: { branch: 'main', mediaFolder: 'src' } },
      { action: 'getMediaFile', params: { branch: 'main', path: 'public/uploads/../../package.json' } },
      { action: 'deleteFile', params: { branch: 'main', path: 'package.json', options: { commitMessage: 'x' } } },
      { action: 'deleteFiles', params: { branch: 'main', paths: ['content/site.json', 'tsconfig.json'], options: { commitMessage: 'x' } } },
      { action: 'somethingElse', params: {} },
    ]) {
      const r = await api(body);
      expect(r.status, `${JSON.stringify(body)}: ${r.body}`).toBe(403);
      expect(r.body).not.toContain('"name"');
    }
    expect(snapshot(cms.dir)).toEqual(before);
    // What the admin needs still works.
    const ok = await api({ action: 'entriesByFolder', params: { branch: 'main', folder: 'content/members', extension: 'md', depth: 1 } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).length).toBeGreaterThan(10);
  });

  test('requests not from the admin’s own origin are refused: another localhost port, no Origin, a foreign Host', async () => {
    const before = snapshot(cms.dir);
    const save = persist('content/members/intruder.md', '---\nname: 入侵者\n---\n');
    for (const headers of [
      { origin: `http://localhost:${otherPort}` } as Record<string, string>,
      { origin: `http://127.0.0.1:${cms.astroPort}` },
      { origin: 'null' },
      { host: 'evil.example', origin: 'http://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const r = await api(save, headers);
      expect(r.status, `${JSON.stringify(headers)}: ${r.body}`).toBe(403);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
    }
    const noOrigin = await new Promise<number>((done) => {
      const r = request(
        { host: '127.0.0.1', port: cms.astroPort, path: '/api/v1', method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => done(res.statusCode ?? 0),
      );
      r.end(JSON.stringify(save));
    });
    expect(noOrigin).toBe(403);

    // The same from a real page on another origin in Chromium, both as a CORS request and a "simple" one.
    const page = await browser.newPage();
    await page.goto(`http://localhost:${otherPort}/`);
    const results = await page.evaluate(
      async ({ url, body }) => {
        const out: string[] = [];
        for (const init of [
          { method: 'POST', headers: { 'content-type': 'application/json' }, body },
          { method: 'POST', mode: 'no-cors' as RequestMode, headers: { 'content-type': 'text/plain' }, body },
        ]) {
          try {
            const r = await fetch(url, init);
            out.push(`${r.type} ${r.status}`);
          } catch (e) {
            out.push(`error ${(e as Error).name}`);
          }
        }
        return out;
      },
      { url: `http://localhost:${cms.astroPort}/api/v1`, body: JSON.stringify(save) },
    );
    await page.close();
    expect(results[0]).toMatch(/^error/); // no CORS answer: the page learns nothing
    expect(results[1]).toBe('opaque 0');
    expect(existsSync(join(cms.contentDir, 'members/intruder.md'))).toBe(false);
    expect(snapshot(cms.dir)).toEqual(before);
  });

  test('uploads: SVG with script, HTML and a lying name are refused; a real PNG is saved and served so it cannot run script', async () => {
    const uploads = join(cms.dir, 'public/uploads');
    for (const [path, bytes] of [
      ['public/uploads/logo.svg', svg],
      ['public/uploads/page.html', Buffer.from('<script>alert(1)</script>')],
      ['public/uploads/fake.png', Buffer.from('<html><script>alert(1)</script></html>')],
      ['public/uploads/photo.html', png],
      ['src/pages/photo.png', png],
    ] as const) {
      const r = await api(upload(path, bytes));
      expect([403, 415], `${path}: ${r.body}`).toContain(r.status);
      expect(existsSync(join(cms.dir, path)), path).toBe(false);
    }
    // Also as an asset of an entry.
    const withAsset = persist('content/members/bai-yulan.md', readFileSync(join(cms.contentDir, 'members/bai-yulan.md'), 'utf8'));
    (withAsset.params.assets as unknown[]).push({ path: 'public/uploads/x.svg', content: svg.toString('base64'), encoding: 'base64' });
    expect((await api(withAsset)).status).toBe(415);
    expect(existsSync(join(uploads, 'x.svg'))).toBe(false);

    const ok = await api(upload('public/uploads/photo.png', png));
    expect(ok.status, ok.body).toBe(200);
    expect(readFileSync(join(uploads, 'photo.png')).equals(png)).toBe(true);
    const served = await call('/uploads/photo.png');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toContain('sandbox');
    // A second upload of the same name is refused, not written over the first (which a page may show).
    const other = Buffer.concat([png, Buffer.from('x')]);
    const again = await api(upload('public/uploads/photo.png', other));
    expect(again.status, again.body).toBe(409);
    expect(again.body).toContain('已有同名文件');
    expect(readFileSync(join(uploads, 'photo.png')).equals(png)).toBe(true);

    // An SVG put there by other means is not served as a document of this origin, by any URL that reaches the file.
    writeFileSync(join(uploads, 'planted.svg'), svg);
    const planted = await call('/uploads/planted.svg');
    expect(planted.status).toBe(403);
    expect(planted.headers['content-type']).not.toContain('svg');
    for (const url of [
      '/uploads//planted.svg',
      '/%75ploads/planted.svg',
      '/public/uploads/planted.svg',
      `/@fs${uploads}/planted.svg`,
      '/uploads/../uploads/planted.svg',
      '//uploads/planted.svg',
    ]) {
      const r = await call(url);
      expect(r.headers['content-type'] ?? '', url).not.toContain('svg');
      expect(r.body, url).not.toContain('<script>');
    }
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`http://localhost:${cms.astroPort}/uploads/planted.svg`).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  test('dot segments do not get around the block on /public: the path is normalised before it is checked', async () => {
    const uploads = join(cms.dir, 'public/uploads');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, 'dotted.svg'), svg);
    // Sent exactly as written (node's client does not normalise, as curl --path-as-is): a browser would resolve them first.
    for (const url of [
      '/./public/uploads/dotted.svg',
      '/.//public/uploads/dotted.svg',
      '/x/../public/uploads/dotted.svg',
      '/%2e/public/uploads/dotted.svg',
      '/x/%2e%2e/public/uploads/dotted.svg',
      '/public/./uploads/dotted.svg',
      '/.\\public/uploads/dotted.svg',
    ]) {
      const r = await call(url);
      expect(r.status, url).toBe(404);
      expect(r.headers['content-type'] ?? '', url).not.toContain('svg');
      expect(r.body, url).not.toContain('<script>');
    }
  });

  test('the content folder is not served as files (a leader review as ?raw), by any path; the pages built from it are', async () => {
    const review = 'content/reviews/2025/cao-lin-h1.md';
    for (const url of [
      `/${review}?raw`,
      `/${review}`,
      `/./${review}?raw`,
      `/%63ontent/reviews/2025/cao-lin-h1.md?raw`,
      `/@fs${cms.dir}/${review}?raw`,
      '/content/site.json',
      // Vite's module-id forms (the review of issue 22): /@id/ in front, ?import beside ?raw, and a case variant.
      `/@id//${review}?raw&import`,
      `/@id/${review}?raw`,
      `/@id/@id//${review}?raw`,
      `/@id//@fs${cms.dir}/${review}?raw&import`,
      `/Content/reviews/2025/cao-lin-h1.md?raw`,
    ]) {
      const r = await call(url);
      expect(r.status, url).toBe(404);
      expect(r.body, url).not.toContain('虚拟仿真实验课件');
    }
    expect((await call('/')).status).toBe(200);
  });

  test('symlinks in the content folders are neither listed, read nor written through', async () => {
    const target = join(cms.dir, 'package.json');
    const before = readFileSync(target);
    symlinkSync('../../package.json', join(cms.contentDir, 'members/link.md'));
    mkdirSync(join(cms.contentDir, 'checks'), { recursive: true });
    symlinkSync('../../src', join(cms.contentDir, 'checks/2099'));
    const list = await api({ action: 'entriesByFolder', params: { branch: 'main', folder: 'content/members', extension: 'md', depth: 1 } });
    expect(list.status).toBe(200);
    expect(list.body).not.toContain('link.md');
    expect(list.body).not.toContain('chengnuo-gongkai');
    expect((await api({ action: 'getEntry', params: { branch: 'main', path: 'content/members/link.md' } })).status).toBe(403);
    expect((await api(persist('content/members/link.md', '{"name":"x"}'))).status).toBe(403);
    expect((await api(persist('content/checks/2099/x.md', 'export {}'))).status).toBe(403);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(existsSync(join(cms.dir, 'src/x.md'))).toBe(false);
    expect(lstatSync(join(cms.contentDir, 'members/link.md')).isSymbolicLink()).toBe(true);
  });

  test('a rename cannot move files out of their folder or crash decap-server; unknown parameters never reach it', async () => {
    const before = snapshot(cms.dir);
    const site = readFileSync(join(cms.contentDir, 'site.json'), 'utf8');
    const moves = [
      // decap-server's move would take every file of content/ along (hasSubfolders).
      { entry: { slug: 'x', path: 'content/site.json', raw: site, newPath: 'content/members/zz.md' } },
      // Moving onto a path under a file makes decap-server's unawaited rename throw and the server exit.
      { entry: { slug: 'y', path: 'content/members/bai-yulan.md', raw: 'x', newPath: 'content/members/bai-yulan.md/z.md' } },
      { entry: { slug: 'y', path: 'content/members/bai-yulan.md', raw: 'x', newPath: 'content/orgs/bai-yulan.md' } },
    ];
    for (const m of moves) {
      const r = await api({
        action: 'persistEntry',
        params: {
          branch: 'main',
          ...m,
          assets: [],
          options: { collectionName: 'members', commitMessage: 'x', useWorkflow: false, status: 'draft', hasSubfolders: true },
        },
      });
      expect([403, 409], `${JSON.stringify(m.entry.newPath)}: ${r.body}`).toContain(r.status);
    }
    // Onto an existing file: refused, nothing overwritten.
    const taken = await api({
      action: 'persistEntry',
      params: {
        branch: 'main',
        entry: { slug: 'c', path: 'content/members/cao-lin.md', raw: 'x', newPath: 'content/members/bai-yulan.md' },
        assets: [],
        options: { collectionName: 'members', commitMessage: 'x', useWorkflow: false, status: 'draft' },
      },
    });
    expect(taken.status, taken.body).toBe(409);
    expect(snapshot(cms.dir)).toEqual(before);
    // decap-server is still there.
    expect((await api({ action: 'getEntry', params: { branch: 'main', path: 'content/site.json' } })).status).toBe(200);
  });

  test('many concurrent saves to one file (file mode) leave exactly one whole version', async () => {
    const path = 'content/members/cao-lin.md';
    const original = readFileSync(join(cms.dir, path), 'utf8');
    // Versions of different lengths: interleaved or overlapping writes would leave a mix or a stale tail.
    const versions = Array.from(
      { length: 6 },
      (_, i) => `${original.trimEnd()}\n\n${`第${i}版记实${'啊'.repeat(100 + i * 37)}\n`.repeat(3000 - i * 400)}`,
    );
    const answers = await Promise.all(versions.map((raw) => api(persist(path, raw))));
    expect(answers.map((a) => a.status)).toEqual(versions.map(() => 200));
    expect(versions).toContain(readFileSync(join(cms.dir, path), 'utf8'));
  });
});
