/** R4, R5, R15: what may be published, and what a check-off must say. */
import { pledgeRef } from '../pledgeRef.ts';
import { isApproved } from '../pledgeStatus.ts';
import type { Problem } from '../problem.ts';
import { finding, type AuditContext } from './auditContext.ts';

/**
 * R4: a published pledge has a category, measures and a deadline inside the
 * round. For approved pledges the schema already refuses the file; here the
 * audit warns early about pledges submitted for review without them.
 */
export function auditR4(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const p of ctx.index.roundPledges) {
    if (p.data.review.status !== 'submitted') continue;
    const lacks = [!p.data.category && '类别', !p.data.measures?.length && '践诺措施', !p.data.deadline && '完成时限'].filter(Boolean);
    if (lacks.length)
      out.push(finding('R4', p.file, '', `“${p.data.title}”已提交审核，但缺少${lacks.join('、')}；补齐后才能审核通过并公开。`));
  }
  return out;
}

/**
 * R5: only approved pledges are public. Flags a pledge that is not approved
 * but marked `visibility: public` (it stays unpublished), and a public check
 * or bulletin that names a pledge which is not approved.
 */
export function auditR5(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const p of ctx.index.roundPledges) {
    if (p.data.visibility === 'public' && !isApproved(p.data, ctx.asOf)) {
      out.push(finding('R5', p.file, 'visibility', `“${p.data.title}”尚未审核通过，标为“公开”也不会发布；审核通过后才公开。`));
    }
  }
  const { checks, bulletins } = ctx.index.model;
  for (const [entries, field] of [
    [checks, 'urged'],
    [bulletins, 'pledges'],
  ] as const) {
    for (const e of entries) {
      if (e.data.visibility && e.data.visibility !== 'public') continue;
      const refs: string[] = (e.data as { urged?: string[]; pledges?: string[] })[field] ?? [];
      refs.forEach((ref, i) => {
        const p = ctx.index.pledge.get(pledgeRef(ref, e.round));
        if (p && !isApproved(p.data, ctx.asOf)) {
          out.push(finding('R5', e.file, `${field}[${i}]`, `公开的材料提到了未审核通过的承诺“${p.data.title}”，发布时将略去该项。`));
        }
      });
    }
  }
  return out;
}

/**
 * R15: a checked-off pledge names who verified it and when (the schema
 * requires both). Flags a pledge verified by its own owner, checked off
 * before it was approved, or dated after the as-of date.
 */
export function auditR15(ctx: AuditContext): Problem[] {
  const out: Problem[] = [];
  for (const p of ctx.index.roundPledges) {
    const c = p.data.closed;
    if (!c?.date) continue;
    if (c.verifiedBy === p.data.owner)
      out.push(finding('R15', p.file, 'closed.verifiedBy', `“${p.data.title}”由承诺人本人核实销号，应由支部核实。`));
    if (p.data.review.date && c.date < p.data.review.date)
      out.push(finding('R15', p.file, 'closed.date', `“${p.data.title}”的销号日期 ${c.date} 早于审核通过日期 ${p.data.review.date}。`));
    if (c.date > ctx.asOf)
      out.push(finding('R15', p.file, 'closed.date', `“${p.data.title}”的销号日期 ${c.date} 晚于数据截止日期 ${ctx.asOf}，暂不计入销号。`));
  }
  return out;
}
