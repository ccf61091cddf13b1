/**
 * Review before publish: the editorial workflow (草稿 → 审核中 → 就绪 → 发布) in
 * the real Decap UI (Chromium), against decap-server in git mode on a temp
 * copy of the project that is a git repository with branch `main`.
 *
 * What the workflow UI looks like in zh_Hans (the admin's own locale, admin/locale/zhHans.ts; learned by driving it):
 * - editor toolbar of a new entry: only `保存`; after the first save: `保存`, `状态：草稿` (a dropdown of the
 *   menu items 草稿 / 审核中 / 就绪; the button then reads `状态：审核中`, `状态：就绪`), `发布` (menu 立即发布 /
 *   发布，然后新建条目 / 发布，然后复制此条目) and `删除未发布的条目`; toasts 条目已保存, 条目状态已更改, 条目已发布;
 *   publishing asks `确定要发布此条目吗？` (a window.confirm); afterwards the toolbar shows `已发布` and
 *   `删除已发布的条目`;
 * - the header tab `工作流` opens the board 编辑工作流 (“1 个条目待审核，0 个已就绪、可以发布。”, button 新建条目) with the
 *   columns 草稿, 审核中 (the same word as the editor's status) and 就绪 (`h2[name=draft|pending_review|
 *   pending_publish]`); a card (`[draggable=true]`, linking to the editor with ?ref=workflow) shows the collection,
 *   the entry summary (a member: `name · branch`) and the date, plus `删除新条目` and `发布新条目` (enabled in 就绪
 *   only); dragging a card to another column changes its status.
 *
 * On disk (decap-server's git mode): saving creates the branch `cms/members/<id>` with one commit; the status is
 * the branch description (`decap-cms/draft`, `decap-cms/pending_review`, `decap-cms/pending_publish`); publishing
 * merges the branch into main and deletes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { childEnv } from '../../build/buildSite.ts';
import { projectRoot } from './cmsServer.ts';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi, record, type Recorder } from './decapUi.ts';

const MEMBER_ID = 'shen-he-liu-cheng';
const MEMBER_NAME = '审核流程测试';
const BRANCH = `cms/members/${MEMBER_ID}`;
const FILE = `content/members/${MEMBER_ID}.md`;
/** The card title on the 工作流 board: the members collection's summary, `name · branch name`. */
const CARD_TITLE = `${MEMBER_NAME} · 第一教师党支部（初中部）`;
const TIMEOUT = 300_000;

let cms: SharedCms;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let ui: DecapUi;
let rec: Recorder;
/** Set once the entry is saved, so later steps say plainly when an earlier one failed. */
let saved = false;

const git = (...args: string[]) => cms.git(...args);
const gitStatus = (...args: string[]) => cms.gitStatus(...args);

const branches = () => git('branch', '--list', '--format=%(refname:short)').split('\n').filter(Boolean);
/** The workflow status decap-server keeps in the branch description (undefined when there is none). */
const description = (): string | undefined => {
  return gitStatus('config', `branch.${BRANCH}.description`) === 0 ? git('config', `branch.${BRANCH}.description`) : undefined;
};
const onMain = () => gitStatus('cat-file', '-e', `main:${FILE}`) === 0;

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!m) throw new Error(`no front matter:\n${text}`);
  return (yaml.load(m[1], { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
}

async function shot(name: string): Promise<string> {
  const path = join(tmpdir(), `cms-e2e-workflow-${name}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => undefined);
  return path;
}

function needSaved(): void {
  expect(saved, 'the entry was not saved by the earlier step, so this step cannot run').toBe(true);
}

/** A column of the 工作流 board by its status name (draft, pending_review, pending_publish). */
function column(status: 'draft' | 'pending_review' | 'pending_publish'): Locator {
  return page.locator('div[class*="renderColumns"]').filter({ has: page.locator(`h2[name="${status}"]`) });
}

function card(): Locator {
  return page.locator('[draggable="true"]').filter({ has: page.locator(`a[href*="/collections/members/entries/${MEMBER_ID}?"]`) });
}

/** The status dropdown of the editor toolbar (`状态：草稿` …). */
function statusButton(): Locator {
  return page.getByRole('button', { name: /^状态：/ });
}

/** HTTP status of a page of the site as the dev server (the local preview) serves it right now. */
async function devPageStatus(path: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${cms.astroPort}${path}`, { signal: AbortSignal.timeout(60_000) });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  cms = await acquireCms('git');
  browser = await cmsBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  rec = record(context);
  page = await context.newPage();
  ui = new DecapUi(page);
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await cms?.release();
});

describe.sequential('CMS editorial workflow on a git repository (草稿 → 审核中 → 就绪 → 发布)', () => {
  test(
    'the temp repository starts clean on main, and decap-server offers the editorial workflow',
    async () => {
      expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
      expect(branches()).toEqual(['main']);
      expect(git('status', '--porcelain')).toBe('');
      // As the admin's own page asks (the CMS API answers only its own origin).
      const res = await fetch(`http://127.0.0.1:${cms.astroPort}/api/v1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${cms.astroPort}` },
        body: JSON.stringify({ action: 'info' }),
      });
      expect(await res.json()).toMatchObject({ type: 'local_git', publish_modes: expect.arrayContaining(['editorial_workflow']) });
      const config = await (await fetch(`${cms.adminUrl('127.0.0.1')}config.yml`)).text();
      expect(config).toMatch(/^publish_mode: editorial_workflow$/m);
      expect(config).toMatch(/^ {2}branch: main$/m);
    },
    TIMEOUT,
  );

  test(
    'logs in, creates a member and saves it (保存): a branch of its own, nothing on main',
    async () => {
      await page.goto(cms.adminUrl('localhost'));
      await ui.login();
      await ui.openCollection('党员');
      await ui.newEntry('党员');
      // Workflow mode: a new entry has 保存, not 发布.
      await expect(page.getByRole('button', { name: '发布', exact: true }).count()).resolves.toBe(0);
      await ui.fill('党员编号', MEMBER_ID);
      await ui.fill('姓名', MEMBER_NAME);
      await ui.pick('所在支部', '第一教师党支部（初中部）');
      await ui.pick('状态', '在职');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      const ok = page.locator('.Toastify__toast--success');
      const refused = page.locator('.Toastify__toast--error, .Toastify__toast--warning, [class*="ControlErrorsList"] li');
      await ok.or(refused).first().waitFor({ timeout: 60_000 });
      if (await refused.count()) {
        throw new Error(
          `Decap refused to save.\ntoasts: ${(await ui.toasts()).join(' | ')}\nfield errors: ${(await ui.fieldErrors()).join(' | ')}\n(screenshot ${await shot('save-refused')})`,
        );
      }
      expect(await ui.toasts()).toContain('条目已保存');
      await page.waitForURL(new RegExp(`#/collections/members/entries/${MEMBER_ID}$`), { timeout: 30_000 });
      await expect(statusButton().textContent({ timeout: 30_000 })).resolves.toBe('状态：草稿');
      await ui.dismissToasts();
      saved = true;

      // The branch cms/members/<id>: one commit on top of main, changing exactly the new member's file.
      expect(branches().sort()).toEqual([BRANCH, 'main'].sort());
      expect(git('rev-list', '--count', `main..${BRANCH}`)).toBe('1');
      expect(git('merge-base', 'main', BRANCH)).toBe(git('rev-parse', 'main'));
      expect(git('diff-tree', '--no-commit-id', '--name-status', '-r', BRANCH).split('\n')).toEqual([`A\t${FILE}`]);
      expect(frontMatter(git('show', `${BRANCH}:${FILE}`))).toMatchObject({ name: MEMBER_NAME, org: 'jiaoshi-yi', status: 'active' });
      expect(description()).toBe('decap-cms/draft');

      // Review before publish: nothing unreviewed is on main, in the working tree, or in the local preview of the site.
      expect(onMain(), `${FILE} is on main before review`).toBe(false);
      expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
      expect(existsSync(join(cms.dir, FILE)), `${FILE} is in the working tree (main) before review`).toBe(false);
      expect(git('status', '--porcelain')).toBe('');
      expect(await devPageStatus(`/members/${MEMBER_ID}/`)).toBe(404);
    },
    TIMEOUT,
  );

  test(
    'sets the status to 审核中 in the editor: the branch description becomes decap-cms/pending_review',
    async () => {
      needSaved();
      await statusButton().click();
      await expect(page.getByRole('menuitem').allTextContents()).resolves.toEqual(['草稿', '审核中', '就绪']);
      await page.getByRole('menuitem', { name: '审核中', exact: true }).click();
      await page.getByText('条目状态已更改', { exact: true }).waitFor({ timeout: 30_000 });
      await expect(statusButton().textContent()).resolves.toBe('状态：审核中');
      await ui.dismissToasts();
      await expect.poll(description, { timeout: 15_000 }).toBe('decap-cms/pending_review');
      expect(onMain()).toBe(false);
      expect(git('rev-list', '--count', `main..${BRANCH}`)).toBe('1');
    },
    TIMEOUT,
  );

  test(
    'moves the card from 审核中 to 就绪 on the 工作流 board: the branch description becomes decap-cms/pending_publish',
    async () => {
      needSaved();
      await ui.back();
      await page.getByRole('link', { name: '工作流' }).click();
      await page.getByRole('heading', { name: '编辑工作流' }).waitFor({ timeout: 30_000 });
      await page.getByText('1 个条目待审核，0 个已就绪、可以发布。', { exact: true }).waitFor({ timeout: 30_000 });
      await card().waitFor({ timeout: 30_000 });
      await expect(column('pending_review').locator(card()).count()).resolves.toBe(1);
      await expect(card().getByText(CARD_TITLE, { exact: true }).isVisible()).resolves.toBe(true);
      // Not ready yet: the card cannot be published from 审核中.
      await expect(card().getByRole('button', { name: '发布新条目' }).isDisabled()).resolves.toBe(true);

      await card().dragTo(column('pending_publish'));
      await page.getByText('条目状态已更改', { exact: true }).waitFor({ timeout: 30_000 });
      await expect.poll(() => column('pending_publish').locator(card()).count(), { timeout: 15_000 }).toBe(1);
      await expect(column('pending_review').locator(card()).count()).resolves.toBe(0);
      await expect.poll(description, { timeout: 15_000 }).toBe('decap-cms/pending_publish');
      expect(onMain(), `${FILE} is on main before it was published`).toBe(false);
      await ui.dismissToasts();
    },
    TIMEOUT,
  );

  test(
    'publishes from the editor (发布 → 立即发布): main has the file, the branch is gone, the content checks clean',
    async () => {
      needSaved();
      await card().getByRole('link').click();
      await statusButton().waitFor({ timeout: 30_000 });
      await expect(statusButton().textContent()).resolves.toBe('状态：就绪');
      await expect.poll(async () => (await ui.control('姓名')).inputValue(), { timeout: 15_000 }).toBe(MEMBER_NAME);

      const confirms: string[] = [];
      page.once('dialog', (d) => {
        confirms.push(d.message());
        void d.accept();
      });
      await page.getByRole('button', { name: '发布', exact: true }).click();
      await page.getByRole('menuitem', { name: '立即发布', exact: true }).click();
      const ok = page.getByText('条目已发布', { exact: true });
      const failed = page.locator('.Toastify__toast--error, .Toastify__toast--warning');
      await ok.or(failed).first().waitFor({ timeout: 60_000 });
      if (await failed.count())
        throw new Error(`publishing failed: ${(await ui.toasts()).join(' | ')}\n(screenshot ${await shot('publish-failed')})`);
      expect(confirms).toEqual(['确定要发布此条目吗？']);
      await page.getByText('已发布', { exact: true }).waitFor({ timeout: 30_000 });

      // Published: merged into main, the branch and its status deleted, the working tree (main) clean.
      await expect.poll(onMain, { timeout: 15_000 }).toBe(true);
      expect(branches()).toEqual(['main']);
      expect(gitStatus('rev-parse', '--verify', '--quiet', `refs/heads/${BRANCH}`)).not.toBe(0);
      expect(description()).toBeUndefined();
      expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
      expect(git('status', '--porcelain')).toBe('');
      expect(git('diff', '--name-status', 'main~1', 'main').split('\n')).toEqual([`A\t${FILE}`]);
      const file = join(cms.dir, FILE);
      expect(existsSync(file), `${file} not in the working tree after publishing`).toBe(true);
      expect(frontMatter(readFileSync(file, 'utf8'))).toMatchObject({ name: MEMBER_NAME, org: 'jiaoshi-yi', status: 'active' });
      await expect.poll(() => devPageStatus(`/members/${MEMBER_ID}/`), { timeout: 30_000 }).toBe(200);

      const r = spawnSync(join(projectRoot, 'node_modules/.bin/tsx'), ['src/cli/check.ts', '--content', cms.contentDir], {
        cwd: projectRoot,
        env: childEnv(),
        encoding: 'utf8',
      });
      expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    },
    TIMEOUT,
  );

  test(
    'no request left the machine, no page error, and the real project was not touched',
    () => {
      expect(rec.requests.length).toBeGreaterThan(0);
      expect(rec.offMachine()).toEqual([]);
      expect(rec.pageErrors).toEqual([]);
      expect(existsSync(join(projectRoot, 'content', 'members', `${MEMBER_ID}.md`))).toBe(false);
    },
    TIMEOUT,
  );
});
