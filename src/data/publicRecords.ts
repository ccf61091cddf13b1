/** The public fields of each published pledge, as rows for the open-data files. */
import type { Board } from './board.ts';
import { absolute, paths } from './paths.ts';
import { t } from '../i18n/t.ts';
import { categories, labelOf } from '../schemas/options.ts';

export interface PublicPledge {
  id: string;
  round: string;
  ownerId: string;
  owner: string;
  orgId: string;
  org: string;
  category: string;
  categoryLabel: string;
  title: string;
  text: string;
  measures: string[];
  deadline: string;
  approvedOn: string;
  status: string;
  statusLabel: string;
  progress: number | null;
  latestDate: string;
  latestNote: string;
  closedOn: string;
  verifiedBy: string;
  rectification: string;
  rectificationDeadline: string;
  records: { date: string; note: string; progress: number }[];
  url: string;
}

/** Every published pledge of the round, in ledger order. */
export function publicPledges(board: Board, site: URL | undefined): PublicPledge[] {
  return board.pledges.map((p) => {
    const d = p.entry.data;
    return {
      id: p.id,
      round: p.entry.round ?? '',
      ownerId: d.owner,
      owner: p.ownerName,
      orgId: p.orgId,
      org: board.nameOf(p.orgId),
      category: d.category ?? '',
      categoryLabel: labelOf(categories, d.category),
      title: d.title,
      text: (p.entry.body ?? '').trim(),
      measures: d.measures ?? [],
      deadline: d.deadline ?? '',
      approvedOn: d.review.date ?? '',
      status: p.status,
      statusLabel: t(`status.${p.status}`),
      progress: p.latest?.progress ?? null,
      latestDate: p.latest?.date ?? '',
      latestNote: p.latest?.note ?? '',
      closedOn: d.closed?.date && d.closed.date <= board.asOf ? d.closed.date : '',
      verifiedBy: d.closed?.verifiedBy && d.closed.date && d.closed.date <= board.asOf ? board.nameOf(d.closed.verifiedBy) : '',
      rectification: d.rectification?.note ?? '',
      rectificationDeadline: d.rectification?.deadline ?? '',
      records: (d.records ?? []).filter((r) => r.date <= board.asOf),
      url: absolute(paths.pledge(p.id), site),
    };
  });
}
