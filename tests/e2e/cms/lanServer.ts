/**
 * `npm run lan` as the README sets it up, on a git copy of the project: the real Caddy from Debian's packages
 * (HTTPS with its internal CA), the dev server, decap-server in git mode; a users file of bcrypt hashes made by
 * `caddy hash-password`. And requests to it as a LAN computer sends them (over https to Caddy, the internal CA not
 * checked), from a loopback source address of the test's choosing (127.0.0.2 … stand for other computers).
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import bcrypt from 'bcryptjs';
import { join } from 'node:path';
import { killGroup, spawnGroup } from '../../../src/loader/processGroup.ts';
import { childEnv } from '../../build/buildSite.ts';
import { freePort } from '../staticServer.ts';
import { LAN_HOST as HOST } from './cmsKinds.ts';
import { copyProject, ensureAdminBundle, initGitRepo } from './cmsServer.ts';

export interface Lan {
  /** The git copy of the project it runs in. */
  dir: string;
  /** Where the users file is (outside the copy). */
  secrets: string;
  /** Caddy's data folder (its certificate authority). */
  caddyData: string;
  /** Caddy's HTTPS port. */
  port: number;
  /** The dev server's own port on 127.0.0.1 (behind Caddy). */
  devPort: number;
  /** Everything `npm run lan` printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Starts `npm run lan` on a fresh git copy with these users (name → password). Their hashes are made by
 * `caddy hash-password`, as the README says (bcrypt cost 14, about a second for each check), unless `cheapHashes`:
 * then bcrypt at cost 4, for tests that count many failed logins, where what a check costs is not the point.
 */
export async function startLan(users: Record<string, string>, o: { cheapHashes?: boolean } = {}): Promise<Lan> {
  ensureAdminBundle();
  const dir = copyProject();
  initGitRepo(dir);
  const secrets = mkdtempSync(join(tmpdir(), 'lan-users-'));
  const caddyData = mkdtempSync(join(tmpdir(), 'lan-caddy-'));
  const lines = Object.entries(users).map(([name, pw]) => {
    if (o.cheapHashes) return `${name} ${bcrypt.hashSync(pw, 4)}`;
    const h = spawnSync('caddy', ['hash-password', '--plaintext', pw], { encoding: 'utf8' });
    if (h.status !== 0) throw new Error(`caddy hash-password failed: ${h.stderr}`);
    return `${name} ${h.stdout.trim()}`;
  });
  writeFileSync(join(secrets, 'users'), `# 每位书记一行\n${lines.join('\n')}\n`);
  const port = await freePort();
  const { CONTENT_DIR: _c, ...env } = childEnv({ ASTRO_TELEMETRY_DISABLED: '1', ASTRO_CACHE_DIR: join(dir, '.astro-cache') });
  let out = '';
  const args = ['src/cli/lan.ts', '--host', HOST, '--port', String(port), '--bind', '127.0.0.1'];
  const lan: ChildProcess = spawnGroup(
    join(dir, 'node_modules/.bin/tsx'),
    [...args, '--users', join(secrets, 'users'), '--data', caddyData],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  lan.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  lan.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (lan.pid && lan.exitCode === null) {
      killGroup(lan, 'SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
    }
    if (!process.env.CMS_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
    rmSync(secrets, { recursive: true, force: true });
    rmSync(caddyData, { recursive: true, force: true });
  };
  const until = Date.now() + 240_000;
  while (!/内容管理后台：https:/.test(out)) {
    if (lan.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`npm run lan did not come up:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const devPort = Number(/Local\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''))?.[1]);
  return { dir, secrets, caddyData, port, devPort, output: () => out, stop };
}

export interface CallOptions {
  method?: string;
  /** JSON (an object) or a form (URLSearchParams). */
  body?: unknown;
  /** The session cookie (`name=value`) to send. */
  cookie?: string;
  headers?: Record<string, string>;
  /** The loopback address the request comes from (another "computer"); default 127.0.0.1. */
  from?: string;
}

function bodyOf(o: CallOptions): { text?: string; type?: string } {
  if (o.body === undefined) return {};
  if (o.body instanceof URLSearchParams) return { text: o.body.toString(), type: 'application/x-www-form-urlencoded' };
  return { text: JSON.stringify(o.body), type: 'application/json' };
}

/** Sends a request (https or http) and collects its answer as text. */
function send(send: typeof request | typeof httpRequest, options: RequestOptions, text: string | undefined): Promise<Answer> {
  return new Promise((done, fail) => {
    const r = send(options, (res) => {
      let answer = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (answer += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: answer }));
    });
    r.on('error', fail);
    r.end(text);
  });
}

/** A request over https to Caddy on `port`, with Host and Origin the LAN name's. */
export function lanCall(port: number, path: string, o: CallOptions = {}): Promise<Answer> {
  const own = `${HOST}:${port}`;
  const { text, type } = bodyOf(o);
  const headers: Record<string, string> = { host: own, origin: `https://${own}`, ...(type && { 'content-type': type }), ...o.headers };
  if (o.cookie) headers.cookie = o.cookie;
  const method = o.method ?? (text === undefined ? 'GET' : 'POST');
  return send(
    request,
    { host: '127.0.0.1', servername: HOST, port, path, method, headers, localAddress: o.from, rejectUnauthorized: false },
    text,
  );
}

/** A request to the dev server's own port, as a program on the server machine would send it (no Caddy). */
export function devCall(devPort: number, path: string, o: CallOptions = {}): Promise<Answer> {
  const { text, type } = bodyOf(o);
  const headers = { host: `127.0.0.1:${devPort}`, ...(type && { 'content-type': type }), ...o.headers };
  const method = o.method ?? (text === undefined ? 'GET' : 'POST');
  return send(httpRequest, { host: '127.0.0.1', port: devPort, path, method, headers }, text);
}

/** The login form's POST (/_lan/login); `cookie` is the session cookie it set, if it did. */
export async function lanLogin(
  port: number,
  user: string,
  password: string,
  o: { from?: string; next?: string } = {},
): Promise<Answer & { cookie?: string }> {
  const form = new URLSearchParams({ user, password, next: o.next ?? '/admin/' });
  const r = await lanCall(port, '/_lan/login', { body: form, from: o.from });
  const set = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
  const cookie = set.map((c) => c.split(';')[0]).find((c) => /=./.test(c));
  return { ...r, cookie };
}
