/**
 * The 考核评比 across the units of a roll-up (issue 23, internal roll-up): for each kind of unit (one profile and
 * round) and each of its stages and the whole round, one row per unit whose branch lets its 考核评比 go upward,
 * summing its branches' figures, ranked by the same keys and rule as a branch board ranks its branches
 * (src/lib/branchRanking.ts: completion, then on time, then records, then the mean score; equal figures share a
 * rank). Pure.
 */
import { compareFigures } from './branchRanking.ts';
import type { ShardRow } from './rollupFigures.ts';
import type { Counts, SummaryRankingRow } from './shardSummary.ts';

/**
 * A unit's row: a branch's row of the summary (src/lib/shardSummary.ts) summed over the unit's branches, named by
 * the unit; `coverage` is null where no branch has the figure yet, `averageScore` the mean of the branches' means.
 */
export type UnitRankingRow = Omit<SummaryRankingRow, 'org' | 'panel'> & { id: string; name: string };

export interface UnitStage {
  stage: string;
  kind: string;
  /** The stage's name (第一季度, 承诺, 全轮 …). */
  title: string;
  start: string;
  end: string;
  rows: UnitRankingRow[];
}

const zero = (): Counts => ({ done: 0, total: 0 });
const plus = (a: Counts, b: Counts): Counts => ({ done: a.done + b.done, total: a.total + b.total });
const rateOf = (c: Counts) => (c.total ? c.done / c.total : null);
const kindOf = (r: ShardRow) => (r.summary ? `${r.summary.profile}/${r.summary.round.id}` : 'unknown');

/** The units' 考核评比 by kind of unit, kinds in code order; stages in the order the first unit lists them. */
export function unitRankings(rows: readonly ShardRow[]): { kind: string; stages: UnitStage[] }[] {
  const byKind = new Map<string, ShardRow[]>();
  for (const r of rows) if (r.internal?.ranking?.length) byKind.set(kindOf(r), [...(byKind.get(kindOf(r)) ?? []), r]);
  return [...byKind.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, units]) => {
      const keys: { stage: string; kind: string; title: string; start: string; end: string }[] = [];
      for (const u of units)
        for (const s of u.internal?.ranking ?? [])
          if (!keys.some((k) => k.stage === s.stage))
            keys.push({ stage: s.stage, kind: s.kind, title: s.title, start: s.start, end: s.end });
      const stages = keys.map((k): UnitStage => {
        const figures = units.flatMap((u) => {
          const stage = u.internal?.ranking?.find((s) => s.stage === k.stage);
          if (!stage) return [];
          const scores = stage.rows.map((r) => r.averageScore).filter((x): x is number => x !== null);
          const coverages = stage.rows.map((r) => r.coverage).filter((c): c is Counts => c !== null);
          return [
            {
              id: u.id,
              name: u.name,
              completion: stage.rows.reduce((n, r) => plus(n, r.completion), zero()),
              onTime: stage.rows.reduce((n, r) => plus(n, r.onTime), zero()),
              records: stage.rows.reduce((n, r) => plus(n, r.records), zero()),
              checks: stage.rows.reduce((n, r) => plus(n, r.checks), zero()),
              bulletins: stage.rows.reduce((n, r) => plus(n, r.bulletins), zero()),
              coverage: coverages.length ? coverages.reduce(plus, zero()) : null,
              averageScore: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
            },
          ];
        });
        const key = (r: (typeof figures)[number]) => [rateOf(r.completion), rateOf(r.onTime), rateOf(r.records), r.averageScore];
        const sorted = figures.map((r, i) => ({ r, i })).sort((a, b) => compareFigures(key(a.r), key(b.r)) || a.i - b.i);
        const ranked: UnitRankingRow[] = [];
        for (const [n, { r }] of sorted.entries()) {
          const prev = ranked[n - 1];
          ranked.push({ ...r, rank: prev && compareFigures(key(prev), key(r)) === 0 ? prev.rank : n + 1 });
        }
        return { ...k, rows: ranked };
      });
      return { kind, stages };
    });
}
