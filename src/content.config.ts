/**
 * Astro content collections over the top-level `content/` folder, one per
 * folder of the contract, each validated by the schema its field table
 * generates. References are checked by the content guard integration before
 * Astro loads anything (Astro's `reference()` does not check existence).
 */
import { join } from 'node:path';
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { collections as defs } from './schemas/collections.ts';
import { contentDir } from './contentDir.ts';
import { normalizeText } from './loader/readContentTree.ts';

const dir = contentDir();

export const collections = Object.fromEntries(
  defs.map((def) => [
    def.name,
    def.file
      ? defineCollection({
          loader: file(join(dir, def.file), { parser: (text) => ({ [def.name]: JSON.parse(normalizeText(text)) }) }),
          schema: def.schema,
        })
      : defineCollection({
          // Dot-files (.DS_Store, ._x.md, swap files) never match: tinyglobby skips them.
          loader: glob({ pattern: '**/*.md', base: join(dir, def.name) }),
          schema: def.schema,
        }),
  ]),
);
