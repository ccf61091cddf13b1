/**
 * What `/build.json` says about a build: `id`, a short hash of what the board shows (its data as of its date,
 * its scope and the content repository's commit), and `builtAt`: SOURCE_DATE_EPOCH when set, else the commit's
 * date, else the as-of date.
 * Nothing here reads the clock or names a folder: the same content at the same commit gives the same file, wherever
 * and whenever it is built (reproducible builds; tests/build/reproducible.test.ts).
 * The screen pages carry the same id, so a screen reloads only when a newer build shows something else.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';

export interface BuildInfo {
  /** 12 hex digits. */
  id: string;
  /** ISO date-time of the commit, or the as-of date (YYYY-MM-DD) outside git. */
  builtAt: string;
  /** The date the figures are as of. */
  asOf: string;
}

/** The commit hash and ISO date of HEAD in `dir`, when `dir` is in a git work tree. */
export function headCommit(dir: string): { hash: string; date: string } | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%H %cI'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const [hash, date] = out.split(' ');
    return /^[0-9a-f]{40}$/.test(hash ?? '') && date ? { hash, date } : undefined;
  } catch {
    return undefined;
  }
}

/** SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention) as an ISO date-time, when set. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000).toISOString() : undefined;
}

/**
 * The build info of a board's data (anything JSON can write), as of `asOf`, in `scope`, at `commit`;
 * `builtAt` is `sourceDate` (SOURCE_DATE_EPOCH) when given, else the commit's date, else the as-of date.
 */
export function buildInfoOf(
  data: unknown,
  asOf: string,
  scope: string,
  commit?: { hash: string; date: string },
  sourceDate?: string,
  replacer?: (this: unknown, key: string, value: unknown) => unknown,
): BuildInfo {
  const id = createHash('sha256')
    .update(JSON.stringify({ scope, asOf, commit: commit?.hash ?? null, data }, replacer))
    .digest('hex')
    .slice(0, 12);
  return { id, builtAt: sourceDate ?? commit?.date ?? asOf, asOf };
}

/**
 * A JSON replacer naming each content entry's `file` (which the loader gives relative to the build's working
 * folder, e.g. `../../srv/board/content/members/li-na.md`) from the content folder instead (`members/li-na.md`):
 * the id must not depend on the folders a build runs in or reads from.
 * @example JSON.stringify(model, entryFilesFrom('/srv/board/content', '/tmp/build'))
 */
export function entryFilesFrom(contentDir: string, cwd = process.cwd()) {
  return function (this: unknown, key: string, value: unknown): unknown {
    const entry = typeof this === 'object' && this !== null && 'data' in this;
    return entry && key === 'file' && typeof value === 'string' ? relative(contentDir, resolve(cwd, value)).split(sep).join('/') : value;
  };
}

const cache = new WeakMap<object, BuildInfo>();

/** The build info of a board (its projected model, date and scope) and the content folder's git commit, once per board. */
export function boardBuildInfo(board: { model: object; asOf: string; scope: string }, contentDir: string): BuildInfo {
  let info = cache.get(board);
  if (!info) {
    info = buildInfoOf(board.model, board.asOf, board.scope, headCommit(contentDir), sourceDateEpoch(), entryFilesFrom(contentDir));
    cache.set(board, info);
  }
  return info;
}
