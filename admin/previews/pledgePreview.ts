/**
 * The preview of a pledge in the editor: what the public page will show —
 * names instead of ids, the category and status in words, the measures and
 * the ledger records — computed by the same src/lib code as the site.
 */
import { createElement as h, type ReactElement } from 'react';
import { previewStyle, useSiteFacts } from './useSiteFacts.ts';
import { toIsoDate } from '../../src/lib/dates.ts';
import type { Pledge } from '../../src/lib/model.ts';
import { fulfilmentOf } from '../../src/lib/pledgeStatus.ts';
import { categories, labelOf, reviewStatuses } from '../../src/schemas/options.ts';
import zhCN from '../../src/i18n/zh-CN.json';

interface PreviewProps {
  entry: { get(key: 'data'): { toJS(): Partial<Pledge> & { body?: string } } };
}

export function PledgePreview({ entry }: PreviewProps): ReactElement {
  const d = entry.get('data').toJS();
  const { names: nameOf, asOf } = useSiteFacts();
  const today = asOf ?? toIsoDate(new Date());
  const complete = d.review && d.title && d.owner;
  const status = complete ? fulfilmentOf(d as Pledge, today) : null;
  const statusText = status ? zhCN[`status.${status}` as keyof typeof zhCN] : labelOf(reviewStatuses, d.review?.status);
  return h(
    'article',
    { style: previewStyle },
    h('p', { style: { color: '#a3141a', fontWeight: 600, margin: 0 } }, `${nameOf[d.owner ?? ''] ?? d.owner ?? ''} 的承诺`),
    h('h1', { style: { fontSize: '1.4rem', margin: '0.25rem 0' } }, d.title ?? ''),
    h('p', null, `${labelOf(categories, d.category)} · 完成时限:${d.deadline ?? '未填写'} · 状态:${statusText ?? ''}`),
    h('p', { style: { whiteSpace: 'pre-wrap' } }, d.body ?? ''),
    d.measures?.length ? h('ol', null, ...d.measures.map((m, i) => h('li', { key: i }, m))) : null,
    h('h2', { style: { fontSize: '1.1rem' } }, '践诺记实'),
    d.records?.length
      ? h('ol', null, ...d.records.map((r, i) => h('li', { key: i }, `${r.date ?? ''} ${r.note ?? ''}(完成进度 ${r.progress ?? 0}%)`)))
      : h('p', null, '还没有践诺记实。'),
    d.closed?.date ? h('p', { style: { fontWeight: 600 } }, `已于 ${d.closed.date} 销号,核实人:${nameOf[d.closed.verifiedBy ?? ''] ?? d.closed.verifiedBy ?? ''}`) : null,
  );
}
