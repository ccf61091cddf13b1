/** R1–R3: who must pledge, and how many. */
import { isApproved } from '../pledgeStatus.ts';
import type { Problem } from '../problem.ts';
import { finding, type AuditContext } from './auditContext.ts';

function approvedCount(ctx: AuditContext, owner: string): number {
  return (ctx.index.pledgesOf.get(owner) ?? []).filter((p) => isApproved(p.data, ctx.asOf)).length;
}

/** R1: an active member has 2–3 approved pledges; retired or frail members 0–3 (voluntary, never flagged for too few). */
export function auditR1(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const m of ctx.index.model.members) {
    const n = approvedCount(ctx, m.id);
    const voluntary = m.data.status !== 'active';
    if (n > 3) out.push(finding('R1', m.file, '', `${m.data.name}本轮有 ${n} 项审核通过的承诺,一般为 2—3 项。`));
    else if (!voluntary && n < 2) out.push(finding('R1', m.file, '', `${m.data.name}本轮只有 ${n} 项审核通过的承诺,在职党员一般应承诺 2—3 项。`));
  }
  return out;
}

/** R2: an organisation that pledges has 3–5 approved pledges. */
export function auditR2(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const o of ctx.index.model.orgs) {
    if (!ctx.index.pledgesOf.has(o.id)) continue;
    const n = approvedCount(ctx, o.id);
    if (n < 3 || n > 5) out.push(finding('R2', o.file, '', `${o.data.name}作出组织承诺 ${n} 项(审核通过),党组织承诺一般为 3—5 项。`));
  }
  return out;
}

/** R3: secretaries, committee members and leading cadres have pledged (带头承诺). */
export function auditR3(ctx: AuditContext): Problem[] {
  const secretaries = new Set(ctx.index.model.orgs.map((o) => o.data.secretary).filter(Boolean));
  const out: Problem[] = [];
  for (const m of ctx.index.model.members) {
    const leads = secretaries.has(m.id) || (m.data.roles?.length ?? 0) > 0;
    if (leads && approvedCount(ctx, m.id) === 0) {
      out.push(finding('R3', m.file, 'roles', `${m.data.name}是书记、班子成员或党员领导干部,应带头承诺,但本轮还没有审核通过的承诺。`));
    }
  }
  return out;
}
