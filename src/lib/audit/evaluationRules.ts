/** R10–R16: the year-end evaluation and leader reviews. */
import { combineEvaluation, panelRequirement, rectificationRefused } from '../combineEvaluation.ts';
import type { ContentIndex } from '../contentIndex.ts';
import { finishedBy, roundHalves } from '../roundPeriods.ts';
import type { Problem } from '../problem.ts';
import { finding, profileFor, profileOfOwner, type AuditContext } from './auditContext.ts';
import type { PanelKind, Profile } from '../profiles.ts';
import { grades } from '../../schemas/options.ts';
import { isApproved } from '../pledgeStatus.ts';

function roundEvaluations(ctx: AuditContext) {
  return ctx.index.model.evaluations.filter((e) => e.round === ctx.index.round?.id && e.data.date <= ctx.asOf);
}

const kindLabels: Record<PanelKind, string> = { partyReps: '党员代表', npcDeputies: '人大代表', masses: '群众代表' };

/**
 * R10, as each variant has it. 篇一/二/五: the panel has at least ceil(80%) of the branch's member count — the
 * members of that org itself, all statuses, not those of its sub-branches (a 党总支 evaluating its 2 direct members
 * needs 2 evaluators, not 80% of the whole 党总支). 篇五 only: a 非公企业 panel includes a non-party investor, a
 * 社会组织 panel a non-party head. 篇三/四: no size rule; the panel is made of 党员代表、人大代表和群众代表, and each
 * kind the text names is there.
 */
export function auditR10(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const e of roundEvaluations(ctx)) {
    const org = ctx.index.org.get(e.data.org);
    const profile = profileFor(ctx, e.data.org);
    const panel = e.data.panel as Record<string, number | undefined>;
    if (profile.panelShare !== null) {
      const members = (ctx.index.membersOf.get(e.data.org) ?? []).length;
      const need = panelRequirement(members, profile.panelShare);
      const size = Object.values(panel).reduce<number>((a, b) => a + (b ?? 0), 0);
      if (size < need)
        out.push(
          finding(
            'R10',
            e.file,
            'panel',
            `评议主体共 ${size} 人，少于本支部党员数 ${members} 的 ${Math.round(profile.panelShare * 100)}%（至少 ${need} 人）。`,
          ),
        );
    }
    if (profile.panelInvitees) {
      if (org?.data.unitType === 'enterprise' && !panel.investors)
        out.push(finding('R10', e.file, 'panel.investors', '非公企业党组织的群众评议应邀请非中共党员的出资人参加。'));
      if (org?.data.unitType === 'social-org' && !panel.orgHeads)
        out.push(finding('R10', e.file, 'panel.orgHeads', '社会组织党组织的群众评议应邀请非中共党员的负责人参加。'));
    }
    const lacking = profile.panelKinds.filter((k) => !panel[k]);
    if (lacking.length) {
      out.push(
        finding(
          'R10',
          e.file,
          `panel.${lacking[0]}`,
          `年终评议应组织${profile.panelKinds.map((k) => kindLabels[k]).join('、')}参加，本次评议没有${lacking.map((k) => kindLabels[k]).join('、')}。`,
        ),
      );
    }
  }
  return out;
}

const partNames = { self: '自我评价', mass: '群众评议', leader: '领导点评' } as const;

/** R11: each evaluated member has self, mass and leader parts before a final result; under 双向述职, the branch and each active member have reported (述职). */
export function auditR11(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  const settings = ctx.index.model.site.data.evaluation;
  for (const e of roundEvaluations(ctx)) {
    // 篇三/四's year end is a 双向述职: the branch and each member report before they are evaluated (篇三 lines 41, 56).
    const twoWay = profileFor(ctx, e.data.org).twoWayReport;
    if (twoWay && !e.data.orgReport)
      out.push(
        finding(
          'R11',
          e.file,
          'orgReport',
          `${ctx.index.org.get(e.data.org)?.data.name ?? e.data.org}在年终双向述职中没有述职记录（支部述职）。`,
        ),
      );
    e.data.members.forEach((m, i) => {
      const r = combineEvaluation(m, settings);
      const name = ctx.index.member.get(m.member)?.data.name ?? m.member;
      if (r.missing.length) {
        out.push(
          finding('R11', e.file, `members[${i}]`, `${name}缺少${r.missing.map((p) => partNames[p]).join('、')}，不能形成最终评议结果。`),
        );
      }
      // Retired and frail members take part voluntarily: their 述职 is not asked for.
      if (twoWay && !m.report && (ctx.index.member.get(m.member)?.data.status ?? 'active') === 'active') {
        out.push(finding('R11', e.file, `members[${i}].report`, `${name}在年终双向述职中没有述职记录，应先述职、再接受评议。`));
      }
    });
  }
  return out;
}

/**
 * Who may review `subject`: a branch secretary is reviewed by the secretary of
 * the upper org; a member by the branch secretary, or also by their
 * supervising committee member where the profile allows it (篇三/四); an org
 * by its own secretary or the upper org's.
 */
export function allowedReviewers(
  index: ContentIndex,
  subject: string,
  reviewers: Profile['memberReviewers'] = 'secretary-or-supervisor',
): string[] {
  const m = index.member.get(subject);
  if (m) {
    const org = index.org.get(m.data.org);
    const sec = index.secretaryOf(m.data.org);
    if (sec === m.id) return [org?.data.parent && index.secretaryOf(org.data.parent)].filter((x): x is string => Boolean(x));
    return [sec, reviewers === 'secretary-or-supervisor' ? m.data.supervisor : undefined].filter((x): x is string => Boolean(x));
  }
  const o = index.org.get(subject);
  if (!o) return [];
  return [index.secretaryOf(o.id), o.data.parent && index.secretaryOf(o.data.parent)].filter((x): x is string => Boolean(x));
}

/**
 * Whether `text` (an upper reviewer as written, e.g. “县教育局党委书记 王某”) names the person `name`: a word of it is
 * the name, or the name after a title ending in 书记 (“党委书记王某”); “王某某” does not name 王某.
 * @example namesPerson('县教育局党委书记 王建国', '王建国') // true
 */
export function namesPerson(text: string, name: string): boolean {
  return text.split(/[\s，,、：:（）()]+/).some((w) => w === name || (w.endsWith(name) && w.slice(0, -name.length).endsWith('书记')));
}

/**
 * R12: the right person reviews: upper secretary → branch secretary; branch secretary or supervisor → member. The
 * top org and its secretary are reviewed from above the content, by a named upper leader (`outsideReviewer`,
 * `leader.outsideBy`); anyone else reviewed from outside is flagged. Where the profile has the upper secretary review
 * the branch secretary (篇一/二/五), the top org's secretary too is reviewed by the secretary of the upper
 * organisation that `site.json` names (`upperOrg.secretary`), and by no one else.
 */
export function auditR12(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  const nameOf = (id: string) => ctx.index.member.get(id)?.data.name ?? ctx.index.org.get(id)?.data.name ?? id;
  const site = ctx.index.model.site.data;
  const top = site.topOrg;
  const topSecretary = ctx.index.secretaryOf(top);
  const fromAbove = (subject: string) => subject === top || (ctx.index.member.get(subject)?.data.org === top && topSecretary === subject);
  const check = (file: string, field: string, reviewer: string | undefined, outside: string | undefined, subject: string) => {
    const profile = profileOfOwner(ctx, subject);
    if (subject === topSecretary && profile.upperReviewsSecretary) {
      const upper = site.upperOrg?.secretary;
      const who = `上级党组织书记${upper ?? ''}`;
      const lead = `对${nameOf(subject)}（${nameOf(top)}书记）的点评应由${who}作出`;
      if (reviewer !== undefined)
        out.push(finding('R12', file, field, `${lead}，现为${nameOf(reviewer)}；请清空“点评人”，在“上级点评人”中填写上级党组织书记。`));
      else if (!upper) out.push(finding('R12', file, field, `${lead}：请在网站设置的“上级党组织”中写明上级党组织书记的姓名。`));
      else if (!namesPerson(outside ?? '', upper)) out.push(finding('R12', file, field, `${lead}，现为上级点评人“${outside}”。`));
      return;
    }
    // 篇三/四 say who reviews the branch and its members, not who reviews a branch secretary: no rule to break there,
    // but one's own review is never a leader review.
    const member = ctx.index.member.get(subject);
    if (
      member &&
      ctx.index.secretaryOf(member.data.org) === subject &&
      !profile.upperReviewsSecretary &&
      outside === undefined &&
      reviewer !== subject
    )
      return;
    const allowed = allowedReviewers(ctx.index, subject, profile.memberReviewers);
    if (outside !== undefined) {
      if (!fromAbove(subject))
        out.push(
          finding(
            'R12',
            file,
            field,
            `对${nameOf(subject)}的点评应由${allowed.length ? allowed.map(nameOf).join('或') : '本组织的书记'}作出，现为上级点评人“${outside}”；上级点评人只点评最上级组织及其书记。`,
          ),
        );
      return;
    }
    if (reviewer && allowed.length && !allowed.includes(reviewer)) {
      out.push(
        finding('R12', file, field, `对${nameOf(subject)}的点评应由${allowed.map(nameOf).join('或')}作出，现为${nameOf(reviewer)}。`),
      );
    }
  };
  for (const r of ctx.index.model.reviews)
    if (r.round === ctx.index.round?.id && r.data.date <= ctx.asOf)
      check(r.file, r.data.outsideReviewer ? 'outsideReviewer' : 'reviewer', r.data.reviewer, r.data.outsideReviewer, r.data.subject);
  for (const e of roundEvaluations(ctx))
    e.data.members.forEach(
      (m, i) =>
        m.leader &&
        check(e.file, `members[${i}].leader.${m.leader.outsideBy ? 'outsideBy' : 'by'}`, m.leader.by, m.leader.outsideBy, m.member),
    );
  return out;
}

/**
 * R13 (篇一/二/五): passive or refused rectification makes the result 不合格; flags an override that says otherwise.
 * A member whose result is 不合格 gets a 组织处置 (作出相应组织处置): once the round has ended, one without it is flagged.
 */
export function auditR13(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  const settings = ctx.index.model.site.data.evaluation;
  const roundOver = Boolean(ctx.index.round && ctx.index.round.data.end < ctx.asOf);
  for (const e of roundEvaluations(ctx)) {
    const profile = profileFor(ctx, e.data.org);
    if (!profile.rectificationRule) continue;
    e.data.members.forEach((m, i) => {
      const name = ctx.index.member.get(m.member)?.data.name ?? m.member;
      if (rectificationRefused(m) && m.final && m.final.grade !== 'unqualified') {
        const label = grades.find((g) => g.value === m.final?.grade)?.label;
        out.push(
          finding(
            'R13',
            e.file,
            `members[${i}].final.grade`,
            `${name}整改态度消极或拒不整改，应定为不合格；人工改定的“${label}”不予采用。`,
          ),
        );
      }
      if (roundOver && !m.disposal && combineEvaluation(m, settings, profile).grade === 'unqualified') {
        out.push(finding('R13', e.file, `members[${i}].disposal`, `${name}评为不合格，本轮已结束，还没有记录支部作出的组织处置。`));
      }
    });
  }
  return out;
}

/**
 * R14: leader reviews at least every half year: each active member, and each
 * branch, has a review dated inside every finished half-year of the round.
 * The secretary of the top org is reviewed by the upper committee, which is
 * outside this content, so it is not checked here.
 */
export function auditR14(ctx: AuditContext): Problem[] {
  const round = ctx.index.round;
  if (!round) return [];
  const halves = finishedBy(roundHalves(round.data), ctx.asOf);
  const reviewed = new Map<string, string[]>();
  for (const r of ctx.index.model.reviews) {
    if (r.round !== round.id) continue;
    const list = reviewed.get(r.data.subject) ?? [];
    list.push(r.data.date);
    reviewed.set(r.data.subject, list);
  }
  const out: Problem[] = [];
  // Only where the profile reviews every half year (篇三/四); 篇一/二/五 review once, at year end, in the evaluation.
  const halfYearly = (org: string) => profileFor(ctx, org).leaderReviewCadence === 'half-year';
  const subjects = [
    ...ctx.index.model.members
      .filter((m) => m.data.status === 'active' && halfYearly(m.data.org) && allowedReviewers(ctx.index, m.id).length > 0)
      .map((m) => ({ id: m.id, name: m.data.name, file: m.file })),
    ...ctx.index.model.orgs
      .filter((o) => o.data.level === 'branch' && halfYearly(o.id))
      .map((o) => ({ id: o.id, name: o.data.name, file: o.file })),
  ];
  for (const s of subjects) {
    const dates = reviewed.get(s.id) ?? [];
    const missing = halves.filter((h) => !dates.some((d) => d >= h.start && d <= h.end));
    if (missing.length)
      out.push(
        finding(
          'R14',
          s.file,
          '',
          `${s.name}在${missing.map((h) => (h.key === 'h1' ? '上半年' : '下半年')).join('、')}没有领导点评记录（原则上每半年一次）。`,
        ),
      );
  }
  return out;
}

/**
 * R16: every member of an evaluated branch who should be evaluated is in its evaluation: each active member of
 * that org (not of its sub-branches), and each retired or frail member who made an approved pledge this round.
 * Missing members are named.
 */
export function auditR16(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const e of roundEvaluations(ctx)) {
    const listed = new Set(e.data.members.map((m) => m.member));
    const missing = (ctx.index.membersOf.get(e.data.org) ?? []).filter(
      (m) =>
        !listed.has(m.id) &&
        ((m.data.status ?? 'active') === 'active' || (ctx.index.pledgesOf.get(m.id) ?? []).some((p) => isApproved(p.data, ctx.asOf))),
    );
    if (missing.length) {
      const org = ctx.index.org.get(e.data.org)?.data.name ?? e.data.org;
      out.push(finding('R16', e.file, 'members', `${org}的评诺中缺少应参加评议的党员：${missing.map((m) => m.data.name).join('、')}。`));
    }
  }
  return out;
}
