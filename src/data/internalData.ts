/**
 * What only the internal build shows, computed once per build from the
 * internal projection (src/lib/projectScope.ts) of the content: 评诺 results
 * per round and branch with commendation candidates, leader reviews by
 * branch, the audit findings by branch and rule, and pledges still under
 * review. Never imported by a page of the public build: every internal page
 * returns no paths unless the board's scope is internal.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { contentDir } from '../loader/contentDir.ts';
import { auditSubjects, type AuditSubject } from '../lib/auditSubject.ts';
import { indexContent } from '../lib/contentIndex.ts';
import { branchRanking, type StageRanking } from '../lib/branchRanking.ts';
import { profileResolver } from '../lib/profiles.ts';
import { branchResults, commendationCandidates, type BranchResults, type Candidate } from '../lib/evaluationResults.ts';
import type { ContentModel, Entry, Pledge, Review } from '../lib/model.ts';
import { reviewStateOf, type ReviewState } from '../lib/pledgeStatus.ts';
import type { Problem } from '../lib/problem.ts';
import { collectionOf } from '../schemas/collections.ts';
import { getBoard, type Board } from './board.ts';
import { loadFindings, loadModel } from './loadModel.ts';

export interface Finding extends Problem {
  subject: AuditSubject;
  /** The file to fix as the secretary sees the repository: `content/…`, wherever the build ran from. */
  path: string;
}

export interface PendingPledge {
  id: string;
  title: string;
  state: ReviewState;
  owner: string;
  ownerName: string;
  org: string;
}

export interface InternalData {
  board: Board;
  /** Results by `<round>/<org>`, for every evaluation the internal scope holds. */
  results: Map<string, BranchResults>;
  candidates: Map<string, Candidate[]>;
  /** Rounds with an evaluation, newest first, and the orgs evaluated in each. */
  evaluated: { round: string; title: string; orgs: string[] }[];
  /** Leader reviews of the current round by branch: of its members and of the branch itself, by date. */
  reviewsOf(org: string): Entry<Review>[];
  /** Orgs with at least one review, in tree order. */
  reviewedOrgs: string[];
  findings: Finding[];
  /** The 考核评比 of a round (every finished stage and the whole round), computed once for the page and its CSV. */
  ranking(round: string): StageRanking[];
  /** Pledges of the current round submitted for review or sent back (no drafts): title and state only. */
  pending: PendingPledge[];
}

/** A content path (relative to the build's working folder) as `content/…`, relative to the content folder's parent. */
function repoPath(file: string): string {
  return relative(dirname(contentDir()), resolve(process.cwd(), file)).split(sep).join('/');
}

const isPrivate = (collection: Parameters<typeof collectionOf>[0], v: string | undefined) =>
  (v ?? collectionOf(collection).defaultVisibility) === 'private';

function build(full: ContentModel, board: Board): InternalData {
  const { index, asOf } = board;
  const model = board.model;
  const settings = model.site.data.evaluation;

  const results = new Map<string, BranchResults>();
  const candidates = new Map<string, Candidate[]>();
  const pledgesByRound = new Map<string, Entry<Pledge>[]>();
  for (const p of model.pledges) {
    const list = pledgesByRound.get(p.round ?? '');
    if (list) list.push(p);
    else pledgesByRound.set(p.round ?? '', [p]);
  }
  const order = new Map(board.orgsInOrder.map((id, i) => [id, i]));
  const profileOf = profileResolver(model.site.data, index.org);
  const evaluations = [...model.evaluations].filter((e) => e.data.date <= asOf && index.org.has(e.data.org));
  for (const e of evaluations) {
    const key = `${e.round}/${e.data.org}`;
    const r = branchResults(index, e, settings, profileOf(e.data.org));
    results.set(key, r);
    candidates.set(key, commendationCandidates(r, pledgesByRound.get(e.round ?? '') ?? [], asOf));
  }
  const rounds = [...new Set(evaluations.map((e) => e.round ?? ''))].sort().reverse();
  const evaluated = rounds.map((round) => ({
    round,
    title: model.rounds.find((r) => r.id === round)?.data.title ?? round,
    orgs: evaluations
      .filter((e) => e.round === round)
      .map((e) => e.data.org)
      .sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9)),
  }));

  const reviews = new Map<string, Entry<Review>[]>();
  for (const r of model.reviews) {
    if (r.round !== board.round.id || r.data.date > asOf) continue;
    const org = index.member.get(r.data.subject)?.data.org ?? (index.org.has(r.data.subject) ? r.data.subject : undefined);
    if (!org) continue;
    const list = reviews.get(org);
    if (list) list.push(r);
    else reviews.set(org, [r]);
  }
  for (const list of reviews.values()) list.sort((a, b) => a.data.date.localeCompare(b.data.date) || a.id.localeCompare(b.id));

  // The audit is `npm run check`'s, over the whole content; what concerns a private file is left out, and so is any
  // finding that quotes the title of a private pledge.
  const fullIndex = indexContent(full);
  // A file filed under a round the scope does not show (a private round) counts as private too (projectScope.ts).
  const shownRounds = new Set(model.rounds.map((r) => r.id));
  const hiddenRound = (round: string | undefined) =>
    round !== undefined && full.rounds.some((r) => r.id === round) && !shownRounds.has(round);
  const privateFiles = new Set<string>();
  for (const name of ['orgs', 'members', 'pledges', 'checks', 'bulletins', 'reviews', 'evaluations', 'commendations'] as const) {
    for (const e of full[name] as Entry<{ visibility?: string }>[])
      if (isPrivate(name, e.data.visibility) || hiddenRound(e.round)) privateFiles.add(e.file);
  }
  // A finding is shown only when the scope shows what it is about (a pledge of a private member is not), and
  // never when it quotes a private pledge's title or names a member the scope leaves out (R3, R16 list names).
  const privateTitles = full.pledges.filter((p) => privateFiles.has(p.file)).map((p) => `“${p.data.title}”`);
  const hiddenNames = full.members.filter((m) => !index.member.has(m.id)).map((m) => m.data.name);
  const subjectOf = auditSubjects(fullIndex);
  const shown = (s: AuditSubject): boolean => {
    if (!index.org.has(s.org)) return false;
    if (s.kind === 'member') return index.member.has(s.id);
    if (s.kind === 'org') return index.org.has(s.id);
    if (s.kind === 'pledge') {
      const owner = fullIndex.pledge.get(s.id)?.data.owner;
      return owner !== undefined && (index.member.has(owner) || index.org.has(owner));
    }
    return true;
  };
  // The check before the build has run the audit already (same content, same as-of date): its findings are reused.
  const findings = loadFindings()
    .filter((f) => {
      const text = `${f.message}${f.reason ?? ''}`;
      return !privateFiles.has(f.file) && !privateTitles.some((t) => text.includes(t)) && !hiddenNames.some((n) => text.includes(n));
    })
    .map((f) => ({ ...f, subject: subjectOf(f), path: repoPath(f.file) }))
    .filter((f) => shown(f.subject));

  // Pledges under review: from the whole content, since the scope keeps approved pledges only; title and state only.
  const visibleOwners = new Set([...model.members, ...model.orgs].map((e) => e.id));
  const pending: PendingPledge[] = full.pledges
    .filter((p) => p.round === board.round.id && !privateFiles.has(p.file) && visibleOwners.has(p.data.owner))
    .map((p) => ({ p, state: reviewStateOf(p.data, asOf) }))
    .filter(({ state }) => state === 'submitted' || state === 'revise' || state === 'resubmit')
    .map(({ p, state }) => ({
      id: p.id,
      title: p.data.title,
      state,
      owner: p.data.owner,
      ownerName: board.nameOf(p.data.owner),
      org: index.member.get(p.data.owner)?.data.org ?? p.data.owner,
    }))
    .sort((a, b) => (order.get(a.org) ?? 1e9) - (order.get(b.org) ?? 1e9) || a.id.localeCompare(b.id));

  const rankings = new Map<string, StageRanking[]>();
  const ranking = (round: string) => {
    let r = rankings.get(round);
    if (!r) {
      r = branchRanking(index, model.site.data, round, asOf);
      rankings.set(round, r);
    }
    return r;
  };

  return {
    board,
    ranking,
    results,
    candidates,
    evaluated,
    reviewsOf: (org) => reviews.get(org) ?? [],
    reviewedOrgs: board.orgsInOrder.filter((o) => reviews.has(o)),
    findings,
    pending,
  };
}

const cache = new Map<ContentModel, Promise<InternalData>>();

/** The internal data of this build (built once per content model), or undefined in the public build. */
export async function getInternal(): Promise<InternalData | undefined> {
  const board = await getBoard();
  if (board.scope !== 'internal') return undefined;
  const full = loadModel();
  let d = cache.get(full);
  if (!d) {
    cache.clear();
    d = Promise.resolve(build(full, board));
    cache.set(full, d);
  }
  return d;
}
