/**
 * `npm start` on a machine where other programs already hold 4321 and 8081 (decap-server's default): it must pick
 * another port, print the address it really uses, and the admin must save into this project's content/ — never
 * talk to the other servers (decap-server has no TCP port at all: it listens on a private socket).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseMarkdown } from '../../../src/lib/parseContentFile.ts';
import { childEnv } from '../../build/buildSite.ts';
import { copyProject, ensureAdminBundle, startNpmStart, type NpmStart } from './cmsServer.ts';
import { DecapUi, record } from './decapUi.ts';
import { cmsBrowser } from './sharedCms.ts';

/** A stand-in for another program's server on `port`; null when something else holds the port already. */
function squat(port: number, hits: string[]): Promise<Server | null> {
  return new Promise((ok) => {
    const s = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const action = /"action":"(\w+)"/.exec(body)?.[1] ?? '';
        hits.push(`${port} ${req.method} ${req.url} ${action}`.trim());
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"repo":"someone-else","publish_modes":["simple"],"type":"local_fs"}');
      });
    });
    s.once('error', () => ok(null));
    s.listen(port, '127.0.0.1', () => ok(s));
  });
}

describe.sequential('npm start with 4321 and 8081 taken', () => {
  const hits: string[] = [];
  const squatters: (Server | null)[] = [];
  let dir: string;
  let start: NpmStart | undefined;
  let out = '';
  let browser: Browser;

  beforeAll(async () => {
    ensureAdminBundle();
    squatters.push(await squat(4321, hits), await squat(8081, hits));
    dir = copyProject();
    const { CONTENT_DIR: _c, ...env } = childEnv({ ASTRO_TELEMETRY_DISABLED: '1', ASTRO_CACHE_DIR: join(dir, '.astro-cache') });
    start = await startNpmStart(dir, env);
    out = start.output();
    browser = await cmsBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await start?.stop();
    for (const s of squatters) s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('prints the address it really uses, and a CMS save lands in the project’s own content/', async () => {
    const adminUrl = /内容管理后台：(\S+?)（/.exec(out)?.[1];
    expect(adminUrl, out).toMatch(/^http:\/\/localhost:\d+\/admin\/$/);
    if (squatters[0]) expect(adminUrl).not.toContain(':4321/');
    // The address printed is the one that answers with this project's admin.
    const res = await fetch(adminUrl!.replace('localhost', '127.0.0.1'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('内容管理');

    const context = await browser.newContext();
    const rec = record(context);
    const page = await context.newPage();
    await page.goto(adminUrl!);
    const ui = new DecapUi(page);
    await ui.login();
    await page.goto(`${adminUrl}#/collections/members/entries/bai-yulan`);
    await page.reload();
    const name = await ui.control('工作岗位');
    await expect.poll(() => name.inputValue(), { timeout: 15_000 }).not.toBe('');
    await ui.retype(name, '校史宣讲志愿者');
    const r = await ui.publish();
    expect(r).toEqual({ ok: true });
    const file = readFileSync(join(dir, 'content/members/bai-yulan.md'), 'utf8');
    expect((parseMarkdown(file, 'x').data as { post?: string }).post).toBe('校史宣讲志愿者');
    expect(hits, 'the other programs’ servers were never asked').toEqual([]);
    expect(rec.pageErrors).toEqual([]);
  });

  test('refuses to serve the admin beyond this machine (--host 0.0.0.0), and starts nothing', async () => {
    const { CONTENT_DIR: _c, ...env } = childEnv({ ASTRO_TELEMETRY_DISABLED: '1' });
    const r = spawnSync(join(dir, 'node_modules/.bin/tsx'), ['src/cli/start.ts', '--host', '0.0.0.0'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain('无法启动：npm start 只在本机（127.0.0.1）上提供网站和后台');
    expect(r.stderr).toContain('npm run lan');
    expect(r.stdout).not.toContain('内容管理后台：');
    expect(hits, 'nothing was asked of the other programs').toEqual([]);
  });
});
