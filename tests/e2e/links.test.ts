/**
 * Every internal link and asset in the built site resolves to a file the
 * build wrote (no browser needed: reads the dist dir the global setup built).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, inject, test } from 'vitest';

const distDir = inject('distDir');
const baseUrl = inject('baseUrl');
const origin = new URL(baseUrl).origin;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
}

const files = walk(distDir);
// The CMS admin (/admin/) is a tool for secretaries, not a public page: it is neither linked nor listed.
const htmlFiles = files.filter((f) => f.endsWith('.html')).filter((f) => !f.includes('/admin/'));
// The display screens (/screen/, noindex) are opened by a player at their address: their links are checked, but they are neither linked nor listed.
const listedFiles = htmlFiles.filter((f) => !relative(distDir, f).startsWith(`screen${sep}`));

/** The URL a built file is served at. */
function urlOf(file: string): URL {
  const rel = relative(distDir, file).split(sep).join('/');
  return new URL(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel, baseUrl);
}

/** The file a same-origin URL is served from, or undefined. */
function fileOf(url: URL): string | undefined {
  const path = decodeURIComponent(url.pathname);
  const base = new URL(baseUrl).pathname;
  if (!path.startsWith(base)) return undefined;
  const p = join(distDir, path.slice(base.length));
  if (path.endsWith('/')) return existsSync(join(p, 'index.html')) ? join(p, 'index.html') : undefined;
  if (existsSync(p) && statSync(p).isFile()) return p;
  return undefined;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

interface Ref {
  attr: string;
  value: string;
}

const tagRe = /<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
const attrRe = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const urlAttrs = new Set(['href', 'src', 'action', 'poster', 'data-pagefind', 'xlink:href']);

/** URL-valued attributes of every tag (script and style bodies and comments skipped). */
function refsOf(html: string): Ref[] {
  const stripped = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/gi, '$1</style>');
  const refs: Ref[] = [];
  for (const tag of stripped.matchAll(tagRe)) {
    for (const a of (tag[2] ?? '').matchAll(attrRe)) {
      const name = a[1].toLowerCase();
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      if (urlAttrs.has(name)) refs.push({ attr: name, value });
      else if (name === 'srcset' || name === 'imagesrcset')
        for (const part of value.split(',')) refs.push({ attr: name, value: part.trim().split(/\s+/)[0] });
    }
  }
  return refs;
}

function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\s(?:id|name)\s*=\s*"([^"]*)"/g)].map((m) => decodeEntities(m[1])));
}

const idCache = new Map<string, Set<string>>();
function idsOfFile(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = idsOf(readFileSync(file, 'utf8'));
    idCache.set(file, ids);
  }
  return ids;
}

/** Problems with one URL found on `from`; empty when it resolves (or is not ours to check). */
function check(raw: string, from: URL, what: string): string[] {
  if (raw === '') return [`${what}: empty URL`];
  if (/^(mailto|tel|data|blob|javascript):/i.test(raw)) return [];
  let url: URL;
  try {
    url = new URL(raw, from);
  } catch {
    return [`${what}: unparseable URL ${raw}`];
  }
  if (url.origin !== origin) return [];
  const file = fileOf(url);
  if (!file) return [`${what}: ${raw} → ${url.pathname} has no file in dist`];
  if (url.hash.length > 1 && file.endsWith('.html')) {
    const id = decodeURIComponent(url.hash.slice(1));
    if (!idsOfFile(file).has(id)) return [`${what}: ${raw} → no element with id "${id}" in ${url.pathname}`];
  }
  return [];
}

describe('the built site', () => {
  test('has the pages every page type needs', () => {
    for (const p of [
      'index.html',
      '404.html',
      'stats/index.html',
      'about/index.html',
      'search/index.html',
      'bulletins/index.html',
      'feed.xml',
      'sitemap.xml',
      'data/pledges.json',
      'data/pledges.csv',
      'pagefind/pagefind.js',
      'summary.json',
    ]) {
      expect(existsSync(join(distDir, p)), p).toBe(true);
    }
    expect(htmlFiles.length).toBeGreaterThan(100);
  });

  test('every internal href and src in every HTML file resolves to a file in dist', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of htmlFiles) {
      const from = urlOf(file);
      const html = readFileSync(file, 'utf8');
      for (const r of refsOf(html)) {
        checked += 1;
        broken.push(...check(r.value, from, `${from.pathname} ${r.attr}`));
      }
    }
    expect(checked, 'links were found at all').toBeGreaterThan(htmlFiles.length * 10);
    expect(broken, broken.slice(0, 50).join('\n')).toEqual([]);
  });

  test('every page is linked from another page, so none is an orphan', () => {
    const linked = new Set<string>();
    for (const file of htmlFiles) {
      for (const r of refsOf(readFileSync(file, 'utf8'))) {
        if (r.attr !== 'href') continue;
        try {
          const u = new URL(r.value, urlOf(file));
          if (u.origin === origin && u.pathname !== urlOf(file).pathname) linked.add(u.pathname);
        } catch {
          /* reported by the test above */
        }
      }
    }
    const orphans = listedFiles.map((f) => urlOf(f).pathname).filter((p) => p !== '/' && p !== '/404.html' && !linked.has(p));
    expect(orphans).toEqual([]);
  });

  test('the 404 page uses no relative URLs, so it works at any depth it is served for', () => {
    const relativeRefs = refsOf(readFileSync(join(distDir, '404.html'), 'utf8'))
      .map((r) => r.value)
      .filter((v) => !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(v));
    expect(relativeRefs).toEqual([]);
  });

  test('every site URL in the sitemap, the feed and the open data resolves to a file in dist', () => {
    const broken: string[] = [];
    let checked = 0;
    const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const urlRe = new RegExp(`${escaped}/[^\\s"'<>,)]*`, 'g');
    for (const file of files.filter((f) => /\.(xml|json|csv)$/.test(f) && !f.includes(`${sep}pagefind${sep}`))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(urlRe)) {
        checked += 1;
        broken.push(...check(decodeEntities(m[0]), urlOf(file), relative(distDir, file)));
      }
    }
    expect(checked, 'site URLs were found in the sitemap and feed').toBeGreaterThan(50);
    expect(broken, broken.slice(0, 50).join('\n')).toEqual([]);
  });

  test('the sitemap lists every public HTML page', () => {
    const xml = readFileSync(join(distDir, 'sitemap.xml'), 'utf8');
    const listed = new Set([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(decodeEntities(m[1])).pathname));
    const missing = listedFiles.map((f) => urlOf(f).pathname).filter((p) => p !== '/404.html' && !listed.has(p));
    expect(missing).toEqual([]);
  });
});
