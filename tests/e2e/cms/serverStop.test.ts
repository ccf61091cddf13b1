/**
 * When the local server goes away while the admin is open (admin/serverWatch.ts), in real Chromium against the real
 * admin and `npm start` in a copy of the project that is not a git repository:
 * - `npm start` says that saves will have no history (修改记录);
 * - stopping it is told at once, in Chinese, with what to do, and Decap's own notices carry the same words instead of
 *   “TypeError: Failed to fetch”;
 * - started again on the same port, the admin says it restarted; reloaded, it offers back what was typed before the
 *   stop (Decap's backup in IndexedDB), still there when the entry arrives after the answer, and nothing was written
 *   to the file.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { childEnv } from '../../build/buildSite.ts';
import { copyProject, ensureAdminBundle, startNpmStart, type NpmStart } from './cmsServer.ts';
import { DecapUi } from './decapUi.ts';
import { cmsBrowser } from './sharedCms.ts';

const ENTRY = '2025/bai-yulan-service';
const FILE = `content/pledges/${ENTRY}.md`;
const TYPED = '每月为学困生义务辅导一次（服务器停止前输入）';

/** Decap's backup of an entry, as it keeps it in IndexedDB (localforage's default store). */
function backupOf(page: Page, key: string): Promise<string | undefined> {
  return page.evaluate(
    (k) =>
      new Promise<string | undefined>((done) => {
        const open = indexedDB.open('localforage');
        open.onerror = () => done(undefined);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('keyvaluepairs')) return done(undefined);
          const get = db.transaction('keyvaluepairs').objectStore('keyvaluepairs').get(k);
          get.onsuccess = () => done((get.result as { raw?: string } | undefined)?.raw);
          get.onerror = () => done(undefined);
        };
      }),
    key,
  );
}

/**
 * Records the types of Decap's draft actions in `window.pbDraftActions`, through the hook Decap's store offers the
 * Redux devtools (its store is made with composeWithDevTools): which of the server's entry and the browser's backup
 * filled the form last.
 */
function recordDraftActions(): void {
  const w = window as unknown as { pbDraftActions: string[]; __REDUX_DEVTOOLS_EXTENSION_COMPOSE__: unknown };
  w.pbDraftActions = [];
  type Reducer = (state: unknown, action: { type: string }) => unknown;
  w.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__ =
    (enhancer: (create: unknown) => (reducer: Reducer, preloaded: unknown) => unknown) =>
    (create: unknown) =>
    (reducer: Reducer, preloaded: unknown) =>
      enhancer(create)((state, action) => {
        if (/^DRAFT_(CREATE_|LOCAL_BACKUP_RETRIEVED)/.test(action.type)) w.pbDraftActions.push(action.type);
        return reducer(state, action);
      }, preloaded);
}

const draftActions = (page: Page) => page.evaluate(() => (window as unknown as { pbDraftActions: string[] }).pbDraftActions);

/** Resolves once nothing answers on `origin` any more (the stopped dev server has let its port go). */
async function gone(origin: string): Promise<void> {
  for (;;) {
    try {
      await fetch(origin, { signal: AbortSignal.timeout(2000) });
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.sequential('the admin when npm start stops and starts again', () => {
  let dir: string;
  let start: NpmStart | undefined;
  let browser: Browser;
  let adminUrl: string;
  let port: string;
  const env = () => childEnv({ ASTRO_TELEMETRY_DISABLED: '1', ASTRO_CACHE_DIR: join(dir, '.astro-cache') });

  beforeAll(async () => {
    ensureAdminBundle();
    dir = copyProject();
    start = await startNpmStart(dir, env());
    adminUrl = /内容管理后台：(\S+?)（/.exec(start.output())![1];
    port = new URL(adminUrl).port;
    browser = await cmsBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await start?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('outside a git repository, npm start says saves will have no history', () => {
    expect(start!.output()).toContain('修改记录：content/ 不在 git 仓库中，后台的保存不会留下修改记录（git 提交）');
  });

  test('the stop is told at once and what was typed is offered back after the restart', async () => {
    const before = readFileSync(join(dir, FILE), 'utf8');
    const context = await browser.newContext();
    // The pages' timers run on Playwright's clock (time flows as usual): the admin's next check of the server, and
    // Decap's backup after typing, are run at once instead of waited for.
    await context.clock.install();
    await context.addInitScript(recordDraftActions);
    const dialogs: string[] = [];
    context.on('page', (p) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.accept())));
    const page = await context.newPage();
    const ui = new DecapUi(page);
    await page.goto(adminUrl);
    await ui.login();
    // A second tab at the members' list, to see what Decap itself says when a request fails.
    const other = await context.newPage();
    await other.goto(adminUrl);
    await new DecapUi(other).collectionLink('党员').waitFor({ timeout: 30_000 });

    await page.goto(`${adminUrl}#/collections/pledges/entries/${ENTRY}`);
    const title = await ui.control('承诺事项');
    await expect.poll(() => title.inputValue(), { timeout: 15_000 }).not.toBe('');
    await ui.retype(title, TYPED);
    // Decap writes its backup a moment (2 s) after the typing stops.
    await expect
      .poll(
        async () => {
          await page.clock.runFor(2000);
          return backupOf(page, `backup.pledges.${ENTRY}`);
        },
        { timeout: 20_000 },
      )
      .toContain(TYPED);

    await start!.stop();
    await gone(new URL(adminUrl).origin.replace('localhost', '127.0.0.1'));
    const bar = page.locator('#pb-server-watch');
    // The admin asks the server every 5 s while it is up (admin/serverWatch.ts POLL_MS): at the next check it knows.
    await expect
      .poll(
        async () => {
          await page.clock.runFor(5000);
          return bar.getAttribute('data-pb-server-state');
        },
        { timeout: 30_000 },
      )
      .toBe('down');
    expect(await bar.getAttribute('role')).toBe('alert');
    expect(await bar.textContent()).toBe(
      '本机后台已停止：请重新运行 npm start，然后刷新本页。已填写还没有保存的内容留在本机浏览器里：刷新后打开同一条目，后台会询问是否恢复，请选“确定”。',
    );
    // What Decap says when it tries to load something now: the same words, not the browser's.
    await new DecapUi(other).openCollection('党员').catch(() => undefined);
    await other.locator('.Toastify__toast').first().waitFor({ timeout: 30_000 });
    const toasts = await other.locator('.Toastify__toast').allTextContents();
    expect(toasts.join(' ')).toContain('本机后台已停止，请重新运行 npm start 后刷新本页。');
    expect(toasts.join(' ')).not.toMatch(/TypeError|Failed to fetch/);
    // The form still holds what was typed.
    expect(await title.inputValue()).toBe(TYPED);

    start = await startNpmStart(dir, env(), ['--port', port]);
    expect(/内容管理后台：(\S+?)（/.exec(start.output())![1]).toBe(adminUrl);
    // … and every 2 s while it is down (RETRY_MS).
    await expect
      .poll(
        async () => {
          await page.clock.runFor(2000);
          return bar.getAttribute('data-pb-server-state');
        },
        { timeout: 30_000 },
      )
      .toBe('restarted');
    expect(await bar.textContent()).toContain('本机后台已重新启动：请刷新本页后再继续。');

    // As on a busy machine, the entry comes from the restarted server after Decap has read its backup and asked:
    // the answer given must hold when the entry arrives (admin/backupRestore.ts).
    await page.route('**/api/v1', async (route) => {
      if ((route.request().postData() ?? '').includes('"action":"getEntry"')) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.reload();
    const question = '找到了此条目在本机上的备份，要使用这份备份吗？';
    await expect.poll(() => dialogs.includes(question), { timeout: 30_000 }).toBe(true);
    // Once the entry has arrived and replaced the draft, the backup is put back, and that is where the form stays.
    await expect.poll(() => draftActions(page), { timeout: 30_000 }).toContain('DRAFT_CREATE_FROM_ENTRY');
    const restored = await ui.control('承诺事项');
    await expect
      .poll(async () => [(await draftActions(page)).at(-1), await restored.inputValue()], { timeout: 15_000 })
      .toEqual(['DRAFT_CREATE_FROM_LOCAL_BACKUP', TYPED]);
    // Asked once: the second offer, after the entry arrived, kept the answer.
    expect(dialogs.filter((d) => d === question)).toHaveLength(1);
    expect(await page.locator('#pb-server-watch').count()).toBe(0);
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(before);
    await context.close();
  });
});
