/**
 * The figures one display screen shows, for the whole organisation or one org (its sub-orgs rolled up): read
 * from the same board as the home, stats and org pages, so a screen never shows another number than they do.
 */
import type { Board, PledgeView } from './board.ts';
import { completionByCategory, deadlineOutcomes, dueRate, type Rate } from '../lib/completionRates.ts';
import type { Bulletin, Commendation, Entry } from '../lib/model.ts';

export interface ScreenFigures {
  org: string;
  overall: Rate;
  /** Completion of what has fallen due, the screen's headline (as the home page's). */
  due: Rate;
  /** Open pledges still within their deadline. */
  notDue: number;
  onTime?: Rate;
  pledges: number;
  closed: number;
  /** 逾期未销号 and 限期整改中, as on the home page (src/lib/completionRates.ts deadlineOutcomes). */
  overdue: number;
  rectifying: number;
  /** Direct sub-orgs with their rates (empty for an org without any). */
  branches: { id: string; rate: Rate }[];
  byCategory: { category: string; rate: Rate }[];
  /** Checked off in the 30 days up to the as-of date, newest first. */
  recentlyClosed: PledgeView[];
  /** Open and due in the next 30 days, soonest first. */
  dueSoon: PledgeView[];
  /** Newest first. */
  bulletins: Entry<Bulletin>[];
  /** Newest first. */
  commendations: Entry<Commendation>[];
}

/** The figures of `org` (the top org: exactly the home page's). */
export function screenFigures(board: Board, org: string): ScreenFigures {
  const top = org === board.model.site.data.topOrg;
  const orgs = new Set(board.index.subtree(org));
  const mine = top ? board.pledges : board.pledges.filter((p) => orgs.has(p.orgId));
  const inScope = (p: PledgeView) => top || orgs.has(p.orgId);
  const subjectIn = (id: string) => orgs.has(id) || orgs.has(board.index.member.get(id)?.data.org ?? '');
  // The same outcomes as the home page's, for this org's pledges.
  const o = top
    ? board.outcomes
    : deadlineOutcomes(
        mine.map((p) => p.entry),
        board.asOf,
      );
  return {
    org,
    overall: top ? board.overall : board.orgRate(org),
    due: dueRate(o),
    notDue: o.notDue,
    onTime: top ? board.onTime : undefined,
    pledges: mine.length,
    closed: o.onTime + o.late,
    overdue: o.overdue,
    rectifying: o.rectifying,
    branches: (board.index.children.get(org) ?? []).map((id) => ({ id, rate: board.orgRate(id) })),
    byCategory: top
      ? board.byCategory
      : completionByCategory(
          mine.map((p) => p.entry),
          board.asOf,
        ),
    recentlyClosed: board.recentlyClosed.filter(inScope),
    dueSoon: board.dueSoon.filter(inScope),
    bulletins: top ? board.bulletins : board.bulletins.filter((b) => orgs.has(b.data.org)),
    commendations: top ? board.commendations : board.commendations.filter((c) => subjectIn(c.data.subject)),
  };
}
