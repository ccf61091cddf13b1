/**
 * The pledge history a build read, kept in Astro's cache folder for the next build of the same commit: a rebuild of
 * an unchanged repository (the secretary's second `npm run build`, a warm rebuild) then reads one file instead of
 * running git and the reader in a process of their own (about 0.3 s of the sample's warm rebuild on two cores).
 *
 * What the history depends on makes the key, and nothing else is trusted: the commit (whose history is fixed once
 * made), the baseline file's bytes and whether its commit is in the repository, the scope (which versions count as published), the content folder's real path,
 * and the source of the code that reads it (every file under src/lib, src/loader, src/schemas and the reader's
 * own two), so that an updated tool never reads an old cache. A shallow checkout is never cached: deepening it
 * changes the history without changing the commit. Only the latest entry is kept.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files whose source decides how the history is read, relative to the project. */
function codeFiles(projectRoot: string): string[] {
  const under = (dir: string): string[] =>
    readdirSync(join(projectRoot, dir), { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) => (e.isDirectory() ? under(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));
  return [...under('src/lib'), ...under('src/loader'), ...under('src/schemas'), 'src/data/pledgeHistory.ts', 'src/cli/readHistory.ts'];
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The cache key for the history of `dir` read as `scope`, or undefined when it must be read afresh (no commit, a
 * shallow checkout).
 */
export function historyKey(dir: string, scope: string, baselineFile: string, projectRoot: string): string | undefined {
  const [head = '', shallow] = git(['rev-parse', 'HEAD', '--is-shallow-repository'], dir)?.split('\n') ?? [];
  if (!/^[0-9a-f]{40,64}$/.test(head) || shallow !== 'false') return undefined;
  const hash = createHash('sha256');
  const part = (label: string, value: string | Buffer) => hash.update(`${label}\0${value.length}\0`).update(value);
  part('head', head);
  part('scope', scope);
  part('dir', realpathSync(dir));
  const baseline = existsSync(baselineFile) ? readFileSync(baselineFile) : Buffer.alloc(0);
  part('baseline', baseline);
  // Whether the baseline's commit is in the repository: a fetch can bring it without moving HEAD.
  const named = /"commit"\s*:\s*"([0-9a-f]{7,64})"/.exec(baseline.toString('utf8'))?.[1];
  if (named) part('baseline known', git(['rev-parse', '--verify', '--quiet', `${named}^{commit}`], dir) ?? '');
  for (const f of codeFiles(projectRoot)) part(f, readFileSync(join(projectRoot, f)));
  return hash.digest('hex');
}

/** The history kept under `key` in `folder`, or undefined. */
export function readCachedHistory<T>(folder: string, key: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(folder, `${key}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Keeps `value` under `key` in `folder`, alone: written beside and renamed, so no build reads half a file. */
export function writeCachedHistory(folder: string, key: string, value: unknown): void {
  mkdirSync(folder, { recursive: true });
  const tmp = join(folder, `.${key}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(value));
  renameSync(tmp, join(folder, `${key}.json`));
  for (const name of readdirSync(folder)) if (name !== `${key}.json` && !name.startsWith('.')) rmSync(join(folder, name), { force: true });
}
