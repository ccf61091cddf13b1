/**
 * `summary.json`: the machine-readable summary a branch board publishes with every build, for the county and
 * province roll-ups (issue 23). Counts only: no person's name and no text a person wrote is ever in it. The public
 * summary holds the board's public totals; the internal build's adds counts of the year-end work (the 考核评比 rows,
 * the grades, the audit findings per rule, the changes made after publication) and says which of them the branch
 * lets go upward (`upward`: the 考核评比 rows and the grades, unless site.json's `shareInternalCounts` is false).
 *
 * Pure: the caller (src/data/summary.ts) hands in what the board already computed, with the same functions the
 * pages use (completionRate, fulfilmentOf, monthlyTrend), so every number here is the board's. The output has a
 * fixed key order and sorted lists: the same content gives the same bytes wherever it is built.
 */
import type { StageRanking } from './branchRanking.ts';
import { stageLabel } from './rankingTable.ts';
import { completionRate, type Rate } from './completionRates.ts';
import type { IsoDate } from './dates.ts';
import type { Entry, Member, Org, Pledge } from './model.ts';
import { fulfilmentOf, fulfilments, isDone, type Fulfilment } from './pledgeStatus.ts';
import { categories, memberStatuses } from '../schemas/options.ts';

/** The summary's format, and the version of its schema (README: 上报摘要). A change that a reader of version 1 would misread raises it. */
export const summaryFormat = 'chengnuo-summary';
export const summaryVersion = 1;

/** The internal counts a summary can hold; those in `defaultUpward` go upward unless site.json's `shareInternalCounts` is false. */
export const upwardKinds = ['ranking', 'grades', 'findings', 'changes'] as const;
export type UpwardKind = (typeof upwardKinds)[number];
export const defaultUpward: readonly UpwardKind[] = ['ranking', 'grades'];

/** A shard's id: the region code (GB/T 2260, six digits) and the unit code, as `130102/shiyan-zhongxue`. */
export function shardId(region: string, unit: string): string {
  return `${region}/${unit}`;
}

export interface Counts {
  done: number;
  total: number;
}

export interface SummaryOrgRow {
  /** `<shard id>/<org id>`: unique across every shard of a roll-up. */
  id: string;
  org: string;
  name: string;
  /** The parent's global id; null for the board's top org. */
  parent: string | null;
  level: Org['level'];
  /** Members of this org itself (not of its sub-orgs). */
  members: number;
  /** Approved pledges of the org and its sub-orgs (as the board's org page counts them). */
  pledges: Counts;
  overdue: number;
}

export interface SummaryInternal {
  /** The internal counts the branch lets the roll-up read (none when site.json's `shareInternalCounts` is false). */
  upward: UpwardKind[];
  /** The 考核评比 of the current round: per stage, per org, the figures and the rank (no names). */
  ranking: { stage: string; kind: string; title: string; start: IsoDate; end: IsoDate; rows: SummaryRankingRow[] }[];
  /** Members of the current round's evaluations by final grade. */
  grades: Record<'excellent' | 'qualified' | 'basic' | 'unqualified' | 'pending', number>;
  /** Audit findings by rule id, as of the as-of date. */
  findings: Record<string, number>;
  /** Changes to published pledges (from the pledge history): commits that changed what was published, and the pledges they touched. */
  changes: { commits: number; pledges: number } | null;
}

export interface SummaryRankingRow {
  org: string;
  rank: number;
  completion: Counts;
  onTime: Counts;
  records: Counts;
  checks: Counts;
  bulletins: Counts;
  coverage: Counts | null;
  panel: { size: number; required: number | null; ok: boolean } | null;
  averageScore: number | null;
}

export interface ShardSummary {
  format: typeof summaryFormat;
  schemaVersion: typeof summaryVersion;
  scope: 'public' | 'internal';
  shard: {
    /** null until site.json names its region and unit code (`shard`). */
    id: string | null;
    region: string | null;
    unit: string | null;
    name: string;
    type: Org['unitType'] | null;
    level: Org['level'] | null;
    /** The board's public address; null when site.json has none. */
    url: string | null;
  };
  round: { id: string; title: string; start: IsoDate; end: IsoDate };
  profile: string;
  asOf: IsoDate;
  provenance: { tool: string; version: string; commit: string | null; clean: boolean | null };
  totals: {
    members: Record<Member['status'] | 'all', number>;
    pledges: {
      total: number;
      byStatus: Record<Fulfilment, number>;
      byCategory: Record<string, Counts>;
    };
    completion: Counts;
    onTime: Counts;
    overdue: number;
    trend: { month: string; done: number; total: number; pace: number }[];
  };
  orgs: SummaryOrgRow[];
  internal?: SummaryInternal;
}

export interface SummaryInput {
  scope: 'public' | 'internal';
  site: { name: string; url?: string; shard?: { region: string; unit: string } };
  top?: Entry<Org>;
  round: Entry<{ title: string; start: IsoDate; end: IsoDate }>;
  profile: string;
  asOf: IsoDate;
  provenance: ShardSummary['provenance'];
  /** The members the board shows. */
  members: readonly Entry<Member>[];
  /** The current round's pledges the board shows (unapproved ones are not counted, as on the board). */
  pledges: readonly Entry<Pledge>[];
  onTime: Rate;
  trend: readonly { month: string; rate: Rate; pace: number }[];
  /** The orgs the board shows, in tree order, with their pledges rolled up (board.orgRate). */
  orgs: readonly { entry: Entry<Org>; rate: Rate; overdue: number }[];
  internal?: Omit<SummaryInternal, 'ranking'> & { ranking: readonly StageRanking[] };
}

const counts = (r: Rate): Counts => ({ done: r.done, total: r.total });
/** Pace as a fraction rounded to 4 places: the same on every machine and readable. */
const fraction = (n: number) => Math.round(n * 10_000) / 10_000;

/** The summary of a board (see the file header). */
export function shardSummary(i: SummaryInput): ShardSummary {
  const id = i.site.shard ? shardId(i.site.shard.region, i.site.shard.unit) : null;
  const globalId = (org: string) => (id ? `${id}/${org}` : org);

  const members = Object.fromEntries([...memberStatuses.map((s) => [s.value, 0]), ['all', 0]]) as ShardSummary['totals']['members'];
  const ownMembers = new Map<string, number>();
  for (const m of i.members) {
    members[m.data.status] += 1;
    members.all += 1;
    ownMembers.set(m.data.org, (ownMembers.get(m.data.org) ?? 0) + 1);
  }

  const byStatus = Object.fromEntries(fulfilments.map((f) => [f, 0])) as Record<Fulfilment, number>;
  const byCategory: Record<string, Counts> = Object.fromEntries(categories.map((c) => [c.value, { done: 0, total: 0 }]));
  let total = 0;
  for (const p of i.pledges) {
    const f = fulfilmentOf(p.data, i.asOf);
    if (f === null) continue;
    total += 1;
    byStatus[f] += 1;
    // An approved pledge has a category (R4, a content error); the board's category rates count it the same way.
    const c = p.data.category ? byCategory[p.data.category] : undefined;
    if (c) {
      c.total += 1;
      if (isDone(f)) c.done += 1;
    }
  }

  const orgs = i.orgs.map(({ entry, rate, overdue }): SummaryOrgRow => {
    const parent = entry.data.parent && i.orgs.some((o) => o.entry.id === entry.data.parent) ? globalId(entry.data.parent) : null;
    return {
      id: globalId(entry.id),
      org: entry.id,
      name: entry.data.name,
      parent,
      level: entry.data.level,
      members: ownMembers.get(entry.id) ?? 0,
      pledges: counts(rate),
      overdue,
    };
  });

  const summary: ShardSummary = {
    format: summaryFormat,
    schemaVersion: summaryVersion,
    scope: i.scope,
    shard: {
      id,
      region: i.site.shard?.region ?? null,
      unit: i.site.shard?.unit ?? null,
      name: i.site.name,
      type: i.top?.data.unitType ?? null,
      level: i.top?.data.level ?? null,
      url: i.site.url ?? null,
    },
    round: { id: i.round.id, title: i.round.data.title, start: i.round.data.start, end: i.round.data.end },
    profile: i.profile,
    asOf: i.asOf,
    provenance: i.provenance,
    totals: {
      members,
      pledges: { total, byStatus, byCategory },
      completion: counts(completionRate(i.pledges, i.asOf)),
      onTime: counts(i.onTime),
      overdue: byStatus.overdue,
      trend: i.trend.map((t) => ({ month: t.month, done: t.rate.done, total: t.rate.total, pace: fraction(t.pace) })),
    },
    orgs,
  };
  if (i.scope === 'internal' && i.internal) {
    const n = i.internal;
    summary.internal = {
      upward: upwardKinds.filter((k) => n.upward.includes(k)),
      ranking: n.ranking.map((s) => ({
        stage: s.stage.key,
        kind: s.stage.kind,
        title: stageLabel(s.stage),
        start: s.stage.start,
        end: s.stage.end,
        rows: s.rows.map((r) => ({
          org: globalId(r.org),
          rank: r.rank,
          completion: counts(r.completion),
          onTime: counts(r.onTime),
          records: counts(r.records),
          checks: counts(r.checks),
          bulletins: counts(r.bulletins),
          coverage: r.coverage ? counts(r.coverage) : null,
          panel: r.panel,
          averageScore: r.averageScore,
        })),
      })),
      grades: { ...n.grades },
      findings: Object.fromEntries(Object.entries(n.findings).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))),
      changes: n.changes,
    };
  }
  return summary;
}

/** The summary as published: two-space JSON with a final newline (its SHA-256 is in the manifest). */
export function summaryJson(s: ShardSummary): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
