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
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseJson, parseMarkdown } from '../../../src/lib/parseContentFile.ts';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi, record, type Recorder } from './decapUi.ts';

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
  {
    collection: 'pledges',
    file: 'pledges/2025/bai-yulan-service.md',
    slug: '2025/bai-yulan-service',
    label: '承诺事项',
    value: '义务辅导学困生',
    key: 'title',
  },
  {
    collection: 'org-pledges',
    file: 'pledges/2025/tuixiu-service-1.md',
    slug: '2025/tuixiu-service-1',
    label: '承诺事项',
    value: '组织老党员讲党课',
    key: 'title',
  },
  { collection: 'members', file: 'members/bai-yulan.md', slug: 'bai-yulan', label: '姓名', value: '白玉兰（改）', key: 'name' },
  {
    collection: 'checks',
    file: 'checks/2025/jiaoshi-er-q1.md',
    slug: '2025/jiaoshi-er-q1',
    label: '检查日期',
    value: '2025-03-28',
    key: 'date',
  },
  {
    collection: 'bulletins',
    file: 'bulletins/2025/jiaoshi-er-h1.md',
    slug: '2025/jiaoshi-er-h1',
    label: '标题',
    value: '上半年通报',
    key: 'title',
  },
  {
    collection: 'reviews',
    file: 'reviews/2025/cao-lin-h1.md',
    slug: '2025/cao-lin-h1',
    label: '努力方向',
    value: '继续努力',
    key: 'direction',
  },
  {
    collection: 'evaluations',
    file: 'evaluations/2025/jiaoshi-er.md',
    slug: '2025/jiaoshi-er',
    label: '评议日期',
    value: '2025-12-20',
    key: 'date',
  },
  {
    collection: 'commendations',
    file: 'commendations/2025/chen-hui.md',
    slug: '2025/chen-hui',
    label: '荣誉称号',
    value: '优秀党员',
    key: 'title',
  },
  { collection: 'orgs', file: 'orgs/jiaoshi-er.md', slug: 'jiaoshi-er', label: '组织名称', value: '第二教师党支部', key: 'name' },
  { collection: 'rounds', file: 'rounds/2025.md', slug: '2025', label: '主题', value: '立足岗位当先锋', key: 'theme' },
  { collection: 'site', file: 'site.json', slug: 'site', label: '党组织全称', value: '青山市实验中学党总支委员会', key: 'name' },
  {
    collection: 'pledges',
    file: 'pledges/2025/cao-lin-hand-written.md',
    slug: '2025/cao-lin-hand-written',
    label: '承诺事项',
    value: '每周到社区服务',
    key: 'title',
  },
  { collection: 'members', file: 'members/liu-xin.md', slug: 'liu-xin', label: '工作岗位', value: '高一语文教师兼班主任', key: 'post' },
];

/** A file's data as `npm run check` reads it (front matter plus body, or the JSON object). */
function parsed(cms: SharedCms, file: string): Record<string, unknown> {
  const text = readFileSync(join(cms.contentDir, file), 'utf8');
  const r = file.endsWith('.json') ? parseJson(text, file) : parseMarkdown(text, file);
  if (r.problem) throw new Error(`${file}: ${r.problem.message}`);
  const body = (r as { body?: string }).body;
  return { ...(r.data as Record<string, unknown>), ...(body !== undefined && { body: body.trimEnd() }) };
}

describe.sequential('existing files open and save in the real admin', () => {
  let cms: SharedCms;
  let browser: Browser;
  let context: BrowserContext;
  let rec: Recorder;
  /** The admin, loaded once; each entry is opened in it afresh (DecapUi.navigate). */
  let page: Page;

  beforeAll(async () => {
    cms = await acquireCms();
    writeFileSync(join(cms.contentDir, 'pledges/2025/cao-lin-hand-written.md'), HAND_WRITTEN);
    // A file in the folder of a round nobody has created.
    mkdirSync(join(cms.contentDir, 'checks/2030'));
    writeFileSync(join(cms.contentDir, 'checks/2030/jiaoshi-er-q1.md'), "---\norg: jiaoshi-er\nquarter: q1\ndate: '2030-03-31'\n---\n");
    // A member as `npm run import` writes it, from a roster with Chinese headers.
    const roster = join(cms.dir, 'roster.csv');
    writeFileSync(roster, '编号,姓名,所在支部,职务,岗位,状态\nliu-xin,刘欣,第二教师党支部（高中部）,,高一语文教师,在职\n');
    const imported = spawnSync(join(cms.dir, 'node_modules/.bin/tsx'), ['src/cli/importRoster.ts', roster, '--content', cms.contentDir], {
      cwd: cms.dir,
      encoding: 'utf8',
    });
    if (imported.status !== 0) throw new Error(`import failed: ${imported.stdout}${imported.stderr}`);
    browser = await cmsBrowser();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    rec = record(context);
    page = await context.newPage();
    // Leaving a form that was refused asks to confirm: nothing there needs to stay.
    page.on('dialog', (d) => void d.accept());
    await page.goto(cms.adminUrl());
    await new DecapUi(page).login();
  });

  afterAll(async () => {
    await browser?.close();
    await cms?.release();
  });

  /**
   * Opens an entry by its address in a freshly opened editor, which reads the file from the server (the request is
   * waited for): the admin stays loaded in one page, logged in once.
   */
  async function open(c: Pick<Case, 'collection' | 'slug'>, file: string): Promise<{ page: Page; ui: DecapUi }> {
    const ui = new DecapUi(page);
    const read = page.waitForRequest((r) => r.url().endsWith('/api/v1') && (r.postData() ?? '').includes(`"content/${file}"`), {
      timeout: 30_000,
    });
    await ui.navigate(`#/collections/${c.collection}/entries/${c.slug}`);
    await read;
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
      const { ui } = await open(c, c.file);
      const control = await ui.control(c.label);
      // The form shows the file as it is (an existing file's id and round come from its name and folder).
      await expect.poll(() => control.inputValue(), { timeout: 15_000 }).toBe(from);
      await ui.retype(control, to);
      await saved(ui);
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
    const { ui } = await open({ collection: 'pledges', slug: '2025/cao-lin-study' }, file);
    await ui.addItem('践诺台账（记实）');
    const last = async (label: string) => {
      const l = page
        .locator('label')
        .filter({ hasText: new RegExp(`^${label}`) })
        .last();
      return page.locator(`[id="${await l.getAttribute('for')}"]`);
    };
    await (await last('记实日期')).fill('2025-12-20');
    await (await last('进展情况')).fill('完成期末总结');
    await (await last('完成进度')).fill('95');
    await saved(ui);
    const record = { date: '2025-12-20', note: '完成期末总结', progress: 95 };
    expect(parsed(cms, file)).toEqual({ ...original, records: [...original.records, record] });
    expect(rec.pageErrors).toEqual([]);
  });

  test('a new pledge goes into the current round, is named <owner>-<category>, with a suffix when that is taken', async () => {
    const page = await context.newPage();
    await page.goto(`${cms.adminUrl()}#/collections/pledges/new`);
    const ui = new DecapUi(page);
    await page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 30_000 });
    // The round is asked for, with the current round (site.json currentRound) already chosen.
    await expect.poll(async () => (await ui.control('轮次')).inputValue()).toBe('2025');
    await ui.pick('承诺党员', /^曹林 · /);
    await ui.pick('类别', '学习');
    await ui.fill('承诺事项', '再读一本党史');
    await ui.pick('审核状态', '草稿');
    await saved(ui);
    // cao-lin-study.md exists already: the new file takes the next free name, in the round's folder.
    const file = 'pledges/2025/cao-lin-study-1.md';
    expect(existsSync(join(cms.contentDir, file))).toBe(true);
    expect(parsed(cms, file)).toMatchObject({
      round: '2025',
      owner: 'cao-lin',
      category: 'study',
      title: '再读一本党史',
      ownerKind: 'member',
    });
    await page.close();
  });

  test('a branch’s own review (点评) can be entered: the subject may be an organisation', async () => {
    const page = await context.newPage();
    await page.goto(`${cms.adminUrl()}#/collections/reviews/new`);
    const ui = new DecapUi(page);
    await page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 30_000 });
    await ui.pick('点评人', /^周建国 · /);
    await ui.pick('点评对象', '第二教师党支部（高中部）');
    await ui.fill('点评日期', '2025-12-10');
    await ui.pick('点评期间', '全年');
    await ui.fill('肯定成绩', '支部按月记实，台账完整。');
    await ui.fill('指出问题', '个别承诺措施不够具体。');
    await ui.fill('努力方向', '明年细化措施，按季度调度。');
    await saved(ui);
    const written = readFileSync(join(cms.contentDir, 'reviews/2025/jiaoshi-er-year.md'), 'utf8');
    expect(written).toContain('subject: jiaoshi-er');
    await page.close();
  });

  test('a commendation (表彰) can be entered for a member, and is written where the board reads it', async () => {
    const page = await context.newPage();
    await page.goto(`${cms.adminUrl()}#/collections/commendations/new`);
    const ui = new DecapUi(page);
    await page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 30_000 });
    await ui.pick('表彰对象', /^吴青/);
    await ui.fill('荣誉称号', '践诺标兵');
    await ui.fill('表彰理由', '承诺事项全部按期完成。');
    await ui.fill('表彰日期', '2025-12-25');
    await saved(ui);
    expect(parsed(cms, 'commendations/2025/wu-qing.md')).toMatchObject({
      round: '2025',
      subject: 'wu-qing',
      title: '践诺标兵',
      reason: '承诺事项全部按期完成。',
      date: '2025-12-25',
    });
    await page.close();
  });

  test('saving a file whose folder names no round is refused, with the reason at the top of the form', async () => {
    const file = join(cms.contentDir, 'checks/2030/jiaoshi-er-q1.md');
    const before = readFileSync(file, 'utf8');
    const { ui } = await open({ collection: 'checks', slug: '2030/jiaoshi-er-q1' }, 'checks/2030/jiaoshi-er-q1.md');
    const date = await ui.control('检查日期');
    await expect.poll(() => date.inputValue(), { timeout: 15_000 }).toBe('2030-03-31');
    await date.fill('2030-03-30');
    const r = await ui.publish();
    expect(r.ok).toBe(false);
    const alert = page.getByRole('alert').filter({ hasText: '没有保存' });
    await expect.poll(() => alert.textContent()).toContain('文件所在文件夹“2030”不是已建立的轮次');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('organisation pledges are listed apart from members’ pledges', async () => {
    const page = await context.newPage();
    await page.goto(`${cms.adminUrl()}#/collections/pledges`);
    await page
      .getByText(/^白玉兰 · 义务辅导学困生和留守儿童( · |$)/)
      .first()
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText('组建老党员宣讲团').count()).toBe(0);
    await page.goto(`${cms.adminUrl()}#/collections/org-pledges`);
    await page.reload();
    await page
      .getByText(/^离退休教师党支部 · 组建老党员宣讲团( · |$)/)
      .first()
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText('白玉兰 · ').count()).toBe(0);
    await page.close();
  });
});
