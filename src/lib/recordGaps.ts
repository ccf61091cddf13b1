/**
 * R6's one definition of what a pledge owes: the ledger periods (每月一记实 or
 * 每学期一记账) it owes a record for by a date and has none in. The check
 * (src/lib/audit/ledgerRules.ts), the admin's 本月记实 page and the spreadsheet
 * export all ask this function, so they can never disagree.
 */
import { monthsOverlapping, semestersOverlapping, type IsoDate, type Period } from './dates.ts';
import { isApproved, isClosed } from './pledgeStatus.ts';
import type { Pledge } from './model.ts';
import { owedRecordPeriods } from './roundPeriods.ts';

export type RecordCadence = 'month' | 'semester';

/** The ledger periods of `cadence` owed by `asOf` that have no record dated inside them; empty for a pledge not open (not approved, or checked off) as of `asOf`. */
export function recordGaps(p: Pledge, cadence: RecordCadence, asOf: IsoDate): Period[] {
  if (!isApproved(p, asOf) || isClosed(p, asOf) || !p.review.date) return [];
  const dates = (p.records ?? []).map((r) => r.date);
  return owedRecordPeriods(cadence, p.review.date, asOf).filter((per) => !dates.some((x) => x >= per.start && x <= per.end));
}

/** The period of `cadence` that `date` falls in (`2025-12`, or `2025-autumn`). */
export function ledgerPeriodOf(cadence: RecordCadence, date: IsoDate): Period {
  const [hit] = cadence === 'month' ? monthsOverlapping(date, date) : semestersOverlapping(date, date);
  return hit;
}

/** The period of `cadence` with key `key` (`2025-12`, `2025-autumn`), or undefined when the key is not one. */
export function ledgerPeriodByKey(cadence: RecordCadence, key: string): Period | undefined {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  const semester = /^(\d{4})-(spring|autumn)$/.exec(key);
  if (cadence === 'month' && month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return ledgerPeriodOf('month', `${key}-01`);
  if (cadence === 'semester' && semester) return ledgerPeriodOf('semester', `${semester[1]}-${semester[2] === 'spring' ? '03' : '10'}-01`);
  return undefined;
}

/**
 * Whether the pledge owes a record for `period`: R6, run on the period's last day, lists this period among the
 * pledge's gaps. A record dated inside the period pays it.
 */
export function owesRecordFor(p: Pledge, cadence: RecordCadence, period: Period): boolean {
  return recordGaps(p, cadence, period.end).some((g) => g.key === period.key);
}
