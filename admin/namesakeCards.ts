/**
 * The members list shows each member by the collection's summary (王丽 · 第一支部), which Decap builds from the file
 * alone and so cannot tell two 王丽 of one branch apart: their cards get the id that does (· 编号 wang-li-2), as
 * every other list and picker names them (src/lib/memberLabels.ts through admin/siteFacts.ts).
 */
import { labelOf } from './siteFacts.ts';

const MARK = 'pbNamesake';

/** Adds (or updates, or removes) the id on each member card whose name is shared within its branch. */
export function markNamesakeCards(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href*="/collections/members/entries/"]')) {
    const id = decodeURIComponent((link.getAttribute('href') ?? '').replace(/^.*\/entries\//, ''));
    const suffix = labelOf(id, ['members']).includes(`编号 ${id}`) ? ` · 编号 ${id}` : '';
    const heading = link.querySelector('h2') ?? link;
    let tag = heading.querySelector<HTMLElement>(`[data-pb-namesake]`);
    if (!suffix) {
      tag?.remove();
      continue;
    }
    if (!tag) {
      tag = document.createElement('span');
      tag.dataset[MARK] = '';
      heading.append(tag);
    }
    if (tag.textContent !== suffix) tag.textContent = suffix;
  }
}
