/**
 * `/manifest.json`: what a build publishes and the exact source of each item, so that anyone holding the
 * content repository can check the board (`npm run verify`). Each item's SHA-256 is of what the board publishes
 * of it (the public board: src/lib/publishedItem.ts, so that the manifest confirms nothing unpublished) or of its
 * whole source file (the internal board). Pure: the caller gives the items, the repository state and a hash
 * function (src/data/manifest.ts). Nothing here depends on the clock, the machine or the order the file system
 * lists files in: paths are relative to the repository root and items are sorted.
 */
import { isAbsolute, relative, sep } from 'node:path';

export const manifestKinds = ['round', 'org', 'member', 'pledge', 'bulletin', 'commendation', 'review', 'evaluation'] as const;
export type ManifestKind = (typeof manifestKinds)[number];

export interface ManifestItem {
  kind: ManifestKind;
  /** Site-relative URL with the base, as the site links it. */
  url: string;
  /** The source file, relative to the repository root, with `/`. */
  source: string;
  /** SHA-256, hex, of what the manifest's `sha256Of` says. */
  sha256: string;
}

/** What an item's SHA-256 is of: its published text (src/lib/publishedItem.ts) or its source file's bytes. */
export type Sha256Of = 'published' | 'file';

export interface Manifest {
  /** The site's base path (`/`, or `/gongkai/` on a path deploy): an item's page in the built folder is its URL without it. */
  base: string;
  sha256Of: Sha256Of;
  commit: string | null;
  clean: boolean | null;
  asOf: string;
  /** The board's summary (`/summary.json`, src/lib/shardSummary.ts) and its SHA-256; absent in a manifest of an older build. */
  summary?: { url: string; sha256: string };
  items: ManifestItem[];
}

/** A published item before hashing: `file` is its source's absolute path; `text` what is published of it, for a `published` manifest. */
export interface PublishedItem {
  kind: ManifestKind;
  url: string;
  file: string;
  text?: string;
}

/**
 * A source path relative to the repository root, with `/`; undefined for a file outside it (never written: an
 * absolute path would name the machine).
 * @example sourcePath('/srv/board/content/pledges/2025/x.md', '/srv/board') // → 'content/pledges/2025/x.md'
 */
export function sourcePath(file: string, root: string): string | undefined {
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

const kindOrder = new Map<string, number>(manifestKinds.map((k, i) => [k, i]));
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The manifest of a build: every item once (the same kind, URL and file listed twice is one item), sorted by
 * kind, URL and source (by code point, not by locale). `hash` is called once per distinct file (`file`) or text
 * (`published`).
 * @example buildManifest({ base: '/', sha256Of: 'file', commit: null, clean: null, asOf: '2025-12-26', root: '/r', items: [{ kind: 'org', url: '/orgs/a/', file: '/r/content/orgs/a.md' }], hash: () => 'ab…' })
 */
export function buildManifest(o: {
  base: string;
  sha256Of: Sha256Of;
  commit: string | null;
  clean: boolean | null;
  asOf: string;
  summary?: { url: string; sha256: string };
  root: string;
  items: PublishedItem[];
  hash: (item: PublishedItem) => string;
}): Manifest {
  const hashes = new Map<string, string>();
  const seen = new Set<string>();
  const items: ManifestItem[] = [];
  for (const it of o.items) {
    const source = sourcePath(it.file, o.root);
    if (source === undefined) throw new Error(`内容文件不在仓库内，无法列入清单：${it.file}`);
    const key = `${it.kind}\u0000${it.url}\u0000${source}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (o.sha256Of === 'published' && it.text === undefined) throw new Error(`清单缺少这一项公开的内容：${it.kind} ${it.url}`);
    const memo = o.sha256Of === 'published' ? `${it.text}` : it.file;
    let sha256 = hashes.get(memo);
    if (sha256 === undefined) {
      sha256 = o.hash(it);
      hashes.set(memo, sha256);
    }
    items.push({ kind: it.kind, url: it.url, source, sha256 });
  }
  items.sort((a, b) => kindOrder.get(a.kind)! - kindOrder.get(b.kind)! || byCode(a.url, b.url) || byCode(a.source, b.source));
  return {
    base: o.base,
    sha256Of: o.sha256Of,
    commit: o.commit,
    clean: o.clean,
    asOf: o.asOf,
    ...(o.summary && { summary: o.summary }),
    items,
  };
}

/** The manifest as a file: the header fields pretty, one item per line (readable, and a tenth of the size of indenting every field). */
export function manifestJson(m: Manifest): string {
  const { items, ...head } = m;
  const fields = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const list = items.map((i, n) => `    ${JSON.stringify(i)}${n < items.length - 1 ? ',' : ''}`);
  return `{\n${fields.join('\n')}\n  "items": [\n${list.join('\n')}${list.length ? '\n' : ''}  ]\n}\n`;
}
