/**
 * Attacks on `npm run lan` (issue 22, items 6 and 7), sent to the real servers: Caddy, the dev server behind it and
 * decap-server, on a git copy of the project. A program on the server machine gets nothing from the dev server's
 * own port; nobody gets the content folder's files raw; logins are limited per user and per address, shown by
 * counting answers in bounded loops (from loopback addresses that stand for other computers), never by time; a
 * secretary can log out.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Answer, devCall, type Lan, lanCall, lanLogin, startLan } from './lanServer.ts';

const users = { wangfang: 'Qingshan-2025!', lilei: 'Shiyan#zhongxue', 王芳: 'Hongqi@2025', zhaomin: 'Zhao#min-88' };
/** A line of the leader review content/reviews/2025/cao-lin-h1.md: what must not leak. */
const review = 'content/reviews/2025/cao-lin-h1.md';
const reviewText = '虚拟仿真实验课件';

let lan: Lan;

beforeAll(async () => {
  // Many failed logins are counted here: cheap hashes (lanHttps.test.ts logs in with Caddy's own).
  lan = await startLan(users, { cheapHashes: true });
}, 300_000);

afterAll(async () => {
  await lan?.stop();
});

/** How many answers had each status. */
const counts = (answers: Answer[]) => {
  const out: Record<number, number> = {};
  for (const a of answers) out[a.status] = (out[a.status] ?? 0) + 1;
  return out;
};

/** A refusal of the limit: 429, Retry-After in whole seconds, a Chinese page that says to wait. */
function expectLimited(r: Answer): void {
  expect(r.status, r.body.slice(0, 300)).toBe(429);
  expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  expect(r.body).toMatch(/次数过多|请.*秒后再试/);
  expect(r.headers['set-cookie']).toBeUndefined();
}

describe('npm run lan: the dev server answers only the proxy, and never serves content/ raw', () => {
  test('a program on the server machine calling the dev server directly gets nothing: no page, no file, no review', async () => {
    expect(lan.devPort).toBeGreaterThan(0);
    for (const path of [
      `/${review}?raw`,
      `/${review}`,
      `/@fs${lan.dir}/${review}?raw`,
      '/content/site.json',
      '/src/cli/lan.ts?raw',
      '/',
      '/admin/',
      '/_lan/login',
    ]) {
      const r = await devCall(lan.devPort, path, { headers: { 'x-forwarded-for': '10.0.0.7' } });
      expect(r.status, `${path}: ${r.body.slice(0, 200)}`).toBe(403);
      expect(r.body, path).not.toContain(reviewText);
    }
    // Nor with the editor's header a proxy would add, nor to the API.
    const api = await devCall(lan.devPort, '/api/v1', {
      body: { action: 'getEntry', params: { branch: 'main', path: review } },
      headers: { origin: `http://127.0.0.1:${lan.devPort}`, 'x-pb-editor': 'wangfang' },
    });
    expect(api.status).toBe(403);
    expect(api.body).not.toContain(reviewText);
  });

  test('logged in through the proxy, the content folder is still not served as files, by any path', async () => {
    const { cookie } = await lanLogin(lan.port, 'zhaomin', users.zhaomin);
    expect(cookie).toBeTruthy();
    expect((await lanCall(lan.port, '/admin/', { cookie })).status).toBe(200);
    for (const path of [
      `/${review}?raw`,
      `/${review}?import`,
      `/./${review}?raw`,
      `/x/../${review}?raw`,
      `/%63ontent/reviews/2025/cao-lin-h1.md?raw`,
      `/@fs${lan.dir}/${review}?raw`,
      `/@fs${lan.dir}/./${review}?raw`,
      '/content/site.json',
    ]) {
      const r = await lanCall(lan.port, path, { cookie });
      expect(r.status, `${path}: ${r.body.slice(0, 200)}`).toBe(404);
      expect(r.body, path).not.toContain(reviewText);
    }
  });
});

describe('npm run lan: logins are limited per user and per address, and a secretary can log out', () => {
  test('one user, wrong passwords in a loop of 20: five are checked, the rest refused with 429 and Retry-After, the right one too', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 20; i++) answers.push(await lanLogin(lan.port, 'wangfang', `guess-${i}`));
    expect(counts(answers)).toEqual({ 401: 5, 429: 15 });
    expect(answers.slice(0, 5).every((a) => a.status === 401 && /用户名或密码不对/.test(a.body))).toBe(true);
    for (const a of answers.slice(5)) expectLimited(a);
    // The lock is on the user: the right password is refused now, from another computer too.
    expectLimited(await lanLogin(lan.port, 'wangfang', users.wangfang, { from: '127.0.0.5' }));
    // Another secretary at the same computer still logs in.
    const other = await lanLogin(lan.port, 'lilei', users.lilei);
    expect(other.status, other.body.slice(0, 300)).toBe(303);
    expect(other.cookie).toBeTruthy();
  });

  test('twelve wrong passwords sent at once for one user: five are checked, seven refused before any check', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => lanLogin(lan.port, '王芳', `guess-${i}`, { from: '127.0.0.2' })),
    );
    expect(counts(answers)).toEqual({ 401: 5, 429: 7 });
    for (const a of answers.filter((x) => x.status === 429)) expectLimited(a);
  });

  test('one address, made-up names in a loop of 15: ten are checked, then the address is refused, even a right login; another address is not', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 15; i++) answers.push(await lanLogin(lan.port, `nobody${i}`, 'guess', { from: '127.0.0.3' }));
    expect(counts(answers)).toEqual({ 401: 10, 429: 5 });
    expectLimited(await lanLogin(lan.port, 'zhaomin', users.zhaomin, { from: '127.0.0.3' }));
    expect((await lanLogin(lan.port, 'zhaomin', users.zhaomin, { from: '127.0.0.4' })).status).toBe(303);
  });

  test('logging out ends the session: the same cookie then gets the login page and the API refuses it', async () => {
    const { cookie, status } = await lanLogin(lan.port, 'zhaomin', users.zhaomin, { from: '127.0.0.6' });
    expect(status).toBe(303);
    const info = { action: 'info', params: { branch: 'main' } };
    expect((await lanCall(lan.port, '/admin/', { cookie })).status).toBe(200);
    expect((await lanCall(lan.port, '/api/v1', { cookie, body: info })).status).toBe(200);
    // The logout page has the button; posting it logs out.
    const page = await lanCall(lan.port, '/_lan/logout', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('退出登录');
    const out = await lanCall(lan.port, '/_lan/logout', { cookie, body: new URLSearchParams() });
    expect(out.status).toBe(303);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
    const after = await lanCall(lan.port, '/admin/', { cookie, headers: { accept: 'text/html' } });
    expect(after.status).toBe(401);
    expect(after.body).toContain('登录');
    const api = await lanCall(lan.port, '/api/v1', { cookie, body: info });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body).error).toMatch(/请先登录/);
  });
});
