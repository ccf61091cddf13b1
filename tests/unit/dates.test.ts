import { describe, expect, test } from 'vitest';
import {
  addDays,
  daysBetween,
  DEFAULT_TIME_ZONE,
  effectiveAsOf,
  isIsoDate,
  isTimeZone,
  monthEnd,
  monthsOverlapping,
  semestersOverlapping,
  todayIn,
} from '../../src/lib/dates.ts';
import { firstHalfEnd, owedRecordPeriods, roundHalves, roundQuarters, trendPoints } from '../../src/lib/roundPeriods.ts';

describe('isIsoDate', () => {
  test.each([
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-5', false],
    ['2026/01/05', false],
  ])('%s is a real date: %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });
});

describe('monthEnd', () => {
  test.each([
    ['2024-02-10', '2024-02-29'],
    ['2026-02-10', '2026-02-28'],
    ['2026-04-01', '2026-04-30'],
    ['2026-12-31', '2026-12-31'],
  ])('the month of %s ends on %s', (d, end) => {
    expect(monthEnd(d)).toBe(end);
  });
});

describe('addDays and daysBetween', () => {
  test('cross month, year and leap-day ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });
});

describe('monthsOverlapping', () => {
  test('lists every month touched, across a year end', () => {
    expect(monthsOverlapping('2025-11-15', '2026-02-01').map((m) => m.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('semestersOverlapping', () => {
  test('splits the school year at 1 February and 1 September (the autumn term starts in September)', () => {
    expect(semestersOverlapping('2026-03-01', '2026-09-01').map((s) => `${s.key} ${s.start} ${s.end}`)).toEqual([
      '2026-spring 2026-02-01 2026-08-31',
      '2026-autumn 2026-09-01 2027-01-31',
    ]);
  });
});

describe('roundQuarters and roundHalves', () => {
  test('a calendar-year round has the calendar quarters', () => {
    expect(roundQuarters({ start: '2026-01-01', end: '2026-12-31' }).map((q) => `${q.key}:${q.start}..${q.end}`)).toEqual([
      'q1:2026-01-01..2026-03-31',
      'q2:2026-04-01..2026-06-30',
      'q3:2026-07-01..2026-09-30',
      'q4:2026-10-01..2026-12-31',
    ]);
  });

  test('a school-year round counts from its first month', () => {
    const halves = roundHalves({ start: '2025-09-01', end: '2026-08-31' });
    expect(halves.map((h) => `${h.key}:${h.start}..${h.end}`)).toEqual(['h1:2025-09-01..2026-02-28', 'h2:2026-03-01..2026-08-31']);
  });
});

describe('firstHalfEnd', () => {
  // The middle day, start + floor((length - 1) / 2): an odd period's centre day is in its first half.
  test.each([
    ['a 28-day February', '2026-02', '2026-02-01', '2026-02-28', '2026-02-14'],
    ['a 29-day February', '2028-02', '2028-02-01', '2028-02-29', '2028-02-15'],
    ['a 30-day month', '2026-04', '2026-04-01', '2026-04-30', '2026-04-15'],
    ['a 31-day month', '2026-03', '2026-03-01', '2026-03-31', '2026-03-16'],
    ['the autumn semester (153 days)', '2025-autumn', '2025-09-01', '2026-01-31', '2025-11-16'],
    ['the spring semester (212 days)', '2026-spring', '2026-02-01', '2026-08-31', '2026-05-17'],
    ['a leap-year spring semester (213 days)', '2028-spring', '2028-02-01', '2028-08-31', '2028-05-17'],
  ])('%s: the first half ends on its middle day', (_, key, start, end, middle) => {
    expect(firstHalfEnd({ key, start, end })).toBe(middle);
  });
});

describe('owedRecordPeriods', () => {
  const keys = (cadence: 'month' | 'semester', approved: string, asOf: string) =>
    owedRecordPeriods(cadence, approved, asOf).map((p) => p.key);

  test('owes the months after the approval month that have ended', () => {
    expect(keys('month', '2026-02-20', '2026-05-31')).toEqual(['2026-03', '2026-04', '2026-05']);
    expect(keys('month', '2026-02-20', '2026-05-30')).toEqual(['2026-03', '2026-04']);
  });

  test('owes the approval month when approved in its first half, once it has ended', () => {
    expect(keys('month', '2026-04-10', '2026-04-29')).toEqual([]);
    expect(keys('month', '2026-04-10', '2026-04-30')).toEqual(['2026-04']);
    expect(keys('month', '2026-04-20', '2026-05-31')).toEqual(['2026-05']);
  });

  test.each([
    // School-year edges: the last day of a month and of a semester, the first day of the next.
    ['2025-08-31', '2025-10-31', ['2025-09', '2025-10']],
    ['2025-09-01', '2025-10-31', ['2025-09', '2025-10']],
    ['2026-01-31', '2026-03-31', ['2026-02', '2026-03']],
    ['2026-02-01', '2026-03-31', ['2026-02', '2026-03']],
    // The middle day of a 30-day month, then the day after.
    ['2026-04-15', '2026-05-31', ['2026-04', '2026-05']],
    ['2026-04-16', '2026-05-31', ['2026-05']],
    // Of a 31-day month.
    ['2026-03-16', '2026-04-30', ['2026-03', '2026-04']],
    ['2026-03-17', '2026-04-30', ['2026-04']],
    // Of February, in a common and in a leap year.
    ['2026-02-14', '2026-03-31', ['2026-02', '2026-03']],
    ['2026-02-15', '2026-03-31', ['2026-03']],
    ['2028-02-15', '2028-03-31', ['2028-02', '2028-03']],
    ['2028-02-16', '2028-03-31', ['2028-03']],
  ])('每月一记实: approved on %s, owed by %s: %j', (approved, asOf, owed) => {
    expect(keys('month', approved, asOf)).toEqual(owed);
  });

  test.each([
    // 31 August is spring's last day (its second half), 1 September autumn's first.
    ['2025-08-31', '2026-08-31', ['2025-autumn', '2026-spring']],
    ['2025-09-01', '2026-08-31', ['2025-autumn', '2026-spring']],
    ['2025-08-31', '2025-08-31', []],
    // DOMAIN.md's case: approved in September, the autumn record is owed.
    ['2025-09-10', '2026-01-31', ['2025-autumn']],
    ['2025-09-10', '2026-01-30', []],
    // 31 January is autumn's last day, 1 February spring's first.
    ['2026-01-31', '2026-08-31', ['2026-spring']],
    ['2026-02-01', '2026-08-31', ['2026-spring']],
    ['2026-01-31', '2026-01-31', []],
    // The middle day of the autumn semester (153 days), then the day after.
    ['2025-11-16', '2026-01-31', ['2025-autumn']],
    ['2025-11-17', '2026-01-31', []],
    // Of the spring semester, in a common and in a leap year.
    ['2026-05-17', '2026-08-31', ['2026-spring']],
    ['2026-05-18', '2026-08-31', []],
    ['2028-05-17', '2028-08-31', ['2028-spring']],
    ['2028-05-18', '2028-08-31', []],
    ['2026-01-10', '2026-08-31', ['2026-spring']],
  ])('每学期一记账: approved on %s, owed by %s: %j', (approved, asOf, owed) => {
    expect(keys('semester', approved, asOf)).toEqual(owed);
  });

  test('owes nothing before approval', () => {
    expect(owedRecordPeriods('month', '2026-06-01', '2026-05-01')).toEqual([]);
  });
});

describe('trendPoints', () => {
  test('ends at asOf within its month', () => {
    const pts = trendPoints({ start: '2026-01-01', end: '2026-12-31' }, '2026-03-10');
    expect(pts).toEqual([
      { key: '2026-01', date: '2026-01-31' },
      { key: '2026-02', date: '2026-02-28' },
      { key: '2026-03', date: '2026-03-10' },
    ]);
  });

  test('is empty before the round starts', () => {
    expect(trendPoints({ start: '2026-01-01', end: '2026-12-31' }, '2025-12-31')).toEqual([]);
  });
});

describe('todayIn / effectiveAsOf: "today" is the date in the branch\'s time zone', () => {
  const lateUtc = new Date('2026-03-01T23:30:00Z'); // 07:30 on 2 March in Beijing

  test('2026-03-01T23:30:00Z is 2026-03-02 in Asia/Shanghai and still 2026-03-01 in UTC', () => {
    expect(todayIn('Asia/Shanghai', lateUtc)).toBe('2026-03-02');
    expect(todayIn('UTC', lateUtc)).toBe('2026-03-01');
    expect(todayIn('America/New_York', lateUtc)).toBe('2026-03-01');
  });

  test('a build at 07:00 in Beijing counts that day; just before midnight Beijing time counts the same day', () => {
    expect(todayIn('Asia/Shanghai', new Date('2025-12-25T23:00:00Z'))).toBe('2025-12-26');
    expect(todayIn('Asia/Shanghai', new Date('2025-12-26T15:59:59Z'))).toBe('2025-12-26');
    expect(todayIn('Asia/Shanghai', new Date('2025-12-26T16:00:00Z'))).toBe('2025-12-27');
  });

  test('without a zone, today is taken in Asia/Shanghai', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
    expect(todayIn(undefined, lateUtc)).toBe('2026-03-02');
    expect(todayIn('', lateUtc)).toBe('2026-03-02');
    expect(effectiveAsOf({}, lateUtc)).toEqual({ asOf: '2026-03-02', source: 'today', timeZone: 'Asia/Shanghai' });
    expect(effectiveAsOf({ timeZone: 'UTC' }, lateUtc)).toEqual({ asOf: '2026-03-01', source: 'today', timeZone: 'UTC' });
  });

  test('the command line wins over site.json, which wins over today', () => {
    expect(effectiveAsOf({ cli: '2026-01-15', site: '2025-12-26' }, lateUtc)).toMatchObject({ asOf: '2026-01-15', source: 'cli' });
    expect(effectiveAsOf({ site: '2025-12-26' }, lateUtc)).toMatchObject({ asOf: '2025-12-26', source: 'site' });
    expect(effectiveAsOf({ cli: '2026-01-15' }, lateUtc)).toMatchObject({ asOf: '2026-01-15', source: 'cli' });
  });

  test("an unknown time zone is a Chinese error naming site.json's timeZone field", () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Beijing')).toBe(false);
    expect(() => todayIn('Asia/Beijing', lateUtc)).toThrow(/site\.json 的 timeZone（时区）“Asia\/Beijing”不是可用的时区名称/);
    expect(() => effectiveAsOf({ timeZone: 'Mars/Olympus' }, lateUtc)).toThrow(/timeZone/);
  });
});
