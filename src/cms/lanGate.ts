/**
 * The front door of the dev server in LAN mode (`npm run lan`): every request and every WebSocket upgrade passes
 * here before anything of Astro's or Vite's sees it (src/integrations/cmsApi.ts puts it there).
 *
 * - Only the proxy: a request without the secret of this run that Caddy adds (src/cms/caddyfile.ts) is refused, so
 *   a program on the server machine calling the dev server's port directly gets nothing, not even the login page.
 * - A login per secretary, with a form (/_lan/login) and a session cookie (HttpOnly, Secure, SameSite=Lax, 12 hours
 *   at most), checked against the bcrypt hashes of .lan/users; /_lan/logout ends the session. Each password check
 *   costs about a second of CPU, so checks run one at a time and are limited per user and per address
 *   (src/cms/loginLimiter.ts): over the limit the answer is 429 with Retry-After, before any check.
 * - The logged-in name is put in the editor header for the commit message of each save (a client's own value is
 *   always dropped).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import bcrypt from 'bcryptjs';
import { proxySecretHeader } from './caddyfile.ts';
import { loginPage, logoutPage } from './lanLoginPage.ts';
import type { LanUser } from './lanUsers.ts';
import { LoginLimiter } from './loginLimiter.ts';

export const loginPath = '/_lan/login';
export const logoutPath = '/_lan/logout';
const cookieName = '__Host-pb-session';
const sessionMs = 12 * 3600 * 1000;
/** A bcrypt hash (cost 14, as `caddy hash-password` makes) of a random password: checked for unknown names, so they take as long. */
const decoy = '$2a$14$YM1sssrWL8m2gIPeJ8Nz7.bfaOaOpgmHuit2SLpsPiVilz16FZpa6';

export interface LanGateOptions {
  /** The secret of this run that the proxy adds to every request. */
  secret: string;
  users: LanUser[];
  /** The header cmsApi.ts reads the logged-in name from (CMS_EDITOR_HEADER). */
  editorHeader: string;
  /** The clock (ms), for the limits and the sessions. */
  now?: () => number;
}

export interface LanGate {
  /** Answers the request itself, or calls `pass` when it may go on to the dev server. */
  request(req: IncomingMessage, res: ServerResponse, pass: () => void): void;
  /** Whether a WebSocket upgrade (Vite's HMR) may go on. */
  admits(req: IncomingMessage): boolean;
}

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** caddy hash-password writes `$2a$…`; older Caddy wrote it base64-encoded (`JDJh…`). */
const bcryptHash = (hash: string) => (hash.startsWith('$2') ? hash : Buffer.from(hash, 'base64').toString('latin1'));

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return undefined;
}

/** The client's address: the one Caddy puts last in X-Forwarded-For (trusted: the request carries the secret). */
function addressOf(req: IncomingMessage): string {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded.at(-1) ?? req.socket.remoteAddress ?? '';
}

/** Whether a form POST comes from a page of this site (its Origin is the Host it was sent to). */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || !req.headers.host) return false;
  try {
    return new URL(origin).host.toLowerCase() === req.headers.host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Where to go after logging in: a path on this site only. Anything with a character below "!" (a tab or newline a
 * browser would strip, turning `/\t/evil.example` into `//evil.example`), a second slash or a backslash at the start
 * goes to the admin instead.
 */
const localPath = (next: string | null | undefined) =>
  next && /^\/(?![/\\])/.test(next) && !/[\u0000-\u0020\u007f]/.test(next) ? next.slice(0, 2000) : '/admin/';

function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  return new Promise((done) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => {
      body += d;
      if (body.length > 4096) {
        done(undefined);
        req.destroy();
      }
    });
    req.on('end', () => done(new URLSearchParams(body)));
    req.on('error', () => done(undefined));
  });
}

function html(res: ServerResponse, status: number, text: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    ...headers,
  });
  res.end(text);
}

function json(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error }));
}

/** Runs password checks one at a time: a check holds a core for about a second. */
function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = last.then(run, run);
    last = next.catch(() => undefined);
    return next;
  };
}

const wait = (seconds: number) => (seconds >= 120 ? `约 ${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`);

export function createLanGate(o: LanGateOptions): LanGate {
  const now = o.now ?? Date.now;
  const limiter = new LoginLimiter();
  const sessions = new Map<string, { user: string; until: number }>();
  const check = oneAtATime();
  const editor = o.editorHeader.toLowerCase();

  function session(req: IncomingMessage): { user: string } | undefined {
    const token = cookieOf(req);
    const s = token ? sessions.get(token) : undefined;
    if (!s) return undefined;
    if (now() < s.until) return s;
    sessions.delete(token!);
    return undefined;
  }

  async function matches(user: string, password: string): Promise<boolean> {
    const known = o.users.find((u) => u.name === user);
    const ok = await check(() => bcrypt.compare(password, known ? bcryptHash(known.hash) : decoy));
    return ok && known !== undefined;
  }

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'POST') {
      const out = url.searchParams.has('out');
      return html(
        res,
        200,
        loginPage({ next: localPath(url.searchParams.get('next')), ...(out && { note: { text: '已退出登录。', kind: 'status' } }) }),
      );
    }
    if (!sameOrigin(req))
      return html(res, 403, loginPage({ next: '/admin/', note: { text: '登录请求不是从本站的登录页发出的，已拒绝。', kind: 'alert' } }));
    const form = await readForm(req);
    const next = localPath(form?.get('next'));
    const user = (form?.get('user') ?? '').trim().slice(0, 80);
    const password = form?.get('password') ?? '';
    if (!user || !password) return html(res, 400, loginPage({ next, user, note: { text: '请填写用户名和密码。', kind: 'alert' } }));
    const ticket = limiter.admit(user, addressOf(req), now());
    if (!ticket.ok) {
      const text =
        ticket.retryAfter <= 2
          ? `用户“${user}”的另一次登录正在核对，请 ${ticket.retryAfter} 秒后再试。`
          : ticket.by === 'user'
            ? `用户“${user}”登录失败次数过多，已暂停登录：请 ${wait(ticket.retryAfter)}后再试，或请管理员核对密码。`
            : `这台电脑登录失败次数过多，已暂停登录：请 ${wait(ticket.retryAfter)}后再试。`;
      return html(res, 429, loginPage({ next, user, note: { text, kind: 'alert' } }), { 'Retry-After': String(ticket.retryAfter) });
    }
    let ok = false;
    try {
      ok = await matches(user, password);
    } finally {
      ticket.done(ok, now());
    }
    if (!ok) return html(res, 401, loginPage({ next, user, note: { text: '用户名或密码不对。', kind: 'alert' } }));
    for (const [token, s] of sessions) if (now() >= s.until) sessions.delete(token);
    const token = randomBytes(32).toString('hex');
    sessions.set(token, { user, until: now() + sessionMs });
    res.writeHead(303, {
      Location: next,
      'Set-Cookie': `${cookieName}=${token}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=${sessionMs / 1000}`,
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  async function logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return html(res, 200, logoutPage(session(req)?.user));
    if (!sameOrigin(req)) return html(res, 403, logoutPage(session(req)?.user));
    const token = cookieOf(req);
    if (token) sessions.delete(token);
    res.writeHead(303, {
      Location: `${loginPath}?out=1`,
      'Set-Cookie': `${cookieName}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`,
      'Cache-Control': 'no-store',
    });
    res.end();
  }

  return {
    request(req, res, pass) {
      if (!sameSecret(req.headers[proxySecretHeader.toLowerCase()], o.secret)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end('只接受经过局域网入口的请求：请打开 npm run lan 启动时打印的 https 地址。');
        return;
      }
      delete req.headers[editor];
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      // What went wrong is for the console of `npm run lan`, not for the page (it may be a library's English).
      const fail = (e: Error) => {
        process.stderr.write(`[lan] 登录处理出错：${e.message}\n`);
        return res.headersSent
          ? res.destroy()
          : json(res, 500, '登录时服务器出错，请稍后再试；如果一直这样，请联系维护人员查看 npm run lan 窗口中的提示。');
      };
      if (path === loginPath) return void login(req, res).catch(fail);
      if (path === logoutPath) return void logout(req, res).catch(fail);
      const s = session(req);
      if (s) {
        // Node reads header bytes as Latin-1 (cmsApi.ts turns them back into UTF-8), as if the proxy had sent it.
        req.headers[editor] = Buffer.from(s.user, 'utf8').toString('latin1');
        return pass();
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && /text\/html/.test(req.headers.accept ?? '')) {
        return html(res, 401, loginPage({ next: localPath(req.url) }));
      }
      json(res, 401, `请先登录：在浏览器中打开后台地址（${loginPath}），用您的用户名和密码登录。`);
    },
    admits(req) {
      return sameSecret(req.headers[proxySecretHeader.toLowerCase()], o.secret) && session(req) !== undefined;
    },
  };
}
