/**
 * What the public board publishes of one item, as one canonical text: the public `/manifest.json` hashes this,
 * not the item's source file. A source file also holds what is not published — a pledge's review note, records
 * dated after the as-of date, a member's join date or supervisor — and a hash of the whole file would let anyone
 * confirm a guess at them by hashing a candidate file. The text here holds only what the item's pages show, as of
 * the as-of date; the build computes it from its scoped model (src/data/manifest.ts) and `npm run verify`
 * recomputes it from the repository with this same function (src/loader/publishedHashes.ts).
 *
 * A field belongs here only if a public page shows it; a reference to a member or org the scope does not show is
 * left out, as the pages leave it out.
 */
import type { ManifestKind } from './buildManifest.ts';
import type { IsoDate } from './dates.ts';
import type { Bulletin, Commendation, Entry, Member, Org, Pledge, Round } from './model.ts';
import { pledgeTimeline } from './pledgeTimeline.ts';
import { renderMarkdown } from './renderMarkdown.ts';

export interface PublishedContext {
  asOf: IsoDate;
  /** Whether the scope shows the member or org `id`. */
  shown: (id: string) => boolean;
  /** The HTML a page shows for an entry's body: the pages' own cache in the build, `renderMarkdown` by default. */
  html?: (entry: { id: string; body?: string }) => string;
}

/** The kinds the public board publishes, and the entry each comes from. */
export interface PublicEntries {
  round: Entry<Round>;
  org: Entry<Org>;
  member: Entry<Member>;
  pledge: Entry<Pledge>;
  bulletin: Entry<Bulletin>;
  commendation: Entry<Commendation>;
}

export type PublicKind = keyof PublicEntries;

const htmlOf = (c: PublishedContext, e: { id: string; body?: string }) => (c.html ? c.html(e) : renderMarkdown(e.body));

/** Per kind, the facts its pages show, in a fixed order (undefined ones are left out of the text). */
const projections: { [K in PublicKind]: (e: PublicEntries[K], c: PublishedContext) => Record<string, unknown> } = {
  // The round's page: title, theme and period.
  round: ({ data: d }) => ({ title: d.title, theme: d.theme, start: d.start, end: d.end }),
  // The org's page: name, level, parent and secretary (each only when the scope shows them).
  org: ({ data: d }, c) => ({
    name: d.name,
    level: d.level,
    parent: d.parent && c.shown(d.parent) ? d.parent : undefined,
    secretary: d.secretary && c.shown(d.secretary) ? d.secretary : undefined,
  }),
  // The 公开承诺书: name, org, posts, the 共产党员户 mark and whether pledging was voluntary (not which status).
  member: ({ data: d }) => ({
    name: d.name,
    org: d.org,
    post: d.post,
    assignedPost: d.assignedPost,
    household: d.household === true,
    voluntary: (d.status ?? 'active') !== 'active',
  }),
  // The pledge's page: the card and its course up to the as-of date (pledgeTimeline, as the page draws it).
  pledge: (e, c) => ({
    round: e.round,
    owner: e.data.owner,
    category: e.data.category,
    onPost: e.data.onPost === true,
    title: e.data.title,
    measures: e.data.measures,
    deadline: e.data.deadline,
    html: htmlOf(c, e),
    timeline: pledgeTimeline(e.data, c.asOf),
  }),
  // The bulletin's page: its heading line, the pledges it names (those the scope shows) and its text.
  bulletin: (e, c) => ({
    round: e.round,
    title: e.data.title,
    org: e.data.org,
    date: e.data.date,
    period: e.data.period,
    kind: e.data.kind,
    pledges: e.data.pledges,
    html: htmlOf(c, e),
  }),
  // The 光荣榜: who, which title, why and when.
  commendation: (e) => ({ round: e.round, subject: e.data.subject, title: e.data.title, reason: e.data.reason, date: e.data.date }),
};

/** Whether the public board publishes items of `kind` (reviews and evaluations are internal). */
export const isPublicKind = (kind: ManifestKind): kind is PublicKind => Object.hasOwn(projections, kind);

/**
 * The published text of `entry`, an item of `kind`, from a model already projected to its scope
 * (src/lib/projectScope.ts) as of `c.asOf`.
 * @example publishedItem('round', { id: '2025', file: 'content/rounds/2025.md', data: { title: '2025年度', start: '2025-01-01', end: '2025-12-31' } }, ctx)
 *   // → '{"kind":"round","title":"2025年度","start":"2025-01-01","end":"2025-12-31"}'
 */
export function publishedItem<K extends PublicKind>(kind: K, entry: PublicEntries[K], c: PublishedContext): string {
  return JSON.stringify({ kind, ...projections[kind](entry, c) });
}
