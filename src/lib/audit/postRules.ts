/** R17: 设岗定责 for members without a post. */
import { isApproved } from '../pledgeStatus.ts';
import type { Problem } from '../problem.ts';
import { finding, profileFor, type AuditContext } from './auditContext.ts';

/**
 * R17 (设岗定责): an active member without a post (无职党员: no work post, no party office) has an assigned post
 * (`assignedPost`), and once they have approved pledges, one is made on it (依岗承诺, `onPost`). Where
 * the profile has the rule (篇三/四, and 篇五, whose text has it too).
 */
export function auditR17(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  // A secretary, committee member or leading cadre holds a post by that office.
  const secretaries = new Set(ctx.index.model.orgs.map((o) => o.data.secretary));
  for (const m of ctx.index.model.members) {
    if ((m.data.status ?? 'active') !== 'active' || m.data.post) continue;
    if (m.data.roles?.length || secretaries.has(m.id)) continue;
    if (!profileFor(ctx, m.data.org).postRule) continue;
    if (!m.data.assignedPost) {
      out.push(
        finding('R17', m.file, 'assignedPost', `${m.data.name}没有工作岗位，支部应为其设岗定责（填写“设岗定责岗位”），并请其依岗承诺。`),
      );
      continue;
    }
    // 依岗承诺: once they have approved pledges, one of them is made on the assigned post.
    const approved = (ctx.index.pledgesOf.get(m.id) ?? []).filter((p) => isApproved(p.data, ctx.asOf));
    if (approved.length && !approved.some((p) => p.data.onPost)) {
      out.push(
        finding(
          'R17',
          m.file,
          'assignedPost',
          `${m.data.name}的设岗定责岗位是“${m.data.assignedPost}”，本轮审核通过的承诺中还没有依岗作出的（在承诺中勾选“依岗承诺”）。`,
        ),
      );
    }
  }
  return out;
}
