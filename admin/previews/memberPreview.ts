/** The preview of a member: the head of their 公开承诺书 as the site shows it, with the branch's name (and the id beside a namesake). */
import { createElement as h, type ReactElement } from 'react';
import type { Member } from '../../src/lib/model.ts';
import { labelOf, memberStatuses, roles } from '../../src/schemas/options.ts';
import { nameOf, useSiteFacts } from '../siteFacts.ts';

interface PreviewProps {
  entry: { get(key: 'data'): { toJS(): Partial<Member> & { id?: string } }; get(key: 'slug'): unknown };
}

export function MemberPreview({ entry }: PreviewProps): ReactElement {
  const d = entry.get('data').toJS();
  const { members } = useSiteFacts();
  // A namesake in the same branch: the file id is what tells the two apart (src/lib/memberLabels.ts).
  const id = d.id ?? String(entry.get('slug') ?? '');
  const twin = members.some((m) => m.id !== id && m.name === d.name && m.org === d.org);
  const row = (k: string, v: string | undefined) =>
    v ? [h('dt', { key: `${k}t`, style: { fontWeight: 600 } }, k), h('dd', { key: `${k}d`, style: { margin: 0 } }, v)] : [];
  return h(
    'article',
    { className: 'wrap' },
    h('h1', { style: { letterSpacing: '0.2em', fontSize: '1.4rem' } }, '公开承诺书'),
    h(
      'dl',
      { style: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '0 1rem' } },
      ...row('党员', d.name),
      ...row('编号', twin ? id : undefined),
      ...row('所在组织', d.org ? nameOf(d.org) : undefined),
      ...row('职务', d.roles?.map((r) => labelOf(roles, r)).join('、')),
      ...row('工作岗位', d.post),
      ...row('设岗定责岗位', d.assignedPost),
      ...row('家庭', d.household ? '共产党员户' : undefined),
      ...row('状态', labelOf(memberStatuses, d.status)),
    ),
    d.status && d.status !== 'active' ? h('p', null, '离退休、年老体弱党员按照个人自愿、量力而行的原则承诺。') : null,
  );
}
