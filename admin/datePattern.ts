/**
 * A regular expression that accepts exactly the `YYYY-MM-DD` dates inside
 * some date ranges. Decap can only check a field against a pattern, so this
 * is how the CMS refuses a pledge deadline outside its round.
 */
import { daysInMonth, monthsOverlapping, parts } from '../src/lib/dates.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** Days `from`–`to` of a month as an alternation: `(0[1-9]|1[0-5])` style, spelled out. */
function dayAlternation(from: number, to: number): string {
  return `(?:${Array.from({ length: to - from + 1 }, (_, i) => two(from + i)).join('|')})`;
}

/** The pattern source (anchored) for dates within any of `ranges` (both ends inclusive). */
export function datePattern(ranges: { start: string; end: string }[]): string {
  const parts_: string[] = [];
  for (const r of ranges) {
    for (const m of monthsOverlapping(r.start, r.end)) {
      const { year, month } = parts(m.start);
      const first = m.start < r.start ? parts(r.start).day : 1;
      const last = m.end > r.end ? parts(r.end).day : daysInMonth(year, month);
      parts_.push(`${year}-${two(month)}-${dayAlternation(first, last)}`);
    }
  }
  return `^(?:${parts_.join('|')})$`;
}
