/**
 * The verdicts of the roll-up (src/lib/shardStatus.ts) on hand-made evidence: the periods after which data is
 * stale, which figures are counted (never a failed board's own), the date that goes with them, and the
 * province's verdict on a county from its spot checks.
 */
import { describe, expect, test } from 'vitest';
import { countyVerdict, periodDays, shardVerdict, summaryDifferences } from '../../src/lib/shardStatus.ts';
import type { ShardSummary } from '../../src/lib/shardSummary.ts';

const summary = (asOf: string, done = 1) =>
  ({
    asOf,
    shard: { id: '130102/a' },
    provenance: { commit: 'a'.repeat(40), clean: true, version: '0.1.0' },
    totals: { completion: { done, total: 2 } },
  }) as unknown as ShardSummary;
const board = (asOf: string, o: { sha?: string } = {}) => ({
  bytes: 'x',
  published: summary(asOf),
  manifestSha256: o.sha ?? 'h',
  sha256: 'h',
});
const repo = (headDate: string) => ({ head: 'a'.repeat(40), headDate, current: summary('2025-12-26', 2) });

describe('shardVerdict', () => {
  test('a month’s records are stale after 31 days, a semester’s after 184', () => {
    expect([periodDays('month'), periodDays('semester')]).toEqual([31, 184]);
    const at = (headDate: string, period: number) =>
      shardVerdict({ id: '130102/a', repo: repo(headDate), cutoff: '2025-12-26', period }).status;
    expect(at('2025-11-25', 31)).toBe('verified');
    expect(at('2025-11-24', 31)).toBe('stale');
    expect(at('2025-06-25', 184)).toBe('verified');
    expect(at('2025-06-24', 184)).toBe('stale');
  });

  test('counts the repository’s figures, dated by its last commit (no later than the cut-off), even beside a board', () => {
    const v = shardVerdict({
      id: '130102/a',
      repo: repo('2026-01-05'),
      board: board('2025-06-30'),
      recomputed: { bytes: 'x' },
      cutoff: '2025-12-26',
      period: 31,
    });
    expect(v.status).toBe('verified');
    expect(v.summary?.totals.completion.done).toBe(2);
    expect(v.dataDate).toBe('2025-12-26');
  });

  test('a failed board alone is never counted with its own figures: with the last good ones, or none', () => {
    const last = { summary: summary('2025-11-30', 7), dataDate: '2025-11-30' };
    const v = shardVerdict({ id: '130102/a', board: board('2025-12-26', { sha: 'other' }), cutoff: '2025-12-26', period: 31, last });
    expect(v.status).toBe('failed');
    expect(v.summary?.totals.completion.done).toBe(7);
    expect(v.dataDate).toBe('2025-11-30');
    expect(
      shardVerdict({ id: '130102/a', board: board('2025-12-26', { sha: 'other' }), cutoff: '2025-12-26', period: 31 }).summary,
    ).toBeUndefined();
    expect(shardVerdict({ id: '130102/a', board: { failed: '坏了', bad: true }, cutoff: '2025-12-26', period: 31 }).status).toBe('failed');
    expect(shardVerdict({ id: '130102/a', board: { failed: '连不上', bad: false }, cutoff: '2025-12-26', period: 31 }).status).toBe(
      'missing',
    );
  });

  test('names the numbers that differ', () => {
    expect(summaryDifferences({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } })).toEqual(['a.c：公布 2，仓库 3']);
  });
});

describe('countyVerdict', () => {
  const read = { cutoff: '2025-12-26', summary: summary('2025-12-26'), left: 0 };
  test('verified by a passing spot check; unverified with none; failed, uncounted, by a mismatch; stale after 31 days', () => {
    expect(countyVerdict({ read, checks: [{ id: 'x', ok: true }], wanted: 2, cutoff: '2025-12-26', period: 31 }).status).toBe('verified');
    const none = countyVerdict({ read, checks: [{ id: 'x', reason: '主机不在 hosts 中' }], wanted: 2, cutoff: '2025-12-26', period: 31 });
    expect(none.status).toBe('unverified');
    expect(none.reasons.join()).toContain('没有抽查成任何单位');
    const bad = countyVerdict({ read, checks: [{ id: 'x', ok: false, reason: 'x 不符' }], wanted: 2, cutoff: '2025-12-26', period: 31 });
    expect(bad.status).toBe('failed');
    expect(bad.summary).toBeUndefined();
    expect(countyVerdict({ read, checks: [{ id: 'x', ok: true }], wanted: 2, cutoff: '2026-01-27', period: 31 }).status).toBe('stale');
  });
});
