/**
 * The lists the home page counts, so that every count leads to what it counts: all published pledges, those
 * checked off, those overdue, those under rectification, those not yet due, those due within 30 days and those checked off in the last 30 days. Pure: the
 * board's pledge views in, the rows of each list out.
 */
export const listKinds = ['all', 'closed', 'overdue', 'rectifying', 'not-due', 'due-soon', 'recently-closed'] as const;
export type ListKind = (typeof listKinds)[number];

interface View {
  status: string;
}

export function pledgeList<V extends View>(kind: ListKind, board: { pledges: V[]; dueSoon: V[]; recentlyClosed: V[] }): V[] {
  switch (kind) {
    case 'all':
      return board.pledges;
    case 'closed':
      return board.pledges.filter((p) => p.status === 'closed' || p.status === 'closed-late');
    case 'overdue':
      return board.pledges.filter((p) => p.status === 'overdue');
    case 'rectifying':
      return board.pledges.filter((p) => p.status === 'rectifying');
    case 'not-due':
      return board.pledges.filter((p) => p.status === 'in-progress' || p.status === 'not-started');
    case 'due-soon':
      return board.dueSoon;
    case 'recently-closed':
      return board.recentlyClosed;
  }
}
