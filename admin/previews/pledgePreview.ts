/**
 * The preview of a pledge in the editor: what the public page will show —
 * names instead of ids, the category and status in words, the measures and
 * the ledger records — computed by the same src/lib code as the site.
 */
import { createElement as h, useEffect, useState, type ReactElement } from 'react';
import { toIsoDate } from '../../src/lib/dates.ts';
import type { Pledge } from '../../src/lib/model.ts';
import { fulfilmentOf } from '../../src/lib/pledgeStatus.ts';
import { categories, labelOf, reviewStatuses } from '../../src/schemas/options.ts';
import zhCN from '../../src/i18n/zh-CN.json';

interface SiteFacts {
  asOf?: string;
  names: Record<string, string>;
}
let facts: Promise<SiteFacts> | undefined;
/** Names by id and the site's as-of date, fetched once from the generated names.json. */
function useSiteFacts(): SiteFacts {
  const [value, setValue] = useState<SiteFacts>({ names: {} });
  useEffect(() => {
    facts ??= fetch('./names.json').then((r) => (r.ok ? r.json() : { names: {} })).catch(() => ({ names: {} }));
    void facts.then(setValue);
  }, []);
  return value;
}

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
    { style: { fontFamily: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif', lineHeight: 1.7, padding: '1rem', color: '#1f1f1f' } },
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
