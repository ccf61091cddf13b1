/**
 * The roll-up's file (`rollup.json`, written by src/cli/rollup.ts) and the figures its board shows
 * (src/rollup/pages/): for each kind of shard (one profile and one round: units on other rules are never ranked
 * together), the rates by unit, by township and by category, the overdue counts and the monthly trend, all summed
 * from the shards' summaries, with every rate's parts; and every shard's verification status. Pure.
 */
import { t } from '../i18n/t.ts';
import { categories } from '../schemas/options.ts';
import type { Rate } from './completionRates.ts';
import type { IsoDate } from './dates.ts';
import type { RateRow } from './rateChart.ts';
import type { ShardStatus } from './shardStatus.ts';
import type { Counts, ShardSummary, SummaryInternal } from './shardSummary.ts';

export interface ShardRow {
  id: string;
  name: string;
  township: string | null;
  board: string | null;
  /** The repository's address when it is a URL (a province spot-checks it); null for a folder on the county's machine. */
  repo: string | null;
  status: ShardStatus;
  statusLabel: string;
  reasons: string[];
  /** The repository's head the figures come from; null when they do not come from a repository. */
  commit: string | null;
  dataDate: IsoDate | null;
  /** SHA-256 of the figures counted (the summary below, as published JSON). */
  digest: string | null;
  summary: ShardSummary | null;
  /**
   * An internal roll-up only (--scope internal): the unit's internal counts, recomputed from its repository: its
   * 考核评比 and grade counts when its branch lets them go upward (site.json shareInternalCounts), its audit findings
   * by rule always. Absent from a public roll-up.
   */
  internal?: RowInternal | null;
}

export interface RowInternal {
  upward: SummaryInternal['upward'];
  ranking: SummaryInternal['ranking'] | null;
  grades: SummaryInternal['grades'] | null;
  findings: Record<string, number>;
}

/** What a roll-up keeps of a shard between runs (its work folder's state.json). */
export interface ShardState {
  /** What the shard's reading depended on (its head, published summary, cut-off, tool version): the same key, the same result. */
  key: string;
  row: ShardRow;
  lastGood?: { summary: ShardSummary; dataDate: IsoDate };
}

export interface KindTotals {
  /** `<profile>/<round id>`, or `unknown` for shards with no figures at all. */
  kind: string;
  shards: number;
  byStatus: Record<string, number>;
  members: number;
  pledges: number;
  completion: Counts;
  onTime: Counts;
  overdue: number;
}

export interface RollupFile {
  format: 'chengnuo-rollup';
  schemaVersion: 1;
  /** `internal`: rows carry their units' internal counts (an internal roll-up, published only within the organisation). */
  scope?: 'public' | 'internal';
  level: 'county' | 'province';
  name: string;
  region: string;
  cutoff: IsoDate;
  tool: { name: string; version: string };
  totals: KindTotals[];
  shards: ShardRow[];
}

const kindOf = (r: ShardRow) => (r.summary ? `${r.summary.profile}/${r.summary.round.id}` : 'unknown');
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const rate = (c: Counts): Rate => ({ done: c.done, total: c.total, rate: c.total ? c.done / c.total : null });
const add = (a: Counts, b: Counts): Counts => ({ done: a.done + b.done, total: a.total + b.total });

/** The shards' totals by kind, in code order of the kind. */
export function kindTotals(rows: readonly ShardRow[], statuses: readonly string[]): KindTotals[] {
  const groups = new Map<string, ShardRow[]>();
  for (const r of rows) groups.set(kindOf(r), [...(groups.get(kindOf(r)) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => byCode(a, b))
    .map(([kind, rs]) => {
      const sum = (f: (s: ShardSummary) => number) => rs.reduce((n, r) => n + (r.summary ? f(r.summary) : 0), 0);
      return {
        kind,
        shards: rs.length,
        byStatus: Object.fromEntries(statuses.map((st) => [st, rs.filter((r) => r.status === st).length])),
        members: sum((s) => s.totals.members.all),
        pledges: sum((s) => s.totals.pledges.total),
        completion: { done: sum((s) => s.totals.completion.done), total: sum((s) => s.totals.completion.total) },
        onTime: { done: sum((s) => s.totals.onTime.done), total: sum((s) => s.totals.onTime.total) },
        overdue: sum((s) => s.totals.overdue),
      };
    });
}

export interface KindFigures {
  kind: string;
  /** The profile and round as a reader names them: `五阶段（篇三）· 2025年度…`. */
  title: string;
  totals: KindTotals;
  byUnit: (RateRow & { id: string; board: string | null; overdue: number; status: string })[];
  byTownship: RateRow[];
  byCategory: RateRow[];
  trend: RateRow[];
}

/** The board's figures for each kind of shard that has figures. */
export function rollupFigures(file: RollupFile, profileLabel: (id: string) => string): KindFigures[] {
  return file.totals
    .filter((k) => k.kind !== 'unknown')
    .map((totals) => {
      const rows = file.shards.filter((r) => r.summary && kindOf(r) === totals.kind);
      const summaries = rows.map((r) => r.summary as ShardSummary);
      const townships = new Map<string, Counts>();
      for (const r of rows) {
        const k = r.township ?? t('rollup.noTownship');
        townships.set(k, add(townships.get(k) ?? { done: 0, total: 0 }, (r.summary as ShardSummary).totals.completion));
      }
      const months = new Map<string, Counts & { pace: number; n: number }>();
      for (const s of summaries)
        for (const p of s.totals.trend) {
          const m = months.get(p.month) ?? { done: 0, total: 0, pace: 0, n: 0 };
          months.set(p.month, { done: m.done + p.done, total: m.total + p.total, pace: m.pace + p.pace * p.total, n: m.n + 1 });
        }
      const first = summaries[0];
      return {
        kind: totals.kind,
        title: `${profileLabel(first.profile)} · ${first.round.title}`,
        totals,
        byUnit: rows.map((r) => {
          const s = r.summary as ShardSummary;
          return {
            id: r.id,
            label: r.name,
            rate: rate(s.totals.completion),
            board: r.board,
            overdue: s.totals.overdue,
            status: r.statusLabel,
          };
        }),
        byTownship: [...townships.entries()].sort(([a], [b]) => byCode(a, b)).map(([label, c]) => ({ label, rate: rate(c) })),
        byCategory: categories.map((c) => ({
          label: c.label,
          rate: rate(
            summaries.reduce((n, s) => add(n, s.totals.pledges.byCategory[c.value] ?? { done: 0, total: 0 }), { done: 0, total: 0 }),
          ),
        })),
        // Months every shard of the kind reports. The pace is a share of each shard's pledges (those due by the month's
        // end): summed as counts, Σ(pace × pledges) ÷ Σ pledges, not a mean of shares.
        trend: [...months.entries()]
          .filter(([, m]) => m.n === summaries.length)
          .sort(([a], [b]) => byCode(a, b))
          .map(([month, m]) => ({ label: month, rate: rate(m), pace: m.total ? Math.round((m.pace / m.total) * 10_000) / 10_000 : 0 })),
      };
    });
}
