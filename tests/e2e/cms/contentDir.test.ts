/**
 * `CONTENT_DIR=本支部 npm start`, as the README tells a branch that keeps its own content beside the sample: the
 * board is built from that folder and the CMS edits that folder, never content/. A folder outside the project,
 * which decap-server cannot reach, gets no CMS at all (tests/unit/cmsContentDir.test.ts).
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseMarkdown } from '../../../src/lib/parseContentFile.ts';
import { childEnv } from '../../build/buildSite.ts';
import { copyProject, ensureAdminBundle, projectRoot, startNpmStart, type NpmStart } from './cmsServer.ts';
import { DecapUi, record } from './decapUi.ts';
import { cmsBrowser } from './sharedCms.ts';

describe.sequential('npm start with CONTENT_DIR inside the project', () => {
  let dir: string;
  let start: NpmStart | undefined;
  let out = '';
  let browser: Browser;

  beforeAll(async () => {
    ensureAdminBundle();
    dir = copyProject();
    cpSync(join(projectRoot, 'examples/monthly'), join(dir, '本支部'), { recursive: true });
    start = await startNpmStart(
      dir,
      childEnv({ ASTRO_TELEMETRY_DISABLED: '1', ASTRO_CACHE_DIR: join(dir, '.astro-cache'), CONTENT_DIR: '本支部' }),
    );
    out = start.output();
    browser = await cmsBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await start?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('says which folder the CMS edits, offers what that folder’s profile asks for, saves into it and leaves content/ alone', async () => {
    expect(out).toContain('读写 本支部/ 和 public/uploads/');
    const adminUrl = /内容管理后台：(\S+?)（/.exec(out)?.[1];
    const board = await fetch(adminUrl!.replace('localhost', '127.0.0.1').replace(/admin\/$/, ''));
    expect(await board.text()).toContain('石桥村');
    const sampleBefore = readFileSync(join(dir, 'content/members/bai-yulan.md'), 'utf8');

    const context = await browser.newContext();
    const rec = record(context);
    const page = await context.newPage();
    await page.goto(adminUrl!);
    const ui = new DecapUi(page);
    await ui.login();
    // The monthly variant (篇五): quarterly checks, but organisations do not pledge, so that list is not offered.
    expect(await ui.collectionLink('季度检查').count()).toBe(1);
    expect(await ui.collectionLink('承诺事项').count()).toBe(1);
    expect(await ui.collectionLink('党组织承诺').count()).toBe(0);
    expect(await ui.collectionLink('表彰（评先评优）').count()).toBe(1);
    await page.goto(`${adminUrl}#/collections/members/entries/chen-dongsheng`);
    await page.reload();
    const post = await ui.control('工作岗位');
    await expect.poll(() => post.inputValue(), { timeout: 15_000 }).toBe('三组村民小组长');
    await ui.retype(post, '三组村民小组长、网格员');
    expect(await ui.publish()).toEqual({ ok: true });
    const saved = parseMarkdown(readFileSync(join(dir, '本支部/members/chen-dongsheng.md'), 'utf8'), 'x').data as {
      post?: string;
      name?: string;
    };
    expect(saved).toMatchObject({ name: '陈东升', post: '三组村民小组长、网格员' });
    expect(readFileSync(join(dir, 'content/members/bai-yulan.md'), 'utf8')).toBe(sampleBefore);
    expect(rec.pageErrors).toEqual([]);
  });
});
