/** R1–R3: who must pledge, and how many. */
import { isApproved } from '../pledgeStatus.ts';
import type { Problem } from '../problem.ts';
import { finding, profileFor, type AuditContext } from './auditContext.ts';

function approvedCount(ctx: AuditContext, owner: string): number {
  return (ctx.index.pledgesOf.get(owner) ?? []).filter((p) => isApproved(p.data, ctx.asOf)).length;
}

/**
 * R1: an active member has the profile's number of approved pledges (2–3 in 篇三/四); where the profile sets no
 * number (篇一/二/五: four areas), at least one. Retired and frail members pledge voluntarily: never flagged, for
 * too few or too many.
 */
export function auditR1(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const m of ctx.index.model.members) {
    if (m.data.status !== 'active') continue;
    const range = profileFor(ctx, m.data.org).memberPledges;
    const n = approvedCount(ctx, m.id);
    if (!range) {
      if (n === 0)
        out.push(finding('R1', m.file, '', `${m.data.name}本轮还没有审核通过的承诺；在职党员应从学习、工作、自律、服务等方面作出承诺。`));
    } else if (n > range.max) out.push(finding('R1', m.file, '', `${m.data.name}本轮有 ${n} 项审核通过的承诺，一般为 ${span(range)} 项。`));
    else if (n < range.min)
      out.push(finding('R1', m.file, '', `${m.data.name}本轮只有 ${n} 项审核通过的承诺，在职党员一般应承诺 ${span(range)} 项。`));
  }
  return out;
}

const span = (r: { min: number; max: number }) => (r.min === r.max ? `${r.min}` : `${r.min}—${r.max}`);

/**
 * R2: the top organisation, and any other organisation that pledges, has approved pledges (篇三/四), as many as the profile says where it sets a number
 * (3–5 in 篇四; 篇三 names none), filed with the upper organisation (报上级审定备案). The top org's upper
 * organisation is outside the content: `site.json` names it (`upperOrg`), it approves (审定) the top org's pledges
 * (`review.outsideBy`; approval by someone of the branch itself, its own secretary included, is reported) and each
 * approved pledge says when it was filed (`review.filedOn`). Who approves a lower org's pledges (someone of the parent
 * org) is a content rule: src/loader/validateContent.ts refuses any other approver.
 */
export function auditR2(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  const site = ctx.index.model.site;
  for (const o of ctx.index.model.orgs) {
    const profile = profileFor(ctx, o.id);
    if (!profile.orgsPledge) continue;
    // Who must pledge: the top org (篇三: 学校党支部提出的承诺事项; 篇四: 基层党组织…承诺事项), and any org that pledged.
    if (o.data.parent && !ctx.index.pledgesOf.has(o.id)) continue;
    const approved = (ctx.index.pledgesOf.get(o.id) ?? []).filter((p) => isApproved(p.data, ctx.asOf));
    const n = approved.length;
    if (profile.orgPledges ? n < profile.orgPledges.min || n > profile.orgPledges.max : n === 0) {
      out.push(
        finding(
          'R2',
          o.file,
          '',
          profile.orgPledges
            ? `${o.data.name}作出组织承诺 ${n} 项（审核通过），党组织承诺一般为 ${span(profile.orgPledges)} 项。`
            : `${o.data.name}还没有审核通过的组织承诺；党组织的承诺事项报上级党组织审定备案。`,
        ),
      );
    }
    if (!profile.orgPledgesFiledUpward || o.data.parent) continue;
    const upper = site.data.upperOrg?.name ?? o.data.upperAuthority;
    if (approved.length && !upper)
      out.push(
        finding(
          'R2',
          site.file,
          'upperOrg.name',
          `${o.data.name}的组织承诺应报上级党组织审定备案：请在网站设置的“上级党组织”中写明上级党组织的名称，如“县教育局党委”。`,
        ),
      );
    for (const p of approved) {
      if (p.data.review.by) {
        const by = ctx.index.member.get(p.data.review.by)?.data.name ?? p.data.review.by;
        const own = ctx.index.secretaryOf(o.id) === p.data.review.by ? `本组织书记${by}` : by;
        out.push(
          finding(
            'R2',
            p.file,
            'review.by',
            `组织承诺“${p.data.title}”应由上级党组织${upper ? `（${upper}）` : ''}审定，现为${own}审核；请清空“审核人”，在“上级审定”中填写上级党组织。`,
          ),
        );
      } else if (upper && p.data.review.outsideBy && p.data.review.outsideBy.trim() !== upper) {
        out.push(
          finding(
            'R2',
            p.file,
            'review.outsideBy',
            `组织承诺“${p.data.title}”的“上级审定”写的是“${p.data.review.outsideBy}”，与网站设置的上级党组织“${upper}”不一致。`,
          ),
        );
      }
      if (!p.data.review.filedOn)
        out.push(finding('R2', p.file, 'review.filedOn', `组织承诺“${p.data.title}”没有写报上级党组织备案的日期。`));
    }
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
      out.push(finding('R3', m.file, 'roles', `${m.data.name}是书记、班子成员或党员领导干部，应带头承诺，但本轮还没有审核通过的承诺。`));
    }
  }
  return out;
}
