/**
 * The summary a board publishes for the roll-ups (src/lib/shardSummary.ts), from a small hand-made board: its
 * totals are the board's rate functions' results, org ids are global, the internal counts appear only in an
 * internal summary and go upward only when the branch lets them, and the same input gives the same bytes.
 */
import { describe, expect, test } from 'vitest';
import type { StageRanking } from '../../src/lib/branchRanking.ts';
import { completionRate, monthlyTrend, onTimeRate } from '../../src/lib/completionRates.ts';
import { shardSummary, summaryJson, type SummaryInput } from '../../src/lib/shardSummary.ts';
import { countySummary } from '../../src/lib/countySummary.ts';
import { kindTotals, rollupFigures, type RollupFile, type ShardRow } from '../../src/lib/rollupFigures.ts';
import { member, org, pledge, round } from '../fixtures/model.ts';

const asOf = '2026-06-30';
const closed = (date: string) => ({ closed: { date, verifiedBy: 'sec' } });
const orgs = [org('top', { level: 'general-branch', parent: undefined, name: '某中学党总支' }), org('b1'), org('b2')];
const members = [member('m1'), member('m2', { org: 'b2' }), member('r1', { org: 'b2', status: 'retired', name: '退休甲' })];
const pledges = [
  pledge('a', 'm1', { category: 'study', ...closed('2026-03-01') }),
  pledge('b', 'm1', { category: 'service', deadline: '2026-05-31' }),
  pledge('c', 'm2', { category: 'service', deadline: '2026-04-30', ...closed('2026-05-10') }),
  pledge('d', 'r1', { review: { status: 'draft' } }),
  pledge('e', 'top', { category: 'work' }),
];
const rate = (ids: string[]) =>
  completionRate(
    pledges.filter((p) => ids.includes(p.data.owner)),
    asOf,
  );

const ranking: StageRanking[] = [
  {
    stage: { key: 'round', kind: 'round', start: '2026-01-01', end: asOf },
    rows: [
      {
        org: 'b1',
        name: '某支部',
        completion: rate(['m1']),
        onTime: rate(['m1']),
        records: { done: 5, total: 6, rate: 5 / 6 },
        checks: { done: 1, total: 2, rate: 0.5 },
        upperChecks: { count: 1, regular: 1, random: 0, affirmed: 0 },
        bulletins: { done: 1, total: 1, rate: 1 },
        coverage: null,
        panel: null,
        averageScore: null,
        rank: 1,
      },
    ],
  },
];

function input(over: Partial<SummaryInput> = {}): SummaryInput {
  const r = round('2026');
  return {
    scope: 'public',
    site: { name: '某中学党总支', url: 'http://10.0.0.5/gongkai/', shard: { region: '130102', unit: 'mou-zhongxue' } },
    top: orgs[0],
    round: r,
    profile: 'five-stages',
    asOf,
    provenance: { tool: 'chengnuo-gongkai', version: '0.1.0', commit: 'a'.repeat(40), clean: true },
    members,
    pledges,
    onTime: onTimeRate(pledges, asOf),
    trend: monthlyTrend(pledges, r.data, asOf),
    orgs: [
      { entry: orgs[0], rate: rate(['m1', 'm2', 'r1', 'top']), overdue: 1 },
      { entry: orgs[1], rate: rate(['m1']), overdue: 1 },
      { entry: orgs[2], rate: rate(['m2', 'r1']), overdue: 0 },
    ],
    internal: {
      upward: ['ranking', 'grades'],
      ranking,
      grades: { excellent: 1, qualified: 2, basic: 0, unqualified: 0, pending: 0 },
      findings: { R10: 1, R2: 3 },
      changes: { commits: 2, pledges: 1 },
    },
    ...over,
  };
}

describe('shardSummary', () => {
  test('counts approved pledges by status and category with the board’s functions; a draft is not counted', () => {
    const s = shardSummary(input());
    expect(s.totals.pledges.total).toBe(4);
    expect(s.totals.pledges.byStatus).toEqual({
      'not-started': 1,
      'in-progress': 0,
      rectifying: 0,
      overdue: 1,
      closed: 1,
      'closed-late': 1,
    });
    expect(s.totals.pledges.byCategory).toEqual({
      study: { done: 1, total: 1 },
      work: { done: 0, total: 1 },
      discipline: { done: 0, total: 0 },
      service: { done: 1, total: 2 },
    });
    expect(s.totals.completion).toEqual({ done: 2, total: 4 });
    expect(s.totals.overdue).toBe(1);
    expect(s.totals.members).toEqual({ active: 2, retired: 1, frail: 0, all: 3 });
    expect(s.totals.trend).toHaveLength(6);
    expect(s.totals.trend[5]).toMatchObject({ month: '2026-06', done: 2, total: 4 });
  });

  test('gives every org a global id and its parent’s, with its own members', () => {
    const s = shardSummary(input());
    expect(s.shard.id).toBe('130102/mou-zhongxue');
    expect(s.orgs.map((o) => [o.id, o.parent, o.members])).toEqual([
      ['130102/mou-zhongxue/top', null, 0],
      ['130102/mou-zhongxue/b1', '130102/mou-zhongxue/top', 1],
      ['130102/mou-zhongxue/b2', '130102/mou-zhongxue/top', 2],
    ]);
    expect(s.shard).toMatchObject({ type: 'school', level: 'general-branch', url: 'http://10.0.0.5/gongkai/' });
  });

  test('without a shard in site.json the ids are the org ids and the shard id is null', () => {
    const s = shardSummary(input({ site: { name: '某中学党总支' } }));
    expect(s.shard).toMatchObject({ id: null, region: null, unit: null, url: null });
    expect(s.orgs.map((o) => o.id)).toEqual(['top', 'b1', 'b2']);
  });

  test('a public summary has no internal counts, even when handed them; it names no member', () => {
    const s = summaryJson(shardSummary(input()));
    expect(JSON.parse(s)).not.toHaveProperty('internal');
    for (const m of members) expect(s).not.toContain(m.data.name);
  });

  test('an internal summary has counts only, with global org ids, and the rules in order', () => {
    const s = shardSummary(input({ scope: 'internal' }));
    expect(s.internal?.upward).toEqual(['ranking', 'grades']);
    expect(s.internal?.ranking[0].rows[0]).toMatchObject({ org: '130102/mou-zhongxue/b1', rank: 1, records: { done: 5, total: 6 } });
    expect(JSON.stringify(s)).not.toContain('某支部');
    expect(Object.keys(s.internal?.findings ?? {})).toEqual(['R2', 'R10']);
    expect(s.internal?.changes).toEqual({ commits: 2, pledges: 1 });
  });

  test('a branch that keeps its internal counts to itself lets none go upward', () => {
    const i = input({ scope: 'internal' });
    const s = shardSummary({ ...i, internal: { ...i.internal!, upward: [] } });
    expect(s.internal?.upward).toEqual([]);
  });

  test('the same input gives the same bytes', () => {
    expect(summaryJson(shardSummary(input({ scope: 'internal' })))).toBe(summaryJson(shardSummary(input({ scope: 'internal' }))));
  });
});

describe('the roll-ups’ pace', () => {
  test('is the share of all the units’ pledges due by each month end: weighted by pledges, not a mean of shares', () => {
    // Unit A: 4 pledges, none due by March (pace 0); unit B: 1 pledge, due by March (pace 1). All of them: 1 of 5.
    const a = shardSummary(input());
    const bPledges = [pledge('x', 'm1', { deadline: '2026-03-31' })];
    const b = shardSummary(
      input({
        site: { name: '乙', shard: { region: '130102', unit: 'yi' } },
        pledges: bPledges,
        trend: monthlyTrend(bPledges, round('2026').data, asOf),
      }),
    );
    const row = (s: typeof a, id: string) =>
      ({
        id,
        name: id,
        township: null,
        board: null,
        repo: null,
        status: 'ok',
        statusLabel: '',
        reasons: [],
        commit: null,
        dataDate: asOf,
        digest: null,
        summary: s,
      }) as unknown as ShardRow;
    const file = {
      format: 'chengnuo-rollup',
      schemaVersion: 1,
      level: 'county',
      name: '某县',
      region: '1301',
      cutoff: asOf,
      tool: { name: 't', version: '0' },
      totals: [],
      shards: [row(a, 'A'), row(b, 'B')],
    } as unknown as RollupFile;
    const march = (t: { month: string; pace: number; total: number }[]) => t.find((m) => m.month === '2026-03')!;
    const pa = march(a.totals.trend);
    const pb = march(b.totals.trend);
    const want = Math.round(((pa.pace * pa.total + pb.pace * pb.total) / (pa.total + pb.total)) * 10_000) / 10_000;
    expect(pa.pace).not.toBe(pb.pace);
    expect(want).toBe(0.2);
    expect(want).not.toBe(Math.round(((pa.pace + pb.pace) / 2) * 10_000) / 10_000);
    expect(march(countySummary(file, { id: '1301', region: '1301', unit: 'x', name: '某县', url: '' })!.summary.totals.trend).pace).toBe(
      want,
    );
    file.totals = kindTotals(file.shards, []);
    const figures = rollupFigures(file, (id) => id);
    expect(figures[0].trend.find((m) => m.label === '2026-03')!.pace).toBe(want);
  });
});
