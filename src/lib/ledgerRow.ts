/**
 * One row of the 践诺台账, as of a date: the cells the ledger table, the open data (JSON and CSV) and the
 * `.xlsx` export all show, built in one place so they never drift apart. Only what happened by `asOf` counts:
 * the latest record on or before it, the 销号 date and verifier only once checked off by then.
 * Null for a pledge that is not approved by `asOf` (it is not on the ledger).
 */
import type { IsoDate } from './dates.ts';
import type { Pledge } from './model.ts';
import { fulfilmentOf, latestRecord, type Fulfilment } from './pledgeStatus.ts';
import { categories, labelOf } from '../schemas/options.ts';

export interface LedgerRow {
  category: string;
  categoryLabel: string;
  title: string;
  /** The measures joined as one cell, with a full-width semicolon. */
  measures: string;
  deadline: string;
  status: Fulfilment;
  latestDate: string;
  latestNote: string;
  progress: number | null;
  closedOn: string;
  /** The verifier's id, only when checked off by `asOf`. */
  verifiedBy: string;
}

const rows = new WeakMap<Pledge, Map<IsoDate, Readonly<LedgerRow> | null>>();

/**
 * The row of pledge `p` as of `asOf`, computed once per pledge and date: a pledge is on its org's ledger, on
 * the lists of the home page and in the open data, all in one build.
 */
export function ledgerRow(p: Pledge, asOf: IsoDate): Readonly<LedgerRow> | null {
  let byDate = rows.get(p);
  if (!byDate) rows.set(p, (byDate = new Map()));
  // Frozen: the row is shared by every caller, so none may change it; a pledge is read-only content.
  if (!byDate.has(asOf)) byDate.set(asOf, Object.freeze(computeRow(p, asOf)));
  return byDate.get(asOf) ?? null;
}

function computeRow(p: Pledge, asOf: IsoDate): LedgerRow | null {
  const status = fulfilmentOf(p, asOf);
  if (!status) return null;
  const latest = latestRecord(p, asOf);
  const closed = p.closed?.date && p.closed.date <= asOf ? p.closed : undefined;
  return {
    category: p.category ?? '',
    categoryLabel: labelOf(categories, p.category),
    title: p.title,
    measures: (p.measures ?? []).join('；'),
    deadline: p.deadline ?? '',
    status,
    latestDate: latest?.date ?? '',
    latestNote: latest?.note ?? '',
    progress: latest?.progress ?? null,
    closedOn: closed?.date ?? '',
    verifiedBy: closed?.verifiedBy ?? '',
  };
}
