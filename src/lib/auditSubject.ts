/**
 * What an audit finding is about: the branch it belongs to and the member,
 * pledge or org it concerns, found from the content file it names (and, for
 * an evaluation, the member item of its field path). The internal audit page
 * groups findings by branch and links each to that page.
 */
import type { ContentIndex } from './contentIndex.ts';
import type { Entry } from './model.ts';
import type { Problem } from './problem.ts';

export interface AuditSubject {
  /** The branch the finding belongs to (the top org for site-wide files). */
  org: string;
  kind: 'pledge' | 'member' | 'org' | 'evaluation';
  /** The pledge, member or org id; for `evaluation`, the evaluation's id. */
  id: string;
}

/** A lookup from content file path to what it holds, built once per index. */
export function auditSubjects(index: ContentIndex): (p: Problem) => AuditSubject {
  const m = index.model;
  const byFile = new Map<string, (field: string) => AuditSubject>();
  const orgOfOwner = (owner: string) => index.member.get(owner)?.data.org ?? owner;
  const subjectOf = (id: string): AuditSubject =>
    index.member.has(id) ? { org: orgOfOwner(id), kind: 'member', id } : { org: id, kind: 'org', id };
  const put = <T>(list: Entry<T>[], f: (e: Entry<T>, field: string) => AuditSubject) => {
    for (const e of list) byFile.set(e.file, (field) => f(e, field));
  };
  put(m.pledges, (e) => ({ org: orgOfOwner(e.data.owner), kind: 'pledge', id: e.id }));
  put(m.members, (e) => ({ org: e.data.org, kind: 'member', id: e.id }));
  put(m.orgs, (e) => ({ org: e.id, kind: 'org', id: e.id }));
  put(m.checks, (e) => ({ org: e.data.org, kind: 'org', id: e.data.org }));
  put(m.bulletins, (e) => ({ org: e.data.org, kind: 'org', id: e.data.org }));
  put(m.reviews, (e) => subjectOf(e.data.subject));
  put(m.commendations, (e) => subjectOf(e.data.subject));
  put(m.evaluations, (e, field) => {
    const item = /^members\[(\d+)\]/.exec(field);
    const member = item ? e.data.members[Number(item[1])]?.member : undefined;
    return member && index.member.has(member)
      ? { org: e.data.org, kind: 'member', id: member }
      : { org: e.data.org, kind: 'evaluation', id: e.id };
  });
  const top = m.site.data.topOrg;
  return (p) => byFile.get(p.file)?.(p.field) ?? { org: top, kind: 'org', id: top };
}
