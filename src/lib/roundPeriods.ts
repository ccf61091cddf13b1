/**
 * The periods of a round: months, quarters and half-years counted from the
 * round's first month (a calendar-year round gives the calendar quarters), and
 * the record periods of the cadence in `site.json`.
 */
import { addDays, daysBetween, monthsOverlapping, semestersOverlapping, type IsoDate, type Period } from './dates.ts';

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
 * The last day of a period's first half: its middle day, `start + floor((length - 1) / 2)` with `length` its
 * number of days. An even period splits exactly (a 30-day month: 1–15; February: 1–14); the centre day of an odd
 * one belongs to the first half (a 31-day month: 1–16; 29 February: 1–15; the autumn semester, 1 September –
 * 31 January, 153 days: 1 September – 16 November; the spring semester, 1 February – 31 August, 212 or 213 days:
 * 1 February – 17 May).
 * @example firstHalfEnd({ key: '2026-04', start: '2026-04-01', end: '2026-04-30' }) // '2026-04-15'
 */
export function firstHalfEnd(p: Period): IsoDate {
  return addDays(p.start, Math.floor(daysBetween(p.start, p.end) / 2));
}

/**
 * The ledger periods (每月一记实 or 每学期一记账) a pledge approved on
 * `approved` owes a record for by `asOf` (R6): every period that has ended by
 * `asOf` and starts after the approval day, plus the period the pledge was
 * approved in when approved on or before that period's middle day
 * (`firstHalfEnd`). Approved on 10 April, it owes April; on 20 April, May
 * onward; on 10 September under 每学期一记账, the autumn semester.
 * Both cases are one test: the approval falls on or before the period's first
 * half's last day, since a period starting after the approval always does.
 */
export function owedRecordPeriods(cadence: 'month' | 'semester', approved: IsoDate, asOf: IsoDate): Period[] {
  if (asOf < approved) return [];
  const all = cadence === 'month' ? monthsOverlapping(approved, asOf) : semestersOverlapping(approved, asOf);
  return all.filter((p) => p.end <= asOf && approved <= firstHalfEnd(p));
}

/** The month ends from the round's first month to `asOf` (inclusive of the month `asOf` is in, capped at `asOf`). */
export function trendPoints(round: RoundDates, asOf: IsoDate): { key: string; date: IsoDate }[] {
  const last = asOf < round.end ? asOf : round.end;
  if (last < round.start) return [];
  return monthsOverlapping(round.start, last).map((m) => ({ key: m.key, date: m.end > last ? last : m.end }));
}
