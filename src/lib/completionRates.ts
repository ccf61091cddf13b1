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
 * Monthly trend: for each month of the round up to `asOf`, the completion rate as of that month's last day (or
 * `asOf` in its own month), and the pace: the share of the same pledges that had fallen due by then (dueShare).
 * Pledges approved later than a month end do not count in that month.
 */
export function monthlyTrend(
  pledges: readonly Entry<Pledge>[],
  round: { start: IsoDate; end: IsoDate },
  asOf: IsoDate,
): { month: string; rate: Rate; pace: number }[] {
  return trendPoints(round, asOf).map((pt) => ({
    month: pt.key,
    rate: completionRate(pledges, pt.date),
    pace: dueShare(pledges, pt.date),
  }));
}

/**
 * The pace on a day (应达进度): of the pledges approved by then, the share whose deadline has come (on or before
 * `date`, the deadline day included: by the end of that day it should be done); 0 when there are none. Had every
 * pledge been checked off by its deadline, the completion rate would be at least this (more with pledges done
 * early); a completion rate below it means some pledges whose deadline has come are still open. Pledges due at the year's
 * end keep it low until December, as they should: they are not behind.
 * @example dueShare([due 03-31, due 12-31], '2025-06-30') // 0.5
 */
export function dueShare(pledges: readonly Entry<Pledge>[], date: IsoDate): number {
  let due = 0;
  let total = 0;
  for (const p of pledges) {
    if (fulfilmentOf(p.data, date) === null) continue;
    total += 1;
    if ((p.data.deadline ?? '') <= date) due += 1;
  }
  return total === 0 ? 0 : due / total;
}

/** Completion by org and category: one row per org (sub-orgs rolled up), one rate per category. */
export function categoryMatrix(
  index: ContentIndex,
  orgIds: readonly string[],
  asOf: IsoDate,
): { org: string; cells: { category: string; rate: Rate }[] }[] {
  return orgIds.map((org) => ({ org, cells: completionByCategory(orgPledges(index, org), asOf) }));
}

/** What the published pledges come to as of a date: each approved pledge is exactly one of these. */
export interface DeadlineOutcomes {
  /** Checked off (销号) on or before its deadline, whether that deadline has come yet or not. */
  onTime: number;
  /** Checked off after its deadline. */
  late: number;
  /** 逾期未销号: past its deadline, not checked off, and not under a running rectification. */
  overdue: number;
  /** 限期整改中: past its deadline, not checked off, under a rectification whose own deadline has not passed. */
  rectifying: number;
  /** 尚未到期: within its deadline and not yet checked off (in progress or not started). Not behind. */
  notDue: number;
}

/**
 * How the published pledges stand by their deadlines (the statuses of pledgeStatus.ts, grouped): the five add up
 * to every published pledge. 逾期 has one meaning here and on every page: `overdue`, without those under
 * rectification, which are counted on their own.
 */
export function deadlineOutcomes(pledges: readonly Entry<Pledge>[], asOf: IsoDate): DeadlineOutcomes {
  const out: DeadlineOutcomes = { onTime: 0, late: 0, overdue: 0, rectifying: 0, notDue: 0 };
  for (const p of pledges) {
    const f = fulfilmentOf(p.data, asOf);
    if (f === null) continue;
    if (f === 'closed') out.onTime += 1;
    else if (f === 'closed-late') out.late += 1;
    else if (f === 'overdue') out.overdue += 1;
    else if (f === 'rectifying') out.rectifying += 1;
    else out.notDue += 1;
  }
  return out;
}

/**
 * Completion of what has fallen due, from the outcomes: checked off (on time or late) ÷ checked off, overdue or
 * under rectification. In the middle of a round this is the figure that says whether the branch keeps its word:
 * pledges not yet due and still open (the deadline day itself is within it, as pledgeStatus.ts has it) are in
 * neither part, so they never read as failing, and with `notDue` it splits the published pledges exactly. At the
 * round's end it equals the completion rate.
 */
export function dueRate(o: DeadlineOutcomes): Rate {
  const done = o.onTime + o.late;
  return rate(done, done + o.overdue + o.rectifying);
}
