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
  /** At or before the history's baseline: the starting state, not compared. */
  baseline?: boolean;
}

export interface HistoryRow {
  date: string;
  commit: string;
  /** The first 7 characters of the commit id, as git shows it. */
  short: string;
  text: string;
  /** The commit changed or withdrew something already published. */
  marked: boolean;
  /** What the commit changed could not be read, after the pledge had been published. */
  unverified: boolean;
}

export interface HistorySummary {
  rows: HistoryRow[];
  /** Commits after the pledge was first published, whatever it was just before each (a marked commit is one of them). */
  afterPublished: number;
  marked: number;
  unverified: number;
  /** Commits before the pledge was first published, left out of `rows` (the public board does not show drafts). */
  drafts: number;
  /** Rows at or before the history's baseline (the first rows): listed, not compared, not counted in `afterPublished`. */
  baseline: number;
}

const fieldLabel = (key: string) =>
  key === 'body' ? t('pledge.text') : ((pledgeFields as Record<string, { meta: { label?: string } }>)[key]?.meta.label ?? key);

/** The records a commit rewrote, the first three by date and then how many more. */
function recordList(dates: string[]): string {
  const named = dates
    .slice(0, 3)
    .map((date) => t('history.recordOf', { date }))
    .join('、');
  return dates.length > 3 ? t('history.recordsMore', { named, n: dates.length }) : named;
}

function describe(c: CommitChange, asOf: string): { text: string; marked: boolean; unverified: boolean } {
  const plain = (text: string) => ({ text, marked: false, unverified: false });
  if (c.baseline) return plain(t('history.baselineRow'));
  if (c.unknown)
    return { text: t(c.kind === 'created' ? 'history.createdUnknown' : 'history.unknown'), marked: false, unverified: c.wasPublic };
  if (c.kind === 'deleted') return { text: t('history.deleted'), marked: c.wasPublic, unverified: false };
  if (c.wasPublic && !c.isPublic) return { text: t('history.withdrawn'), marked: true, unverified: false };
  // Records dated after the as-of date were never on the board.
  const rewrote = c.rewrote.filter((d) => d <= asOf);
  const parts: string[] = [];
  if (rewrote.length) parts.push(t('history.rewrote', { dates: recordList(rewrote) }));
  if (c.changed.length) parts.push(t('history.changed', { fields: c.changed.map(fieldLabel).join('、') }));
  if (!c.wasPublic) {
    if (!c.isPublic) return plain(t(c.kind === 'created' ? 'history.created' : 'history.draft'));
    // Published again after a withdrawal: compared with what was published before.
    if (parts.length) return { text: `${t('history.republished')}${parts.join('；')}`, marked: true, unverified: false };
    return plain(t(c.kind === 'created' ? 'history.createdPublic' : 'history.published'));
  }
  return parts.length ? { text: parts.join('；'), marked: true, unverified: false } : plain(t('history.update'));
}

/**
 * The rows of a pledge file's commits. `drafts: 'collapse'` (the public board) leaves out the commits before the
 * pledge was first published and only counts them: when and how often a draft was edited or sent back is the
 * branch's internal review.
 * @example historyRows([{ commit: 'a1b2c3d4…', date: '2025-03-02', kind: 'edited', wasPublic: true, isPublic: true, rewrote: ['2025-02-27'], changed: [] }], { asOf: '2025-12-31' }).marked // → 1
 */
export function historyRows(commits: readonly CommitChange[], o: { asOf: string; drafts?: 'show' | 'collapse' }): HistorySummary {
  let afterPublished = 0;
  let marked = 0;
  let unverified = 0;
  let drafts = 0;
  let baseline = 0;
  let seenPublic = false;
  const rows: HistoryRow[] = [];
  for (const c of commits) {
    const before = !seenPublic && !c.wasPublic && !c.isPublic;
    // A change after the first publication: whatever the pledge was just before it (withdrawn, deleted, a draft
    // again), so that a republishing, which is marked when it differs, is counted too, and the marked ones are
    // always among those counted.
    const afterFirst = seenPublic || c.wasPublic;
    seenPublic ||= c.isPublic || c.wasPublic;
    if (before && o.drafts === 'collapse') {
      drafts += 1;
      continue;
    }
    const d = describe(c, o.asOf);
    if (c.baseline) baseline += 1;
    else if (afterFirst) afterPublished += 1;
    if (d.marked) marked += 1;
    if (d.unverified) unverified += 1;
    rows.push({ date: c.date, commit: c.commit, short: c.commit.slice(0, 7), ...d });
  }
  return { rows, afterPublished, marked, unverified, drafts, baseline };
}
