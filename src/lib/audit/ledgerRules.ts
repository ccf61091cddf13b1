/** R6–R9: the ledger rhythm — monthly records, quarterly checks, half-yearly bulletins — and overdue pledges. */
import { fulfilmentOf } from '../pledgeStatus.ts';
import type { Problem } from '../problem.ts';
import { finishedBy, roundHalves, roundQuarters } from '../roundPeriods.ts';
import { recordGaps } from '../recordGaps.ts';
import { finding, profileFor, profileOfOwner, type AuditContext } from './auditContext.ts';
import { roundSemesters } from '../branchRanking.ts';

/**
 * R6: an open pledge has a ledger record for every period from its approval
 * to the as-of date, at the profile's cadence: 每月一记实 (篇三/四/五) or
 * 每学期一记账 (篇一/二). Lists the missing periods.
 */
export function auditR6(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const p of ctx.index.roundPledges) {
    const d = p.data;
    const cadence = profileOfOwner(ctx, d.owner).recordCadence;
    const gaps = recordGaps(d, cadence, ctx.asOf);
    if (gaps.length) {
      const unit = cadence === 'month' ? '月份' : '学期';
      out.push(finding('R6', p.file, 'records', `“${d.title}”缺少以下${unit}的践诺记实：${gaps.map((g) => g.key).join('、')}。`));
    }
  }
  return out;
}

/** The branches that keep a ledger: orgs at branch level, and any org that owns pledges. */
function ledgerOrgs(ctx: AuditContext) {
  return ctx.index.model.orgs.filter((o) => o.data.level === 'branch' || ctx.index.pledgesOf.has(o.id));
}

/** R7: a branch whose profile has checks (篇三/四/五) has one for every finished quarter of the round (每季度一检查). */
export function auditR7(ctx: AuditContext): Problem[] {
  const round = ctx.index.round;
  if (!round) return [];
  const out: Problem[] = [];
  const quarters = finishedBy(roundQuarters(round.data), ctx.asOf);
  for (const o of ledgerOrgs(ctx)) {
    if (profileFor(ctx, o.id).checkCadence === 'none') continue;
    // The branch's own check (每季度一检查/调度); an upper organisation's 督查 does not stand in for it.
    const done = new Set(
      ctx.index.model.checks.filter((c) => c.round === round.id && c.data.org === o.id && c.data.by !== 'upper').map((c) => c.data.quarter),
    );
    const missing = quarters.filter((q) => !done.has(q.key as never));
    if (missing.length)
      out.push(
        finding(
          'R7',
          o.file,
          '',
          `${o.data.name}缺少以下季度的检查记录：${missing.map((q) => `${q.key}（${q.start} 至 ${q.end}）`).join('、')}。`,
        ),
      );
  }
  return out;
}

/**
 * R8: a branch has a bulletin for every finished period of its profile: each
 * half-year (每半年一通报, 篇三/四/五) or each semester (通报表扬, 篇一/二);
 * where the profile says so (篇四), an org that made organisation pledges also
 * one for every finished quarter (its own pledges), besides the half-years. A bulletin covers the period it names; for
 * semesters, a 春季学期/秋季学期 bulletin dated from the semester's start.
 */
export function auditR8(ctx: AuditContext): Problem[] {
  const round = ctx.index.round;
  if (!round) return [];
  const out: Problem[] = [];
  const halves = finishedBy(roundHalves(round.data), ctx.asOf);
  const quarters = finishedBy(roundQuarters(round.data), ctx.asOf);
  const semesters = finishedBy(roundSemesters(round.data), ctx.asOf);
  for (const o of ledgerOrgs(ctx)) {
    const profile = profileFor(ctx, o.id);
    const bulletins = ctx.index.model.bulletins.filter((b) => b.round === round.id && b.data.org === o.id);
    const periods = new Set<string>(bulletins.map((b) => b.data.period));
    // Members' fulfilment at the profile's cadence; 篇四 adds the org's own pledges each quarter (both are owed).
    const missing =
      profile.bulletinCadence === 'semester'
        ? semesters
            .filter((s) => !bulletins.some((b) => s.key.endsWith(b.data.period) && b.data.date >= s.start))
            .map((s) => `${s.year}年${s.key.endsWith('autumn') ? '秋季学期' : '春季学期'}`)
        : halves.filter((p) => !periods.has(p.key)).map((p) => p.key);
    if (profile.orgBulletinCadence === 'quarter' && ctx.index.pledgesOf.has(o.id))
      missing.unshift(...quarters.filter((p) => !periods.has(p.key)).map((p) => p.key));
    if (missing.length) out.push(finding('R8', o.file, '', `${o.data.name}缺少以下期间的通报：${missing.join('、')}。`));
  }
  return out;
}

/**
 * R9: a pledge past its deadline and not checked off is overdue; an overdue
 * pledge without a rectification note, or whose rectification deadline has
 * passed, is flagged.
 */
export function auditR9(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const p of ctx.index.roundPledges) {
    if (fulfilmentOf(p.data, ctx.asOf) !== 'overdue') continue;
    const rect = p.data.rectification;
    const msg = rect?.note
      ? `“${p.data.title}”已逾期，整改期限 ${rect.deadline} 也已过，仍未销号。`
      : `“${p.data.title}”已过完成时限 ${p.data.deadline}，未销号，也没有督促整改记录。`;
    out.push(finding('R9', p.file, rect?.note ? 'rectification.deadline' : 'rectification', msg));
  }
  return out;
}
