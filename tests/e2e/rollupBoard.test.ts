/**
 * The roll-up board (issue 23), as `npm run rollup` builds it from real shards (copies of the sample, each its own
 * git repository, in two townships) and one shard that cannot be read, opened in Chromium: no WCAG 2.2 A/AA
 * violation axe-core can find, no console error, nothing off the site; every chart drawn and with its table; the
 * figures are the shards' sums; each unit links to its board; the verification page lists every shard's status.
 * The registry is written in a folder of its own and the board is built into another, as a county runs it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rollupCommand } from '../../src/cli/rollup.ts';
import type { RollupFile } from '../../src/lib/rollupFigures.ts';
import { axeReport, axeViolations } from './axe.ts';
import { describeLog, launchBrowser, newContext, openPage, type TrackedPage, waitForCharts } from './browser.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';
import { walk } from '../build/buildSite.ts';
import { shardRepo } from '../build/shardRepos.ts';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'rollup-board-'));
let server: StaticServer;
let iserver: StaticServer;
let browser: Browser;
let context: BrowserContext;
let tp: TrackedPage;
let ip: TrackedPage;
let rollup: RollupFile;
let out = '';
let internalOut = '';

/** A copy of a content tree (the sample, or an example of another profile) as the git repository of 130102/<unit>. */
const shardRepoOf = (unit: string, from = join(root, 'content'), site: Record<string, unknown> = {}) =>
  shardRepo(join(work, 'shards', unit), unit, { from, site });

beforeAll(async () => {
  const a = shardRepoOf('a');
  // A school that keeps its 考核评比 and grades to itself (site.json shareInternalCounts: false).
  const b = shardRepoOf('b', join(root, 'content'), { shareInternalCounts: false });
  // A village on another profile (篇五, monthly records): summed and charted apart, never ranked with the schools.
  const d = shardRepoOf('d', join(root, 'examples', 'monthly'));
  mkdirSync(join(work, 'county'));
  const registry = join(work, 'county', 'shards.json');
  writeFileSync(
    registry,
    JSON.stringify({
      schemaVersion: 1,
      level: 'county',
      name: '青山县委组织部',
      region: '130102',
      cutoff: '2025-12-26',
      shards: [
        { id: '130102/a', name: '实验中学党总支', township: '城关镇', repo: a, board: 'http://10.0.0.5/a/' },
        { id: '130102/b', name: '第二中学党总支', township: '青山镇', repo: b },
        { id: '130102/c', name: '青山村党支部', township: '青山镇', repo: join(work, 'shards', 'c') },
        { id: '130102/d', name: '河西村党支部', township: '青山镇', repo: d },
      ],
    }),
  );
  out = join(work, 'board');
  let said = '';
  const run = (to: string, scope = 'public') =>
    rollupCommand(['--registry', registry, '--out', to, '--work', join(work, `.rollup-${to.length}-${scope}`), '--scope', scope], {
      out: (t) => (said += t),
      err: (t) => (said += t),
      env: process.env,
    });
  expect(await run(out), said).toBe(0);
  // Again, into another folder with another work folder: the same inputs give the same files.
  expect(await run(join(work, 'board-again')), said).toBe(0);
  // The internal roll-up, published only within the organisation.
  internalOut = join(work, 'internal');
  expect(await run(internalOut, 'internal'), said).toBe(0);
  rollup = JSON.parse(readFileSync(join(out, 'rollup.json'), 'utf8'));
  server = await startStaticServer(out);
  iserver = await startStaticServer(internalOut);
  browser = await launchBrowser();
  context = await newContext(browser);
  tp = await openPage(context, `${server.origin}/`);
  ip = await openPage(context, `${iserver.origin}/`);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await iserver?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the roll-up board', () => {
  test('the home page: no axe violation, no error, every chart drawn with its table, nothing off the site', async () => {
    await tp.goto('');
    await waitForCharts(tp.page);
    const violations = await axeViolations(tp.page);
    expect(violations, axeReport(violations)).toEqual([]);
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    // The units' boards are links only; nothing is loaded from them.
    expect(tp.log.offSite, describeLog(tp.log)).toEqual([]);
    const charts = await tp.page
      .locator('[data-chart]')
      .evaluateAll((fs) => fs.map((f) => ({ id: f.id, table: !!f.querySelector('table tbody tr') })));
    expect(charts.map((c) => c.id)).toEqual(['units-0', 'townships-0', 'categories-0', 'trend-0', 'units-1', 'categories-1', 'trend-1']);
    expect(charts.every((c) => c.table)).toBe(true);
  });

  test('shows the shards’ sums, their statuses and a link to each unit’s board', async () => {
    await tp.goto('');
    const a = rollup.shards.find((s) => s.id === '130102/a')!;
    const b = rollup.shards.find((s) => s.id === '130102/b')!;
    const done = a.summary!.totals.completion.done + b.summary!.totals.completion.done;
    const total = a.summary!.totals.completion.total + b.summary!.totals.completion.total;
    const figure = tp.page.getByTestId('completion-0');
    expect(await figure.getAttribute('data-done')).toBe(String(done));
    expect(await figure.getAttribute('data-total')).toBe(String(total));
    expect(await tp.page.getByTestId('status-counts').textContent()).toMatch(/已核对 3.*未报送 1/);
    expect(await tp.page.getByRole('link', { name: '实验中学党总支' }).first().getAttribute('href')).toBe('http://10.0.0.5/a/');
    const townships = await tp.page.locator('#townships-0 tbody th').allTextContents();
    expect(townships).toEqual(['城关镇', '青山镇']);
  });

  test('units on another profile are summed and charted apart, never in the same ranking', async () => {
    await tp.goto('');
    const kinds = await tp.page.locator('section[data-kind]').evaluateAll((ss) =>
      ss.map((sec) => ({
        kind: sec.getAttribute('data-kind'),
        units: [...sec.querySelectorAll('[data-testid^="units-table"] tbody th')].map((th) => th.textContent),
      })),
    );
    expect(kinds).toEqual([
      { kind: 'five-stages/2025', units: ['实验中学党总支', '第二中学党总支'] },
      { kind: 'monthly/2025', units: ['河西村党支部'] },
    ]);
    expect(await tp.page.locator('section[data-kind="monthly/2025"] h2').textContent()).toContain('每月记实（篇五）');
  });

  test('the verification page lists every shard with its status and reasons, without an axe violation', async () => {
    await tp.goto('verification/');
    const rows = await tp.page
      .locator('[data-testid="verification"] tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => ({ id: tr.getAttribute('data-shard'), status: tr.getAttribute('data-status'), text: tr.textContent ?? '' })),
      );
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['130102/a', 'verified'],
      ['130102/b', 'verified'],
      ['130102/c', 'missing'],
      ['130102/d', 'verified'],
    ]);
    expect(rows[2].text).toContain('找不到登记表中写的仓库文件夹');
    const violations = await axeViolations(tp.page);
    expect(violations, axeReport(violations)).toEqual([]);
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
  });

  test('no member’s name is in any file of the roll-up, and the same inputs give the same files', () => {
    const names = [join(root, 'content', 'members'), join(root, 'examples', 'monthly', 'members')].flatMap((dir) =>
      walk(dir).map((f) => /^name: (.+)$/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? ''),
    );
    expect(names.length).toBeGreaterThan(40);
    const files = walk(out);
    const text = [out, internalOut].flatMap((dir) => walk(dir).map((f) => readFileSync(join(dir, f), 'utf8'))).join('\n');
    expect(names.filter((n) => n && text.includes(n))).toEqual([]);
    const again = join(work, 'board-again');
    expect(walk(again)).toEqual(files);
    for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
  });

  test('the public roll-up has no internal page and no internal counts', () => {
    expect(walk(out).filter((f) => f.startsWith('internal/'))).toEqual([]);
    expect(rollup.shards.every((s) => !('internal' in s))).toBe(true);
  });

  test('the internal roll-up ranks the units that share their 考核评比, sorts by any column, exports CSV, without an axe violation', async () => {
    await ip.goto('internal/');
    expect(await ip.page.locator('[data-internal-banner]').count()).toBe(1);
    expect(await ip.page.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
    const ranking = ip.page.getByTestId('ranking-0-round');
    expect(await ranking.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-unit')))).toEqual(['130102/a']);
    expect(await ip.page.getByTestId('ranking-1-round').locator('tbody tr').count()).toBe(1);
    // b keeps its grades to itself; its audit counts are there.
    const grades = await ip.page
      .getByTestId('grades')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-unit'), tr.textContent?.includes('未上报')]));
    expect(grades).toEqual([
      ['130102/a', false],
      ['130102/b', true],
      ['130102/d', false],
    ]);
    expect(await ip.page.getByTestId('findings').locator('tbody tr').count()).toBe(3);
    // Sorting: the findings table by its total, from the most; again, from the fewest.
    const totals = () =>
      ip.page
        .getByTestId('findings')
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Number((tr as HTMLTableRowElement).cells[(tr as HTMLTableRowElement).cells.length - 1].dataset.sort)),
        );
    const total = ip.page.getByTestId('findings').locator('thead th').last();
    await total.getByRole('button').click();
    expect(await total.getAttribute('aria-sort')).toBe('descending');
    const down = await totals();
    expect(down).toEqual([...down].sort((x, y) => y - x));
    await total.getByRole('button').click();
    expect(await total.getAttribute('aria-sort')).toBe('ascending');
    expect(await totals()).toEqual([...down].sort((x, y) => x - y));
    expect(new Set(down).size, 'the units have different totals, so the order shows').toBeGreaterThan(1);
    const violations = await axeViolations(ip.page);
    expect(violations, axeReport(violations)).toEqual([]);
    expect(ip.errors(), describeLog(ip.log)).toEqual([]);
    const csv = readFileSync(join(internalOut, 'internal', 'ranking.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('名次');
    expect(csv).toContain('130102/a,实验中学党总支');
    expect(csv).not.toContain('130102/b');
    const file = JSON.parse(readFileSync(join(internalOut, 'rollup.json'), 'utf8')) as RollupFile;
    expect(file.scope).toBe('internal');
    expect(file.shards.find((s) => s.id === '130102/b')?.internal).toMatchObject({ upward: [], ranking: null, grades: null });
  });

  test('the board ships no CMS, no branch upload and none of Astro’s build leftovers', () => {
    const files = walk(out);
    expect(files.filter((f) => /(^|\/)(admin|uploads)\/|content-(assets|modules)\.mjs|\.staging|\.board/.test(f))).toEqual([]);
    expect(files).toContain('rollup.json');
  });

  test('only the internal roll-up carries the stylesheet that prints its banner on every sheet, and links it', () => {
    expect(walk(out)).not.toContain('print-banner.css');
    expect(readFileSync(join(internalOut, 'print-banner.css'), 'utf8')).toContain('@top-center');
    expect(readFileSync(join(internalOut, 'index.html'), 'utf8')).toMatch(
      /<link rel="stylesheet" href="\/[^"]*print-banner\.css" media="print">/,
    );
  });
});
