/**
 * What Astro 5 leaves in an output folder outside its working directory, removed again. Astro writes a static
 * build's server bundle into the output folder when that folder lies inside the working directory, and otherwise
 * into `<cwd>/.astro/`, which it then copies whole into the output (getOutDirWithinCwd and cleanServerOutput in
 * astro/dist/core/build). Run from the project, that is the project's own `.astro/`: its content modules, data
 * store, settings and collection schemas landed in `npm run build -- --out ../elsewhere`, though never in `dist/`.
 * A static board ships no server module and none of these files, so they are removed from the top of the output.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The entries of Astro's `.astro/` folder, by name. */
const internals = new Set([
  'content-assets.mjs',
  'content-modules.mjs',
  'data-store.json',
  'settings.json',
  'collections',
  'types.d.ts',
  'content.d.ts',
]);

/** Removes from the top of the output folder `dir` Astro's internal files and any server module (`.mjs`); returns their names. */
export function removeAstroLeftovers(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found = readdirSync(dir).filter((name) => internals.has(name) || /\.mjs(\.map)?$/.test(name));
  for (const name of found) rmSync(join(dir, name), { recursive: true, force: true });
  return found;
}
