/**
 * A county roll-up seen from the province (issue 23): its units' summaries (in the county's rollup.json, each in
 * the summary format of src/lib/shardSummary.ts) summed into one summary of the same format, for the kind of unit
 * most of the county's units are (one profile and one round: units on other rules are never summed together), and
 * the units the province spot-checks. Pure.
 */
import type { IsoDate } from './dates.ts';
import type { RollupFile, ShardRow } from './rollupFigures.ts';
import type { Counts, ShardSummary } from './shardSummary.ts';
import { summaryFormat, summaryVersion } from './shardSummary.ts';

const kindOf = (s: ShardSummary) => `${s.profile}/${s.round.id}`;
const add = (a: Counts, b: Counts | undefined): Counts => ({ done: a.done + (b?.done ?? 0), total: a.total + (b?.total ?? 0) });
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The kind most of the county's units with figures are, ties broken in code order; undefined when none has figures. */
export function mainKind(rows: readonly ShardRow[]): string | undefined {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.summary) counts.set(kindOf(r.summary), (counts.get(kindOf(r.summary)) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || byCode(a, b))[0]?.[0];
}

/**
 * The county's summary: its units of the main kind summed, one org row per unit (its id the unit's shard id).
 * `left` counts the units of other kinds, and those without figures, that are not in it.
 */
export function countySummary(
  file: RollupFile,
  o: { id: string; region: string; unit: string; name: string; url: string },
): { summary: ShardSummary; left: number } | undefined {
  const kind = mainKind(file.shards);
  if (!kind) return undefined;
  const rows = file.shards.filter((r) => r.summary && kindOf(r.summary) === kind);
  const ss = rows.map((r) => r.summary as ShardSummary);
  const first = ss[0];
  const members = { ...first.totals.members };
  const byStatus = { ...first.totals.pledges.byStatus };
  const byCategory: Record<string, Counts> = {};
  for (const key of Object.keys(members) as (keyof typeof members)[])
    members[key] = ss.reduce((n, s) => n + (s.totals.members[key] ?? 0), 0);
  for (const key of Object.keys(byStatus) as (keyof typeof byStatus)[])
    byStatus[key] = ss.reduce((n, s) => n + (s.totals.pledges.byStatus[key] ?? 0), 0);
  for (const key of Object.keys(first.totals.pledges.byCategory))
    byCategory[key] = ss.reduce((n, s) => add(n, s.totals.pledges.byCategory[key]), { done: 0, total: 0 });
  // The pace is a share of each unit's pledges: summed as counts (pace × pledges), then divided by all the pledges.
  const months = new Map<string, { done: number; total: number; pace: number; n: number }>();
  for (const s of ss)
    for (const p of s.totals.trend) {
      const m = months.get(p.month) ?? { done: 0, total: 0, pace: 0, n: 0 };
      months.set(p.month, { done: m.done + p.done, total: m.total + p.total, pace: m.pace + p.pace * p.total, n: m.n + 1 });
    }
  const summary: ShardSummary = {
    format: summaryFormat,
    schemaVersion: summaryVersion,
    scope: 'public',
    shard: { id: o.id, region: o.region, unit: o.unit, name: o.name, type: null, level: null, url: o.url },
    round: first.round,
    profile: first.profile,
    asOf: file.cutoff as IsoDate,
    provenance: { tool: file.tool.name, version: file.tool.version, commit: null, clean: null },
    totals: {
      members,
      pledges: { total: ss.reduce((n, s) => n + s.totals.pledges.total, 0), byStatus, byCategory },
      completion: ss.reduce((n, s) => add(n, s.totals.completion), { done: 0, total: 0 }),
      onTime: ss.reduce((n, s) => add(n, s.totals.onTime), { done: 0, total: 0 }),
      overdue: ss.reduce((n, s) => n + s.totals.overdue, 0),
      trend: [...months.entries()]
        .filter(([, m]) => m.n === ss.length)
        .sort(([a], [b]) => byCode(a, b))
        .map(([month, m]) => ({
          month,
          done: m.done,
          total: m.total,
          pace: m.total ? Math.round((m.pace / m.total) * 10_000) / 10_000 : 0,
        })),
    },
    orgs: rows.map((r) => {
      const s = r.summary as ShardSummary;
      return {
        id: r.id,
        org: r.id,
        name: r.name,
        parent: null,
        level: s.shard.level ?? 'branch',
        members: s.totals.members.all,
        pledges: s.totals.completion,
        overdue: s.totals.overdue,
      };
    }),
  };
  return { summary, left: file.shards.length - rows.length };
}

/**
 * The units the province spot-checks in a county: `n` of those the county verified from a repository with an
 * address, chosen by a hash of `seed` (the province's registry and the cut-off) and the unit's id: the same
 * registry and cut-off check the same units, and a county cannot tell which. `hash` is SHA-256 hex (the caller's,
 * so this stays pure).
 */
export function spotCheckRows(rows: readonly ShardRow[], n: number, seed: string, hash: (s: string) => string): ShardRow[] {
  return rows
    .filter((r) => r.status === 'verified' && r.commit && r.repo && r.summary && r.digest)
    .map((r) => ({ r, k: hash(`${seed}/${r.id}`) }))
    .sort((a, b) => byCode(a.k, b.k))
    .slice(0, n)
    .map(({ r }) => r);
}
