/**
 * The offline search index (Pagefind), built from the written site. Pagefind
 * segments Chinese when the page says `lang="zh-CN"`; only pages marked
 * `data-pagefind-body` (pledges, members, bulletins) are indexed.
 *
 * `npm run build` (src/cli/build.ts) indexes in its own step after Astro has
 * exited, so Astro's memory and Pagefind's are never held at once; a plain
 * `astro build` indexes in-process through this integration.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * Pagefind's options, shared with the dev server's index (src/integrations/devSearch.ts). A pledge card's
 * line of fields (category, deadline, status badge) is left out: Pagefind would run its spans together into
 * an excerpt like “学习完成时限:2025-12-31◐ 进行中”; the pledge page carries them as result meta instead.
 */
export const indexOptions: pagefind.PagefindServiceConfig = { forceLanguage: 'zh-cn', excludeSelectors: ['.pledge > .meta'] };

/** The HTML files under `dir`, `/`-separated and relative to it, in code-unit order, whatever the file system's. */
export function htmlFiles(dir: string, prefix = ''): string[] {
  const names = readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return names.flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? htmlFiles(dir, rel) : e.name.endsWith('.html') ? [rel] : [];
  });
}

/** Sends to Pagefind at most this many pages ahead of the one it is indexing (see indexPages). */
const inFlight = 64;

/**
 * Folders whose pages are never searched, whatever their markup: the orgs' display screens (slides for a hall
 * screen), the lists the home page counts (ledger tables of pledges that have pages of their own) and the CMS.
 */
const notSearched = ['screen/', 'lists/', 'admin/'];

/**
 * Whether Pagefind would index this page: it is marked `data-pagefind-body` (pledges, members, bulletins,
 * honours; src/layouts/BaseLayout.astro) and lies outside the folders above. Once one page of a site is marked,
 * Pagefind drops every page that is not (SearchState::build_indexes in pagefind/src/lib.rs), so sending those
 * only cost their reading, the round trip and the parse. The test is on the text: an attribute name is never
 * escaped, and a page that merely mentions the name is sent and then dropped by Pagefind as before.
 */
export function searched(rel: string, html: string): boolean {
  return !notSearched.some((d) => rel.startsWith(d)) && html.includes('data-pagefind-body');
}

/** The URL Pagefind's own addDirectory would give a file: `members/li-na/index.html` → `/members/li-na/`. */
export function pageUrl(rel: string): string {
  return `/${rel.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Indexes the files `rels` of `dir`, in exactly that order, that are searched (above), and writes the index to
 * `outputPath`; returns the number of pages indexed.
 *
 * Pagefind numbers pages in the order they reach it, and the numbers are in its files (build_indexes in
 * pagefind/src/index/mod.rs enumerates the pages as added): another order is another index, byte for byte
 * (tests/unit/searchIndexOrder.test.ts shows it). Its own addDirectory parses in parallel but walks the folder
 * in the file system's order (hash order on ext4, creation order on tmpfs), so it is not used.
 *
 * The adds are pipelined instead of awaited one by one. The service (run_service in
 * pagefind/src/service/mod.rs) reads its stdin on one thread, in order, into a FIFO channel, and its loop
 * handles one message at a time, awaiting each add before taking the next; the Node side writes each message
 * to the service's stdin when addHTMLFile is called. So the pages are indexed in the order of the calls,
 * whenever their answers arrive, and the index is the one the one-at-a-time loop made, while the files are
 * read and encoded here as Pagefind parses the pages before them, and no page waits for a round trip. At most
 * `inFlight` pages are ahead, so memory stays flat on a county's 30,000 pages.
 */
export async function indexPages(dir: string, rels: readonly string[], outputPath: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex(indexOptions);
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  // Each add settles to its error message or undefined, never rejects: an add that failed while not yet
  // awaited must not become an unhandled rejection.
  const pending: Promise<string | undefined>[] = [];
  let failed: string | undefined;
  let pages = 0;
  for (const rel of rels) {
    const content = readFileSync(join(dir, rel), 'utf8');
    if (!searched(rel, content)) continue;
    pages += 1;
    pending.push(
      index.addHTMLFile({ url: pageUrl(rel), content }).then(
        (added) => (added.errors.length ? `${rel}: ${added.errors.join('; ')}` : undefined),
        (err: unknown) => `${rel}: ${err instanceof Error ? err.message : String(err)}`,
      ),
    );
    while (pending.length >= inFlight && !failed) failed = await pending.shift();
    if (failed) break;
  }
  for (const p of pending) failed ??= await p;
  if (failed) {
    await pagefind.close();
    throw new Error(`Pagefind: ${failed}`);
  }
  const written = await index.writeFiles({ outputPath });
  await pagefind.close();
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  return pages;
}

/**
 * Indexes the site in `dir` into `dir/pagefind/`; returns the number of pages indexed. The pages go in code-unit
 * order of their paths (htmlFiles), whatever the file system's, so the index is the same wherever it is built
 * (tests/build/reproducible.test.ts, tests/unit/searchIndexOrder.test.ts).
 */
export async function indexSite(dir: string): Promise<number> {
  return indexPages(dir, htmlFiles(dir), join(dir, 'pagefind'));
}

export function searchIndex(): AstroIntegration {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env.SEARCH_INDEX === 'separate') return;
        const started = performance.now();
        const pages = await indexSite(fileURLToPath(dir));
        logger.info(`搜索索引：${pages} 个页面，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
      },
    },
  };
}
