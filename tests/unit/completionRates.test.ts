import { describe, expect, test } from 'vitest';
import {
  categoryMatrix,
  completionByCategory,
  completionRate,
  deadlineOutcomes,
  dueRate,
  dueShare,
  memberCompletion,
  monthlyTrend,
  onTimeRate,
  orgCompletion,
} from '../../src/lib/completionRates.ts';
import { index, member, org, pledge, withMembers } from '../fixtures/model.ts';

const closed = (date: string) => ({ closed: { date, verifiedBy: 'sec' } });

describe('completionRate', () => {
  test('counts checked-off pledges over approved pledges', () => {
    const ps = [
      pledge('a', 'm1', closed('2026-05-01')),
      pledge('b', 'm1', { deadline: '2026-04-30', ...closed('2026-05-10') }),
      pledge('c', 'm1'),
      pledge('d', 'm1', { review: { status: 'draft' } }),
      pledge('e', 'm1', { review: { status: 'revise', by: 'sec', date: '2026-02-01', note: '改' } }),
    ];
    expect(completionRate(ps, '2026-06-01')).toEqual({ done: 2, total: 3, rate: 2 / 3 });
  });

  test('is null with nothing to count', () => {
    expect(completionRate([], '2026-06-01')).toEqual({ done: 0, total: 0, rate: null });
  });
});

describe('onTimeRate', () => {
  test('counts on-time check-offs over pledges due or closed', () => {
    const ps = [
      pledge('a', 'm1', { deadline: '2026-05-31', ...closed('2026-05-31') }),
      pledge('b', 'm1', { deadline: '2026-04-30', ...closed('2026-05-10') }),
      pledge('c', 'm1', { deadline: '2026-05-15' }),
      pledge('d', 'm1', { deadline: '2026-12-31' }),
      pledge('e', 'm1', { deadline: '2026-12-31', ...closed('2026-05-20') }),
    ];
    expect(onTimeRate(ps, '2026-06-01')).toEqual({ done: 2, total: 4, rate: 0.5 });
  });
});

describe('completionByCategory', () => {
  test('gives the four categories in order', () => {
    const ps = [pledge('a', 'm1', { category: 'study', ...closed('2026-03-01') }), pledge('b', 'm1', { category: 'service' })];
    const out = completionByCategory(ps, '2026-06-01');
    expect(out.map((c) => c.category)).toEqual(['study', 'work', 'discipline', 'service']);
    expect(out.map((c) => c.rate.rate)).toEqual([1, null, null, 0]);
  });
});

describe('orgCompletion', () => {
  const members = withMembers(member('m1'), member('m2', { org: 'b2' }), member('r1', { org: 'b2', status: 'retired' }));
  const orgs = [
    org('top', { level: 'general-branch', parent: undefined, secretary: 'topsec' }),
    org('b1', { secretary: 'sec' }),
    org('b2'),
  ];
  const pledges = [
    pledge('a', 'm1', closed('2026-03-01')),
    pledge('b', 'm2'),
    pledge('c', 'top', closed('2026-04-01')),
    pledge('d', 'm2', {}, '2025'),
  ];
  const idx = index({ orgs, members, pledges });

  test('rolls sub-orgs and organisation pledges up to the parent', () => {
    expect(orgCompletion(idx, 'top', '2026-06-01')).toEqual({ done: 2, total: 3, rate: 2 / 3 });
  });

  test('counts only the org subtree for a branch, and only the current round', () => {
    expect(orgCompletion(idx, 'b2', '2026-06-01')).toEqual({ done: 0, total: 1, rate: 0 });
  });

  test('a voluntary member without pledges adds nothing to either side', () => {
    expect(memberCompletion(idx, 'r1', '2026-06-01')).toEqual({ done: 0, total: 0, rate: null });
  });
});

describe('monthlyTrend', () => {
  test('gives the completion rate at each month end up to asOf', () => {
    const ps = [
      pledge('a', 'm1', closed('2026-02-28')),
      pledge('b', 'm1', closed('2026-03-15')),
      pledge('c', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-03-20' } }),
    ];
    const trend = monthlyTrend(ps, { start: '2026-01-01', end: '2026-12-31' }, '2026-03-31');
    expect(trend.map((t) => [t.month, t.rate.done, t.rate.total])).toEqual([
      ['2026-01', 0, 0],
      ['2026-02', 1, 2],
      ['2026-03', 2, 3],
    ]);
  });
});

describe('dueShare, dueRate, deadlineOutcomes and categoryMatrix', () => {
  test('the pace is the share of the pledges approved by the day whose deadline has come', () => {
    const ps = [
      pledge('a', 'm1', { deadline: '2026-03-31' }),
      pledge('b', 'm1', { deadline: '2026-06-30', ...closed('2026-06-01') }),
      pledge('c', 'm1', { deadline: '2026-12-31' }),
      pledge('d', 'm1', { deadline: '2026-12-31' }),
      pledge('e', 'm1', { deadline: '2026-05-31', review: { status: 'approved', by: 'sec', date: '2026-05-01' } }),
      pledge('f', 'm1', { deadline: '2026-01-31', review: { status: 'draft' } }),
    ];
    expect(dueShare(ps, '2026-02-28')).toBe(0); // a–d approved, none due; e not yet approved, f never
    expect(dueShare(ps, '2026-03-31')).toBe(1 / 4); // the deadline day counts as come
    expect(dueShare(ps, '2026-06-30')).toBe(3 / 5);
    expect(dueShare(ps, '2026-12-31')).toBe(1);
    expect(dueShare([], '2026-12-31')).toBe(0);
    // The trend's pace is this share at each month end; its rate the completion at the same day.
    const trend = monthlyTrend(ps, { start: '2026-01-01', end: '2026-12-31' }, '2026-06-15');
    expect(trend.map((t) => [t.month, t.pace])).toEqual([
      ['2026-01', 0],
      ['2026-02', 0],
      ['2026-03', 1 / 4],
      ['2026-04', 1 / 4],
      ['2026-05', 2 / 5],
      ['2026-06', 2 / 5],
    ]);
  });

  test('the completion of what has fallen due counts the due and the done, never an open pledge still within its deadline', () => {
    const ps = [
      pledge('a', 'm1', { deadline: '2026-04-30', ...closed('2026-04-01') }), // due, on time
      pledge('b', 'm1', { deadline: '2026-04-30', ...closed('2026-05-10') }), // due, late
      pledge('c', 'm1', { deadline: '2026-04-30' }), // overdue
      pledge('d', 'm1', { deadline: '2026-12-31', ...closed('2026-05-20') }), // not due, done early
      pledge('e', 'm1'), // not due, open: in neither part
      pledge('f', 'm1'),
    ];
    const due = (date: string) => dueRate(deadlineOutcomes(ps, date));
    expect(due('2026-06-01')).toEqual({ done: 3, total: 4, rate: 3 / 4 });
    // On its deadline day an open pledge is still within it: not yet due, as its status and the 尚未到期 count say.
    expect(due('2026-04-30')).toEqual({ done: 1, total: 1, rate: 1 });
    const o = deadlineOutcomes(ps, '2026-04-30');
    expect(due('2026-04-30').total + o.notDue).toBe(ps.length);
    expect(due('2026-03-01')).toEqual({ done: 0, total: 0, rate: null });
    // At the round's end every pledge is due: it is the completion rate.
    expect(due('2027-01-01')).toEqual(completionRate(ps, '2027-01-01'));
  });

  test('every approved pledge is exactly one of on time, late, overdue, under rectification or not yet due', () => {
    const ps = [
      pledge('a', 'm1', { deadline: '2026-04-30', ...closed('2026-04-01') }),
      pledge('b', 'm1', { deadline: '2026-04-30', ...closed('2026-05-10') }),
      pledge('c', 'm1', { deadline: '2026-04-30' }),
      pledge('d', 'm1', { deadline: '2026-04-30', rectification: { note: '限期完成', deadline: '2026-06-30' } }),
      pledge('e', 'm1'),
      pledge('f', 'm1', { review: { status: 'draft' } }),
    ];
    expect(deadlineOutcomes(ps, '2026-06-01')).toEqual({ onTime: 1, late: 1, overdue: 1, rectifying: 1, notDue: 1 });
    // Past the rectification's own deadline it is overdue again.
    expect(deadlineOutcomes(ps, '2026-07-01')).toEqual({ onTime: 1, late: 1, overdue: 2, rectifying: 0, notDue: 1 });
  });

  test('the matrix rolls sub-orgs up and gives each category its own rate', () => {
    const members = withMembers(member('m1'), member('m2', { org: 'b2' }));
    const orgs = [
      org('top', { level: 'general-branch', parent: undefined, secretary: 'topsec' }),
      org('b1', { secretary: 'sec' }),
      org('b2'),
    ];
    const pledges = [
      pledge('a', 'm1', { category: 'study', ...closed('2026-05-01') }),
      pledge('b', 'm2', { category: 'study' }),
      pledge('c', 'm2', { category: 'work' }),
    ];
    const rows = categoryMatrix(index({ members, orgs, pledges }), ['b1', 'top'], '2026-06-01');
    const study = (i: number) => rows[i].cells.find((c) => c.category === 'study')!.rate;
    expect(study(0)).toEqual({ done: 1, total: 1, rate: 1 });
    expect(study(1)).toEqual({ done: 1, total: 2, rate: 0.5 });
    expect(rows[1].cells.find((c) => c.category === 'work')!.rate.total).toBe(1);
  });
});
