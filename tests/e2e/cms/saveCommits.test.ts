/**
 * Every save under `npm start` is a commit (src/integrations/cmsApi.ts, src/cms/commitSave.ts): `npm start` in a
 * copy of the project made a git repository, with a developer's unrelated work in progress in it; a save in the real
 * admin in Chromium becomes one commit of exactly that file, with a Chinese message naming the pledge; a save of
 * several files through the real API is one commit, and one based on bytes that changed since is refused with 409
 * and writes nothing; the dev server's pledge page and a real build's list the commits in 修改记录.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildSite, childEnv } from '../../build/buildSite.ts';
import { copyProject, ensureAdminBundle, initGitRepo, startNpmStart, type NpmStart } from './cmsServer.ts';
import { DecapUi, record } from './decapUi.ts';
import { cmsBrowser } from './sharedCms.ts';

const ENTRY = '2025/bai-yulan-service';
const FILE = `content/pledges/${ENTRY}.md`;
const TITLE = '义务辅导学困生和留守儿童';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** A pledge file with one more ledger record at the end of its records (they close the front matter in the sample). */
const withRecord = (raw: string, note: string) => raw.replace(/\n---\n/, `\n- date: '2025-12-20'\n  note: ${note}\n  progress: 80\n---\n`);

/** The control of the last field labelled `text` (a newly added list item's). */
async function lastControl(page: Page, text: string) {
  const label = page
    .locator('label')
    .filter({ hasText: new RegExp(`^${text}( \\(选填\\))?$`) })
    .last();
  const id = await label.getAttribute('for');
  return page.locator(`[id="${id}"]`);
}

describe.sequential('a save under npm start in a git repository', () => {
  let dir: string;
  let start: NpmStart | undefined;
  let browser: Browser;
  let adminUrl: string;
  /** The dev server, by address (Node resolves localhost to ::1 first). */
  let origin: string;
  let saved: string;
  let monthCommit: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  const api = (body: unknown) =>
    fetch(`${origin}/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });

  beforeAll(async () => {
    ensureAdminBundle();
    dir = copyProject();
    initGitRepo(dir);
    // A developer's work in progress: a changed source file, an untracked note, a staged file.
    appendFileSync(join(dir, 'src/lib/groupBy.ts'), '\n// 开发中的修改\n');
    writeFileSync(join(dir, 'notes.txt'), '未跟踪的笔记\n');
    writeFileSync(join(dir, 'staged.txt'), '已暂存的文件\n');
    git('add', 'staged.txt');
    start = await startNpmStart(dir, childEnv({ ASTRO_TELEMETRY_DISABLED: '1', ASTRO_CACHE_DIR: join(dir, '.astro-cache') }));
    adminUrl = /内容管理后台：(\S+?)（/.exec(start.output())![1];
    origin = new URL(adminUrl).origin.replace('localhost', '127.0.0.1');
    browser = await cmsBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await start?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('npm start says each save will be a commit', () => {
    expect(start!.output()).toContain(
      '修改记录：content/ 在 git 仓库中，后台每次保存都是一次 git 提交（只提交这次保存的文件，提交说明写明改的是哪一条）',
    );
  });

  test('a record added in the admin is one commit of that file alone, named in Chinese; the developer’s work stays as it was', async () => {
    const before = git('rev-parse', 'HEAD');
    const context = await browser.newContext();
    const rec = record(context);
    const page = await context.newPage();
    const ui = new DecapUi(page);
    await page.goto(adminUrl);
    await ui.login();
    await page.goto(`${adminUrl}#/collections/pledges/entries/${ENTRY}`);
    await expect.poll(async () => (await ui.control('承诺事项')).inputValue(), { timeout: 15_000 }).toBe(TITLE);
    await ui.addItem('践诺台账（记实）');
    await (await lastControl(page, '记实日期')).fill('2025-12-20');
    await (await lastControl(page, '进展情况')).fill('12月辅导8次，期末模拟考试英语及格7人');
    await (await lastControl(page, '完成进度（%）')).fill('85');
    expect(await ui.publish()).toEqual({ ok: true });
    await context.close();

    saved = git('rev-parse', 'HEAD');
    expect(git('rev-parse', 'HEAD~1')).toBe(before);
    expect(git('show', '--name-only', '--format=%s%n%an <%ae>', 'HEAD').split('\n')).toEqual([
      `更新承诺：${TITLE}（${FILE}）`,
      'CMS e2e <cms-e2e@localhost>',
      '',
      FILE,
    ]);
    expect(readFileSync(join(dir, FILE), 'utf8')).toContain('12月辅导8次，期末模拟考试英语及格7人');
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' });
    expect(status.split('\n').filter(Boolean).sort()).toEqual(['A  staged.txt', ' M src/lib/groupBy.ts', '?? notes.txt'].sort());
    expect(start!.output()).toContain(`已提交到 git：更新承诺：${TITLE}（${FILE}）（提交 ${saved.slice(0, 7)}）`);
    expect(rec.pageErrors).toEqual([]);
  });

  test('the dev server’s pledge page lists the save at once', async () => {
    const html = await (await fetch(`${origin}/pledges/${ENTRY}/`)).text();
    expect(html).toContain(`data-history-commit="${saved}"`);
  });

  test('through the real API: a save based on changed bytes is refused with 409 and writes nothing; a month of two files is one commit', async () => {
    const head = git('rev-parse', 'HEAD');
    const stale = git('show', `${head}~1:${FILE}`);
    const body = (files: { path: string; raw: string }[], expected: Record<string, string | null>) => ({
      action: 'persistEntry',
      params: {
        branch: 'main',
        dataFiles: files.map((f) => ({ slug: f.path.slice('content/pledges/'.length, -3), ...f })),
        assets: [],
        options: { collectionName: 'pledges', commitMessage: '本月记实：2025年12月', expected },
      },
    });
    const current = readFileSync(join(dir, FILE), 'utf8');
    const refused = await api(body([{ path: FILE, raw: withRecord(stale, '过时页面上的记实') }], { [FILE]: sha(`${stale}\n`) }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      error: `没有保存：打开以后，${FILE}已被修改（或新建、删除）。为免覆盖别人的修改，这次没有写入任何文件；请重新载入后再保存。`,
      conflicts: [FILE],
    });
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(current);
    expect(git('rev-parse', 'HEAD')).toBe(head);

    const month = ['content/pledges/2025/cao-lin-study.md', 'content/pledges/2025/chen-hui-service.md'];
    const raws = month.map((p) => readFileSync(join(dir, p), 'utf8'));
    const ok = await api(
      body(
        month.map((path, i) => ({ path, raw: withRecord(raws[i], `十二月记实${i + 1}`) })),
        Object.fromEntries(month.map((p, i) => [p, sha(raws[i])])),
      ),
    );
    expect(ok.status).toBe(200);
    monthCommit = git('rev-parse', 'HEAD');
    expect(git('rev-parse', 'HEAD~1')).toBe(head);
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n')).toEqual(month);
    expect(git('log', '-1', '--format=%s')).toMatch(/^更新 2 项承诺：.+、.+$/);
    expect(git('log', '-1', '--format=%b')).toContain('后台说明：本月记实：2025年12月');
  });

  test('a real build from the repository lists the saves in 修改记录, as updates that changed nothing published', () => {
    const built = buildSite({ contentDir: join(dir, 'content') });
    expect(built.code, built.out).toBe(0);
    // The sample's baseline names a commit of the project, not of this copy: not used, and said so.
    expect(built.out).toContain('history-baseline.json 写的修改记录起点');
    try {
      const rows = (id: string) => {
        const html = readFileSync(join(built.outDir, `pledges/${id}/index.html`), 'utf8');
        return [...html.matchAll(/<li data-history-commit="([0-9a-f]+)"([^>]*)>([\s\S]*?)<\/li>/g)].map((m) => ({
          id: m[1],
          marked: m[2].includes('data-marked'),
          text: m[3].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
        }));
      };
      const saves = rows(ENTRY);
      expect(saves.map((r) => r.id)).toEqual([git('rev-list', '--max-parents=0', 'HEAD'), saved]);
      expect(saves[1]).toMatchObject({ marked: false });
      expect(saves[1].text).toContain(`提交编号 ${saved.slice(0, 7)}`);
      expect(saves[1].text).toContain('更新（没有改动已经公开的内容）');
      expect(rows('2025/cao-lin-study').map((r) => r.id)).toContain(monthCommit);
    } finally {
      rmSync(join(built.outDir, '..'), { recursive: true, force: true });
    }
  });
});
