/**
 * One check of the content per process. The content guard checks the content
 * before Astro starts; the collections' loader and the pages then take the
 * validated model from here instead of parsing every file again. The cache
 * lives on `globalThis` because Astro loads the guard (config) and the pages
 * (Vite bundle) as separate module instances in the same process.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkContent, type CheckOptions, type CheckResult } from './checkContent.ts';

interface Cached {
  version: string;
  result: CheckResult;
}

const KEY = Symbol.for('chengnuo.contentCache');
const store = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, Cached>()) as Map<string, Cached>;

/** A cheap fingerprint of a content folder: file count and newest modification time (of a link, the link's own). */
export function contentVersion(dir: string): string {
  let count = 0;
  let newest = 0;
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else {
        count += 1;
        // lstat: a dangling link is content the check refuses, not a reason for the dev server to crash.
        newest = Math.max(newest, lstatSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      }
    }
  };
  visit(dir);
  return `${count}:${newest}`;
}

/**
 * The checked content of `dir`. With `revalidate` (the dev server) the folder
 * is fingerprinted and checked again when a file changed; otherwise the first
 * check of the process stands; its `asOf` is the date the pages count at. `uploadsDir` is the media folder the check
 * covers too (the project's public/uploads by default).
 */
export function checkedContent(dir: string, o: { revalidate?: boolean } & Pick<CheckOptions, 'uploadsDir'> = {}): CheckResult {
  const cached = store.get(dir);
  if (cached && !o.revalidate) return cached.result;
  const version = o.revalidate ? contentVersion(dir) : '';
  if (cached && cached.version === version) return cached.result;
  // The clock is read in the site's time zone; AS_OF (set by `npm run build -- --as-of`) wins over site.json's asOf.
  const result = checkContent(dir, new Date(), process.cwd(), { uploadsDir: o.uploadsDir, asOf: process.env.AS_OF || undefined });
  store.set(dir, { version, result });
  return result;
}
