/**
 * This build's `summary.json` (src/lib/shardSummary.ts): the board's own projection of the content (its scope, its
 * date) through src/lib/summaryFromModel.ts — the computation a roll-up repeats on the branch's repository. The internal build adds the audit findings it shows (src/data/internalData.ts) and the changes
 * counted from the pledge history. Computed once per board and address.
 */
import pkg from '../../package.json';
import { contentDir } from '../loader/contentDir.ts';
import { repoState } from '../loader/repoState.ts';
import { historyRows } from '../lib/historyRows.ts';
import { summaryJson } from '../lib/shardSummary.ts';
import { summaryOfScope } from '../lib/summaryFromModel.ts';
import { getBoard, type Board } from './board.ts';
import { getInternal } from './internalData.ts';
import { absolute, paths, publicSite } from './paths.ts';
import { pledgeHistory } from './pledgeHistory.ts';

/** Audit findings by rule, and changes to published pledges (null without a history), for the internal summary. */
async function internalCounts(board: Board) {
  const internal = await getInternal();
  if (!internal) return {};
  const findings: Record<string, number> = {};
  for (const f of internal.findings) if (f.severity === 'finding') findings[f.rule] = (findings[f.rule] ?? 0) + 1;
  const history = await pledgeHistory();
  if (!history) return { findings, changes: null };
  const changes = { commits: 0, pledges: 0 };
  for (const p of board.pledges) {
    const { marked } = historyRows(history.commitsOf(p.entry.file), { asOf: board.asOf, drafts: 'collapse' });
    changes.commits += marked;
    if (marked) changes.pledges += 1;
  }
  return { findings, changes };
}

async function collect(board: Board, site: URL | undefined): Promise<string> {
  const git = repoState(contentDir());
  const address = publicSite(site);
  // The board's own projection and index: the content as this build's pages show it.
  const summary = summaryOfScope(board.model, board.index, {
    scope: board.scope,
    asOf: board.asOf,
    url: address ? absolute(paths.home(), address) : undefined,
    provenance: { tool: pkg.name, version: pkg.version, commit: git.commit, clean: git.clean },
    ...(await internalCounts(board)),
  });
  return summaryJson(summary);
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
    s = collect(board, site);
    byAddress.set(key, s);
  }
  return s;
}
