/** The public fields of each published pledge, as rows for the open-data files. */
import type { Board } from './board.ts';
import { absolute, paths } from './paths.ts';
import { t } from '../i18n/t.ts';
import { ledgerRow } from '../lib/ledgerRow.ts';

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
  /** The measures as one cell, as the ledger table and the export write them. */
  measuresText: string;
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
  return board.pledges.flatMap((p) => {
    const d = p.entry.data;
    // The same cells as the ledger table and the .xlsx export (src/lib/ledgerRow.ts).
    const row = ledgerRow(d, board.asOf);
    if (!row) return [];
    return [
      {
        id: p.id,
        round: p.entry.round ?? '',
        ownerId: d.owner,
        owner: p.ownerName,
        orgId: p.orgId,
        org: board.nameOf(p.orgId),
        category: row.category,
        categoryLabel: row.categoryLabel,
        title: row.title,
        text: (p.entry.body ?? '').trim(),
        measures: d.measures ?? [],
        measuresText: row.measures,
        deadline: row.deadline,
        approvedOn: d.review.date ?? '',
        status: row.status,
        statusLabel: t(`status.${row.status}`),
        progress: row.progress,
        latestDate: row.latestDate,
        latestNote: row.latestNote,
        closedOn: row.closedOn,
        verifiedBy: row.verifiedBy ? board.nameOf(row.verifiedBy) : '',
        rectification: d.rectification?.note ?? '',
        rectificationDeadline: d.rectification?.deadline ?? '',
        records: (d.records ?? []).filter((r) => r.date <= board.asOf),
        url: absolute(paths.pledge(p.id), site),
      },
    ];
  });
}
