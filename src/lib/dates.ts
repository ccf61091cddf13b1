/**
 * Calendar helpers over ISO dates (`YYYY-MM-DD` strings).
 *
 * The whole domain works on plain date strings: they compare correctly as
 * strings, carry no time zone and survive JSON. Nothing here reads the clock.
 */

export { daysInMonth, isIsoDate, isLeapYear, isTimeZone, type IsoDate, toIsoDate } from '../schemas/calendar.ts';
import { daysInMonth, isTimeZone, toIsoDate, type IsoDate } from '../schemas/calendar.ts';

/** Year, month (1–12) and day of an ISO date. */
export function parts(date: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Builds an ISO date from its parts. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The last day of the month that `date` falls in. */
export function monthEnd(date: IsoDate): IsoDate {
  const { year, month } = parts(date);
  return isoDate(year, month, daysInMonth(year, month));
}

/** `YYYY-MM` of a date. */
export function monthKey(date: IsoDate): string {
  return date.slice(0, 7);
}

/** Adds whole days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parts(date);
  return toIsoDate(new Date(Date.UTC(year, month - 1, day + days)));
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const pa = parts(a);
  const pb = parts(b);
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000);
}

/** A closed date range, both ends inclusive. */
export interface Period {
  key: string;
  start: IsoDate;
  end: IsoDate;
}

/** Every calendar month overlapping `[from, to]`, in order, keyed `YYYY-MM`. */
export function monthsOverlapping(from: IsoDate, to: IsoDate): Period[] {
  const out: Period[] = [];
  let { year, month } = parts(from);
  const last = monthKey(to);
  for (;;) {
    const start = isoDate(year, month, 1);
    if (monthKey(start) > last) break;
    out.push({ key: monthKey(start), start, end: monthEnd(start) });
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** The quarters (q1–q4) of calendar year `year`. */
export function quartersOf(year: number): Period[] {
  return [1, 2, 3, 4].map((q) => ({
    key: `q${q}`,
    start: isoDate(year, q * 3 - 2, 1),
    end: monthEnd(isoDate(year, q * 3, 1)),
  }));
}

/** The half-years (h1, h2) of calendar year `year`. */
export function halvesOf(year: number): Period[] {
  return [
    { key: 'h1', start: isoDate(year, 1, 1), end: isoDate(year, 6, 30) },
    { key: 'h2', start: isoDate(year, 7, 1), end: isoDate(year, 12, 31) },
  ];
}

/**
 * School semesters overlapping `[from, to]`, keyed `2025-autumn`, `2026-spring`:
 * the autumn semester runs 1 September – 31 January, the spring semester
 * 1 February – 31 August, which is how the school variants (篇一/二,
 * 每学期一记账) divide a year (DOMAIN.md, "Profiles").
 */
export function semestersOverlapping(from: IsoDate, to: IsoDate): Period[] {
  const out: Period[] = [];
  const first = parts(from).year - 1;
  const last = parts(to).year;
  for (let y = first; y <= last; y++) {
    // The school calendar: the autumn semester from 1 September to the end of January, spring from 1 February
    // to the end of August (summer holidays included, so every day belongs to a semester).
    out.push({ key: `${y}-spring`, start: isoDate(y, 2, 1), end: isoDate(y, 8, 31) });
    out.push({ key: `${y}-autumn`, start: isoDate(y, 9, 1), end: isoDate(y + 1, 1, 31) });
  }
  return out.filter((p) => p.end >= from && p.start <= to);
}

/** True when `date` lies in `[start, end]`. */
export function within(date: IsoDate, start: IsoDate, end: IsoDate): boolean {
  return date >= start && date <= end;
}

/** The time zone "today" is taken in when `site.json` names none: Beijing time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The calendar date at instant `now` in `timeZone`, the site's (`site.json`'s
 * `timeZone`; none or empty is Asia/Shanghai): 2026-03-01T23:30:00Z is
 * 2026-03-02 in Asia/Shanghai. The one place an instant becomes a date: "today",
 * the build's date, the date of a commit. An unknown zone is an error naming
 * `site.json`'s `timeZone` field, where the zone comes from.
 * @example todayIn(site.timeZone, new Date())
 */
export function todayIn(zone: string | undefined, now: Date): IsoDate {
  const timeZone = zone || DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) {
    throw new Error(`site.json 的 timeZone（时区）“${timeZone}”不是可用的时区名称，应写成 Asia/Shanghai 这样的名称。`);
  }
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Where the as-of date came from: the command line, `site.json`'s `asOf`, or today's date in the branch's time zone. */
export type AsOfSource = 'cli' | 'site' | 'today';

/**
 * The date every count is taken at: `--as-of` on the command line wins over
 * `site.json`'s `asOf`, which wins over today in `timeZone` (default
 * Asia/Shanghai) at instant `now`.
 */
export function effectiveAsOf(
  o: { cli?: IsoDate; site?: IsoDate; timeZone?: string },
  now: Date,
): { asOf: IsoDate; source: AsOfSource; timeZone: string } {
  const timeZone = o.timeZone || DEFAULT_TIME_ZONE;
  if (o.cli) return { asOf: o.cli, source: 'cli', timeZone };
  if (o.site) return { asOf: o.site, source: 'site', timeZone };
  return { asOf: todayIn(timeZone, now), source: 'today', timeZone };
}
