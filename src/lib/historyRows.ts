/**
 * The pledge page's 修改记录: one row per commit that changed the pledge's file, saying in words what the commit
 * did to what the public could see, and marking every commit that changed something already published.
 */
import { t } from '../i18n/t.ts';
import { pledgeFields } from '../schemas/pledge.ts';

/** What src/loader/gitLogPatch.ts files for each commit of a file. */
export interface CommitChange {
  commit: string;
  date: string;
  kind: 'created' | 'edited' | 'deleted';
  wasPublic: boolean;
  isPublic: boolean;
  rewrote: string[];
  changed: string[];
  unknown?: boolean;
}

export interface HistoryRow {
  date: string;
  commit: string;
  /** The first 7 characters of the commit id, as git shows it. */
  short: string;
  text: string;
  /** The commit changed or withdrew something already published. */
  marked: boolean;
}

export interface HistorySummary {
  rows: HistoryRow[];
  /** Commits after the pledge was first published. */
  afterPublished: number;
  marked: number;
}

const fieldLabel = (key: string) => (key === 'body' ? t('pledge.text') : (pledgeFields as Record<string, { meta: { label?: string } }>)[key]?.meta.label ?? key);

/** The records a commit rewrote, the first three by date and then how many more. */
function recordList(dates: string[]): string {
  const named = dates.slice(0, 3).map((date) => t('history.recordOf', { date })).join('、');
  return dates.length > 3 ? t('history.recordsMore', { named, n: dates.length }) : named;
}

function describe(c: CommitChange): { text: string; marked: boolean } {
  if (c.unknown) return { text: t(c.kind === 'created' ? 'history.createdUnknown' : 'history.unknown'), marked: false };
  if (c.kind === 'deleted') return { text: t('history.deleted'), marked: c.wasPublic };
  if (c.kind === 'created') return { text: t(c.isPublic ? 'history.createdPublic' : 'history.created'), marked: false };
  if (!c.wasPublic) return { text: t(c.isPublic ? 'history.published' : 'history.draft'), marked: false };
  if (!c.isPublic) return { text: t('history.withdrawn'), marked: true };
  const parts: string[] = [];
  if (c.rewrote.length) parts.push(t('history.rewrote', { dates: recordList(c.rewrote) }));
  if (c.changed.length) parts.push(t('history.changed', { fields: c.changed.map(fieldLabel).join('、') }));
  return parts.length ? { text: parts.join('；'), marked: true } : { text: t('history.update'), marked: false };
}

/** @example historyRows([{ commit: 'a1b2c3d4…', date: '2025-03-02', kind: 'edited', wasPublic: true, isPublic: true, rewrote: ['2025-02-27'], changed: [] }]).marked // → 1 */
export function historyRows(commits: readonly CommitChange[]): HistorySummary {
  let afterPublished = 0;
  let marked = 0;
  const rows = commits.map((c) => {
    const d = describe(c);
    if (c.wasPublic) afterPublished += 1;
    if (d.marked) marked += 1;
    return { date: c.date, commit: c.commit, short: c.commit.slice(0, 7), text: d.text, marked: d.marked };
  });
  return { rows, afterPublished, marked };
}
