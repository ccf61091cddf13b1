/**
 * What one commit did to one pledge file, as a reader of the board cares: did it publish the pledge, withdraw it,
 * or change what was already public — above all a ledger record (践诺记实) that readers had already seen.
 *
 * Most commits append a record or check a pledge off. That is decided from the lines alone
 * (src/lib/frontmatterOutline.ts): a change that only adds lines after the last record, or adds a key, leaves
 * everything public as it was. Anything else that touches a public version is decided by reading both versions
 * with the content parser (src/lib/parseContentFile.ts, with its limits) and comparing the fields.
 */
import { frontmatterOutline, reviewStatusOf, visibilityOf, type FrontmatterOutline } from '../lib/frontmatterOutline.ts';
import { parseMarkdown } from '../lib/parseContentFile.ts';

/** One version of a file: its lines as git holds them (each its own string, so none keeps git's output alive). */
export interface Version {
  lines: string[];
  outline?: FrontmatterOutline;
  public?: boolean;
  parsed?: { data: Record<string, unknown>; body: string } | null;
}

/** A run of -U0 diff: `oldLen` lines from old line index `at` replaced by `added` (an insertion before `at` when `oldLen` is 0). */
export interface Hunk {
  at: number;
  oldLen: number;
  added: string[];
}

export interface PledgeChange {
  /** The pledge was public before this commit. */
  wasPublic: boolean;
  /** The pledge is public after it. */
  isPublic: boolean;
  /** Dates of records that were public before this commit and are changed or gone after it. */
  rewrote: string[];
  /** Other public fields the commit changed (keys of src/schemas/pledge.ts, and `body` for the pledge text). */
  changed: string[];
  /** A version could not be read, so what changed is not known. */
  unknown?: boolean;
}

/** The fields a reader sees on the pledge page, compared when a public version changes. */
const PUBLIC_FIELDS = ['owner', 'category', 'title', 'measures', 'deadline', 'review', 'closed', 'rectification'] as const;

const outlineOf = (v: Version) => (v.outline ??= frontmatterOutline(v.lines));

function parsedOf(v: Version): Version['parsed'] {
  if (v.parsed !== undefined) return v.parsed;
  const r = parseMarkdown(v.lines.join('\n'), 'history');
  v.parsed = r.data ? { data: r.data as Record<string, unknown>, body: (r.body ?? '').trim() } : null;
  return v.parsed;
}

/** The visibilities a scope publishes: everyone's board shows `public` only; the organisation's shows `internal` too. */
export type Published = ReadonlySet<string>;
export const publishedIn = (scope: string | undefined): Published => new Set(scope === 'internal' ? ['public', 'internal'] : ['public']);

/**
 * Whether a version was published on this scope's board: approved, with a visibility the scope shows. Read from
 * the lines when they say it plainly.
 */
export function isPublicVersion(v: Version, published: Published): boolean {
  if (v.public !== undefined) return v.public;
  const all = v.lines;
  const o = outlineOf(v);
  const status = reviewStatusOf(all, o);
  const visibility = o.keys.has('visibility') ? visibilityOf(all, o) : 'public';
  if (status !== undefined && visibility !== undefined) return (v.public = status === 'approved' && published.has(visibility));
  const p = parsedOf(v);
  const review = p?.data.review as { status?: unknown } | undefined;
  return (v.public = !!p && review?.status === 'approved' && published.has(String(p.data.visibility ?? 'public')));
}

const isTopKey = (line: string) => /^[A-Za-z_][\w-]*\s*:/.test(line);
const indentOf = (line: string) => line.length - line.trimStart().length;

/** The keys of `old` whose lines the hunks change; lines added after a key's last line extend that key, unless they start a key or a new list item. */
function touchedKeys(old: Version, hunks: Hunk[]): Set<string> {
  const o = outlineOf(old);
  const oldLines = old.lines;
  const touched = new Set<string>();
  for (const h of hunks) {
    if (h.oldLen > 0) {
      for (let i = h.at; i < h.at + h.oldLen; i += 1) touched.add(o.keyAt(i));
      continue;
    }
    const before = h.at > 0 ? o.keyAt(h.at - 1) : '';
    const after = h.at < oldLines.length ? o.keyAt(h.at) : 'body';
    if (before === after) {
      touched.add(before);
      continue;
    }
    const first = h.added[0] ?? '';
    if (before === 'body' || before === '' || isTopKey(first)) continue;
    // Added right after the last record: a new record at the list's own indentation appends. Anything else added at
    // the end of a key (a measure, a line of a note) changes that key, and the parser decides how.
    if (before !== 'records') {
      touched.add(before);
      continue;
    }
    const region = o.keys.get(before);
    let item: string | undefined;
    for (let i = (region?.[0] ?? 0) + 1; region && i < region[1] && item === undefined; i += 1)
      if (oldLines[i].trimStart().startsWith('- ')) item = oldLines[i];
    if (item !== undefined && first.trimStart().startsWith('- ') && indentOf(first) === indentOf(item)) continue;
    touched.add(before);
  }
  return touched;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * A value as text with its keys in order, to compare two readings: an empty string, an empty list and a missing
 * key read alike, and so do 50 and "50" (a hand-written file and the CMS may write either).
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => !isEmpty(o[k]))
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return isEmpty(value) ? '' : JSON.stringify(typeof value === 'string' ? value.trim() : String(value));
}

/** Review fields a reader sees: who approved and when (the note of a returned pledge is internal). */
const publicReview = (v: unknown) => {
  const r = (v ?? {}) as Record<string, unknown>;
  return { status: r.status, by: r.by, date: r.date, filedOn: r.filedOn };
};

/** Compares two readings of a public pledge: the public records gone or changed, and the other public fields changed. */
function compare(old: NonNullable<Version['parsed']>, now: NonNullable<Version['parsed']>): Pick<PledgeChange, 'rewrote' | 'changed'> {
  const kept = new Map<string, number>();
  const nowRecords = Array.isArray(now.data.records) ? now.data.records : [];
  for (const r of nowRecords) kept.set(canonical(r), (kept.get(canonical(r)) ?? 0) + 1);
  const rewrote: string[] = [];
  for (const r of Array.isArray(old.data.records) ? old.data.records : []) {
    const key = canonical(r);
    const left = kept.get(key) ?? 0;
    if (left > 0) kept.set(key, left - 1);
    else rewrote.push(String((r as { date?: unknown })?.date ?? ''));
  }
  const changed: string[] = [];
  for (const f of PUBLIC_FIELDS) {
    const [a, b] = f === 'review' ? [publicReview(old.data.review), publicReview(now.data.review)] : [old.data[f], now.data[f]];
    // A field filled in for the first time (销号, 督促整改) adds to what was public; it does not change it.
    if (!isEmpty(a) && canonical(a) !== canonical(b)) changed.push(f);
  }
  if (old.body !== now.body) changed.push('body');
  return { rewrote, changed };
}

const NONE: string[] = [];

const recordDates = (p: NonNullable<Version['parsed']>) =>
  (Array.isArray(p.data.records) ? p.data.records : []).map((r) => String((r as { date?: unknown })?.date ?? ''));

/**
 * What the change from `old` to `now` did (either may be absent: the file was added or deleted). `hunks` are the
 * change's -U0 hunks, used to skip the parser when the change only adds. `lastPublic` is the file's last published
 * version when `old` is not it (the pledge was sent back, kept inside, deleted or unreadable in between): a change
 * that publishes it again is compared with that version, so that a rewrite made in between is not lost.
 */
export function classifyChange(
  old: Version | undefined,
  now: Version | undefined,
  hunks: Hunk[],
  published: Published,
  lastPublic?: Version,
): PledgeChange {
  const wasPublic = old ? isPublicVersion(old, published) : false;
  const isPublic = now ? isPublicVersion(now, published) : false;
  // Most changes change nothing public: they share one empty list, not two new ones each.
  const change: PledgeChange = { wasPublic, isPublic, rewrote: NONE, changed: NONE };
  if (!wasPublic) {
    if (!isPublic || !lastPublic || !now) return change;
    const before = parsedOf(lastPublic);
    const after = parsedOf(now);
    if (!before || !after) return { ...change, unknown: true };
    return { ...change, ...compare(before, after) };
  }
  if (!now) {
    const before = parsedOf(old!);
    if (!before) change.unknown = true;
    else change.rewrote = recordDates(before);
    return change;
  }
  if (touchedKeys(old!, hunks).size === 0) return change;
  const before = parsedOf(old!);
  const after = parsedOf(now);
  if (!before || !after) return { ...change, unknown: true };
  return { ...change, ...compare(before, after) };
}
