/**
 * How big content may get. Each limit is far above what a real branch
 * writes — the sample's largest file is 10 KB; a generated county of 10,000
 * members is 44,000 files and 32 MB, its largest file (a branch's year-end
 * evaluation of 60 members) 11 KB — and far below what takes the check or
 * the build down. A file over a limit is refused with the limit in the
 * message, before it is parsed where that can be known in advance.
 */
export const contentLimits = {
  /** Bytes of one content file (`.md` or `site.json`); an evaluation of 1,000 members is about 200 KB. */
  fileBytes: 1024 * 1024,
  /** Files in the whole content folder (a county of 10,000 members has 44,000). */
  files: 200_000,
  /** Bytes of the whole content folder (a county of 10,000 members has 32 MB). */
  totalBytes: 256 * 1024 * 1024,
  /**
   * Characters of a Markdown body (a pledge, a bulletin, a check). A real bulletin is 1,000–3,000; 20,000 is a long
   * report. It bounds the search index too: Pagefind's time on a page of Chinese grows faster than its length (in
   * one run, unpunctuated: 20,000 characters 0.3 s, 50,000 about 3 s, 200,000 24 s; a 50 MB body took minutes).
   */
  bodyChars: 20_000,
  /** Characters of a one-line text field (a name, a title, an address). */
  lineChars: 200,
  /** Characters of a multi-line text field (a review, a check-off note): a long paragraph. */
  textChars: 2_000,
  /** Characters of one ledger note: a month's progress in a few sentences. With 100 records a pledge page stays within what the search index takes in a second or two. */
  noteChars: 500,
  /** Characters of an id that points at another file. */
  idChars: 100,
  /** Ledger records (践诺台账) of one pledge: one a month is 12 a year; 100 leaves room for weekly notes. */
  records: 100,
  /** Items of a list of short texts (measures, findings). */
  textItems: 50,
  /** Items of a list of references (the pledges a bulletin names). */
  refItems: 2_000,
  /** Items of any other list (the members of a branch's evaluation). */
  listItems: 1_000,
  /** Nesting of the front matter (the deepest real field, an evaluation's members[].final.reason, is 5). */
  depth: 20,
  /** YAML nodes of one front matter (an evaluation of 1,000 members has about 45,000). */
  nodes: 100_000,
  /** Problems listed per file; the rest are counted. */
  problemsPerFile: 20,
  /** Characters of a value quoted in a message. */
  quoteChars: 100,
} as const;

export type ContentLimits = { [K in keyof typeof contentLimits]: number };

/** Limits of `npm run import`: a roster of a county's largest unit is a few hundred rows. */
export const rosterLimits = {
  /** Member rows per import (the header row not counted). */
  rows: 5_000,
  /** Characters of one cell. */
  cellChars: 200,
  /** Bytes of the roster file, checked before it is read. */
  fileBytes: 10 * 1024 * 1024,
  /** Bytes of an .xlsx roster once unpacked, counted while it is read: 5,000 rows of 200-character cells are a few MB. */
  unpackedBytes: 50 * 1024 * 1024,
  /** XML elements of an .xlsx roster (cells, values, strings), counted while it is read: 5,000 rows need about 200,000. */
  markup: 500_000,
} as const;

export type RosterLimits = { [K in keyof typeof rosterLimits]: number };

const grouped = new Intl.NumberFormat('zh-CN');

/** A count as people read it: 200,000. */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/** A size in bytes as people read it: 1 MB, 256 MB, 340 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${grouped.format(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
  if (bytes >= 1024) return `${grouped.format(Math.round(bytes / 1024))} KB`;
  return `${bytes} 字节`;
}
