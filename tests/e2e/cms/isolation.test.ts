/**
 * Opening /admin/ on localhost and logging in loads nothing from anywhere but this machine, and raises no page
 * error. (How fast it is usable is measured by `npm run bench:cms`, not asserted here: other programs share the
 * machine.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi, record } from './decapUi.ts';

let cms: SharedCms;
let browser: Browser;

beforeAll(async () => {
  cms = await acquireCms();
  browser = await cmsBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.release();
});

describe('the admin on localhost', () => {
  test('loads only from this machine, opens on 承诺事项 and lists pledges by their owners’ names', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const rec = record(context);
    const page = await context.newPage();
    const ui = new DecapUi(page);
    await page.goto(cms.adminUrl('localhost'));
    await ui.login();
    // The first collection is the one a secretary uses most, and its list names people, not ids.
    await page.getByRole('heading', { name: '承诺事项', exact: true }).waitFor();
    await page
      .getByText(/^白玉兰 · 义务辅导学困生和留守儿童( · |$)/)
      .first()
      .waitFor();
    expect(rec.requests.some((u) => u.includes(`:${cms.astroPort}/api/v1`))).toBe(true);
    expect(rec.offMachine()).toEqual([]);
    expect(rec.pageErrors).toEqual([]);
    await context.close();
  });
});
