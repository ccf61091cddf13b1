/**
 * The periods of a round: months, quarters and half-years counted from the
 * round's first month (a calendar-year round gives the calendar quarters), and
 * the record periods of the cadence in `site.json`.
 */
import { isoDate, monthEnd, monthsOverlapping, parts, semestersOverlapping, type IsoDate, type Period } from './dates.ts';

export interface RoundDates {
  start: IsoDate;
  end: IsoDate;
}

function blocks(round: RoundDates, size: number, prefix: string): Period[] {
  const months = monthsOverlapping(round.start, round.end);
  const out: Period[] = [];
  for (let i = 0; i * size < months.length; i++) {
    const first = months[i * size];
    const last = months[Math.min(months.length, (i + 1) * size) - 1];
    out.push({ key: `${prefix}${i + 1}`, start: first.start, end: last.end > round.end ? round.end : last.end });
  }
  return out;
}

/** q1…q4 of the round: three-month blocks from its first month. */
export function roundQuarters(round: RoundDates): Period[] {
  return blocks(round, 3, 'q');
}

/** h1, h2 of the round: six-month blocks from its first month. */
export function roundHalves(round: RoundDates): Period[] {
  return blocks(round, 6, 'h');
}

/** Periods that have ended on or before `asOf`. */
export function finishedBy<T extends Period>(periods: T[], asOf: IsoDate): T[] {
  return periods.filter((p) => p.end <= asOf);
}

/**
 * The ledger periods (每月一记实 or 每学期一记账) a pledge approved on
 * `approved` owes a record for by `asOf`: every period that starts after the
 * approval day and has ended by `asOf`. The period the pledge was approved in
 * is not owed, since it may have only days left.
 */
export function owedRecordPeriods(cadence: 'month' | 'semester', approved: IsoDate, asOf: IsoDate): Period[] {
  if (asOf < approved) return [];
  const all = cadence === 'month' ? monthsOverlapping(approved, asOf) : semestersOverlapping(approved, asOf);
  return all.filter((p) => p.start > approved && p.end <= asOf);
}

/** The month ends from the round's first month to `asOf` (inclusive of the month `asOf` is in, capped at `asOf`). */
export function trendPoints(round: RoundDates, asOf: IsoDate): { key: string; date: IsoDate }[] {
  const last = asOf < round.end ? asOf : round.end;
  if (last < round.start) return [];
  return monthsOverlapping(round.start, last).map((m) => ({ key: m.key, date: m.end > last ? last : m.end }));
}

