/** R17: 设岗定责 for members without a post. */
import type { Problem } from '../problem.ts';
import { finding, profileFor, type AuditContext } from './auditContext.ts';

/**
 * R17 (设岗定责): an active member without a post (无职党员: no work post, no party office) has an assigned post (`assignedPost`) to pledge on. Where
 * the profile has the rule (篇三/四, and 篇五, whose text has it too).
 */
export function auditR17(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  // A secretary, committee member or leading cadre holds a post by that office.
  const secretaries = new Set(ctx.index.model.orgs.map((o) => o.data.secretary));
  for (const m of ctx.index.model.members) {
    if ((m.data.status ?? 'active') !== 'active' || m.data.post || m.data.assignedPost) continue;
    if (m.data.roles?.length || secretaries.has(m.id)) continue;
    if (!profileFor(ctx, m.data.org).postRule) continue;
    out.push(finding('R17', m.file, 'assignedPost', `${m.data.name}没有工作岗位，支部应为其设岗定责（填写“设岗定责岗位”），并请其依岗承诺。`));
  }
  return out;
}
