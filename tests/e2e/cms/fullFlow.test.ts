/**
 * The whole job of a branch secretary in the real Decap UI (Chromium), against
 * decap-server writing into a temp copy of the project: create a member, create
 * and approve a pledge for them, add a monthly record, check it off (销号) —
 * then the files on disk, `npm run check` and a site build must all agree.
 *
 * The steps share one browser page and run in order; a later step says so
 * plainly when an earlier one did not leave what it needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { childEnv } from '../../build/buildSite.ts';
import { projectRoot } from './cmsServer.ts';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi, record, type Recorder } from './decapUi.ts';
import { buildCommand } from '../../../src/cli/buildCommand.ts';

/** `npm run build`, as package.json runs it (src/cli/buildCommand.ts). */
const [node, ...buildArgs] = buildCommand(projectRoot);

const MEMBER_ID = 'ce-shi';
const MEMBER_NAME = '测试党员';
const TITLE = '精读一本教育名著并分享';
const MEASURES = ['每周精读两章', '学期末在支部会上分享心得'];

let cms: SharedCms;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let ui: DecapUi;
let rec: Recorder;
/** `2025/<slug>` once the pledge is saved. */
let pledgePath: string | undefined;

function frontMatter(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!m) throw new Error(`${file} has no front matter:\n${text}`);
  // CORE_SCHEMA: dates stay the strings that were typed.
  return (yaml.load(m[1], { schema: yaml.CORE_SCHEMA }) ?? {}) as Record<string, unknown>;
}

function pledgeFile(): string {
  expect(pledgePath, 'the pledge was not saved by the earlier step, so this step cannot run').toBeDefined();
  return join(cms.contentDir, 'pledges', `${pledgePath}.md`);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(tmpdir(), `cms-e2e-${name}.png`), fullPage: true }).catch(() => undefined);
}

/** Publishes and fails with everything the UI said if Decap refused. */
async function publishOrExplain(step: string): Promise<void> {
  const r = await ui.publish();
  if (!r.ok) {
    await shot(`${step}-refused`);
    throw new Error(
      `${step}: Decap refused to save.\ntoasts: ${r.toasts.join(' | ')}\nfield errors: ${r.fieldErrors.join(' | ')}\n(screenshot ${join(tmpdir(), `cms-e2e-${step}-refused.png`)})`,
    );
  }
}

/** Opens the pledge from the 承诺事项 list, the way a person would (not by URL). */
async function openPledgeFromList(): Promise<void> {
  await ui.openCollection('承诺事项');
  // The list names the owner by name (no one else bears it: src/lib/memberLabels.ts), for a member created moments earlier too.
  // (After the title the card says the pledge's status and last record.)
  await page
    .getByText(new RegExp(`^${MEMBER_NAME} · ${TITLE}( · |$)`))
    .first()
    .click();
  await (await ui.control('承诺事项')).waitFor();
  await expect.poll(async () => (await ui.control('承诺事项')).inputValue()).toBe(TITLE);
}

beforeAll(async () => {
  cms = await acquireCms();
  browser = await cmsBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  rec = record(context);
  page = await context.newPage();
  ui = new DecapUi(page);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.release();
});

describe.sequential('CMS full flow (member → pledge → approve → record → 销号)', () => {
  test('opens /admin/ on localhost and logs in with the local backend', async () => {
    await page.goto(cms.adminUrl('localhost'));
    await ui.login();
    for (const label of ['党员', '承诺事项', '轮次', '党组织']) await expect(ui.collectionLink(label).isVisible()).resolves.toBe(true);
  });

  test('creates a member', async () => {
    await ui.openCollection('党员');
    await ui.newEntry('党员');
    await ui.fill('党员编号', MEMBER_ID);
    await ui.fill('姓名', MEMBER_NAME);
    await ui.pick('所在支部', '第一教师党支部（初中部）');
    await ui.pick('状态', '在职');
    await publishOrExplain('member');

    const file = join(cms.contentDir, 'members', `${MEMBER_ID}.md`);
    expect(existsSync(file), `${file} was not written`).toBe(true);
    expect(frontMatter(file)).toMatchObject({ id: MEMBER_ID, name: MEMBER_NAME, org: 'jiaoshi-yi', status: 'active' });
  });

  test('creates and approves a 学习 pledge for that member (two measures, deadline inside 2025)', async () => {
    await ui.back();
    await ui.openCollection('承诺事项');
    await ui.newEntry('承诺');
    await ui.pick('轮次', /2025年度/, '2025');
    await ui.pick('承诺党员', new RegExp(`^${MEMBER_NAME} · `));
    await ui.pick('类别', '学习');
    await ui.fill('承诺事项', TITLE);
    await ui.addItem('践诺措施');
    await ui.addItem('践诺措施');
    await ui.fill('措施', MEASURES[0], 0);
    await ui.fill('措施', MEASURES[1], 1);
    await ui.fill('完成时限', '2025-06-30');
    await ui.pick('审核状态', '审核通过');
    await ui.pick('审核人', /^陈慧 · /);
    await ui.fill('审核日期', '2025-02-20');
    // The preview names the member created moments earlier, not their id.
    await expect
      .poll(() => page.frameLocator('#preview-pane').getByText(`${MEMBER_NAME}的承诺`, { exact: true }).count(), { timeout: 15_000 })
      .toBe(1);
    await shot('pledge-filled');
    await publishOrExplain('pledge');

    const m = /#\/collections\/pledges\/entries\/(.+)$/.exec(page.url());
    expect(m, `editor URL after saving: ${page.url()}`).not.toBeNull();
    pledgePath = decodeURIComponent(m![1]);
    // Named <owner>-<category> in the round's folder (the member has no other 学习 pledge, so no `-1` suffix).
    expect(pledgePath).toBe(`2025/${MEMBER_ID}-study`);

    const dir = join(cms.contentDir, 'pledges', '2025');
    const mine = readdirSync(dir).filter((f) => f.startsWith(`${MEMBER_ID}-`));
    expect(mine).toEqual([`${pledgePath.slice('2025/'.length)}.md`]);
    expect(mine[0], 'file names must be ASCII').toMatch(/^[\x21-\x7e]+$/);
    expect(frontMatter(pledgeFile())).toMatchObject({
      round: '2025',
      owner: MEMBER_ID,
      category: 'study',
      title: TITLE,
      measures: MEASURES,
      deadline: '2025-06-30',
      review: { status: 'approved', by: 'chen-hui', date: '2025-02-20' },
    });
  });

  test('adds a monthly record (践诺台账)', async () => {
    pledgeFile();
    await ui.back();
    await openPledgeFromList();
    await ui.addItem('践诺台账（记实）');
    await ui.fill('记实日期', '2025-03-25');
    await ui.fill('进展情况', '已精读前四章,写读书笔记两篇');
    await ui.fill('完成进度（%）', '40');
    await publishOrExplain('record');

    expect(frontMatter(pledgeFile())).toMatchObject({
      review: { status: 'approved' },
      records: [{ date: '2025-03-25', note: '已精读前四章,写读书笔记两篇', progress: 40 }],
    });
    // Editing kept the file where it was.
    expect(readdirSync(join(cms.contentDir, 'pledges', '2025')).filter((f) => f.startsWith(`${MEMBER_ID}-`))).toHaveLength(1);
  });

  test('checks the pledge off (销号: date + 核实人 陈慧)', async () => {
    pledgeFile();
    await ui.back();
    await openPledgeFromList();
    await ui.expand('销号');
    await ui.fill('销号日期', '2025-06-20');
    await ui.pick('核实人', /^陈慧 · /);
    await ui.fill('核实说明', '经支部核实,已完成');
    await publishOrExplain('close');

    const fm = frontMatter(pledgeFile());
    expect(fm).toMatchObject({
      closed: { date: '2025-06-20', verifiedBy: 'chen-hui', note: '经支部核实,已完成' },
      records: [{ date: '2025-03-25', progress: 40 }],
      measures: MEASURES,
    });
    // Optional groups left alone are not written as empty shells.
    expect(fm).not.toHaveProperty('rectification');
  });

  test('`npm run check` passes on the edited content, with no error for the new files', () => {
    const file = pledgeFile();
    const r = spawnSync(join(projectRoot, 'node_modules/.bin/tsx'), ['src/cli/check.ts', '--content', cms.contentDir, '--json'], {
      cwd: projectRoot,
      env: childEnv(),
      encoding: 'utf8',
    });
    const out = JSON.parse(r.stdout) as { errors: { file: string; message: string }[] };
    const mine = out.errors.filter((e) => e.file.includes(MEMBER_ID));
    expect(mine, JSON.stringify(mine, null, 2)).toEqual([]);
    expect(out.errors, JSON.stringify(out.errors, null, 2)).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  test('a site build of that content shows the pledge as 已销号 and lists it on the member page', () => {
    pledgeFile();
    const outDir = mkdtempSync(join(tmpdir(), 'cms-e2e-dist-'));
    try {
      const r = spawnSync(node, [...buildArgs, '--outDir', outDir], {
        cwd: projectRoot,
        env: childEnv({
          CONTENT_DIR: cms.contentDir,
          ASTRO_TELEMETRY_DISABLED: '1',
          ASTRO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'astro-cache-')),
        }),
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
      const pledgeHtml = join(outDir, 'pledges', pledgePath!, 'index.html');
      expect(existsSync(pledgeHtml), `${pledgeHtml} missing`).toBe(true);
      const html = readFileSync(pledgeHtml, 'utf8');
      expect(html).toContain(TITLE);
      // The status badge, not just the word somewhere on the page.
      expect(html).toMatch(/<span class="status" data-status="closed">(?:(?!<\/p>)[\s\S])*已销号/);
      expect(html).toContain(MEASURES[0]);
      expect(html).toMatch(/<time datetime="2025-06-20"[^>]*>2025-06-20<\/time>/);
      expect(html).toContain('陈慧');
      const memberHtml = readFileSync(join(outDir, 'members', MEMBER_ID, 'index.html'), 'utf8');
      expect(memberHtml).toContain(MEMBER_NAME);
      // The member page lists the pledge, linked, as checked off.
      const link = `<a href="/pledges/${pledgePath}/">${TITLE}</a>`;
      expect(memberHtml).toContain(link);
      const article = memberHtml.slice(
        memberHtml.lastIndexOf('<article', memberHtml.indexOf(link)),
        memberHtml.indexOf('</article>', memberHtml.indexOf(link)),
      );
      expect(article).toContain('data-status="closed"');
      expect(article).toContain('已销号');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 300_000);

  test('no request left the machine, and the real content/ was not touched', () => {
    expect(rec.requests.length).toBeGreaterThan(0);
    expect(rec.offMachine()).toEqual([]);
    expect(existsSync(join(projectRoot, 'content', 'members', `${MEMBER_ID}.md`))).toBe(false);
    expect(readdirSync(join(projectRoot, 'content', 'pledges', '2025')).filter((f) => f.startsWith(`${MEMBER_ID}-`))).toEqual([]);
  });
});
