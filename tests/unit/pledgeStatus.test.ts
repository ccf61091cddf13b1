import { describe, expect, test } from 'vitest';
import { fulfilmentOf, latestRecord, reviewStateOf } from '../../src/lib/pledgeStatus.ts';
import { pledge } from '../fixtures/model.ts';

const base = pledge('p', 'm1', { deadline: '2026-06-30' }).data;

describe('fulfilmentOf', () => {
  test.each([
    ['not started: no record yet', {}, '2026-03-01', 'not-started'],
    [
      'not started: only a zero-progress record',
      { records: [{ date: '2026-02-25', note: '计划', progress: 0 }] },
      '2026-03-01',
      'not-started',
    ],
    ['in progress', { records: [{ date: '2026-02-25', note: '开始', progress: 20 }] }, '2026-03-01', 'in-progress'],
    ['a record after asOf does not count', { records: [{ date: '2026-03-05', note: '开始', progress: 20 }] }, '2026-03-01', 'not-started'],
    ['deadline on the as-of day is not overdue', {}, '2026-06-30', 'not-started'],
    ['overdue the day after', {}, '2026-07-01', 'overdue'],
    ['closed on the deadline day is on time', { closed: { date: '2026-06-30', verifiedBy: 'sec' } }, '2026-07-10', 'closed'],
    ['closed a day late', { closed: { date: '2026-07-01', verifiedBy: 'sec' } }, '2026-07-10', 'closed-late'],
    ['a check-off dated after asOf has not happened', { closed: { date: '2026-07-01', verifiedBy: 'sec' } }, '2026-06-15', 'not-started'],
    [
      'rectifying until the rectification deadline',
      { rectification: { note: '限期整改', deadline: '2026-08-31' } },
      '2026-08-31',
      'rectifying',
    ],
    ['overdue again after it', { rectification: { note: '限期整改', deadline: '2026-08-31' } }, '2026-09-01', 'overdue'],
    ['rectifying with no rectification deadline', { rectification: { note: '限期整改' } }, '2026-12-01', 'rectifying'],
  ])('%s', (_, extra, asOf, expected) => {
    expect(fulfilmentOf({ ...base, ...extra }, asOf)).toBe(expected);
  });

  test.each(['draft', 'submitted', 'revise', 'resubmit'] as const)('a %s pledge has no fulfilment', (status) => {
    expect(fulfilmentOf({ ...base, review: { status } }, '2026-03-01')).toBeNull();
  });

  test('an approval dated after asOf has not happened yet', () => {
    const p = { ...base, review: { status: 'approved' as const, by: 'sec', date: '2026-04-01' } };
    expect(reviewStateOf(p, '2026-03-31')).toBe('submitted');
    expect(fulfilmentOf(p, '2026-03-31')).toBeNull();
    expect(fulfilmentOf(p, '2026-04-01')).toBe('not-started');
  });
});

describe('latestRecord', () => {
  test('picks the latest record on or before asOf', () => {
    const p = {
      ...base,
      records: [
        { date: '2026-02-25', note: 'a', progress: 10 },
        { date: '2026-03-25', note: 'b', progress: 30 },
        { date: '2026-04-25', note: 'c', progress: 50 },
      ],
    };
    expect(latestRecord(p, '2026-03-25')?.note).toBe('b');
    expect(latestRecord(p, '2026-02-24')).toBeUndefined();
  });
});
