/**
 * Every count on the home page leads to the list it counts, and the list holds exactly that many pledges; the
 * short lists of recent check-offs and coming deadlines say how many more there are and link to the whole list.
 */
import { describe, expect, test } from 'vitest';
import { describeLog, useTrackedPage, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));

/** The number a link shows or names, as an integer (formatInt writes 1,234). */
const numberIn = (text: string | null) => Number(/\d[\d,]*/.exec(text ?? '')?.[0].replace(/,/g, ''));

/** Follows the link and returns the rows of the list it leads to, with the page's own count. */
async function follow(href: string) {
  const res = await tp.goto(href.replace(/^\//, ''));
  expect(res.status(), href).toBe(200);
  expect(tp.errors(), describeLog(tp.log)).toEqual([]);
  return {
    count: numberIn(await tp.page.getByTestId('list-count').textContent()),
    rows: await tp.page.locator('tbody tr').count(),
    statuses: await tp.page.locator('tbody tr').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.status)),
  };
}

describe('the home page’s counts', () => {
  test.each([
    ['published', undefined],
    ['closed', ['closed', 'closed-late']],
    ['overdue', ['overdue']],
  ])('%s is a link to a list of exactly that many pledges', async (testid, statuses) => {
    await tp.goto('');
    const link = tp.page.getByTestId(testid as string);
    const shown = numberIn(await link.textContent());
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/\/lists\/[a-z-]+\/$/);
    const list = await follow(href);
    expect(list.count).toBe(shown);
    expect(list.rows).toBe(shown);
    if (statuses) for (const s of list.statuses) expect(statuses).toContain(s);
  });

  test.each([
    ['all-due-soon', '#due-h'],
    ['all-recently-closed', '#recent-h'],
  ])('%s names how many are not listed on the home page and leads to all of them', async (testid, section) => {
    await tp.goto('');
    const onHome = await tp.page.locator(`section:has(${section}) li`).count();
    const link = tp.page.getByTestId(testid as string);
    // The sample has both kinds; a board without any shows neither the list nor the link.
    expect(await link.count()).toBe(1);
    const text = (await link.textContent()) ?? '';
    const list = await follow((await link.getAttribute('href'))!);
    expect(list.rows).toBe(list.count);
    if (list.count > onHome) expect(numberIn(text)).toBe(list.count - onHome);
    else expect(numberIn(text)).toBe(list.count);
    expect(onHome).toBe(Math.min(list.count, 10));
  });
});
