/**
 * "Today" and the build's date are taken in the site's time zone (Asia/Shanghai unless site.json names another)
 * by every caller that turns an instant into a date: the build date on the board, the admin's pledge preview and
 * its ledger words. 2026-03-01T23:30:00Z is 07:30 on 2 March in Beijing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ledgerWords } from '../../admin/ledgerWords.ts';
import { PledgePreview } from '../../admin/previews/pledgePreview.ts';
import { loadFacts } from '../../admin/siteFacts.ts';
import { adminFacts } from '../../src/data/adminFacts.ts';
import { builtOn } from '../../src/loader/builtOn.ts';

const LATE_UTC = '2026-03-01T23:30:00Z';
const LATE_UTC_EPOCH = String(Date.parse(LATE_UTC) / 1000);

describe('builtOn: the footer’s 内容更新日期', () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'pb-built-on-'));
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        stdio: 'ignore',
        env: { ...process.env, GIT_COMMITTER_DATE: `${LATE_UTC}`, GIT_AUTHOR_DATE: `${LATE_UTC}`, TZ: 'UTC' },
      });
    git('init', '-q');
    writeFileSync(join(repo, 'a.txt'), 'a');
    git('add', 'a.txt');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'a');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  test('takes SOURCE_DATE_EPOCH as a date in the site time zone', () => {
    expect(builtOn(repo, undefined, { SOURCE_DATE_EPOCH: LATE_UTC_EPOCH })).toBe('2026-03-02');
    expect(builtOn(repo, 'Asia/Shanghai', { SOURCE_DATE_EPOCH: LATE_UTC_EPOCH })).toBe('2026-03-02');
    expect(builtOn(repo, 'UTC', { SOURCE_DATE_EPOCH: LATE_UTC_EPOCH })).toBe('2026-03-01');
  });

  test('takes the time of the commit as a date in the site time zone, whatever zone the committer was in', () => {
    expect(builtOn(repo, undefined, {})).toBe('2026-03-02');
    expect(builtOn(repo, 'America/New_York', {})).toBe('2026-03-01');
  });

  test('has no date outside a repository without SOURCE_DATE_EPOCH', () => {
    const bare = mkdtempSync(join(tmpdir(), 'pb-built-on-none-'));
    try {
      expect(builtOn(bare, undefined, { GIT_CEILING_DIRECTORIES: tmpdir() })).toBeUndefined();
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('the admin takes today in the site time zone', () => {
  // Approved, due 1 March, nothing recorded: overdue from 2 March on, not started until then.
  const pledge = {
    title: '学习',
    owner: 'zhang-san',
    category: 'study',
    deadline: '2026-03-01',
    review: { status: 'approved', date: '2026-01-10' },
  };

  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(LATE_UTC));
  });
  afterAll(() => vi.useRealTimers());
  afterEach(() => vi.unstubAllGlobals());

  async function siteFacts(facts: Record<string, unknown>): Promise<void> {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(facts)));
    await loadFacts();
  }

  function preview(): string {
    const entry = { get: () => ({ toJS: () => pledge }) };
    return renderToStaticMarkup(h(PledgePreview, { entry } as never));
  }

  test('the pledge preview, with no as-of date, counts 2 March Beijing time', async () => {
    await siteFacts({});
    expect(preview()).toContain('data-status="overdue"');
  });

  test("the pledge preview follows site.json's time zone", async () => {
    await siteFacts({ timeZone: 'UTC' });
    expect(preview()).toContain('data-status="not-started"');
  });

  test('the ledger words, with no date given, count 2 March Beijing time, or the site time zone', async () => {
    await siteFacts({ timeZone: 'Asia/Shanghai' });
    expect(ledgerWords(pledge).view_state).toBe('overdue');
    await siteFacts({ timeZone: 'UTC' });
    expect(ledgerWords(pledge).view_state).toBe('not-started');
  });
});

describe('adminFacts', () => {
  test("gives the admin site.json's time zone, and Asia/Shanghai when it names none that exists", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-admin-facts-'));
    try {
      mkdirSync(join(dir, 'rounds'));
      writeFileSync(join(dir, 'site.json'), JSON.stringify({ name: '公开栏', timeZone: 'Asia/Urumqi' }));
      expect(adminFacts(dir).timeZone).toBe('Asia/Urumqi');
      writeFileSync(join(dir, 'site.json'), JSON.stringify({ name: '公开栏', timeZone: 'Asia/Beijing' }));
      expect(adminFacts(dir).timeZone).toBe('Asia/Shanghai');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
