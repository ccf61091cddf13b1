/**
 * Publishing a pledge from the editorial workflow is the branch's sign-off (审核把关): in git mode the 发布 of a
 * pledge whose 审核状态 is still 已提交待审核 is refused (publish-failed toast, nothing on main); once 审核状态 is
 * 审核通过 with 审核人 and 审核日期 it is published. In the simple publish mode (decap-server's fs mode, `npm start`),
 * where Decap fires the same prePublish event on every save, a 草稿 pledge is still saved.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOT_DECIDED } from '../../../admin/workflowRules.ts';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi, record, type Recorder } from './decapUi.ts';

const TIMEOUT = 300_000;
const TITLE = '每月开展一次读书分享';
const OWNER_ID = 'chen-hui';

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!m) throw new Error(`no front matter:\n${text}`);
  return (yaml.load(m[1], { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
}

async function shot(page: Page, name: string): Promise<string> {
  const path = join(tmpdir(), `cms-e2e-pledge-workflow-${name}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => undefined);
  return path;
}

/** Fills a new 学习 pledge of 陈慧 for 2025 with one measure and a deadline, and the given 审核状态. */
async function fillPledge(ui: DecapUi, reviewStatus: string): Promise<void> {
  await ui.openCollection('承诺事项');
  await ui.newEntry('承诺');
  await ui.pick('轮次', /2025年度/, '2025');
  await ui.pick('承诺党员', /^陈慧 · /);
  await ui.pick('类别', '学习');
  await ui.fill('承诺事项', TITLE);
  await ui.addItem('践诺措施');
  await ui.fill('措施', '每月第一周在支部群分享读书心得', 0);
  await ui.fill('完成时限', '2025-06-30');
  await ui.pick('审核状态', reviewStatus);
}

describe.sequential('workflow mode (git): publishing a pledge is the branch sign-off', () => {
  let cms: SharedCms;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ui: DecapUi;
  let rec: Recorder;
  /** `2025/<slug>` once saved. */
  let slug: string | undefined;
  const logs: string[] = [];

  const git = (...args: string[]) => cms.git(...args);
  const file = () => {
    expect(slug, 'the pledge was not saved by the earlier step').toBeDefined();
    return `content/pledges/${slug}.md`;
  };
  const onMain = () => cms.gitStatus('cat-file', '-e', `main:${file()}`) === 0;
  const statusButton = (): Locator => page.getByRole('button', { name: /^状态：/ });

  async function save(): Promise<void> {
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const ok = page.locator('.Toastify__toast--success');
    const refused = page.locator('.Toastify__toast--error, .Toastify__toast--warning, [class*="ControlErrorsList"] li');
    await ok.or(refused).first().waitFor({ timeout: 60_000 });
    if (await refused.count()) {
      throw new Error(
        `Decap refused to save.\ntoasts: ${(await ui.toasts()).join(' | ')}\nfield errors: ${(await ui.fieldErrors()).join(' | ')}\n(screenshot ${await shot(page, 'save-refused')})`,
      );
    }
    expect(await ui.toasts()).toContain('条目已保存');
    await ui.dismissToasts();
  }

  /** 状态 → 就绪 (the only status from which 发布 publishes). */
  async function toReady(): Promise<void> {
    await statusButton().click();
    await page.getByRole('menuitem', { name: '就绪', exact: true }).click();
    await page.getByText('条目状态已更改', { exact: true }).waitFor({ timeout: 30_000 });
    await expect(statusButton().textContent()).resolves.toBe('状态：就绪');
    await ui.dismissToasts();
  }

  /** 发布 → 立即发布 (confirm accepted); resolves with the outcome and the toasts. */
  async function publish(): Promise<{ ok: boolean; toasts: string[] }> {
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page.getByRole('menuitem', { name: '立即发布', exact: true }).click();
    const ok = page.getByText('条目已发布', { exact: true });
    const failed = page.locator('.Toastify__toast--error, .Toastify__toast--warning');
    await ok
      .or(failed)
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        throw new Error(
          `no outcome of 发布: ${String(e)}\ntoasts: ${(await ui.toasts()).join(' | ')}\n(screenshot ${await shot(page, 'publish-no-outcome')})\nlogs:\n${logs.join('\n')}\nbranches: ${git('branch', '--list')}`,
        );
      });
    const toasts = await ui.toasts();
    return { ok: (await failed.count()) === 0, toasts };
  }

  beforeAll(async () => {
    cms = await acquireCms('git');
    browser = await cmsBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    rec = record(context);
    page = await context.newPage();
    page.on('console', (m) => logs.push(m.text()));
    page.on('dialog', (d) => void d.accept());
    ui = new DecapUi(page);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await cms?.release();
  });

  test(
    'creates a pledge 已提交待审核 and saves it (保存): its own branch, nothing on main',
    async () => {
      await page.goto(cms.adminUrl('localhost'));
      await ui.login();
      await fillPledge(ui, '已提交待审核');
      await save();
      await page.waitForURL(/#\/collections\/pledges\/entries\/.+$/, { timeout: 30_000 });
      const m = /#\/collections\/pledges\/entries\/(.+)$/.exec(page.url());
      slug = decodeURIComponent(m![1]);
      // Named <owner>-<category>; the sample already has 2025/chen-hui-study, so Decap adds `-1`.
      expect(slug).toBe(`2025/${OWNER_ID}-study-1`);
      await expect(statusButton().textContent({ timeout: 30_000 })).resolves.toBe('状态：草稿');
      expect(onMain()).toBe(false);
    },
    TIMEOUT,
  );

  test(
    'moves it to 就绪 and publishes (发布 → 立即发布): refused with the 审核通过 message, main untouched',
    async () => {
      file();
      const mainBefore = git('rev-parse', 'main');
      await toReady();

      const r = await publish();
      expect(r.ok, `publishing was not refused: ${r.toasts.join(' | ')}`).toBe(false);
      expect(r.toasts.join(' ')).toContain('发布失败');
      // The workflow rule's own message: the handler recognised this as the workflow's 发布 (the entry carried its
      // workflow status) — a simple-mode save, which the handler lets through, would have been published.
      expect(r.toasts.join(' ')).toContain(NOT_DECIDED);
      await ui.dismissToasts();
      expect(onMain(), `${file()} reached main although the pledge was not reviewed`).toBe(false);
      expect(git('rev-parse', 'main')).toBe(mainBefore);
      expect(existsSync(join(cms.dir, file()))).toBe(false);
      // Still waiting on its branch.
      expect(git('branch', '--list', '--format=%(refname:short)')).toContain(`cms/pledges/${slug}`);
    },
    TIMEOUT,
  );

  test(
    'records 审核通过 with 审核人 and 审核日期, saves, publishes: main has the approved pledge',
    async () => {
      file();
      await ui.pick('审核状态', '审核通过');
      await ui.pick('审核人', /^陈慧 · /);
      await ui.fill('审核日期', '2025-02-20');
      await save();
      // Decap sends an edited entry back to 草稿; it has to be made 就绪 again before 发布.
      await expect(statusButton().textContent({ timeout: 30_000 })).resolves.toBe('状态：草稿');
      await toReady();
      const r = await publish();
      if (!r.ok)
        throw new Error(
          `publishing failed: ${r.toasts.join(' | ')}\n(screenshot ${await shot(page, 'publish-failed')})\nlogs:\n${logs.join('\n')}`,
        );
      await expect.poll(onMain, { timeout: 15_000 }).toBe(true);
      expect(frontMatter(git('show', `main:${file()}`))).toMatchObject({
        round: '2025',
        owner: OWNER_ID,
        category: 'study',
        title: TITLE,
        review: { status: 'approved', by: OWNER_ID, date: '2025-02-20' },
      });
      expect(frontMatter(readFileSync(join(cms.dir, file()), 'utf8'))).toMatchObject({ review: { status: 'approved' } });
      expect(rec.pageErrors).toEqual([]);
    },
    TIMEOUT,
  );
});

describe.sequential('simple mode (fs, as npm start): the rule does not apply to saves', () => {
  let cms: SharedCms;
  let browser: Browser;
  let page: Page;
  let ui: DecapUi;
  const logs: string[] = [];

  beforeAll(async () => {
    cms = await acquireCms();
    browser = await cmsBrowser();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => logs.push(m.text()));
    ui = new DecapUi(page);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await cms?.release();
  });

  test(
    'a pledge with 审核状态 草稿 is saved (保存 → 立即保存) and written with status draft',
    async () => {
      await page.goto(cms.adminUrl('localhost'));
      await ui.login();
      await fillPledge(ui, '草稿');
      const r = await ui.publish();
      if (!r.ok)
        throw new Error(`simple-mode save refused: ${r.toasts.join(' | ')} / ${r.fieldErrors.join(' | ')}\nlogs:\n${logs.join('\n')}`);
      const m = /#\/collections\/pledges\/entries\/(.+)$/.exec(page.url());
      expect(m, page.url()).not.toBeNull();
      // As in git mode: <owner>-<category> in the round's folder, `-1` beside the sample's chen-hui-study.
      expect(decodeURIComponent(m![1])).toBe(`2025/${OWNER_ID}-study-1`);
      const path = join(cms.contentDir, 'pledges', `${decodeURIComponent(m![1])}.md`);
      expect(existsSync(path), `${path} was not written`).toBe(true);
      expect(frontMatter(readFileSync(path, 'utf8'))).toMatchObject({ title: TITLE, review: { status: 'draft' } });
    },
    TIMEOUT,
  );
});
