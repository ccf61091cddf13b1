/**
 * The rows of the month's spreadsheet (`npm run export -- month 2025-12`):
 * every pledge of the current round that owes a record for the period, by
 * R6's own function (src/lib/owedPledges.ts), with its owner told apart from
 * a namesake and its last record. Also the one check of the period asked for,
 * shared by the export and the import: a month (or semester) of the round
 * that has begun, at a cadence the branches keep.
 */
import type { ContentIndex } from './contentIndex.ts';
import type { IsoDate, Period } from './dates.ts';
import type { Entry, Pledge } from './model.ts';
import { cadenceOfKey, owedPledges } from './owedPledges.ts';
import { ownerLabels } from './ownerLabels.ts';
import { latestRecord } from './pledgeStatus.ts';
import { profileResolver } from './profiles.ts';
import { ledgerPeriodByKey, type RecordCadence } from './recordGaps.ts';

export interface MonthSheetRow {
  /** The pledge file relative to the content folder, with `/`: `pledges/2025/chen-hui-work.md`. */
  path: string;
  pledge: Entry<Pledge>;
  /** The org the pledge belongs to: the owner's branch, or the org that pledged. */
  org: string;
  orgName: string;
  /** The owner's name, told apart when two members share it. */
  name: string;
  last?: { date: string; note: string; progress: number };
}

/** Where a pledge entry's file lies inside the content folder. */
export function pledgePath(p: Pick<Entry<Pledge>, 'id'>): string {
  return `pledges/${p.id}.md`;
}

/** The org of a pledge's owner: a member's branch, or the org itself. */
export function orgOfOwner(index: ContentIndex, owner: string): string {
  return index.member.get(owner)?.data.org ?? owner;
}

/** The record cadence (每月 or 每学期) the owner's branch keeps, by its profile. */
export function cadenceResolver(index: ContentIndex): (owner: string) => RecordCadence {
  const profileOf = profileResolver(index.model.site.data, index.org);
  return (owner) => profileOf(orgOfOwner(index, owner)).recordCadence;
}

/**
 * The period named by `key` (`2025-12`, `2025-autumn`), or why it cannot be recorded: not a period, outside the
 * current round, not begun by `today`, or at a cadence none of the orgs in scope keeps. `org` limits the scope.
 */
export function sheetPeriod(index: ContentIndex, key: string, today: IsoDate, org?: string): { period: Period } | { error: string } {
  const round = index.round;
  if (!round) return { error: `找不到当前轮次“${index.model.site.data.currentRound}”：content/rounds/ 中没有它。` };
  const cadence = cadenceOfKey(key);
  const period = ledgerPeriodByKey(cadence, key);
  if (!period) return { error: `“${key.slice(0, 20)}”不是月份（如 2025-12）或学期（如 2025-autumn）。` };
  if (period.end < round.data.start || period.start > round.data.end) {
    return { error: `${period.key} 不在本轮（${round.data.title}，${round.data.start} 至 ${round.data.end}）之内：请选择本轮的月份。` };
  }
  if (period.start > today) return { error: `${period.key} 还没有开始（今天是 ${today}），不能预先记实。` };
  const orgs = org ? [org] : [...index.org.keys()];
  const profileOf = profileResolver(index.model.site.data, index.org);
  if (!orgs.some((o) => profileOf(o).recordCadence === cadence)) {
    return {
      error:
        cadence === 'month'
          ? `${period.key} 是月份，但${org ? '这个组织' : '各组织'}每学期一记账：请写成学期，如 ${period.key.slice(0, 4)}-autumn（秋季学期）或 ${period.key.slice(0, 4)}-spring（春季学期）。`
          : `${period.key} 是学期，但${org ? '这个组织' : '各组织'}每月一记实：请写成月份，如 ${period.start.slice(0, 7)}。`,
    };
  }
  return { period };
}

/**
 * The owed pledges of the current round for `period`, restricted to `org` when given (its own pledges and its
 * members'), in the orgs' order, then by owner and file. The last record is the latest on or before `today`.
 */
export function monthSheetRows(index: ContentIndex, period: Period, today: IsoDate, org?: string): MonthSheetRow[] {
  const label = ownerLabels(index.model.members, index.model.orgs);
  const inScope = index.roundPledges.filter((p) => !org || orgOfOwner(index, p.data.owner) === org);
  const top = index.model.site.data.topOrg;
  const tree = index.org.has(top) ? index.subtree(top) : [];
  const order = new Map<string, number>();
  for (const id of [...tree, ...[...index.org.keys()].sort()]) if (!order.has(id)) order.set(id, order.size);
  const rows = owedPledges(inScope, cadenceResolver(index), period, today).map((p): MonthSheetRow => {
    const o = orgOfOwner(index, p.data.owner);
    const last = latestRecord(p.data, today);
    return {
      path: pledgePath(p),
      pledge: p,
      org: o,
      orgName: index.org.get(o)?.data.name ?? o,
      name: label(p.data.owner),
      last: last && { date: last.date, note: last.note, progress: last.progress },
    };
  });
  const collator = new Intl.Collator('zh-CN');
  return rows.sort(
    (a, b) =>
      (order.get(a.org) ?? 1e9) - (order.get(b.org) ?? 1e9) ||
      collator.compare(a.name, b.name) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}
