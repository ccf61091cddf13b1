/**
 * The summary (src/lib/shardSummary.ts) of a content model, as of a date and in a scope: the one computation both
 * the build (src/data/summary.ts, for the board's /summary.json) and the roll-up (src/loader/shardFromRepo.ts,
 * recomputing it from a branch's repository) run, so a roll-up that recomputes a branch's summary from the same
 * commit, scope and date gets the same bytes the branch published. Every figure is the board's own function:
 * projectScope, completionRate and the org roll-up, onTimeRate, monthlyTrend, branchRanking, branchResults.
 *
 * What only the build knows is passed in: the audit findings it already has (the content check's, filtered for the
 * scope) and the changes counted from the pledge history.
 */
import { branchRanking } from './branchRanking.ts';
import { completionRate, monthlyTrend, onTimeRate, orgPledges } from './completionRates.ts';
import { type ContentIndex, indexContent } from './contentIndex.ts';
import type { IsoDate } from './dates.ts';
import { branchResults } from './evaluationResults.ts';
import type { ContentModel } from './model.ts';
import { fulfilmentOf } from './pledgeStatus.ts';
import { profileResolver } from './profiles.ts';
import { projectScope, type Scope } from './projectScope.ts';
import { defaultUpward, type ShardSummary, type SummaryInternal, shardSummary } from './shardSummary.ts';

export interface SummaryOptions {
  scope: Scope;
  asOf: IsoDate;
  /** The board's public address (with its base), if known. */
  url?: string;
  provenance: ShardSummary['provenance'];
  /** Internal scope: audit findings by rule, and changes to published pledges (null without a history). */
  findings?: Record<string, number>;
  changes?: SummaryInternal['changes'];
}

/**
 * The summary of `full` (the whole model, every scope) in `o.scope` as of `o.asOf`.
 * Throws when site.json's current round has no round file (the build reports that before any page).
 */
export function summaryFromModel(full: ContentModel, o: SummaryOptions): ShardSummary {
  const model = projectScope(full, o.scope, o.asOf);
  return summaryOfScope(model, indexContent(model), o);
}

/**
 * The summary of `model`, already projected to `o.scope` as of `o.asOf` (projectScope), with its `index`: what the
 * build's board holds already (src/data/board.ts), so the build does not project and index the content again.
 */
export function summaryOfScope(model: ContentModel, index: ContentIndex, o: SummaryOptions): ShardSummary {
  const site = model.site.data;
  const round = index.round;
  if (!round) throw new Error(`site.json 的 currentRound（当前轮次）“${site.currentRound}”没有对应的轮次文件。`);
  const orgIds = index.org.has(site.topOrg) ? index.subtree(site.topOrg) : model.orgs.map((org) => org.id);

  const overdue = new Map<string, number>();
  for (const p of index.roundPledges) {
    if (fulfilmentOf(p.data, o.asOf) !== 'overdue') continue;
    const org = index.member.get(p.data.owner)?.data.org ?? p.data.owner;
    overdue.set(org, (overdue.get(org) ?? 0) + 1);
  }

  let internal: Parameters<typeof shardSummary>[0]['internal'];
  if (o.scope === 'internal') {
    const grades = { excellent: 0, qualified: 0, basic: 0, unqualified: 0, pending: 0 };
    const profileOf = profileResolver(site, index.org);
    for (const e of model.evaluations) {
      if (e.round !== round.id || e.data.date > o.asOf || !index.org.has(e.data.org)) continue;
      const r = branchResults(index, e, site.evaluation, profileOf(e.data.org));
      for (const [g, n] of Object.entries(r.byGrade)) grades[g as keyof typeof grades] += n;
    }
    internal = {
      upward: site.shareInternalCounts === false ? [] : [...defaultUpward],
      ranking: branchRanking(index, site, round.id, o.asOf),
      grades,
      findings: o.findings ?? {},
      changes: o.changes ?? null,
    };
  }

  return shardSummary({
    scope: o.scope,
    site: { name: site.name, url: o.url, shard: site.shard },
    top: index.org.get(site.topOrg),
    round,
    profile: profileResolver(site, index.org)(site.topOrg).id,
    asOf: o.asOf,
    provenance: o.provenance,
    members: model.members,
    pledges: index.roundPledges,
    onTime: onTimeRate(index.roundPledges, o.asOf),
    trend: monthlyTrend(index.roundPledges, round.data, o.asOf),
    orgs: orgIds.flatMap((id) => {
      const entry = index.org.get(id);
      if (!entry) return [];
      const under = index.subtree(id).reduce((n, sub) => n + (overdue.get(sub) ?? 0), 0);
      return [{ entry, rate: completionRate(orgPledges(index, id), o.asOf), overdue: under }];
    }),
    internal,
  });
}
