/**
 * The preview of a pledge in the editor: the very PledgeCard the public pages
 * render, with the owner's name (told apart from namesakes) instead of the id, the status as of the
 * site's date (src/lib), and the text sanitised as the site sanitises it.
 */
import { createElement as h, type ReactElement } from 'react';
import PledgeCard from '../../src/components/PledgeCard.tsx';
import { todayIn } from '../../src/lib/dates.ts';
import type { Pledge } from '../../src/lib/model.ts';
import { fulfilmentOf } from '../../src/lib/pledgeStatus.ts';
import { renderMarkdown } from '../../src/lib/renderMarkdown.ts';
import { labelOf, useSiteFacts } from '../siteFacts.ts';

interface PreviewProps {
  entry: { get(key: 'data'): { toJS(): Partial<Pledge> & { body?: string } } };
}

export function PledgePreview({ entry }: PreviewProps): ReactElement {
  const d = entry.get('data').toJS();
  const { asOf, timeZone } = useSiteFacts();
  // The site's as-of date, else today in the site's time zone (Beijing time unless site.json names another).
  const today = asOf ?? todayIn(timeZone, new Date());
  const status = d.review && d.title && d.owner ? fulfilmentOf(d as Pledge, today) : null;
  // Told apart from a namesake (王丽 · 第一支部), as everywhere in the admin.
  const owner = labelOf(d.owner, ['members', 'orgs']);
  return h(
    'main',
    { className: 'wrap' },
    h('p', { className: 'owner' }, `${owner}的承诺`),
    h(PledgeCard, {
      data: { title: d.title ?? '', category: d.category, deadline: d.deadline, measures: d.measures, records: d.records },
      status,
      html: renderMarkdown(d.body),
      asOf: today,
      level: 1,
      onPost: d.onPost ? '' : undefined,
    }),
  );
}
