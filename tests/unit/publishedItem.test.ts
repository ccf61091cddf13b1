/**
 * What the public manifest hashes of an item (src/lib/publishedItem.ts, issue 22 item 9): only what its pages show
 * as of the as-of date. Text the pages do not show — a review note, a record or a 销号 dated after the as-of date,
 * a member's join date, supervisor, roles or exact status, an org's unit type, a reference to a member the scope
 * does not show — leaves the text unchanged, so its hash confirms no guess at it; every fact the pages show changes it.
 */
import { describe, expect, test } from 'vitest';
import type { PublishedContext } from '../../src/lib/publishedItem.ts';
import { publishedItem } from '../../src/lib/publishedItem.ts';
import { member, org, pledge } from '../fixtures/model.ts';

const ctx: PublishedContext = { asOf: '2026-03-10', shown: (id) => id !== 'hidden' };

describe('publishedItem', () => {
  const base = pledge('li-work', 'li', { records: [{ date: '2026-02-25', note: '制定计划', progress: 10 }] });
  const text = publishedItem('pledge', base, ctx);

  test.each([
    ['a review note', { review: { ...base.data.review, note: '内部审核意见' } }],
    [
      'a record after the as-of date',
      { records: [...(base.data.records ?? []), { date: '2026-03-11', note: '明天的记实', progress: 20 }] },
    ],
    ['a 销号 after the as-of date', { closed: { date: '2026-04-01', verifiedBy: 'sec', note: '核实' } }],
    ['who filed it upward', { review: { ...base.data.review, filedOn: '2026-02-21' } }],
    ['its visibility', { visibility: 'public' as const }],
  ])('a pledge’s text does not change with %s', (_, change) => {
    expect(publishedItem('pledge', { ...base, data: { ...base.data, ...change } }, ctx)).toBe(text);
  });

  test.each([
    ['its title', { title: '另一个承诺' }],
    ['a record up to the as-of date', { records: [{ date: '2026-02-25', note: '改写的记实', progress: 10 }] }],
    ['a 销号 by the as-of date', { closed: { date: '2026-03-10', verifiedBy: 'sec' } }],
    ['its rectification note', { rectification: { note: '限期整改' } }],
    ['its reviewer', { review: { ...base.data.review, by: 'other' } }],
    ['its measures', { measures: ['措施二'] }],
  ])('a pledge’s text changes with %s', (_, change) => {
    expect(publishedItem('pledge', { ...base, data: { ...base.data, ...change } }, ctx)).not.toBe(text);
  });

  test('a pledge’s text changes with its body, as the page renders it', () => {
    expect(publishedItem('pledge', { ...base, body: '认真备课。' }, ctx)).toContain('<p>认真备课。</p>');
  });

  test('a member’s text holds what the 公开承诺书 shows, not the join date, supervisor, roles or which status', () => {
    const m = member('li', { post: '数学教师' });
    const shown = publishedItem('member', m, ctx);
    const unshown = member('li', { post: '数学教师', joined: '1990-06-18', supervisor: 'sec', roles: ['committee'] });
    expect(publishedItem('member', unshown, ctx)).toBe(shown);
    expect(publishedItem('member', member('li', { post: '数学教师', status: 'retired' }), ctx)).toBe(
      publishedItem('member', member('li', { post: '数学教师', status: 'frail' }), ctx),
    );
    expect(publishedItem('member', member('li', { post: '物理教师' }), ctx)).not.toBe(shown);
  });

  test('an org’s text leaves out its unit type and a secretary the scope does not show', () => {
    const shown = publishedItem('org', org('b1', { secretary: 'sec' }), ctx);
    expect(publishedItem('org', org('b1', { secretary: 'sec', unitType: 'community' }), ctx)).toBe(shown);
    expect(publishedItem('org', org('b1', { secretary: 'hidden' }), ctx)).toBe(publishedItem('org', org('b1'), ctx));
    expect(publishedItem('org', org('b1', { secretary: 'sec2' }), ctx)).not.toBe(shown);
  });
});
