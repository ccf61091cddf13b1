/**
 * Names, never ids, and every problem at once — in real Chromium against the real admin and decap-server:
 * - a new member's id is derived from the name as `npm run import` derives it (a rare character, a repeated
 *   name), shown, hers to change, and the file is saved under it; an organisation's from its name;
 * - two members called 王丽 in one branch are told apart in the members list, the pledges list, the picker and
 *   the preview;
 * - one save shows Decap's own field errors and the rules across fields together, each at its field;
 * - a field is never marked 选填 when a rule requires it, the filing date of an organisation pledge is not on a
 *   member's pledge, and 公开范围 shows its three choices, each with its line.
 *
 * One CMS server and one browser for the file; each test a fresh browser context (no local backup of an earlier
 * unsaved form).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi } from './decapUi.ts';

const BRANCH = '第一教师党支部（初中部）';
const TWIN_TITLE = '每月为学困生义务辅导两次';

let cms: SharedCms;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  cms = await acquireCms();
  // Two members called 王丽 in one branch, and a pledge of the second.
  for (const [id, post] of [
    ['wang-li', '初一语文教师'],
    ['wang-li-2', '初三英语教师'],
  ]) {
    writeFileSync(join(cms.contentDir, 'members', `${id}.md`), `---\nname: 王丽\norg: jiaoshi-yi\npost: ${post}\nstatus: active\n---\n`);
  }
  writeFileSync(
    join(cms.contentDir, 'pledges', '2025', 'wang-li-2-service.md'),
    `---\nowner: wang-li-2\ncategory: service\ntitle: ${TWIN_TITLE}\nreview:\n  status: draft\n---\n`,
  );
  browser = await cmsBrowser();
}, 300_000);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await cms?.release();
});

/** A fresh context, logged in. */
async function loggedIn(): Promise<{ page: Page; ui: DecapUi }> {
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  const ui = new DecapUi(page);
  await page.goto(cms.adminUrl());
  await ui.login();
  return { page, ui };
}

/** Visible validation messages inside one field's block. */
async function messagesAt(ui: DecapUi, label: string): Promise<string[]> {
  const items = ui.container(label).locator('[class*="ControlErrorsList"] li');
  const out: string[] = [];
  for (let i = 0; i < (await items.count()); i++) if (await items.nth(i).isVisible()) out.push((await items.nth(i).textContent()) ?? '');
  return out;
}

const memberFiles = () => readdirSync(join(cms.contentDir, 'members')).sort();
const pledgeFiles = () => readdirSync(join(cms.contentDir, 'pledges', '2025')).sort();

/** A new member named `name` in 第一教师党支部; returns the id field once it shows `expected`. */
async function newMember(ui: DecapUi, name: string, expected: string): Promise<void> {
  await ui.openCollection('党员');
  await ui.newEntry('党员');
  await ui.fill('姓名', name);
  const id = await ui.control('党员编号');
  await expect.poll(() => id.inputValue(), { timeout: 15_000 }).toBe(expected);
  await ui.pick('所在支部', BRANCH);
}

describe('the admin derives a new member’s id from the name', () => {
  test('a name with a rare character (王𠮷) gets a valid id, and the file is saved under it', async () => {
    const { ui } = await loggedIn();
    await newMember(ui, '王𠮷', 'wang-u20bb7');
    // Never asked for, never marked optional: the id is there already.
    expect(await ui.label('党员编号').innerText()).toBe('党员编号');
    const r = await ui.publish();
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const file = join(cms.contentDir, 'members', 'wang-u20bb7.md');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^name: 王𠮷$/m);
  });

  test('a repeated name (a third 王丽) gets the next free id, -3, and the file is saved under it', async () => {
    const { ui } = await loggedIn();
    await newMember(ui, '王丽', 'wang-li-3');
    const r = await ui.publish();
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(existsSync(join(cms.contentDir, 'members', 'wang-li-3.md'))).toBe(true);
  });

  test('an id she changes is hers: it stays when the name changes again, and names the file', async () => {
    const { ui } = await loggedIn();
    await newMember(ui, '李四', 'li-si');
    const id = await ui.control('党员编号');
    await ui.retype(id, 'li-si-chuyi');
    await ui.retype(await ui.control('姓名'), '李四光');
    expect(await id.inputValue()).toBe('li-si-chuyi');
    const before = memberFiles();
    const r = await ui.publish();
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(memberFiles().filter((f) => !before.includes(f))).toEqual(['li-si-chuyi.md']);
  });
});

describe('the admin derives a new organisation’s id from its name', () => {
  test('第四教师党支部 gets di-si-jiao-shi-dang-zhi-bu, and the file is saved under it', async () => {
    const { ui } = await loggedIn();
    await ui.openCollection('党组织');
    await ui.newEntry('党组织');
    await ui.fill('组织名称', '第四教师党支部');
    const id = await ui.control('组织编号');
    await expect.poll(() => id.inputValue(), { timeout: 15_000 }).toBe('di-si-jiao-shi-dang-zhi-bu');
    expect(await ui.label('组织编号').innerText()).toBe('组织编号');
    await ui.pick('层级', '党支部');
    await ui.pick('单位类型', '学校');
    const r = await ui.publish();
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(existsSync(join(cms.contentDir, 'orgs', 'di-si-jiao-shi-dang-zhi-bu.md'))).toBe(true);
  });
});

describe('two members called 王丽 in one branch are told apart', () => {
  test('in the members list, the pledges list, the owner picker and the pledge preview', async () => {
    const { page, ui } = await loggedIn();
    await ui.openCollection('党员');
    for (const id of ['wang-li', 'wang-li-2'])
      await page.getByRole('heading', { name: `王丽 · ${BRANCH} · 编号 ${id}`, exact: true }).waitFor({ timeout: 30_000 });
    // A name no one else bears is shown as it was.
    await page.getByRole('heading', { name: `陈慧 · ${BRANCH}`, exact: true }).waitFor();

    await ui.openCollection('承诺事项');
    // (After the title each card says the pledge's status and last record.)
    const twinCard = page
      .getByText(new RegExp(`^王丽 · ${BRANCH.replace(/[（）]/g, '.')} · 编号 wang-li-2 · ${TWIN_TITLE}( · |$)`))
      .first();
    await twinCard.waitFor({ timeout: 30_000 });
    // A unique name alone.
    await page
      .getByText(/^白玉兰 · 义务辅导学困生和留守儿童( · |$)/)
      .first()
      .waitFor();

    await twinCard.click();
    const owner = await ui.control('承诺党员');
    await expect
      .poll(() => owner.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent))
      .toBe(`王丽 · ${BRANCH} · 编号 wang-li-2`);
    const options = await owner.locator('option').allTextContents();
    const namesakes = options.filter((o) => o.startsWith('王丽 · '));
    expect(namesakes).toEqual(expect.arrayContaining([`王丽 · ${BRANCH} · 编号 wang-li`, `王丽 · ${BRANCH} · 编号 wang-li-2`]));
    expect(new Set(namesakes).size).toBe(namesakes.length);
    await page
      .frameLocator('iframe')
      .first()
      .getByText(`王丽 · ${BRANCH} · 编号 wang-li-2的承诺`, { exact: true })
      .waitFor({ timeout: 15_000 });
  });
});

describe('one save shows every problem at once, each at its field', () => {
  test('Decap’s own field errors and the rules across fields together; nothing is written', async () => {
    const before = pledgeFiles();
    const { ui } = await loggedIn();
    await ui.openCollection('承诺事项');
    await ui.newEntry('承诺');
    await ui.pick('轮次', /2025年度/);
    await ui.pick('承诺党员', /^陈慧 · /);
    // 承诺事项 left empty (Decap: required); approved without 类别, 践诺措施, 审核人, 审核日期 (rules across fields);
    // a deadline outside the round (a rule across files); a record at 150 % (Decap: range).
    await ui.fill('完成时限', '2026-03-01');
    await ui.pick('审核状态', '审核通过');
    await ui.addItem('践诺台账（记实）');
    await ui.fill('记实日期', '2025-03-25');
    await ui.fill('进展情况', '按计划推进');
    await ui.fill('完成进度（%）', '150');
    const r = await ui.publish();
    expect(r.ok).toBe(false);
    const expected: [string, string][] = [
      ['承诺事项', '“承诺事项”是必填项'],
      ['完成进度（%）', '“完成进度（%）”必须在 0 和 100 之间'],
      ['类别', '审核通过的承诺必须选择类别（学习、工作、自律、服务）。'],
      ['践诺措施', '审核通过的承诺至少要有一条践诺措施。'],
      ['完成时限', '完成时限 2026-03-01 不在本轮（2025-01-01 至 2025-12-31）之内。'],
      ['审核人', '审核通过的承诺必须填写审核人（最上级组织的组织承诺填写“上级审定”）。'],
      ['审核日期', '审核通过的承诺必须填写审核日期。'],
    ];
    for (const [label, message] of expected) expect(await messagesAt(ui, label), `at ${label}`).toEqual([message]);
    // Every message is at its field: nothing else, and nothing twice.
    expect((await ui.fieldErrors()).sort()).toEqual(expected.map(([, m]) => m).sort());
    expect(pledgeFiles()).toEqual(before);
  });
});

describe('what the pledge form says about its fields', () => {
  test('a field required in a state says so instead of 选填; 报上级备案日期 is on the organisation pledge only; 公开范围 explains its choices', async () => {
    const { page, ui } = await loggedIn();
    await ui.openCollection('承诺事项');
    await ui.newEntry('承诺');
    await ui.expand('销号');
    for (const [label, shown] of [
      ['类别', '类别（审核通过时必填）'],
      ['践诺措施', '践诺措施（审核通过时必填）'],
      ['完成时限', '完成时限（审核通过时必填）'],
      ['审核人', '审核人（审核通过时必填）'],
      ['审核意见', '审核意见（退回时必填）'],
      ['销号日期', '销号日期（销号时必填）'],
      ['核实人', '核实人（销号时必填）'],
      ['承诺事项', '承诺事项'],
      ['轮次', '轮次'],
      ['核实说明', '核实说明 (选填)'],
    ]) {
      expect(await ui.label(label).innerText(), label).toBe(shown);
    }
    expect(await ui.label('报上级备案日期').count()).toBe(0);

    const visibility = await ui.control('公开范围');
    expect(await visibility.getAttribute('role')).toBe('radiogroup');
    expect(await visibility.locator('input[type=radio]').count()).toBe(3);
    expect(await visibility.locator('label').allInnerTexts()).toEqual([
      '公开：公开栏上人人可见',
      '仅组织内部：只在组织内部版显示，公开栏上不出现',
      '不公开：公开栏和内部版都不显示，只保存在内容文件中',
    ]);

    await ui.back();
    await ui.openCollection('党组织承诺');
    await ui.newEntry('党组织承诺');
    expect(await ui.label('报上级备案日期').innerText()).toBe('报上级备案日期（最上级组织的承诺审核通过后必填）');
    await page.close();
  });
});
