/**
 * 本月记实 in real Chromium against the real admin and a real decap-server (fs mode, a temp copy of the project):
 * it lists exactly the pledges `npm run check` reports under R6 for the month once the month has ended; three
 * filled rows and one save append exactly three records, each file changed only there; empty rows leave their
 * files alone; a file changed by someone else since the page was loaded is refused, naming the pledge, nothing is
 * written and what was typed stays; bad input is refused at its row with nothing written.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi } from './decapUi.ts';

const TIMEOUT = 300_000;
const MONTH = '2025-12';

/** A fresh context of `browser`, logged in to the admin of `cms`, in China's time zone; page errors go to `errors`. */
async function loggedInPage(browser: Browser, cms: SharedCms, errors: string[] = []): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(cms.adminUrl());
  await new DecapUi(page).login();
  return page;
}

describe.sequential('本月记实 (the month for the whole branch in one place)', () => {
  let cms: SharedCms;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  const pledgeDir = () => join(cms.contentDir, 'pledges', '2025');
  /** Every pledge file's hash, by repository path. */
  const snapshot = () =>
    new Map(
      readdirSync(pledgeDir()).map((f) => [
        `content/pledges/2025/${f}`,
        createHash('sha256')
          .update(readFileSync(join(pledgeDir(), f)))
          .digest('hex'),
      ]),
    );
  const read = (path: string) => readFileSync(join(cms.dir, path), 'utf8');
  const rows = () => page.locator('[data-pb-month-row]');
  const rowPaths = async () => (await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-pb-month-row') ?? ''))).sort();
  const row = (path: string) => page.locator(`[data-pb-month-row="${path}"]`);

  async function openMonth(): Promise<void> {
    await page.goto(`${cms.adminUrl()}#/month`);
    await page.locator('[data-pb-month="summary"]').waitFor({ timeout: 60_000 });
    if ((await page.locator('[data-pb-month="period"]').inputValue()) !== MONTH) {
      await page.locator('[data-pb-month="period"]').selectOption(MONTH);
    }
    await page.locator('[data-pb-month="summary"]', { hasText: MONTH }).waitFor();
  }

  async function fillRow(path: string, note: string, progress: string): Promise<void> {
    await row(path)
      .getByLabel(/的进展情况$/)
      .fill(note);
    await row(path)
      .getByLabel(/的完成进度（%）$/)
      .fill(progress);
  }

  beforeAll(async () => {
    cms = await acquireCms();
    browser = await cmsBrowser();
    page = await loggedInPage(browser, cms, errors);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await cms?.release();
  });

  test(
    'the header links to 本月记实, and the page lists exactly what npm run check reports under R6 for the month once it has ended',
    async () => {
      await page.getByRole('link', { name: '本月记实' }).click();
      await page.locator('[data-pb-month="summary"]').waitFor({ timeout: 60_000 });
      await openMonth();
      const check = JSON.parse(
        execFileSync(join(cms.dir, 'node_modules/.bin/tsx'), ['src/cli/check.ts', '--as-of', '2025-12-31', '--json'], {
          cwd: cms.dir,
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        }).toString(),
      ) as { findings: { rule: string; file: string; message: string }[] };
      const owed = check.findings
        .filter((f) => f.rule === 'R6' && f.message.includes(MONTH))
        .map((f) => f.file)
        .sort();
      expect(owed.length).toBeGreaterThan(3);
      expect(await rowPaths()).toEqual(owed);
      // Each row names its owner, the title, the status and the last record.
      const first = rows().first();
      await expect(first.locator('td').nth(3).textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} · \d+% · ./);
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  test(
    'three filled rows and one save append exactly three records; every other file is untouched',
    async () => {
      await openMonth();
      const paths = (await rowPaths()).slice(0, 3);
      const before = snapshot();
      const texts = paths.map(read);
      const notes = ['本月完成第二阶段任务，学生反馈良好', '组织学习两次，整理笔记一份', '走访群众五户，解决两件实事'];
      for (const [i, p] of paths.entries()) await fillRow(p, notes[i], String(80 + i));
      await row(paths[0])
        .getByLabel(/的记实日期$/)
        .fill('2025-12-20');
      // The write carries the versions the page loaded, so decap-server's API checks them again under its write lock.
      const persisted = page.waitForRequest((r) => r.url().endsWith('/api/v1') && (r.postData() ?? '').includes('"persistEntry"'));
      await page.locator('[data-pb-month="save"]').click();
      const body = JSON.parse((await persisted).postData() ?? '{}') as {
        params: { dataFiles: { path: string }[]; options: { expected: Record<string, string> } };
      };
      expect(body.params.dataFiles.map((f) => f.path).sort()).toEqual([...paths].sort());
      expect(body.params.options.expected).toEqual(
        Object.fromEntries(paths.map((p, i) => [p, createHash('sha256').update(texts[i]).digest('hex')])),
      );
      await page.locator('[data-pb-month="saved"]').waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-pb-month="saved"]').textContent()).toContain('已保存 3 条记实');
      const after = snapshot();
      const changed = [...after]
        .filter(([p, h]) => before.get(p) !== h)
        .map(([p]) => p)
        .sort();
      expect(changed).toEqual([...paths].sort());
      for (const [i, p] of paths.entries()) {
        const now = read(p);
        // Only lines added, all of them together, just before the closing --- of the front matter.
        const end = texts[i].indexOf('\n---\n', 4) + 1;
        expect(now.startsWith(texts[i].slice(0, end))).toBe(true);
        expect(now.endsWith(texts[i].slice(end))).toBe(true);
        const added = now.slice(end, now.length - (texts[i].length - end));
        expect(added).toContain(notes[i]);
        expect(added).toContain(`progress: ${80 + i}`);
        expect(added).toContain(i === 0 ? "date: '2025-12-20'" : 'date:');
      }
      // Paid rows leave the list.
      for (const p of paths) await expect.poll(() => row(p).count(), { timeout: 30_000 }).toBe(0);
    },
    TIMEOUT,
  );

  test(
    'a file changed by someone else since the page was loaded is refused, naming the pledge; nothing is written and the typed text stays',
    async () => {
      await openMonth();
      const [a, b] = (await rowPaths()).slice(0, 2);
      await fillRow(a, '甲的本月进展', '50');
      await fillRow(b, '乙的本月进展', '60');
      // Someone else saves pledge b meanwhile (another secretary, or a hand edit).
      const changedByOther = read(b).replace(/\n---\n/, '\n# 另一位书记刚刚改过\n---\n');
      writeFileSync(join(cms.dir, b), changedByOther);
      const before = snapshot();
      await page.locator('[data-pb-month="save"]').click();
      const alert = page.locator('[data-pb-month="save-error"]');
      await alert.waitFor({ timeout: 60_000 });
      const title = await row(b).locator('td').nth(1).locator('a').textContent();
      expect(await alert.textContent()).toContain('已被别人修改');
      expect(await alert.textContent()).toContain(title);
      expect(snapshot()).toEqual(before);
      await expect(
        row(a)
          .getByLabel(/的进展情况$/)
          .inputValue(),
      ).resolves.toBe('甲的本月进展');
      await expect(
        row(b)
          .getByLabel(/的进展情况$/)
          .inputValue(),
      ).resolves.toBe('乙的本月进展');
      // After 重新载入 the same typing saves.
      await page.getByRole('button', { name: '重新载入' }).click();
      await page.locator('[data-pb-month="save-error"]').waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('[data-pb-month="save"]').isEnabled(), { timeout: 30_000 }).toBe(true);
      await expect(
        row(b)
          .getByLabel(/的进展情况$/)
          .inputValue(),
      ).resolves.toBe('乙的本月进展');
      await page.locator('[data-pb-month="save"]').click();
      await page.locator('[data-pb-month="saved"]').or(page.locator('[data-pb-month="save-error"]')).waitFor({ timeout: 60_000 });
      expect(
        await page.locator('[data-pb-month="save-error"]').count(),
        (await page.locator('[data-pb-month="save-error"]').allTextContents()).join(''),
      ).toBe(0);
      expect(read(b)).toContain('乙的本月进展');
      expect(read(b)).toContain('# 另一位书记刚刚改过');
      expect(read(a)).toContain('甲的本月进展');
    },
    TIMEOUT,
  );

  test(
    "the pledge list shows each pledge's status and last record, and filters by 已逾期 and 已销号",
    async () => {
      await page.goto(`${cms.adminUrl()}#/collections/pledges`);
      const card = page.getByRole('link', { name: /义务辅导学困生和留守儿童/ });
      await card.waitFor({ timeout: 60_000 });
      // The sample round is over (2025): as of today the open pledges are overdue; this one's last record is 2025-11-25.
      await expect(card.textContent()).resolves.toMatch(/已逾期 · 最近记实 2025-1[12]-\d\d/);
      const files = readdirSync(pledgeDir()).map((f) => read(`content/pledges/2025/${f}`));
      const member = files.filter((t) => !/^ownerKind: org$/m.test(t) && !/^owner: (party-committee|branch-|.*-branch)/m.test(t));
      const closed = member.filter((t) => /^closed:\n {2}date: /m.test(t)).length;
      expect(closed).toBeGreaterThan(0);
      await page.getByRole('button', { name: '筛选' }).click();
      await page
        .getByRole('menuitemcheckbox', { name: '已销号' })
        .or(page.getByText('已销号', { exact: true }))
        .first()
        .click();
      await expect
        .poll(async () => page.locator('main a[href*="/entries/"]').or(page.locator('a[href*="/collections/pledges/entries/"]')).count(), {
          timeout: 30_000,
        })
        .toBe(closed);
    },
    TIMEOUT,
  );

  test(
    'what was typed and not saved is still there after the page is reloaded, and only one branch is listed when one is chosen',
    async () => {
      await openMonth();
      const [a] = await rowPaths();
      await fillRow(a, '还没保存的进展', '55');
      await page.reload();
      await page.locator('[data-pb-month="summary"]', { hasText: MONTH }).waitFor({ timeout: 60_000 });
      await expect(
        row(a)
          .getByLabel(/的进展情况$/)
          .inputValue(),
      ).resolves.toBe('还没保存的进展');
      await expect(
        row(a)
          .getByLabel(/的完成进度（%）$/)
          .inputValue(),
      ).resolves.toBe('55');
      // Cleared again, so the next test starts from empty rows.
      await fillRow(a, '', '');
      const all = await rowPaths();
      await page.locator('[data-pb-month="org"]').selectOption('tuixiu');
      await expect.poll(async () => (await rowPaths()).length).toBeLessThan(all.length);
      const retired = new Set(
        readdirSync(join(cms.contentDir, 'members'))
          .filter((f) => /^org: tuixiu$/m.test(readFileSync(join(cms.contentDir, 'members', f), 'utf8')))
          .map((f) => f.replace(/\.md$/, '')),
      );
      // The branch's own organisation pledges belong to it too.
      retired.add('tuixiu');
      const shown = await rowPaths();
      expect(shown.length).toBeGreaterThan(0);
      for (const p of shown) expect(retired.has(/^owner: (.+)$/m.exec(read(p))?.[1] ?? '')).toBe(true);
      expect(shown).toEqual(all.filter((p) => retired.has(/^owner: (.+)$/m.exec(read(p))?.[1] ?? '')));
      await page.locator('[data-pb-month="org"]').selectOption('');
    },
    TIMEOUT,
  );

  test(
    'bad input is refused at its row, with nothing written',
    async () => {
      await openMonth();
      const [a, b, c] = (await rowPaths()).slice(0, 3);
      await fillRow(a, '进度写错了', '120');
      await row(b)
        .getByLabel(/的完成进度（%）$/)
        .fill('30');
      await fillRow(c, '日期不在本月', '40');
      await row(c)
        .getByLabel(/的记实日期$/)
        .fill('2025-11-20');
      const before = snapshot();
      await page.locator('[data-pb-month="save"]').click();
      await page.locator('[data-pb-month="save-error"]').waitFor({ timeout: 60_000 });
      expect(snapshot()).toEqual(before);
      await expect(row(a).getByRole('alert').textContent()).resolves.toContain('完成进度应在 0 到 100 之间，不是 120');
      await expect(row(b).getByRole('alert').textContent()).resolves.toContain('请写明进展情况');
      await expect(row(c).getByRole('alert').textContent()).resolves.toContain('不在 2025-12（2025-12-01 至 2025-12-31）之内');
    },
    TIMEOUT,
  );
});

describe.sequential('本月记实 on a git backend (decap-server in git mode, as npm run lan runs it)', () => {
  let cms: SharedCms;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    cms = await acquireCms('git');
    browser = await cmsBrowser();
    page = await loggedInPage(browser, cms);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await cms?.release();
  });

  test(
    'the month is one commit on main, holding exactly the filled pledges, with a Chinese message naming the month',
    async () => {
      await page.goto(`${cms.adminUrl()}#/month`);
      await page.locator('[data-pb-month="summary"]', { hasText: MONTH }).waitFor({ timeout: 60_000 });
      const paths = (
        await page.locator('[data-pb-month-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pb-month-row') ?? ''))
      ).slice(0, 2);
      const head = cms.git('rev-parse', 'main');
      for (const p of paths) {
        const row = page.locator(`[data-pb-month-row="${p}"]`);
        await row.getByLabel(/的进展情况$/).fill('本月按计划推进');
        await row.getByLabel(/的完成进度（%）$/).fill('70');
      }
      await page.locator('[data-pb-month="save"]').click();
      await page.locator('[data-pb-month="saved"]').waitFor({ timeout: 60_000 });
      expect(cms.git('rev-list', '--count', `${head}..main`)).toBe('1');
      expect(cms.git('log', '-1', '--format=%s', 'main')).toMatch(new RegExp(`^本月记实：${MONTH}，2 项承诺`));
      expect(cms.git('diff', '--name-only', head, 'main').split('\n').sort()).toEqual([...paths].sort());
      expect(cms.git('status', '--porcelain')).toBe('');
    },
    TIMEOUT,
  );
});
