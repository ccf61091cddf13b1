import { describe, expect, test } from 'vitest';
import {
  burnInShift,
  DEFAULT_POLL,
  DEFAULT_SECONDS,
  isDimmed,
  MAX_RETRY,
  minutesOf,
  retryDelay,
  rotation,
  screenOptions,
  slideIds,
  slideSeconds,
  contactStamp,
} from '../../src/lib/screenOptions.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { readFileSync } from 'node:fs';

describe('screenOptions (the query string of a screen)', () => {
  test('reads interval, slides, org and poll', () => {
    expect(screenOptions('?interval=2&slides=orgs,overall&org=jiaoshi-yi&poll=3')).toEqual({
      interval: 2,
      slides: ['orgs', 'overall'],
      org: 'jiaoshi-yi',
      poll: 3,
    });
  });
  test('defaults: no interval override, all slides, no org, poll every 5 minutes', () => {
    expect(screenOptions('')).toEqual({ interval: undefined, slides: undefined, org: undefined, poll: DEFAULT_POLL });
    expect(DEFAULT_POLL).toBe(300);
  });
  test('ignores what it cannot use: unknown slides, bad numbers, an org id that is no id', () => {
    const o = screenOptions('?interval=abc&slides=nope,due,,x&org=../x&poll=0');
    expect(o).toEqual({ interval: undefined, slides: ['due'], org: undefined, poll: DEFAULT_POLL });
    expect(screenOptions('?slides=nope').slides).toBeUndefined();
    expect(screenOptions('?interval=-5').interval).toBeUndefined();
  });
});

describe('slideSeconds', () => {
  test('the query interval wins over site.json, site.json per slide over its default, and 15 s when nothing is set', () => {
    const settings = { seconds: 20, durations: { orgs: 30 } };
    expect(slideSeconds('orgs', settings, { interval: 2 })).toBe(2);
    expect(slideSeconds('orgs', settings, {})).toBe(30);
    expect(slideSeconds('overall', settings, {})).toBe(20);
    expect(slideSeconds('overall', {}, {})).toBe(DEFAULT_SECONDS);
    expect(DEFAULT_SECONDS).toBe(15);
  });
});

describe('rotation', () => {
  const available = ['overall', 'categories', 'due'] as const;
  test('all slides the page has, or those ?slides= names in its order', () => {
    expect(rotation(available, {})).toEqual(['overall', 'categories', 'due']);
    expect(rotation(available, { slides: ['due', 'overall'] })).toEqual(['due', 'overall']);
  });
  test('slides the page lacks are skipped; naming none it has shows them all', () => {
    expect(rotation(available, { slides: ['honours', 'due'] })).toEqual(['due']);
    expect(rotation(available, { slides: ['honours'] })).toEqual(['overall', 'categories', 'due']);
  });
});

describe('night dimming', () => {
  test('a window within one day', () => {
    const w = { dimFrom: '12:00', dimTo: '13:30' };
    expect(isDimmed(minutesOf('11:59')!, w)).toBe(false);
    expect(isDimmed(minutesOf('12:00')!, w)).toBe(true);
    expect(isDimmed(minutesOf('13:29')!, w)).toBe(true);
    expect(isDimmed(minutesOf('13:30')!, w)).toBe(false);
  });
  test('a window over midnight', () => {
    const w = { dimFrom: '22:00', dimTo: '06:30' };
    expect(isDimmed(minutesOf('23:15')!, w)).toBe(true);
    expect(isDimmed(minutesOf('03:00')!, w)).toBe(true);
    expect(isDimmed(minutesOf('06:30')!, w)).toBe(false);
    expect(isDimmed(minutesOf('21:59')!, w)).toBe(false);
  });
  test('no window, half a window or a malformed time: never dimmed', () => {
    expect(isDimmed(0, {})).toBe(false);
    expect(isDimmed(0, { dimFrom: '22:00' })).toBe(false);
    expect(isDimmed(0, { dimFrom: '25:00', dimTo: '06:00' })).toBe(false);
  });
});

describe('retryDelay (back-off while the server is away)', () => {
  test('doubles per failure from the poll interval, at least 2 s, at most 5 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 3))).toEqual([3, 6, 12, 24]);
    expect(retryDelay(1, 1)).toBe(2);
    expect(retryDelay(30, 300)).toBe(MAX_RETRY);
    for (let n = 1; n < 20; n++) expect(retryDelay(n + 1, 60)).toBeGreaterThanOrEqual(retryDelay(n, 60));
  });
});

describe('burnInShift', () => {
  test('stays within a few pixels, moves every step and comes back to where it started', () => {
    const shifts = Array.from({ length: 30 }, (_, n) => burnInShift(n));
    for (const s of shifts) expect(Math.max(Math.abs(s.x), Math.abs(s.y))).toBeLessThanOrEqual(4);
    for (let n = 1; n < shifts.length; n++) expect(shifts[n]).not.toEqual(shifts[n - 1]);
    expect(new Set(shifts.map((s) => `${s.x},${s.y}`)).size).toBeGreaterThan(4);
    expect(burnInShift(0)).toEqual({ x: 0, y: 0 });
  });
});

describe("site.json's screen field", () => {
  const site = JSON.parse(readFileSync('content/site.json', 'utf8')) as Record<string, unknown>;
  test('is optional, and takes seconds per slide and a dimming window', () => {
    const { screen: _ignored, ...without } = site;
    expect(siteSchema.safeParse(without).success).toBe(true);
    const r = siteSchema.safeParse({
      ...site,
      screen: { seconds: 20, durations: { honours: 30, orgs: 10 }, dimFrom: '22:00', dimTo: '06:30' },
    });
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  });
  test('names every slide the screen has, and refuses a wrong time, too short a stay or an unknown slide', () => {
    const durations = Object.fromEntries(slideIds.map((id) => [id, 10]));
    expect(siteSchema.safeParse({ ...site, screen: { durations } }).success).toBe(true);
    expect(siteSchema.safeParse({ ...site, screen: { dimFrom: '24:00', dimTo: '06:00' } }).success).toBe(false);
    expect(siteSchema.safeParse({ ...site, screen: { seconds: 1 } }).success).toBe(false);
    expect(siteSchema.safeParse({ ...site, screen: { durations: { nope: 10 } } }).success).toBe(false);
  });
});

describe('contactStamp', () => {
  test('the time on the same day, the date and time on another, in the screen’s own clock', () => {
    const now = new Date(2025, 11, 26, 14, 0);
    expect(contactStamp(new Date(2025, 11, 26, 9, 5), now)).toBe('09:05');
    expect(contactStamp(new Date(2025, 11, 25, 23, 59), now)).toBe('12-25 23:59');
    expect(contactStamp(new Date(2024, 11, 26, 9, 5), now)).toBe('12-26 09:05');
  });
});
