/**
 * A pledge's course as its content tells it, in date order up to the as-of date: approved (with the reviewer),
 * each ledger record, checked off (销号, with the verifier), and the urging to rectify (督促整改) — from the
 * quarterly checks that urged it, where the scope shows checks, and the pledge's own rectification note.
 */
import type { IsoDate } from './dates.ts';
import type { Pledge } from './model.ts';

export type TimelineEvent =
  | { kind: 'approved'; date: IsoDate; by?: string }
  | { kind: 'record'; date: IsoDate; note: string; progress: number }
  | { kind: 'closed'; date: IsoDate; by?: string; note?: string }
  | { kind: 'urged'; date: IsoDate; upper?: true }
  /** The rectification note has no date of its own; it comes last, with its deadline. */
  | { kind: 'rectification'; note: string; deadline?: IsoDate };

// On one day: approval first, then records, then urging, then 销号.
const ORDER: Record<TimelineEvent['kind'], number> = { approved: 0, record: 1, urged: 2, closed: 3, rectification: 4 };

/**
 * @param urgedOn dates of the branch's checks that urged this pledge (none in the public scope).
 * @param upperUrgedOn dates of the upper organisation's checks (督查、随机检查) that urged it.
 * @example pledgeTimeline({ review: { status: 'approved', by: 'm1', date: '2025-02-20' }, records: [] , …}, '2025-12-26')
 *   // → [{ kind: 'approved', date: '2025-02-20', by: 'm1' }]
 */
export function pledgeTimeline(
  p: Pick<Pledge, 'review' | 'records' | 'closed' | 'rectification'>,
  asOf: IsoDate,
  urgedOn: IsoDate[] = [],
  upperUrgedOn: IsoDate[] = [],
): TimelineEvent[] {
  const dated: TimelineEvent[] = [];
  if (p.review.status === 'approved' && p.review.date)
    dated.push({ kind: 'approved', date: p.review.date, by: p.review.by ?? p.review.outsideBy });
  for (const r of p.records ?? []) dated.push({ kind: 'record', date: r.date, note: r.note, progress: r.progress });
  for (const date of [...new Set(urgedOn)]) dated.push({ kind: 'urged', date });
  for (const date of [...new Set(upperUrgedOn)]) dated.push({ kind: 'urged', date, upper: true });
  if (p.closed?.date) dated.push({ kind: 'closed', date: p.closed.date, by: p.closed.verifiedBy, note: p.closed.note });
  const events = dated
    .filter((e) => 'date' in e && e.date <= asOf)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => {
      const [x, y] = [a.e as { date: string }, b.e as { date: string }];
      return x.date < y.date ? -1 : x.date > y.date ? 1 : ORDER[a.e.kind] - ORDER[b.e.kind] || a.i - b.i;
    })
    .map(({ e }) => e);
  if (p.rectification?.note) events.push({ kind: 'rectification', note: p.rectification.note, deadline: p.rectification.deadline });
  return events;
}
