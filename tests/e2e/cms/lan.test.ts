/**
 * The admin opened from another computer on the LAN over plain http
 * (http://lan.test:<port>/admin/, mapped to 127.0.0.1 inside Chromium): not a
 * secure context, so the browser has no native crypto.randomUUID and Decap
 * only works thanks to admin/randomUUID.ts; the local backend is used only
 * because CMS_ALLOWED_HOSTS puts the host into local_backend.allowed_hosts,
 * and the dev server's /api/v1 answers only because the host is in CMS_ALLOWED_HOSTS and the Origin is the page's own.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LAN_HOST } from './cmsKinds.ts';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi, record, type Recorder } from './decapUi.ts';

let cms: SharedCms;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let rec: Recorder;
const consoleLines: string[] = [];

beforeAll(async () => {
  cms = await acquireCms('lan');
  browser = await cmsBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  rec = record(context);
  page = await context.newPage();
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.release();
});

describe(`the admin over plain http on a LAN name (${LAN_HOST})`, () => {
  test('loads in an insecure context, logs in with the local backend and lists the collections', async () => {
    const res = await page.goto(cms.adminUrl(LAN_HOST));
    expect(res?.status()).toBe(200);
    const ctx = await page.evaluate(() => ({
      secure: window.isSecureContext,
      hasRandomUUID: typeof crypto.randomUUID === 'function',
      native: typeof crypto.randomUUID === 'function' && /\[native code\]/.test(Function.prototype.toString.call(crypto.randomUUID)),
      uuid: typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : '',
    }));
    expect(ctx.secure, 'http://lan.test must not be a secure context, or this test proves nothing').toBe(false);
    // Chromium withholds the native one here; the admin's fallback fills in.
    expect(ctx.native).toBe(false);
    expect(ctx.hasRandomUUID).toBe(true);
    expect(ctx.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const ui = new DecapUi(page);
    await ui.login();
    for (const label of ['党员', '承诺事项', '轮次', '党组织', '季度检查', '通报', '领导点评', '年终评诺']) {
      expect(await ui.collectionLink(label).isVisible(), `collection ${label}`).toBe(true);
    }
    // The local backend (decap-server) was found through the LAN name, not git-gateway.
    // decap-server is reached through the site's own origin (the dev server proxies /api/v1 to it on 127.0.0.1).
    expect(consoleLines.join('\n')).toContain(`Detected Decap CMS Proxy Server at 'http://${LAN_HOST}:${cms.astroPort}/api/v1'`);
    await ui.openCollection('党员');
    // The members list names each member's branch (summary `{{name}} · {{view_org}}`), read from the files over the LAN.
    await page.getByText('陈慧 · 第一教师党支部（初中部）', { exact: true }).waitFor();
    expect(rec.pageErrors).toEqual([]);
  });

  test(`no request went anywhere but ${LAN_HOST}, localhost or 127.0.0.1`, () => {
    expect(rec.requests.some((u) => new URL(u).hostname === LAN_HOST)).toBe(true);
    expect(rec.requests.some((u) => u.startsWith(`http://${LAN_HOST}:${cms.astroPort}/api/v1`))).toBe(true);
    expect(rec.offMachine([LAN_HOST, 'localhost', '127.0.0.1'])).toEqual([]);
  });
});
