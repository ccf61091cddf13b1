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
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

/**
 * Pagefind's options, shared with the dev server's index (src/integrations/devSearch.ts). A pledge card's
 * line of fields (category, deadline, status badge) is left out: Pagefind would run its spans together into
 * an excerpt like “学习完成时限:2025-12-31◐ 进行中”; the pledge page carries them as result meta instead.
 */
export const indexOptions: pagefind.PagefindServiceConfig = { forceLanguage: 'zh-cn', excludeSelectors: ['.pledge > .meta'] };

/** Indexes the site in `dir`; returns the number of pages indexed. */
export async function indexSite(dir: string): Promise<number> {
  const { index, errors } = await pagefind.createIndex(indexOptions);
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: dir });
  if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: `${dir.replace(/\/$/, '')}/pagefind` });
  if (written.errors.length) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  return added.page_count;
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
