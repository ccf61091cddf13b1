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

/**
 * Indexes the site in `dir`; returns the number of pages indexed. Pagefind numbers pages in the order they reach
 * it, and its own addDirectory walks the folder in the file system's order (hash order on ext4, creation order on
 * tmpfs): the same pages would make another index on another machine. So the pages are added one at a time (adds
 * in parallel race for Pagefind's lock), in a fixed order, each with the URL addDirectory gives it
 * (`members/li-na/index.html` → `/members/li-na/`); the index is then the same wherever it is built
 * (tests/build/reproducible.test.ts).
 */
export async function indexSite(dir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex(indexOptions);
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const files = htmlFiles(dir);
  for (const rel of files) {
    const added = await index.addHTMLFile({
      url: `/${rel.replace(/(^|\/)index\.html$/, '$1')}`,
      content: readFileSync(join(dir, rel), 'utf8'),
    });
    if (added.errors.length) throw new Error(`Pagefind: ${rel}: ${added.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath: `${dir.replace(/\/$/, '')}/pagefind` });
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  return files.length;
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
