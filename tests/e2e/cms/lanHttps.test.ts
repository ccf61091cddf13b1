/**
 * Editing from another computer as the README sets it up: `npm run lan` on a
 * git copy of the project, behind the real Caddy from Debian's packages
 * (HTTPS with its internal CA), a login per secretary (the dev server's login
 * form and session), decap-server in git mode with simple publishing.
 * Chromium opens https://lan.test:<port>/admin/ (mapped to 127.0.0.1; it
 * ignores the internal CA, as a browser that has not imported it yet would
 * be told to). The attacks on it: lanAttacks.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseMarkdown } from '../../../src/lib/parseContentFile.ts';
import { childEnv } from '../../build/buildSite.ts';
import { DecapUi, record } from './decapUi.ts';
import { LAN_HOST as HOST } from './cmsKinds.ts';
import { type Lan, lanCall, lanLogin, startLan } from './lanServer.ts';
import { cmsBrowser } from './sharedCms.ts';

const users = { wangfang: 'Qingshan-2025!', lilei: 'Shiyan#zhongxue', 王芳: 'Hongqi@2025' };

let lan: Lan;
let dir: string;
let secrets: string;
let caddyData: string;
let port: number;
let browser: Browser;

const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}${r.error ?? ''}`);
  return r.stdout.trim();
};

/** Each user's session cookie, logged in once through the login form. */
const cookies = new Map<string, string>();

/** A request over https to Caddy, as a LAN computer would send it, logged in as `user` when given. */
async function call(path: string, o: { user?: keyof typeof users; body?: unknown } = {}) {
  let cookie: string | undefined;
  if (o.user) {
    cookie = cookies.get(o.user);
    if (!cookie) {
      const login = await lanLogin(port, o.user, users[o.user]);
      if (!login.cookie) throw new Error(`login of ${o.user} failed (${login.status}): ${login.body.slice(0, 300)}`);
      cookie = login.cookie;
      cookies.set(o.user, cookie);
    }
  }
  return lanCall(port, path, { cookie, body: o.body });
}

beforeAll(async () => {
  lan = await startLan(users);
  ({ dir, secrets, caddyData, port } = lan);
  browser = await cmsBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await lan?.stop();
});

describe('npm run lan: HTTPS, a login per secretary, every save a commit', () => {
  test('without a login every path answers 401 (the admin, the API, the board the dev server serves); a wrong password is refused', async () => {
    expect(lan.output()).toContain(`内容管理后台：https://${HOST}:${port}/admin/`);
    expect(lan.output()).toContain(`退出登录：https://${HOST}:${port}/_lan/logout`);
    for (const path of ['/admin/', '/admin/config.yml', '/', '/.lan/Caddyfile', '/content/site.json', '/src/cli/lan.ts'])
      expect((await call(path)).status, path).toBe(401);
    expect((await call('/api/v1', { body: { action: 'info', params: { branch: 'main' } } })).status).toBe(401);
    const wrong = (await lanLogin(port, 'wangfang', 'guess')).status;
    expect(wrong).toBe(401);
    const board = await call('/', { user: 'wangfang' });
    expect(board.status).toBe(200);
    expect(board.body).toContain('青山市实验中学党总支');
    // A login does not open the rest of the project: not through the API, not as files of the dev server.
    const code = await call('/api/v1', {
      user: 'wangfang',
      body: { action: 'getEntry', params: { branch: 'main', path: 'package.json' } },
    });
    expect(code.status).toBe(403);
    for (const path of [
      '/.lan/Caddyfile',
      '/.lan/users',
      '/%2elan/Caddyfile',
      `/@fs${dir}/.lan/Caddyfile`,
      `/@fs${caddyData}/pki/authorities/local/root.key`,
    ]) {
      const r = await call(path, { user: 'wangfang' });
      expect([403, 404], `${path}: ${r.status}`).toContain(r.status);
      expect(r.body, path).not.toMatch(/PRIVATE KEY|basicauth|\$2a\$/);
    }
    // The certificate authority's key is outside the project.
    expect(readFileSync(join(caddyData, 'pki/authorities/local/root.key'), 'utf8')).toContain('PRIVATE KEY');
  });

  test('a program on the server cannot go around the login by calling the dev server directly', async () => {
    const devPort = lan.devPort;
    expect(devPort).toBeGreaterThan(0);
    const before = git('rev-parse', 'HEAD');
    const status = await new Promise<number>((done, fail) => {
      const r = httpRequest(
        {
          host: '127.0.0.1',
          port: devPort,
          path: '/api/v1',
          method: 'POST',
          headers: {
            host: `${HOST}:${port}`,
            origin: `https://${HOST}:${port}`,
            'content-type': 'application/json',
            'x-pb-editor': 'wangfang',
          },
        },
        (res) => done(res.statusCode ?? 0),
      );
      r.on('error', fail);
      r.end(
        JSON.stringify({
          action: 'persistEntry',
          params: {
            branch: 'main',
            entry: { slug: 'x', path: 'content/members/x.md', raw: '---\nname: x\n---\n' },
            assets: [],
            options: { collectionName: 'members', commitMessage: 'x', useWorkflow: false, status: 'draft' },
          },
        }),
      );
    });
    expect(status).toBe(403);
    expect(git('rev-parse', 'HEAD')).toBe(before);
  });

  test('Chromium logs in over https with the login form, saves an entry (a commit naming the secretary), and logs out', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'zh-CN' });
    const rec = record(context);
    const page = await context.newPage();
    const adminUrl = `https://${HOST}:${port}/admin/`;
    const asked = await page.goto(adminUrl);
    expect(asked?.status()).toBe(401);
    await page.getByLabel('用户名').fill('wangfang');
    await page.getByLabel('密码').fill(users.wangfang);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url() === adminUrl),
      page.getByRole('button', { name: '登录' }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(await page.evaluate(() => location.protocol)).toBe('https:');
    const before = git('rev-list', '--count', 'HEAD');
    const ui = new DecapUi(page);
    await ui.login();
    await page.goto(`${adminUrl}#/collections/members/entries/bai-yulan`);
    const post = await ui.control('工作岗位');
    await expect.poll(() => post.inputValue(), { timeout: 20_000 }).not.toBe('');
    await ui.retype(post, '局域网编辑测试岗位');
    expect(await ui.publish()).toEqual({ ok: true });
    await expect.poll(() => git('rev-list', '--count', 'HEAD'), { timeout: 15_000 }).toBe(String(Number(before) + 1));
    const message = git('log', '-1', '--format=%B');
    expect(message).toContain('编辑：wangfang');
    expect(git('log', '-1', '--name-only', '--format=')).toBe('content/members/bai-yulan.md');
    const committed = git('show', 'HEAD:content/members/bai-yulan.md');
    expect((parseMarkdown(committed, 'x').data as { post?: string }).post).toBe('局域网编辑测试岗位');
    expect(git('status', '--porcelain')).toBe('');
    expect(rec.pageErrors).toEqual([]);
    // Nothing left the LAN name: no request to any other host.
    expect(rec.offMachine([HOST])).toEqual([]);
    // Logging out: the admin asks for the login again.
    await page.goto(`https://${HOST}:${port}/_lan/logout`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByText('已退出登录。').waitFor();
    expect((await page.goto(adminUrl))?.status()).toBe(401);
    expect(await page.getByLabel('密码').isVisible()).toBe(true);
    await context.close();
  });

  test('two concurrent saves to one file never interleave: both are commits, and the file is exactly one of them', async () => {
    const path = 'content/members/cao-lin.md';
    const original = readFileSync(join(dir, path), 'utf8');
    const parsed = parseMarkdown(original, path);
    // Two large versions (a long body each), sent at the same moment by two secretaries.
    const version = (who: string, ch: string) => original.replace(/\n---\n[\s\S]*$/, `\n---\n${`${who}${ch.repeat(200)}\n`.repeat(2000)}`);
    const a = version('王芳写的记实', '甲');
    const b = version('李雷写的记实', '乙');
    expect(a).not.toBe(b);
    expect(parsed.data).toBeTruthy();
    const save = (raw: string) => ({
      action: 'persistEntry',
      params: {
        branch: 'main',
        entry: { slug: 'cao-lin', path, raw },
        assets: [],
        options: { collectionName: 'members', commitMessage: 'Update Members “cao-lin”', useWorkflow: false, status: 'draft' },
      },
    });
    const before = git('rev-parse', 'HEAD');
    const [ra, rb] = await Promise.all([
      call('/api/v1', { user: '王芳', body: save(a) }),
      call('/api/v1', { user: 'lilei', body: save(b) }),
    ]);
    expect([ra.status, rb.status], `${ra.body} ${rb.body}`).toEqual([200, 200]);
    const commits = git('rev-list', `${before}..HEAD`).split('\n');
    expect(commits).toHaveLength(2);
    const versions = commits.map((c) => `${git('show', `${c}:${path}`)}\n`);
    const trimmed = (s: string) => s.trimEnd();
    expect(versions.map(trimmed).sort()).toEqual([a, b].map(trimmed).sort());
    const authors = commits.map((c) => git('log', '-1', '--format=%B', c));
    expect(authors.some((m) => m.includes('编辑：王芳'))).toBe(true);
    expect(authors.some((m) => m.includes('编辑：lilei'))).toBe(true);
    const now = readFileSync(join(dir, path), 'utf8');
    expect([a, b].map(trimmed)).toContain(trimmed(now));
  });

  test('refuses to start while the tree has uncommitted changes, or with a users file git would commit', () => {
    const { CONTENT_DIR: _c, ...env } = childEnv({ ASTRO_TELEMETRY_DISABLED: '1' });
    const lanCli = (...extra: string[]) =>
      spawnSync(join(dir, 'node_modules/.bin/tsx'), ['src/cli/lan.ts', '--host', HOST, '--port', '1', '--data', caddyData, ...extra], {
        cwd: dir,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const head = git('rev-parse', 'HEAD');
    // A users file inside the project that .gitignore does not cover: its hashes would go into the next commit.
    writeFileSync(join(dir, 'users.txt'), readFileSync(join(secrets, 'users')));
    const exposed = lanCli('--users', join(dir, 'users.txt'));
    expect(exposed.status, exposed.stderr).toBe(1);
    expect(exposed.stderr).toContain('无法启动局域网编辑：users.txt 没有被 .gitignore 忽略');
    rmSync(join(dir, 'users.txt'));
    // Work in progress in the tree: the next save would commit it.
    writeFileSync(join(dir, 'src/draft.ts'), 'export {};\n');
    const dirty = lanCli('--users', join(secrets, 'users'));
    expect(dirty.status, dirty.stderr).toBe(1);
    expect(dirty.stderr).toContain('工作目录中有没有提交的改动');
    expect(dirty.stderr).toContain('src/draft.ts');
    rmSync(join(dir, 'src/draft.ts'));
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(git('status', '--porcelain')).toBe('');
  });
});
