/**
 * Everything the public pages show, computed once per build from the
 * public projection of the content: statuses, rates, lookups and rendered
 * Markdown. Pages read from here; nothing is recomputed per page.
 */
import { contentDir } from '../loader/contentDir.ts';
import {
  completionByCategory,
  completionRate,
  deadlineOutcomes,
  dueRate,
  monthlyTrend,
  onTimeRate,
  orgPledges,
  type DeadlineOutcomes,
  type Rate,
} from '../lib/completionRates.ts';
import { indexContent, type ContentIndex } from '../lib/contentIndex.ts';
import { addDays, type IsoDate } from '../lib/dates.ts';
import { builtOn } from '../loader/builtOn.ts';
import { checkedContent } from '../loader/contentCache.ts';
import type { Bulletin, Commendation, ContentModel, Entry, Pledge, Round } from '../lib/model.ts';
import { fulfilmentOf, latestRecord, type Fulfilment } from '../lib/pledgeStatus.ts';
import { projectScope, type Scope } from '../lib/projectScope.ts';
import { renderMarkdown } from '../lib/renderMarkdown.ts';
import { loadModel } from './loadModel.ts';
import { siteScope } from './siteScope.ts';

export interface PledgeView {
  entry: Entry<Pledge>;
  id: string;
  status: Fulfilment;
  latest?: NonNullable<Pledge['records']>[number];
  ownerName: string;
  /** The org the pledge is counted under: the owner's org, or the owner itself for org pledges. */
  orgId: string;
}

export interface Board {
  scope: Scope;
  model: ContentModel;
  index: ContentIndex;
  asOf: IsoDate;
  /** The footer's 内容更新日期 (SOURCE_DATE_EPOCH, else the date of the commit built). */
  lastCommit?: IsoDate;
  round: Entry<Round>;
  pledges: PledgeView[];
  pledge: Map<string, PledgeView>;
  /** Published pledges of an owner (member or org), current round. */
  pledgesOf(ownerId: string): PledgeView[];
  /** Pledges of an org's own members and its own org pledges (not sub-orgs). */
  ledgerOf(orgId: string): PledgeView[];
  orgRate(orgId: string): Rate;
  memberRate(memberId: string): Rate;
  overall: Rate;
  onTime: Rate;
  /** Completion of what has fallen due (or is done already): the home page's headline in the middle of a round. */
  due: Rate;
  /** The published pledges by deadline outcome: on time, late, overdue, under rectification, not yet due. */
  outcomes: DeadlineOutcomes;
  byCategory: { category: string; rate: Rate }[];
  trend: { month: string; rate: Rate; pace: number }[];
  /** Orgs in tree order (top first). */
  orgsInOrder: string[];
  bulletins: Entry<Bulletin>[];
  /** Decided commendations (光荣榜) of every round, newest first. */
  commendations: Entry<Commendation>[];
  /** Commendations of a member or an org, newest first. */
  commendationsOf(subjectId: string): Entry<Commendation>[];
  /** Safe HTML of an entry body, rendered once. */
  html(entry: { id: string; body?: string }): string;
  nameOf(id: string): string;
  /** Pledges checked off in the 30 days up to asOf, newest first. */
  recentlyClosed: PledgeView[];
  /** Open pledges due in the next 30 days, soonest first. */
  dueSoon: PledgeView[];
}

async function build(scope: Scope): Promise<Board> {
  const full = loadModel();
  // The date the content check audited at (--as-of/AS_OF, else site.json's asOf, else today in the site's time zone).
  const asOf = checkedContent(contentDir()).asOf!;
  const model = projectScope(full, scope, asOf);
  const index = indexContent(model);
  const round = index.round;
  if (!round)
    throw new Error(
      `site.json 的 currentRound（当前轮次）“${model.site.data.currentRound}”没有对应的轮次文件（content/rounds/${model.site.data.currentRound}.md）。`,
    );

  const nameOf = (id: string) => index.member.get(id)?.data.name ?? index.org.get(id)?.data.name ?? id;
  const pledges: PledgeView[] = index.roundPledges.map((entry) => ({
    entry,
    id: entry.id,
    status: fulfilmentOf(entry.data, asOf) ?? 'not-started',
    latest: latestRecord(entry.data, asOf),
    ownerName: nameOf(entry.data.owner),
    orgId: index.member.get(entry.data.owner)?.data.org ?? entry.data.owner,
  }));
  const pledge = new Map(pledges.map((p) => [p.id, p]));
  const byOwner = new Map<string, PledgeView[]>();
  const byOrg = new Map<string, PledgeView[]>();
  const push = (m: Map<string, PledgeView[]>, k: string, p: PledgeView) => {
    const list = m.get(k);
    if (list) list.push(p);
    else m.set(k, [p]);
  };
  for (const p of pledges) {
    push(byOwner, p.entry.data.owner, p);
    push(byOrg, p.orgId, p);
  }
  const orgRates = new Map<string, Rate>();
  const orgRate = (id: string) => {
    let r = orgRates.get(id);
    if (!r) {
      r = completionRate(orgPledges(index, id), asOf);
      orgRates.set(id, r);
    }
    return r;
  };
  const htmlCache = new Map<string, string>();
  const top = model.site.data.topOrg;
  // One count per deadline outcome, shared by the home, stats and screen pages and the due rate.
  const outcomes = deadlineOutcomes(index.roundPledges, asOf);
  const orgsInOrder = index.org.has(top) ? index.subtree(top) : model.orgs.map((o) => o.id);
  const commendations = [...model.commendations].sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
  const commendationsBy = new Map<string, Entry<Commendation>[]>();
  for (const c of commendations) {
    const list = commendationsBy.get(c.data.subject);
    if (list) list.push(c);
    else commendationsBy.set(c.data.subject, [c]);
  }
  const soon = addDays(asOf, 30);
  const since = addDays(asOf, -30);
  return {
    scope,
    model,
    index,
    asOf,
    lastCommit: builtOn(contentDir(), model.site.data.timeZone),
    round,
    pledges,
    pledge,
    pledgesOf: (id) => byOwner.get(id) ?? [],
    ledgerOf: (id) => byOrg.get(id) ?? [],
    orgRate,
    memberRate: (id) => completionRate(byOwner.get(id)?.map((p) => p.entry) ?? [], asOf),
    overall: completionRate(index.roundPledges, asOf),
    onTime: onTimeRate(index.roundPledges, asOf),
    due: dueRate(outcomes),
    outcomes,
    byCategory: completionByCategory(index.roundPledges, asOf),
    trend: monthlyTrend(index.roundPledges, round.data, asOf),
    orgsInOrder,
    bulletins: model.bulletins
      .filter((b) => b.round === round.id)
      .sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id)),
    commendations,
    commendationsOf: (id) => commendationsBy.get(id) ?? [],
    html: (e) => {
      let h = htmlCache.get(e.id);
      if (h === undefined) {
        h = renderMarkdown(e.body);
        htmlCache.set(e.id, h);
      }
      return h;
    },
    nameOf,
    recentlyClosed: pledges
      .filter((p) => p.entry.data.closed?.date && p.entry.data.closed.date >= since && p.entry.data.closed.date <= asOf)
      .sort((a, b) => (b.entry.data.closed?.date ?? '').localeCompare(a.entry.data.closed?.date ?? '')),
    dueSoon: pledges
      .filter((p) => (p.status === 'in-progress' || p.status === 'not-started') && (p.entry.data.deadline ?? '') <= soon)
      .sort((a, b) => (a.entry.data.deadline ?? '').localeCompare(b.entry.data.deadline ?? '')),
  };
}

const boards = new Map<Scope, { model: ContentModel; board: Promise<Board> }>();

/** The board of a scope (by default this build's, SITE_SCOPE), built once per content model (once per build; again in dev after an edit). */
export function getBoard(scope: Scope = siteScope()): Promise<Board> {
  const model = loadModel();
  let b = boards.get(scope);
  if (!b || b.model !== model) {
    b = { model, board: build(scope) };
    boards.set(scope, b);
  }
  return b.board;
}
