/**
 * The roll-up board (issue 23), as `npm run rollup` builds it from real shards (copies of the sample, each its own
 * git repository, in two townships) and one shard that cannot be read, opened in Chromium: no WCAG 2.2 A/AA
 * violation axe-core can find, no console error, nothing off the site; every chart drawn and with its table; the
 * figures are the shards' sums; each unit links to its board; the verification page lists every shard's status.
 * The registry is written in a folder of its own and the board is built into another, as a county runs it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'rollup-board-'));
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let tp: TrackedPage;
let rollup: RollupFile;
let out = '';

function shardRepo(unit: string): string {
  const dir = join(work, 'shards', unit);
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  const sitePath = join(dir, 'content', 'site.json');
  const site = JSON.parse(readFileSync(sitePath, 'utf8'));
  writeFileSync(sitePath, `${JSON.stringify({ ...site, shard: { region: '130102', unit } }, null, 2)}\n`);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'sample');
  return dir;
}

beforeAll(async () => {
  const a = shardRepo('a');
  const b = shardRepo('b');
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
      ],
    }),
  );
  out = join(work, 'board');
  let said = '';
  const code = await rollupCommand(['--registry', registry, '--out', out, '--work', join(work, '.rollup')], {
    out: (t) => (said += t),
    err: (t) => (said += t),
    env: process.env,
  });
  expect(code, said).toBe(0);
  rollup = JSON.parse(readFileSync(join(out, 'rollup.json'), 'utf8'));
  server = await startStaticServer(out);
  browser = await launchBrowser();
  context = await newContext(browser);
  tp = await openPage(context, `${server.origin}/`);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
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
    expect(charts.map((c) => c.id)).toEqual(['units-0', 'townships-0', 'categories-0', 'trend-0']);
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
    expect(await tp.page.getByTestId('status-counts').textContent()).toMatch(/已核对 2.*未报送 1/);
    expect(await tp.page.getByRole('link', { name: '实验中学党总支' }).first().getAttribute('href')).toBe('http://10.0.0.5/a/');
    const townships = await tp.page.locator('#townships-0 tbody th').allTextContents();
    expect(townships).toEqual(['城关镇', '青山镇']);
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
    ]);
    expect(rows[2].text).toContain('找不到仓库文件夹');
    const violations = await axeViolations(tp.page);
    expect(violations, axeReport(violations)).toEqual([]);
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
  });

  test('the board ships no CMS, no branch upload and none of Astro’s build leftovers', () => {
    const files = walk(out);
    expect(files.filter((f) => /(^|\/)(admin|uploads)\/|content-(assets|modules)\.mjs|\.staging|\.board/.test(f))).toEqual([]);
    expect(files).toContain('rollup.json');
  });
});
