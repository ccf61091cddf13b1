/**
 * The pledge page reads top-down: its title first, then who pledged and when it was approved. Every date the
 * React-rendered card writes is a `<time datetime>` in lowercase (React's own `dateTime` is not what the HTML
 * validators expect, and a lowercase prop would make React warn in the dev server).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { walk } from '../build/buildSite.ts';
import { useTrackedPage, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));

describe('the pledge page', () => {
  test('puts the title before the facts block, and the facts name the owner and the approval date', async () => {
    const json = JSON.parse(readFileSync(join(inject('distDir'), 'data/pledges.json'), 'utf8')) as { pledges: { id: string; owner: string; approvedOn: string }[] };
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

  test('no built page writes React’s dateTime attribute', () => {
    const dist = inject('distDir');
    const html = walk(dist).filter((f) => f.endsWith('.html') && !f.startsWith('admin/'));
    expect(html.length).toBeGreaterThan(50);
    expect(html.filter((f) => readFileSync(join(dist, f), 'utf8').includes('dateTime='))).toEqual([]);
  });
});
