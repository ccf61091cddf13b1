/** A pledge's course from its content (src/lib/pledgeTimeline.ts): in date order, up to the as-of date. */
import { describe, expect, test } from 'vitest';
import { pledgeTimeline } from '../../src/lib/pledgeTimeline.ts';

const pledge = {
  review: { status: 'approved' as const, by: 'sec', date: '2025-02-20' },
  records: [
    { date: '2025-03-27', note: '确定帮扶学生', progress: 10 },
    { date: '2025-06-30', note: '期末辅导', progress: 60 },
    { date: '2025-12-30', note: '年底总结', progress: 100 },
  ],
  closed: { date: '2025-06-30', verifiedBy: 'sec', note: '经支部核实' },
  rectification: { note: '补齐台账', deadline: '2025-07-31' },
};

describe('pledgeTimeline', () => {
  test('approval, records, urging and 销号 in date order; one day keeps approval, record, urging, 销号 in that order; rectification last', () => {
    const events = pledgeTimeline(pledge, '2025-12-26', ['2025-06-30', '2025-03-31', '2025-06-30']);
    expect(events.map((e) => [e.kind, 'date' in e ? e.date : e.deadline])).toEqual([
      ['approved', '2025-02-20'],
      ['record', '2025-03-27'],
      ['urged', '2025-03-31'],
      ['record', '2025-06-30'],
      ['urged', '2025-06-30'],
      ['closed', '2025-06-30'],
      ['rectification', '2025-07-31'],
    ]);
    expect(events[0]).toEqual({ kind: 'approved', date: '2025-02-20', by: 'sec' });
    expect(events[5]).toEqual({ kind: 'closed', date: '2025-06-30', by: 'sec', note: '经支部核实' });
  });

  test('an upper organisation’s check that urged the pledge is marked as such', () => {
    const events = pledgeTimeline(pledge, '2025-12-26', ['2025-03-31'], ['2025-05-12']);
    expect(events.filter((e) => e.kind === 'urged')).toEqual([
      { kind: 'urged', date: '2025-03-31' },
      { kind: 'urged', date: '2025-05-12', upper: true },
    ]);
  });

  test('nothing after the as-of date; a pledge not approved has no approval event', () => {
    expect(pledgeTimeline(pledge, '2025-03-30').map((e) => e.kind)).toEqual(['approved', 'record', 'rectification']);
    expect(pledgeTimeline({ review: { status: 'submitted' } }, '2025-12-26')).toEqual([]);
  });
});
