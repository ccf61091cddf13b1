/**
 * This build's `summary.json` (src/lib/shardSummary.ts), from the board of its scope: the same rates and statuses
 * the pages show, never recomputed another way. The internal build adds the counts of its internal data
 * (src/data/internalData.ts) and of the pledge history. Computed once per board and address.
 */
import pkg from '../../package.json';
import { contentDir } from '../loader/contentDir.ts';
import { repoState } from '../loader/repoState.ts';
import { historyRows } from '../lib/historyRows.ts';
import { profileResolver } from '../lib/profiles.ts';
import { defaultUpward, shardSummary, summaryJson, type ShardSummary } from '../lib/shardSummary.ts';
import { getBoard, type Board } from './board.ts';
import { getInternal } from './internalData.ts';
import { absolute, paths, publicSite } from './paths.ts';
import { pledgeHistory } from './pledgeHistory.ts';

async function collect(board: Board, site: URL | undefined): Promise<ShardSummary> {
  const { model, index, asOf } = board;
  const s = model.site.data;
  const overdue = new Map<string, number>();
  for (const p of board.pledges) if (p.status === 'overdue') overdue.set(p.orgId, (overdue.get(p.orgId) ?? 0) + 1);
  // Overdue pledges rolled up the tree, as the org pages' rates are.
  const overdueUnder = (org: string) => index.subtree(org).reduce((n, o) => n + (overdue.get(o) ?? 0), 0);
  const top = index.org.get(s.topOrg);
  const git = repoState(contentDir());
  const address = publicSite(site);

  const internal = await getInternal();
  let counts: Parameters<typeof shardSummary>[0]['internal'];
  if (internal) {
    const grades = { excellent: 0, qualified: 0, basic: 0, unqualified: 0, pending: 0 };
    for (const [key, r] of internal.results) {
      if (!key.startsWith(`${board.round.id}/`)) continue;
      for (const [g, n] of Object.entries(r.byGrade)) grades[g as keyof typeof grades] += n;
    }
    const findings: Record<string, number> = {};
    for (const f of internal.findings) if (f.severity === 'finding') findings[f.rule] = (findings[f.rule] ?? 0) + 1;
    const history = await pledgeHistory();
    let changes: { commits: number; pledges: number } | null = null;
    if (history) {
      changes = { commits: 0, pledges: 0 };
      for (const p of board.pledges) {
        const { marked } = historyRows(history.commitsOf(p.entry.file), { asOf, drafts: 'collapse' });
        changes.commits += marked;
        if (marked) changes.pledges += 1;
      }
    }
    counts = {
      upward: s.shareInternalCounts === false ? [] : [...defaultUpward],
      ranking: internal.ranking(board.round.id),
      grades,
      findings,
      changes,
    };
  }

  return shardSummary({
    scope: board.scope,
    site: { name: s.name, url: address ? absolute(paths.home(), address) : undefined, shard: s.shard },
    top,
    round: board.round,
    profile: profileResolver(s, index.org)(s.topOrg).id,
    asOf,
    provenance: { tool: pkg.name, version: pkg.version, commit: git.commit, clean: git.clean },
    members: model.members,
    pledges: index.roundPledges,
    onTime: board.onTime,
    trend: board.trend,
    orgs: board.orgsInOrder.flatMap((id) => {
      const entry = index.org.get(id);
      return entry ? [{ entry, rate: board.orgRate(id), overdue: overdueUnder(id) }] : [];
    }),
    internal: counts,
  });
}

const summaries = new WeakMap<Board, Map<string, Promise<string>>>();

/** This build's summary as published (two-space JSON), computed once per board and public address. */
export async function getSummaryJson(site: URL | undefined): Promise<string> {
  const board = await getBoard();
  let byAddress = summaries.get(board);
  if (!byAddress) {
    byAddress = new Map();
    summaries.set(board, byAddress);
  }
  const key = site?.href ?? '';
  let s = byAddress.get(key);
  if (!s) {
    s = collect(board, site).then(summaryJson);
    byAddress.set(key, s);
  }
  return s;
}
