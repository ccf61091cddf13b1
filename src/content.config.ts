/**
 * Astro content collections over the top-level `content/` folder, one per
 * folder of the contract, each declared with the zod schema its field table
 * generates. Their loader takes the entries the content guard has already
 * read and validated with these same schemas (src/loader/contentCache.ts),
 * so a build parses each file once; run alone (`astro sync`), it reads and
 * validates the folder itself.
 */
import { isAbsolute, relative } from 'node:path';
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { collections as defs, type CollectionName } from './schemas/collections.ts';
import { contentDir } from './contentDir.ts';
import { checkedContent } from './loader/contentCache.ts';
import type { Entry } from './lib/model.ts';

function contentLoader(name: CollectionName): Loader {
  return {
    name: `content-${name}`,
    load: async ({ store, logger }) => {
      const { model, errors } = checkedContent(contentDir());
      if (!model) {
        logger.error(`内容有 ${errors.length} 处错误，请运行 npm run check 查看。`);
        return;
      }
      const entries: Entry<unknown>[] = name === 'site' ? [model.site] : model[name];
      store.clear();
      for (const e of entries) {
        // Astro wants paths relative to the project root, also for a CONTENT_DIR elsewhere.
        const filePath = isAbsolute(e.file) ? relative(process.cwd(), e.file) : e.file;
        store.set({ id: e.id, data: e.data as Record<string, unknown>, body: e.body, filePath });
      }
    },
  };
}

export const collections = Object.fromEntries(
  defs.map((def) => [def.name, defineCollection({ loader: contentLoader(def.name), schema: def.schema })]),
);
