/**
 * Every round the board publishes, not only the current one: each round's
 * pledges, rates and bulletins, computed once per build from the same scoped
 * model as the board. The current round is the board's own figures (as of the
 * board's date); an earlier round is shown as it ended (as of its end date, or
 * the board's date if that is earlier). Pledge and bulletin pages of every
 * round come from here, so switching `currentRound` breaks no published link.
 */
import { completionByCategory, completionRate, onTimeRate, type Rate } from '../lib/completionRates.ts';
import type { IsoDate } from '../lib/dates.ts';
import type { Bulletin, Entry, Round } from '../lib/model.ts';
import { fulfilmentOf, latestRecord } from '../lib/pledgeStatus.ts';
import { getBoard, type Board, type PledgeView } from './board.ts';
import { href } from './paths.ts';
import { groupBy } from '../lib/groupBy.ts';

export interface RoundBoard {
  round: Entry<Round>;
  /** True for the board's current round. */
  current: boolean;
  /** The date the round is shown as of. */
  asOf: IsoDate;
  pledges: PledgeView[];
  overall: Rate;
  onTime: Rate;
  byCategory: { category: string; rate: Rate }[];
  /** Rates of the top org's direct sub-orgs (each rolled up), in tree order. */
  byOrg: { id: string; rate: Rate }[];
  /** The round's bulletins, newest first. */
  bulletins: Entry<Bulletin>[];
  /** The round's pledges of an owner (member or org). */
  pledgesOf(ownerId: string): PledgeView[];
}

export interface RoundArchive {
  /** Published rounds, newest first: the current round and every round that started by the board's date. */
  rounds: RoundBoard[];
  round: Map<string, RoundBoard>;
  /** Every published pledge of every round, by id, with its round. */
  pledge: Map<string, { view: PledgeView; round: RoundBoard }>;
  /** Every published bulletin of every round, by id, with its round. */
  bulletin: Map<string, { entry: Entry<Bulletin>; round: RoundBoard }>;
  /** Earlier rounds (not the current one) in which an owner has pledges, newest first. */
  pastOf(ownerId: string): { round: RoundBoard; pledges: PledgeView[] }[];
  /** Earlier rounds in which an org or any of its sub-orgs' members or orgs has pledges, newest first. */
  pastOfOrg(orgId: string): { round: RoundBoard; pledges: PledgeView[] }[];
}

export const roundPaths = {
  index: () => href('rounds/'),
  round: (id: string) => href(`rounds/${id}/`),
};

const newestFirst = (a: Entry<Bulletin>, b: Entry<Bulletin>) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id);

function roundBoard(board: Board, round: Entry<Round>): RoundBoard {
  const current = round.id === board.round.id;
  const asOf = current ? board.asOf : round.data.end < board.asOf ? round.data.end : board.asOf;
  const pledges: PledgeView[] = current
    ? board.pledges
    : board.model.pledges
        .filter((p) => p.round === round.id)
        .map((entry) => ({
          entry,
          id: entry.id,
          status: fulfilmentOf(entry.data, asOf) ?? 'not-started',
          latest: latestRecord(entry.data, asOf),
          ownerName: board.nameOf(entry.data.owner),
          orgId: board.index.member.get(entry.data.owner)?.data.org ?? entry.data.owner,
        }));
  const entries = pledges.map((p) => p.entry);
  const byOwner = groupBy(pledges, (p) => p.entry.data.owner);
  const byOrgId = groupBy(pledges, (p) => p.orgId);
  const top = board.model.site.data.topOrg;
  const byOrg = (board.index.children.get(top) ?? []).map((id) => ({
    id,
    rate: completionRate(
      board.index
        .subtree(id)
        .flatMap((o) => byOrgId.get(o) ?? [])
        .map((p) => p.entry),
      asOf,
    ),
  }));
  return {
    round,
    current,
    asOf,
    pledges,
    overall: current ? board.overall : completionRate(entries, asOf),
    onTime: current ? board.onTime : onTimeRate(entries, asOf),
    byCategory: current ? board.byCategory : completionByCategory(entries, asOf),
    byOrg,
    bulletins: current ? board.bulletins : board.model.bulletins.filter((b) => b.round === round.id).sort(newestFirst),
    pledgesOf: (id) => byOwner.get(id) ?? [],
  };
}

function buildArchive(board: Board): RoundArchive {
  const rounds = board.model.rounds
    .filter((r) => r.id === board.round.id || r.data.start <= board.asOf)
    .sort((a, b) => b.data.start.localeCompare(a.data.start) || b.id.localeCompare(a.id))
    .map((r) => roundBoard(board, r));
  const pledge = new Map<string, { view: PledgeView; round: RoundBoard }>();
  const bulletin = new Map<string, { entry: Entry<Bulletin>; round: RoundBoard }>();
  for (const rb of rounds) {
    for (const view of rb.pledges) pledge.set(view.id, { view, round: rb });
    for (const entry of rb.bulletins) bulletin.set(entry.id, { entry, round: rb });
  }
  const past = rounds.filter((r) => !r.current);
  return {
    rounds,
    round: new Map(rounds.map((r) => [r.round.id, r])),
    pledge,
    bulletin,
    pastOf: (id) => past.map((round) => ({ round, pledges: round.pledgesOf(id) })).filter((x) => x.pledges.length > 0),
    pastOfOrg: (id) => {
      const orgs = new Set(board.index.subtree(id));
      return past.map((round) => ({ round, pledges: round.pledges.filter((p) => orgs.has(p.orgId)) })).filter((x) => x.pledges.length > 0);
    },
  };
}

const archives = new WeakMap<Board, RoundArchive>();

/** The archive of every published round, built once per board (once per build). */
export async function getRounds(): Promise<RoundArchive> {
  const board = await getBoard();
  let a = archives.get(board);
  if (!a) {
    a = buildArchive(board);
    archives.set(board, a);
  }
  return a;
}
