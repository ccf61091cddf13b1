/**
 * Completion rates. All rates count approved pledges only (as of the date);
 * drafts and returned pledges never enter a numerator or a denominator.
 * Retired and frail members pledge voluntarily: the pledges they make count
 * exactly like anyone's, and a member who made none adds nothing to either
 * side, so voluntary members never pull a rate down by not pledging.
 */
import type { ContentIndex } from './contentIndex.ts';
import type { IsoDate } from './dates.ts';
import type { Entry, Pledge } from './model.ts';
import { fulfilmentOf, isDone } from './pledgeStatus.ts';
import { trendPoints } from './roundPeriods.ts';
import { daysBetween } from './dates.ts';
import { categories } from '../schemas/options.ts';

/** A rate with its parts; `rate` is `null` when there is nothing to count. */
export interface Rate {
  done: number;
  total: number;
  rate: number | null;
}

function rate(done: number, total: number): Rate {
  return { done, total, rate: total === 0 ? null : done / total };
}

/**
 * Completion rate: numerator = approved pledges checked off (销号, on time or
 * late) on or before `asOf`; denominator = all approved pledges.
 */
export function completionRate(pledges: readonly Entry<Pledge>[], asOf: IsoDate): Rate {
  let done = 0;
  let total = 0;
  for (const p of pledges) {
    const f = fulfilmentOf(p.data, asOf);
    if (f === null) continue;
    total += 1;
    if (isDone(f)) done += 1;
  }
  return rate(done, total);
}

/**
 * On-time rate: denominator = approved pledges that are due (deadline on or
 * before `asOf`) or already checked off; numerator = those checked off on or
 * before their deadline. Pledges not yet due and not closed are not counted.
 */
export function onTimeRate(pledges: readonly Entry<Pledge>[], asOf: IsoDate): Rate {
  let done = 0;
  let total = 0;
  for (const p of pledges) {
    const f = fulfilmentOf(p.data, asOf);
    if (f === null) continue;
    const due = (p.data.deadline ?? '') <= asOf;
    if (!due && !isDone(f)) continue;
    total += 1;
    if (f === 'closed') done += 1;
  }
  return rate(done, total);
}

/** Completion rate per category (学习, 工作, 自律, 服务), in that order. */
export function completionByCategory(pledges: readonly Entry<Pledge>[], asOf: IsoDate): { category: string; rate: Rate }[] {
  return categories.map((c) => ({
    category: c.value,
    rate: completionRate(
      pledges.filter((p) => p.data.category === c.value),
      asOf,
    ),
  }));
}

/** The current round's pledges of a member. */
export function memberPledges(index: ContentIndex, memberId: string): Entry<Pledge>[] {
  return index.pledgesOf.get(memberId) ?? [];
}

/**
 * The current round's pledges counted for an org: those of every member of
 * the org and its sub-orgs, plus the organisation pledges of the org and its
 * sub-orgs (rolled up).
 */
export function orgPledges(index: ContentIndex, orgId: string): Entry<Pledge>[] {
  const orgs = index.subtree(orgId);
  return [...index.membersUnder(orgId).flatMap((m) => memberPledges(index, m.id)), ...orgs.flatMap((o) => index.pledgesOf.get(o) ?? [])];
}

/** Completion rate of an org, sub-orgs rolled up. */
export function orgCompletion(index: ContentIndex, orgId: string, asOf: IsoDate): Rate {
  return completionRate(orgPledges(index, orgId), asOf);
}

/** Completion rate of a member. */
export function memberCompletion(index: ContentIndex, memberId: string, asOf: IsoDate): Rate {
  return completionRate(memberPledges(index, memberId), asOf);
}

/**
 * Monthly trend: for each month of the round up to `asOf`, the completion
 * rate as of that month's last day (or `asOf` in its own month). Pledges
 * approved later than a month end do not count in that month.
 */
export function monthlyTrend(
  pledges: readonly Entry<Pledge>[],
  round: { start: IsoDate; end: IsoDate },
  asOf: IsoDate,
): { month: string; rate: Rate; pace: number }[] {
  return trendPoints(round, asOf).map((pt) => ({
    month: pt.key,
    rate: completionRate(pledges, pt.date),
    pace: expectedPace(round, pt.date),
  }));
}

/**
 * The expected pace on a day: the share of the round elapsed by its end (1 January of a calendar round → 1/365;
 * the last day → 1). Beside the actual completion it shows whether the branch keeps up with its own year.
 * @example expectedPace({ start: '2025-01-01', end: '2025-12-31' }, '2025-07-01') // 182 / 365
 */
export function expectedPace(round: { start: IsoDate; end: IsoDate }, date: IsoDate): number {
  const total = daysBetween(round.start, round.end) + 1;
  const elapsed = Math.min(total, Math.max(0, daysBetween(round.start, date) + 1));
  return elapsed / total;
}

/** Completion by org and category: one row per org (sub-orgs rolled up), one rate per category. */
export function categoryMatrix(
  index: ContentIndex,
  orgIds: readonly string[],
  asOf: IsoDate,
): { org: string; cells: { category: string; rate: Rate }[] }[] {
  return orgIds.map((org) => ({ org, cells: completionByCategory(orgPledges(index, org), asOf) }));
}

/**
 * How the pledges that were due stand: checked off on time, checked off late, still open past the deadline
 * (under rectification or not), beside those not yet due. The four add up to every published pledge.
 */
export function deadlineOutcomes(
  pledges: readonly Entry<Pledge>[],
  asOf: IsoDate,
): { onTime: number; late: number; overdue: number; notDue: number } {
  const out = { onTime: 0, late: 0, overdue: 0, notDue: 0 };
  for (const p of pledges) {
    const f = fulfilmentOf(p.data, asOf);
    if (f === null) continue;
    if (f === 'closed') out.onTime += 1;
    else if (f === 'closed-late') out.late += 1;
    else if (f === 'overdue' || f === 'rectifying') out.overdue += 1;
    else out.notDue += 1;
  }
  return out;
}
