/**
 * Round archives: the sample is built, then a new round starts (`currentRound`
 * switches to 2026) and it is built again. Every URL of the first build still
 * answers in the second, and /rounds/2025/ shows the 2025 figures in both —
 * as of the board's date while 2025 is current, as it ended once it is not.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { completionByCategory, completionRate, onTimeRate, type Rate } from '../../src/lib/completionRates.ts';
import { projectScope } from '../../src/lib/projectScope.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { buildSite, root, walk } from './buildSite.ts';

let first = '';
let second = '';
let urls: string[] = [];

/** Every URL a build answers: each folder with an index.html, and every other file (not Pagefind's, not hashed assets). */
function urlsOf(dist: string): string[] {
  return walk(dist)
    .filter((f) => !f.startsWith('pagefind/') && !f.startsWith('_astro/'))
    .map((f) => (f === 'index.html' ? '' : f.endsWith('/index.html') ? f.slice(0, -'index.html'.length) : f))
    .sort();
}

function answers(dist: string, url: string): boolean {
  return url === '' || url.endsWith('/') ? existsSync(join(dist, url, 'index.html')) : existsSync(join(dist, url));
}

const page = (dist: string, url: string) => readFileSync(join(dist, url, 'index.html'), 'utf8');

/** done/total of the RateFigure with this test id. */
function figure(html: string, testid: string): { done: number; total: number } {
  const m = new RegExp(`data-testid="${testid}"[^>]*data-done="(\\d+)"[^>]*data-total="(\\d+)"`).exec(html);
  expect(m, testid).not.toBeNull();
  return { done: Number(m![1]), total: Number(m![2]) };
}

/** The rows (label, rate, done, total) of a RateChart's data table. */
function chartRows(html: string, id: string): string[][] {
  const start = html.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  const fig = html.slice(start, html.indexOf('</figure>', start));
  const body = fig.slice(fig.indexOf('<tbody'));
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => c[1].trim()),
  );
}

/** Rows of the 践诺台账 table (the ledger's tbody). */
function ledgerRows(html: string): number {
  const start = html.indexOf('<tbody', html.indexOf('class="ledger'));
  return start < 0 ? 0 : (html.slice(start, html.indexOf('</tbody>', start)).match(/<tr[\s>]/g) ?? []).length;
}

const parts = (r: Rate) => ({ done: r.done, total: r.total });

/** The 2025 figures, from the content and src/lib alone, as of a date (the board's scope as of `boardAsOf`). */
function expected2025(dir: string, boardAsOf: string, asOf: string) {
  const model = checkContent(dir, '2000-01-01', root).model!;
  const pledges = projectScope(model, 'public', boardAsOf).pledges.filter((p) => p.round === '2025');
  return {
    count: pledges.length,
    overall: parts(completionRate(pledges, asOf)),
    onTime: parts(onTimeRate(pledges, asOf)),
    byCategory: completionByCategory(pledges, asOf).map((c) => [String(c.rate.done), String(c.rate.total)]),
  };
}

let dir1 = '';
let dir2 = '';

beforeAll(() => {
  dir1 = mkdtempSync(join(tmpdir(), 'rounds-a-'));
  cpSync(join(root, 'content'), dir1, { recursive: true });
  // The board's address, as a branch writes it in site.json: the sitemap lists absolute addresses only with one.
  const own = JSON.parse(readFileSync(join(dir1, 'site.json'), 'utf8'));
  writeFileSync(join(dir1, 'site.json'), JSON.stringify({ ...own, url: 'http://10.0.0.5/' }, null, 2));
  const a = buildSite({ contentDir: dir1 });
  expect(a.code, a.out).toBe(0);
  first = a.outDir;
  urls = urlsOf(first);

  dir2 = mkdtempSync(join(tmpdir(), 'rounds-b-'));
  cpSync(dir1, dir2, { recursive: true });
  writeFileSync(
    join(dir2, 'rounds/2026.md'),
    "---\ntitle: 2026年度党员“承诺践诺评诺”\nstart: '2026-01-01'\nend: '2026-12-31'\n---\n新一轮承诺践诺评诺。\n",
  );
  const site = JSON.parse(readFileSync(join(dir2, 'site.json'), 'utf8'));
  writeFileSync(join(dir2, 'site.json'), JSON.stringify({ ...site, currentRound: '2026', asOf: '2026-02-10' }, null, 2));
  const b = buildSite({ contentDir: dir2 });
  expect(b.code, b.out).toBe(0);
  second = b.outDir;
}, 900_000);

describe('switching to a new round', () => {
  test('the first build published the 2025 pledges, bulletins and the round archive', () => {
    expect(urls).toContain('pledges/2025/chen-hui-service/');
    expect(urls).toContain('bulletins/2025/jiaoshi-er-urging/');
    expect(urls).toContain('rounds/');
    expect(urls).toContain('rounds/2025/');
    expect(urls.filter((u) => u.startsWith('pledges/2025/')).length).toBeGreaterThan(20);
  });

  test('every URL of the first build still answers after currentRound switches to 2026', () => {
    expect(urls.length).toBeGreaterThan(50);
    expect(urls.filter((u) => !answers(second, u))).toEqual([]);
    expect(answers(second, 'rounds/2026/')).toBe(true);
  });

  test('the sitemap of the second build still lists the 2025 pledges and bulletins', () => {
    const sitemap = readFileSync(join(second, 'sitemap.xml'), 'utf8');
    for (const u of urls.filter((x) => x.startsWith('pledges/') || x.startsWith('bulletins/2025/') || x.startsWith('rounds/')))
      expect(sitemap, u).toContain(`/${u}</loc>`);
  });

  test('/rounds/2025/ shows the 2025 figures in both builds: as of the board date while current, as it ended afterwards', () => {
    const before = expected2025(dir1, '2025-12-26', '2025-12-26');
    const after = expected2025(dir2, '2026-02-10', '2025-12-31');
    for (const [dist, exp, state] of [
      [first, before, 'current'],
      [second, after, 'ended'],
    ] as const) {
      const html = page(dist, 'rounds/2025/');
      expect(html).toContain(`data-round-state="${state}"`);
      expect(figure(html, 'round-overall')).toEqual(exp.overall);
      expect(figure(html, 'round-ontime')).toEqual(exp.onTime);
      expect(chartRows(html, 'round-by-category').map((r) => r.slice(2))).toEqual(exp.byCategory);
      expect(ledgerRows(html)).toBe(exp.count);
      expect(html).toContain('href="/bulletins/2025/jiaoshi-er-urging/"');
    }
    expect(before.count).toBeGreaterThan(0);
    expect(after.count).toBe(before.count);
  });

  test('in the first build /rounds/2025/ agrees with the home and stats pages', () => {
    const round = page(first, 'rounds/2025/');
    const home = page(first, '');
    const stats = page(first, 'stats/');
    expect(figure(round, 'round-overall')).toEqual(figure(home, 'overall-rate'));
    expect(figure(round, 'round-ontime')).toEqual(figure(stats, 'ontime-rate'));
    expect(chartRows(round, 'round-by-category')).toEqual(chartRows(home, 'by-category'));
    expect(round.match(/data-testid="round-published"[^>]*>([^<]*)</)?.[1]).toBe(home.match(/data-testid="published"[^>]*>([^<]*)</)?.[1]);
  });

  test('the rounds index lists both rounds, and member and org pages link to the earlier round', () => {
    const index = page(second, 'rounds/');
    expect(index).toContain('data-round="2026"');
    expect(index).toContain('data-round="2025"');
    const member = page(second, 'members/chen-hui/');
    expect(member).toMatch(/data-past-rounds[^>]*>[\s\S]*?href="\/rounds\/2025\/"/);
    expect(page(first, 'members/chen-hui/')).not.toContain('data-past-rounds');
    expect(page(second, 'orgs/zongzhi/')).toMatch(/data-past-rounds[^>]*>[\s\S]*?href="\/rounds\/2025\/"/);
    // A 2025 pledge page in the second build names its round and is shown as that round ended.
    expect(page(second, 'pledges/2025/chen-hui-service/')).toMatch(/data-pledge-round[^>]*>2025年度/);
  });
});
