/**
 * One check of the content per process. The content guard checks the content
 * before Astro starts; the collections' loader and the pages then take the
 * validated model from here instead of parsing every file again. The cache
 * lives on `globalThis` because Astro loads the guard (config) and the pages
 * (Vite bundle) as separate module instances in the same process.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toIsoDate } from '../lib/dates.ts';
import { checkContent, type CheckResult } from './checkContent.ts';

interface Cached {
  version: string;
  result: CheckResult;
}

const KEY = Symbol.for('chengnuo.contentCache');
const store = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map<string, Cached>()) as Map<string, Cached>;

/** A cheap fingerprint of a content folder: file count and newest modification time. */
export function contentVersion(dir: string): string {
  let count = 0;
  let newest = 0;
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else {
        count += 1;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  visit(dir);
  return `${count}:${newest}`;
}

/**
 * The checked content of `dir`. With `revalidate` (the dev server) the folder
 * is fingerprinted and checked again when a file changed; otherwise the first
 * check of the process stands.
 */
export function checkedContent(dir: string, o: { revalidate?: boolean } = {}): CheckResult {
  const cached = store.get(dir);
  if (cached && !o.revalidate) return cached.result;
  const version = o.revalidate ? contentVersion(dir) : '';
  if (cached && cached.version === version) return cached.result;
  const result = checkContent(dir, toIsoDate(new Date()));
  store.set(dir, { version, result });
  return result;
}
