/**
 * The pledge page reads top-down: its title first, then who pledged and when it was approved. Every date the
 * React-rendered card writes is a `<time datetime>` in lowercase (React's own `dateTime` is not what the HTML
 * validators expect, and a lowercase prop would make React warn in the dev server).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, inject, test } from 'vitest';
import { root, walk } from '../build/buildSite.ts';
import { useTrackedPage, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));

describe('the pledge page', () => {
  test('puts the title before the facts block, and the facts name the owner and the approval date', async () => {
    const json = JSON.parse(readFileSync(join(inject('distDir'), 'data/pledges.json'), 'utf8')) as {
      pledges: { id: string; owner: string; approvedOn: string }[];
    };
    const p = json.pledges[0];
    await tp.goto(`pledges/${p.id}/`);
    const order = await tp.page.evaluate(() => {
      const h1 = document.querySelector('h1')!;
      const facts = document.querySelector('.pledge .facts')!;
      return h1.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order, 'the facts follow the title').toBeTruthy();
    const facts = (await tp.page.locator('.pledge .facts').innerText()).replace(/\s+/g, ' ');
    expect(facts).toMatch(new RegExp(`承诺人：? ?${p.owner}`));
    expect(facts).toContain(p.approvedOn);
    expect(await tp.page.locator('.pledge .facts time').getAttribute('datetime')).toBe(p.approvedOn);
  });

  test('shows the sample pledge’s course from its file and every commit git has of that file, a marked one saying so in words', async () => {
    const id = '2025/bai-yulan-service';
    const file = `content/pledges/${id}.md`;
    await tp.goto(`pledges/${id}/`);
    // 承诺经过: the approval, then each record up to the as-of date, as the file has them.
    const front = yaml.load(
      readFileSync(join(root, file), 'utf8')
        .split('\n---\n')[0]
        .replace(/^---\n/, ''),
      { schema: yaml.CORE_SCHEMA },
    ) as { review: { date: string }; records: { date: string }[] };
    const asOf = (JSON.parse(readFileSync(join(root, 'content/site.json'), 'utf8')) as { asOf: string }).asOf;
    const events = await tp.page
      .locator('[data-event]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-event'), e.querySelector('time')?.getAttribute('datetime')]));
    expect(events).toEqual([
      ['approved', front.review.date],
      ...front.records.filter((r) => r.date <= asOf).map((r) => ['record', r.date]),
    ]);
    // 修改记录: exactly the commits git lists for the file on the main line, oldest first.
    const commits = execFileSync('git', ['log', '--first-parent', '--reverse', '--format=%H', '--', file], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n');
    const rows = await tp.page.locator('[data-history-commit]').evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-history-commit'),
        marked: e.hasAttribute('data-marked'),
        text: (e as HTMLElement).innerText,
      })),
    );
    // The public board counts the commits before the pledge was first published instead of listing them.
    const draftLine = tp.page.locator('[data-history-drafts]');
    const drafts = (await draftLine.count()) ? Number(await draftLine.getAttribute('data-history-drafts')) : 0;
    expect(rows.map((r) => r.id)).toEqual(commits.slice(drafts));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.text).toContain(r.id!.slice(0, 7));
      // A marked row says it in words, not by its colour alone.
      expect(r.text.includes('改动了已公开的内容'), r.text).toBe(r.marked);
    }
    expect(tp.log.consoleErrors).toEqual([]);
  });

  test('no built page writes React’s dateTime attribute', () => {
    const dist = inject('distDir');
    const html = walk(dist).filter((f) => f.endsWith('.html') && !f.startsWith('admin/'));
    expect(html.length).toBeGreaterThan(50);
    expect(html.filter((f) => readFileSync(join(dist, f), 'utf8').includes('dateTime='))).toEqual([]);
  });
});
