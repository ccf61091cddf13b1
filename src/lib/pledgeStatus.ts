/**
 * The state of a pledge as of a date: its review state, and for approved
 * pledges its fulfilment.
 */
import type { IsoDate } from './dates.ts';
import type { Pledge } from './model.ts';

export type ReviewState = Pledge['review']['status'];

/**
 * Fulfilment of an approved pledge as of a date:
 * - `closed` — checked off (销号) on or before its deadline;
 * - `closed-late` — checked off after its deadline;
 * - `rectifying` — past its deadline, not checked off, with a rectification
 *   (督促整改) whose own deadline has not passed (or has none);
 * - `overdue` — past its deadline, not checked off, and not under a running rectification;
 * - `in-progress` — within its deadline with at least one record of progress above 0;
 * - `not-started` — within its deadline with no progress recorded yet.
 * The deadline day itself still counts as within the deadline.
 */
export type Fulfilment = 'not-started' | 'in-progress' | 'overdue' | 'closed' | 'closed-late' | 'rectifying';

export const fulfilments: readonly Fulfilment[] = ['not-started', 'in-progress', 'rectifying', 'overdue', 'closed', 'closed-late'];

/** The symbol shown before a status's words (never colour alone): the same on the pages, the screens and the admin. */
export const statusSymbols: Readonly<Record<Fulfilment, string>> = {
  'not-started': '○',
  'in-progress': '◐',
  rectifying: '△',
  overdue: '!',
  closed: '✓',
  'closed-late': '✓',
};

/** The review state as of `asOf`: an approval dated after `asOf` has not happened yet. */
export function reviewStateOf(p: Pledge, asOf: IsoDate): ReviewState {
  const r = p.review;
  if (r.status === 'approved' && r.date && r.date > asOf) return 'submitted';
  return r.status;
}

/** True when the pledge is approved as of `asOf` (only such pledges are ever public). */
export function isApproved(p: Pledge, asOf: IsoDate): boolean {
  return reviewStateOf(p, asOf) === 'approved';
}

/** True when checked off (销号) on or before `asOf`. */
export function isClosed(p: Pledge, asOf: IsoDate): boolean {
  return Boolean(p.closed?.date && p.closed.date <= asOf);
}

/** The latest ledger record dated on or before `asOf`. */
export function latestRecord(p: Pledge, asOf: IsoDate): NonNullable<Pledge['records']>[number] | undefined {
  let last;
  for (const r of p.records ?? []) if (r.date <= asOf && (!last || r.date >= last.date)) last = r;
  return last;
}

/** Fulfilment as of `asOf`, or `null` for a pledge that is not approved. */
export function fulfilmentOf(p: Pledge, asOf: IsoDate): Fulfilment | null {
  if (!isApproved(p, asOf) || !p.deadline) return null;
  if (isClosed(p, asOf)) return (p.closed?.date ?? '') <= p.deadline ? 'closed' : 'closed-late';
  if (asOf > p.deadline) {
    const rect = p.rectification;
    if (rect?.note && (!rect.deadline || asOf <= rect.deadline)) return 'rectifying';
    return 'overdue';
  }
  return (latestRecord(p, asOf)?.progress ?? 0) > 0 ? 'in-progress' : 'not-started';
}

/** True for the two checked-off states. */
export function isDone(f: Fulfilment | null): boolean {
  return f === 'closed' || f === 'closed-late';
}
