/**
 * The pledges that owe a ledger record for one period (本月记实, and the
 * spreadsheet export): exactly those R6 would list with that period among
 * their gaps once the period has ended (src/lib/recordGaps.ts), from their
 * approval day on. For the period under way these include the pledges
 * approved in its first half.
 */
import type { IsoDate, Period } from './dates.ts';
import type { Entry, Pledge } from './model.ts';
import { isApproved } from './pledgeStatus.ts';
import { owesRecordFor, type RecordCadence } from './recordGaps.ts';

/** A period key names its cadence: `2025-12` is a month, `2025-autumn` a semester. */
export function cadenceOfKey(key: string): RecordCadence {
  return /^\d{4}-\d{2}$/.test(key) ? 'month' : 'semester';
}

/**
 * The pledges, in the given order, whose owner keeps the period's cadence, that owe a record for `period` and that
 * are approved by `today`. `cadenceOf` gives the cadence of a pledge's owner (its branch's profile).
 * A pledge approved in the first half of the period under way owes it (R6), but one whose approval is dated after
 * `today` has no ledger yet: it is listed from its approval day on.
 */
export function owedPledges<T extends Pick<Entry<Pledge>, 'data'>>(
  pledges: readonly T[],
  cadenceOf: (owner: string) => RecordCadence,
  period: Period,
  today: IsoDate,
): T[] {
  const cadence = cadenceOfKey(period.key);
  return pledges.filter((p) => cadenceOf(p.data.owner) === cadence && isApproved(p.data, today) && owesRecordFor(p.data, cadence, period));
}
