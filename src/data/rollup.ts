/** The roll-up the board of a county or province shows (ROLLUP_FILE, written by npm run rollup), read once per build. */
import { readRollup } from '../loader/readRollup.ts';
import type { RollupFile } from '../lib/rollupFigures.ts';

let cached: { path: string; file: RollupFile } | undefined;

export function getRollup(): RollupFile {
  const path = process.env.ROLLUP_FILE ?? '';
  if (!cached || cached.path !== path) cached = { path, file: readRollup(path) };
  return cached.file;
}
