/**
 * The LAN mode's front door (src/cms/lanGate.ts) on a real HTTP server on a loopback port the system picks, with a
 * clock of the test's own: what passes on to the dev server, the session's end, the editor header, the login form's
 * checks. (With the real Caddy, dev server and decap-server: tests/e2e/cms/lanAttacks.test.ts, lanHttps.test.ts.)
 */
import { createServer, request, type Server } from 'node:http';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLanGate } from '../../src/cms/lanGate.ts';

const secret = 'a1b2c3d4e5f6';
const host = 'cms.school.lan:8443';
let clock = Date.UTC(2025, 11, 1, 8);
let server: Server;
let port: number;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(path: string, o: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Reply> {
  const body = o.form && new URLSearchParams(o.form).toString();
  return new Promise((done, fail) => {
    const r = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: o.method ?? (body ? 'POST' : 'GET'),
        headers: {
          host,
          ...(body && { 'content-type': 'application/x-www-form-urlencoded', origin: `https://${host}` }),
          ...o.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    r.on('error', fail);
    r.end(body);
  });
}

const proxied = (headers: Record<string, string> = {}) => ({ 'x-pb-proxy': secret, ...headers });

async function login(
  user: string,
  password: string,
  headers: Record<string, string> = {},
  next = '/admin/',
): Promise<Reply & { cookie?: string }> {
  const r = await send('/_lan/login', { headers: proxied(headers), form: { user, password, next } });
  const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0];
  return { ...r, cookie: cookie.includes('=') ? cookie : undefined };
}

beforeAll(async () => {
  // A cheap hash: the cost is Caddy's to choose; the gate checks whatever cost the users file has.
  const users = [
    { name: '王芳', hash: bcrypt.hashSync('Hongqi@2025', 4) },
    { name: 'lilei', hash: bcrypt.hashSync('Shiyan#zhongxue', 4) },
  ];
  const gate = createLanGate({ secret, users, editorHeader: 'X-Pb-Editor', now: () => clock });
  server = createServer((req, res) =>
    gate.request(req, res, () => {
      const editor = req.headers['x-pb-editor'];
      res.end(JSON.stringify({ passed: true, editor: typeof editor === 'string' ? Buffer.from(editor, 'latin1').toString('utf8') : null }));
    }),
  );
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('createLanGate', () => {
  test('nothing passes without the proxy’s secret, not even the login page', async () => {
    for (const path of ['/', '/admin/', '/_lan/login', '/content/site.json?raw']) {
      const r = await send(path);
      expect(r.status, path).toBe(403);
      expect(r.body).toContain('只接受经过局域网入口的请求');
    }
    expect((await send('/', { headers: { 'x-pb-proxy': `${secret}x` } })).status).toBe(403);
  });

  test('without a session: a page asks for the login (401, the form), anything else is told to log in', async () => {
    const page = await send('/admin/', { headers: proxied({ accept: 'text/html' }) });
    expect(page.status).toBe(401);
    expect(page.body).toContain('<form method="post" action="/_lan/login">');
    expect(page.body).toContain('name="next" value="/admin/"');
    const api = await send('/api/v1', { method: 'POST', headers: proxied() });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body).error).toMatch(/^请先登录/);
  });

  test('a session passes with the logged-in name as the editor, never a name the client sent; it ends after 12 hours', async () => {
    const r = await login('王芳', 'Hongqi@2025');
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/admin/');
    expect(String(r.headers['set-cookie'])).toMatch(/^__Host-pb-session=[0-9a-f]{64}; Path=\/; Secure; HttpOnly; SameSite=Lax/);
    const passed = await send('/api/v1', { headers: proxied({ cookie: r.cookie!, 'x-pb-editor': 'mallory' }) });
    expect(JSON.parse(passed.body)).toEqual({ passed: true, editor: '王芳' });
    clock += 12 * 3600 * 1000 - 1;
    expect((await send('/', { headers: proxied({ cookie: r.cookie! }) })).status).toBe(200);
    clock += 1;
    expect((await send('/', { headers: proxied({ cookie: r.cookie! }) })).status).toBe(401);
  });

  test('the login form: a wrong password is told, another site’s form is refused, and it goes back only to a path of this site', async () => {
    const wrong = await login('lilei', 'guess');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('用户名或密码不对。');
    expect(wrong.cookie).toBeUndefined();
    expect((await login('lilei', 'Shiyan#zhongxue', { origin: 'https://evil.example' })).status).toBe(403);
    // A tab or newline after the slash is stripped by a browser, making `//evil.example` (the review of issue 22).
    for (const next of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/ /evil.example',
    ]) {
      const r = await login('lilei', 'Shiyan#zhongxue', {}, next);
      expect(r.status).toBe(303);
      expect(r.headers.location, next).toBe('/admin/');
    }
    expect((await login('lilei', 'Shiyan#zhongxue', {}, '/pledges/?round=2025')).headers.location).toBe('/pledges/?round=2025');
  });

  test('logging out ends the session; a logout from another site’s page is refused', async () => {
    const { cookie } = await login('lilei', 'Shiyan#zhongxue');
    const foreign = await send('/_lan/logout', {
      headers: proxied({ cookie: cookie!, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }),
      method: 'POST',
    });
    expect(foreign.status).toBe(403);
    expect((await send('/', { headers: proxied({ cookie: cookie! }) })).status).toBe(200);
    const out = await send('/_lan/logout', { headers: proxied({ cookie: cookie!, origin: `https://${host}` }), method: 'POST' });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/_lan/login?out=1');
    expect((await send('/', { headers: proxied({ cookie: cookie! }) })).status).toBe(401);
  });
});
