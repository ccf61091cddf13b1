/**
 * The secretary's most common task, in the real admin against a real decap-server: open a file that already
 * exists — the sample, a file written by hand, a member from `npm run import` — and save it. None of these carry
 * a `round` (their folder is their round) and none may be changed by the admin beyond what was edited.
 *
 * Decap saves only an entry that differs from the file, so each file is saved twice: once with one field edited
 * (the file then differs from the original in that field alone), and once with the edit undone (the file then
 * holds the original data again; key order and quoting may differ).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseJson, parseMarkdown } from '../../../src/loader/parseContentFile.ts';
import { startCms, type CmsServer } from './cmsServer.ts';
import { DecapUi, launchCmsBrowser, record, type Recorder } from './decapUi.ts';

/** A pledge as a secretary types it in a text editor: BOM, Windows line ends, a comment, unquoted dates, no round. */
const HAND_WRITTEN =
  '\uFEFF---\r\n# 手工录入\r\nowner: cao-lin\r\ncategory: service\r\ntitle: 每周到社区服务一次\r\nmeasures:\r\n  - 周六上午到社区报到\r\ndeadline: 2025-12-20\r\nreview:\r\n  status: approved\r\n  by: yang-fan\r\n  date: 2025-02-18\r\nrecords:\r\n  - date: 2025-03-30\r\n    note: 参加社区清扫\r\n    progress: 10\r\n---\r\n到社区参加志愿服务。\r\n';

interface Case {
  /** Decap collection. */
  collection: string;
  /** File under content/. */
  file: string;
  /** Decap's entry slug. */
  slug: string;
  /** The field edited (its label) and the value typed. */
  label: string;
  value: string;
  /** The key path of that field in the file. */
  key: string;
}

const cases: Case[] = [
  { collection: 'pledges', file: 'pledges/2025/bai-yulan-service.md', slug: '2025/bai-yulan-service', label: '承诺事项', value: '义务辅导学困生', key: 'title' },
  { collection: 'org-pledges', file: 'pledges/2025/tuixiu-service-1.md', slug: '2025/tuixiu-service-1', label: '承诺事项', value: '组织老党员讲党课', key: 'title' },
  { collection: 'members', file: 'members/bai-yulan.md', slug: 'bai-yulan', label: '姓名', value: '白玉兰（改）', key: 'name' },
  { collection: 'checks', file: 'checks/2025/jiaoshi-er-q1.md', slug: '2025/jiaoshi-er-q1', label: '检查日期', value: '2025-03-28', key: 'date' },
  { collection: 'bulletins', file: 'bulletins/2025/jiaoshi-er-h1.md', slug: '2025/jiaoshi-er-h1', label: '标题', value: '上半年通报', key: 'title' },
  { collection: 'reviews', file: 'reviews/2025/cao-lin-h1.md', slug: '2025/cao-lin-h1', label: '努力方向', value: '继续努力', key: 'direction' },
  { collection: 'evaluations', file: 'evaluations/2025/jiaoshi-er.md', slug: '2025/jiaoshi-er', label: '评议日期', value: '2025-12-20', key: 'date' },
  { collection: 'orgs', file: 'orgs/jiaoshi-er.md', slug: 'jiaoshi-er', label: '组织名称', value: '第二教师党支部', key: 'name' },
  { collection: 'rounds', file: 'rounds/2025.md', slug: '2025', label: '主题', value: '立足岗位当先锋', key: 'theme' },
  { collection: 'site', file: 'site.json', slug: 'site', label: '党组织全称', value: '青山市实验中学党总支委员会', key: 'name' },
  { collection: 'pledges', file: 'pledges/2025/cao-lin-hand-written.md', slug: '2025/cao-lin-hand-written', label: '承诺事项', value: '每周到社区服务', key: 'title' },
  { collection: 'members', file: 'members/liu-xin.md', slug: 'liu-xin', label: '工作岗位', value: '高一语文教师兼班主任', key: 'post' },
];

/** A file's data as `npm run check` reads it (front matter plus body, or the JSON object). */
function parsed(cms: CmsServer, file: string): Record<string, unknown> {
  const text = readFileSync(join(cms.contentDir, file), 'utf8');
  const r = file.endsWith('.json') ? parseJson(text, file) : parseMarkdown(text, file);
  if (r.problem) throw new Error(`${file}: ${r.problem.message}`);
  const body = (r as { body?: string }).body;
  return { ...(r.data as Record<string, unknown>), ...(body !== undefined && { body: body.trimEnd() }) };
}

describe.sequential('existing files open and save in the real admin', () => {
  let cms: CmsServer;
  let browser: Browser;
  let context: BrowserContext;
  let rec: Recorder;

  beforeAll(async () => {
    cms = await startCms();
    writeFileSync(join(cms.contentDir, 'pledges/2025/cao-lin-hand-written.md'), HAND_WRITTEN);
    // A member as `npm run import` writes it, from a roster with Chinese headers.
    const roster = join(cms.dir, 'roster.csv');
    writeFileSync(roster, '编号,姓名,所在支部,职务,岗位,状态\nliu-xin,刘欣,第二教师党支部(高中部),,高一语文教师,在职\n');
    const imported = spawnSync(join(cms.dir, 'node_modules/.bin/tsx'), ['src/cli/importRoster.ts', roster, '--content', cms.contentDir], { cwd: cms.dir, encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(`import failed: ${imported.stdout}${imported.stderr}`);
    browser = await launchCmsBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    rec = record(context);
    const page = await context.newPage();
    await page.goto(cms.adminUrl());
    await new DecapUi(page).login();
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
  });

  /** Opens an entry by its address in a fresh page (the login is kept in the browser context). */
  async function open(c: Pick<Case, 'collection' | 'slug'>): Promise<{ page: Page; ui: DecapUi }> {
    const page = await context.newPage();
    await page.goto(`${cms.adminUrl()}#/collections/${c.collection}/entries/${c.slug}`);
    const ui = new DecapUi(page);
    await ui.page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 30_000 });
    return { page, ui };
  }

  async function saved(ui: DecapUi): Promise<void> {
    const r = await ui.publish();
    if (!r.ok) throw new Error(`save refused: ${[...r.toasts, ...r.fieldErrors].join(' | ')}`);
  }

  test.each(cases)('$file ($collection): saved with $key edited, then with the edit undone', async (c) => {
    const original = parsed(cms, c.file);
    const before = String(original[c.key]);
    // Each save in a freshly opened editor, as the file is on disk (Decap compares an edit with what it loaded).
    const edit = async (from: string, to: string) => {
      const { page, ui } = await open(c);
      const control = await ui.control(c.label);
      // The form shows the file as it is (an existing file's id and round come from its name and folder).
      await expect.poll(() => control.inputValue(), { timeout: 15_000 }).toBe(from);
      await ui.retype(control, to);
      await saved(ui);
      await page.close();
    };
    await edit(before, c.value);
    expect(parsed(cms, c.file)).toEqual({ ...original, [c.key]: c.value });
    await edit(c.value, before);
    expect(parsed(cms, c.file)).toEqual(original);
    expect(rec.pageErrors).toEqual([]);
  });

  test('adds a ledger record to an existing sample pledge, and nothing else changes', async () => {
    const file = 'pledges/2025/cao-lin-study.md';
    const original = parsed(cms, file) as { records: unknown[] };
    const { page, ui } = await open({ collection: 'pledges', slug: '2025/cao-lin-study' });
    await ui.addItem('践诺台账(每月记实)');
    const last = async (label: string) => {
      const l = page.locator('label').filter({ hasText: new RegExp(`^${label}`) }).last();
      return page.locator(`[id="${await l.getAttribute('for')}"]`);
    };
    await (await last('记实日期')).fill('2025-12-20');
    await (await last('进展情况')).fill('完成期末总结');
    await (await last('完成进度')).fill('95');
    await saved(ui);
    const record = { date: '2025-12-20', note: '完成期末总结', progress: 95 };
    expect(parsed(cms, file)).toEqual({ ...original, records: [...original.records, record] });
    await page.close();
    expect(rec.pageErrors).toEqual([]);
  });
});
