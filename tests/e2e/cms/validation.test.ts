/**
 * Values the content check would refuse must already be refused in the CMS
 * form, with a Chinese message next to the field — before anything is written.
 *
 * Each case starts from a fresh browser context (no Decap local backup of an
 * earlier unsaved form) and fills an otherwise valid, approved pledge.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi } from './decapUi.ts';

const CJK = /[\u4e00-\u9fff]/;

let cms: SharedCms;
let browser: Browser;
let context: BrowserContext | undefined;

function pledgeFiles(): string[] {
  return readdirSync(join(cms.contentDir, 'pledges', '2025')).sort();
}

/** A fresh context, logged in, on a new pledge form filled with valid values (chen-hui, 学习, approved). */
async function newApprovedPledge(o: { deadline: string; progress: string; measure?: boolean }): Promise<DecapUi> {
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Leaving an unsaved form asks "你确定要离开此页面吗？"; nothing here needs to stay.
  page.on('dialog', (d) => void d.accept());
  const ui = new DecapUi(page);
  await page.goto(cms.adminUrl('localhost'));
  await ui.login();
  await ui.openCollection('承诺事项');
  await ui.newEntry('承诺');
  await ui.pick('轮次', /2025年度/, '2025');
  await ui.pick('承诺党员', /^陈慧 · /);
  await ui.pick('类别', '学习');
  await ui.fill('承诺事项', '校验测试承诺');
  if (o.measure !== false) {
    await ui.addItem('践诺措施');
    await ui.fill('措施', '每月读一本书');
  }
  await ui.fill('完成时限', o.deadline);
  await ui.pick('审核状态', '审核通过');
  await ui.pick('审核人', /^陈慧 · /);
  await ui.fill('审核日期', '2025-02-20');
  await ui.addItem('践诺台账（记实）');
  await ui.fill('记实日期', '2025-03-25');
  await ui.fill('进展情况', '按计划推进');
  await ui.fill('完成进度（%）', o.progress);
  return ui;
}

/** Visible validation messages inside one field's block. */
async function messagesAt(ui: DecapUi, label: string): Promise<string[]> {
  const items = ui.container(label).locator('[class*="ControlErrorsList"] li');
  const out: string[] = [];
  for (let i = 0; i < (await items.count()); i++) if (await items.nth(i).isVisible()) out.push((await items.nth(i).textContent()) ?? '');
  return out;
}

beforeAll(async () => {
  cms = await acquireCms();
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

describe('the CMS refuses invalid pledge values with a Chinese message', () => {
  test('a monthly record with 完成进度 150 (the number widget allows 0–100)', async () => {
    const before = pledgeFiles();
    const ui = await newApprovedPledge({ deadline: '2025-06-30', progress: '150' });
    const r = await ui.publish();
    expect(r.ok, 'Decap saved a record with progress 150').toBe(false);
    const at = await messagesAt(ui, '完成进度（%）');
    expect(at, `messages at 完成进度（%）; all field errors: ${JSON.stringify(!r.ok && r.fieldErrors)}`).toContain(
      '“完成进度（%）”必须在 0 和 100 之间',
    );
    expect(at.every((m) => CJK.test(m))).toBe(true);
    expect(await ui.container('完成进度（%）').locator('[class*="ControlErrorsList"] li').first().isVisible()).toBe(true);
    expect(pledgeFiles()).toEqual(before);
  });

  test('a 完成时限 outside the round (2026-03-01 in round 2025: 2025-01-01 至 2025-12-31)', async () => {
    const before = pledgeFiles();
    const ui = await newApprovedPledge({ deadline: '2026-03-01', progress: '50' });
    const r = await ui.publish();
    const written = pledgeFiles().filter((f) => !before.includes(f));
    const at = await messagesAt(ui, '完成时限');
    expect(
      at.filter((m) => CJK.test(m)),
      [
        'no Chinese message at 完成时限 for a deadline outside its round.',
        r.ok
          ? `Decap SAVED it: ${written.join(', ')} (npm run check would then fail: 完成时限 2026-03-01 不在本轮之内).`
          : `Decap refused the save, but only for: ${r.fieldErrors.join(' | ')}.`,
        "The schema rule lives in src/loader/validateContent.ts (cross-file: pledge.deadline vs rounds/<round>.md); the admin mirrors it as the deadline field's pattern (src/cms/cmsConfig.ts withDeadlineRule).",
      ].join('\n'),
    ).not.toEqual([]);
    expect(r.ok).toBe(false);
    expect(written).toEqual([]);
  });

  test('an approved pledge without 践诺措施 (a rule across fields: R4) is refused with the schema message', async () => {
    const before = pledgeFiles();
    const ui = await newApprovedPledge({ deadline: '2025-06-30', progress: '50', measure: false });
    const r = await ui.publish();
    expect(r.ok, 'Decap saved an approved pledge without measures').toBe(false);
    // A rule across fields is shown at its field, like Decap's own field checks (admin/widgets/withFieldRules.ts).
    expect(await messagesAt(ui, '践诺措施')).toContain('审核通过的承诺至少要有一条践诺措施。');
    expect(pledgeFiles()).toEqual(before);
  });
});
