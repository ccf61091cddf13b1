/** Site-relative URLs that respect `base` (e.g. `/gongkai/` on a LAN path deploy). */
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** A path under the site's base: `href('orgs/x/')` → `/gongkai/orgs/x/`. */
export function href(path = ''): string {
  return BASE + path.replace(/^\//, '');
}

export const paths = {
  home: () => href(''),
  org: (id: string) => href(`orgs/${id}/`),
  member: (id: string) => href(`members/${id}/`),
  pledge: (id: string) => href(`pledges/${id}/`),
  bulletins: () => href('bulletins/'),
  bulletin: (id: string) => href(`bulletins/${id}/`),
  stats: () => href('stats/'),
  about: () => href('about/'),
  search: () => href('search/'),
  feed: () => href('feed.xml'),
  honours: () => href('honours/'),
  /** A list the home page counts: all, closed, overdue, due-soon, recently-closed (src/lib/pledgeLists.ts). */
  list: (kind: string) => href(`lists/${kind}/`),
  /** Internal scope only (SITE_SCOPE=internal). */
  internal: () => href('internal/'),
  results: (round: string, org: string) => href(`internal/results/${round}/${org}/`),
  reviews: (org: string) => href(`internal/reviews/${org}/`),
  audit: () => href('internal/audit/'),
  pending: () => href('internal/pending/'),
  ranking: (round: string) => href(`internal/ranking/${round}/`),
  survey: (round: string, org: string) => href(`internal/print/survey/${round}/${org}/`),
  /** The desk signs of every member of an org (one sheet each); the card of one member is at `#m-<member id>`. */
  deskSign: (org: string) => href(`internal/print/desk-sign/${org}/`),
  /** The 共产党员户 plaques of an org's members (one sheet each, 篇四); one member's plaque is at `#m-<member id>`. */
  household: (org: string) => href(`internal/print/household/${org}/`),
  /** The letters for signing of an org and its members (one sheet each), at `#org-<org id>` and `#m-<member id>`. */
  signLetter: (org: string) => href(`internal/print/letter/${org}/`),
  data: (file: string) => href(`data/${file}`),
  summary: () => href('summary.json'),
};

/**
 * The absolute URL of a site path, for QR codes and feeds; without a known address (no SITE, no site.json `url`)
 * the site path itself, never a guessed host.
 */
export function absolute(path: string, site: URL | undefined): string {
  return site ? new URL(path, site).href : path;
}

/**
 * The public board's address, for links and QR codes that leave the internal build for the public one (a desk
 * sign's QR code): PUBLIC_SITE when set, else the build's own SITE. The public build is its own public site.
 */
export function publicSite(site: URL | undefined): URL | undefined {
  const v = process.env.PUBLIC_SITE;
  return v ? new URL(v) : site;
}
