/**
 * The offline search (Pagefind, custom UI): real Chinese queries from the
 * sample content find the right pages, typed into the box like a visitor would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { describeLog, useTrackedPage, waitForSearch, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p), (p) => p.goto('search/'));

interface Hit {
  /** Site path, e.g. `/members/chen-hui/`. */
  path: string;
  title: string;
  excerpt: string;
}

/** Types a query into the search box, submits it and returns the listed results. */
async function search(q: string): Promise<{ status: string; hits: Hit[] }> {
  const page = tp.page;
  if (!page.url().includes('/search/')) await tp.goto('search/');
  const box = page.locator('form[role="search"] input#q');
  await box.fill(q);
  await box.press('Enter');
  // The status line is cleared and refilled on every query; wait for this query's answer.
  await page.waitForFunction((query) => new URLSearchParams(location.search).get('q') === query, q);
  const status = await waitForSearch(page);
  const origin = new URL(inject('baseUrl')).origin;
  const hits = await page.locator('ol.results li').evaluateAll(
    (lis, o) =>
      lis.map((li) => {
        const a = li.querySelector('a')!;
        const u = new URL(a.href);
        return { path: u.origin === o ? u.pathname : a.href, title: a.textContent ?? '', excerpt: li.querySelector('p')?.textContent ?? '' };
      }),
    origin,
  );
  return { status, hits };
}

/** The built HTML of a site path. */
function builtPage(path: string): string {
  const file = join(inject('distDir'), decodeURIComponent(path), path.endsWith('/') ? 'index.html' : '');
  expect(existsSync(file), `a search result points at ${path}, which the build does not have`).toBe(true);
  return readFileSync(file, 'utf8');
}

const list = (hits: Hit[]) => hits.map((h) => `${h.path} ${h.title}`).join('\n');

describe('the search page', () => {
  test('finds 家访, a two-character word inside pledge sentences, on pledge and member pages that contain it', async () => {
    const { status, hits } = await search('家访');
    expect(status).toMatch(/找到 \d+ 条结果/);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(builtPage(h.path), `${h.path} is listed for 家访`).toContain('家访');
    const letters = hits.filter((h) => /^\/(pledges\/2025|members)\/[a-z0-9-]+\/$/.test(h.path));
    expect(letters.length, list(hits)).toBeGreaterThan(0);
    // 陈慧's service pledge says “每学期完成全班学生家访” in its text.
    expect(hits.map((h) => h.path), list(hits)).toContain('/pledges/2025/chen-hui-service/');
    expect(hits.some((h) => h.excerpt.includes('家访')), 'an excerpt shows the word').toBe(true);
  });

  test('finds a member’s 公开承诺书 by the member’s name', async () => {
    const { hits } = await search('陈慧');
    expect(hits.map((h) => h.path), list(hits)).toContain('/members/chen-hui/');
  });

  test('names the member in the result title of a 公开承诺书, so letters can be told apart', async () => {
    // A letter is indexed by the member's name and post (its pledges are indexed on their own pages); several teachers share a post word.
    const { hits } = await search('教师');
    const letters = hits.filter((h) => h.path.startsWith('/members/'));
    expect(letters.length).toBeGreaterThan(1);
    const unnamed = letters.filter((h) => {
      const name = /<dd[^>]*>([^<]+)<\/dd>/.exec(builtPage(h.path))?.[1] ?? '?';
      return !h.title.includes(name);
    });
    const problems = unnamed.map((h) => `${h.path} is listed as “${h.title}”`);
    expect(problems, `result titles without the member’s name:\n${problems.join('\n')}`).toEqual([]);
  });

  test('finds the bulletins for 通报', async () => {
    const { hits } = await search('通报');
    const bulletins = hits.filter((h) => h.path.startsWith('/bulletins/2025/'));
    expect(bulletins.length, list(hits)).toBeGreaterThan(0);
    for (const b of bulletins) expect(builtPage(b.path)).toContain('通报');
  });

  test('finds a bulletin by a phrase of its title', async () => {
    const { hits } = await search('督促逾期承诺整改');
    expect(hits.map((h) => h.path), list(hits)).toContain('/bulletins/2025/jiaoshi-er-urging/');
  });

  test('never finds the internal 民主评诺结果 bulletin', async () => {
    const { hits } = await search('民主评诺结果');
    expect(hits.map((h) => h.path).filter((p) => p.includes('zongzhi-results')), list(hits)).toEqual([]);
    expect(existsSync(join(inject('distDir'), 'bulletins/2025/zongzhi-results'))).toBe(false);
  });

  test('says 没有找到 and lists nothing when nothing matches', async () => {
    const { status, hits } = await search('火星探测');
    expect(status).toContain('没有找到');
    expect(hits).toEqual([]);
  });

  test('runs the query in ?q= on load, so results can be linked', async () => {
    await tp.goto(`search/?q=${encodeURIComponent('陈慧')}`);
    await waitForSearch(tp.page);
    expect(await tp.page.locator('input#q').inputValue()).toBe('陈慧');
    const hrefs = await tp.page.locator('ol.results li a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain('/members/chen-hui/');
  });

  test('a result link opens the page it names', async () => {
    const { hits } = await search('陈慧');
    const first = hits.find((h) => h.path === '/members/chen-hui/')!;
    await Promise.all([tp.page.waitForURL(`**${first.path}`), tp.page.locator(`ol.results li a[href$="${first.path}"]`).first().click()]);
    expect(await tp.page.locator('h1').textContent()).toContain('公开承诺书');
    expect(await tp.page.title()).toContain('陈慧');
  });

  test('searching loads only files from this site and logs no errors', async () => {
    await tp.goto('search/');
    await search('家访');
    await tp.page.waitForLoadState('networkidle');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    expect(tp.log.offSite, describeLog(tp.log)).toEqual([]);
  });
});
