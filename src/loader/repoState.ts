/**
 * The git state of a content folder, read once: the repository's root, the commit checked out and whether the
 * content folder's work tree is clean. Outside a git checkout (or before the first commit) commit and clean are
 * null, and the root is the content folder's parent (where `content/…` paths start).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface RepoState {
  /** The folder the manifest's `source` paths are relative to. */
  root: string;
  commit: string | null;
  clean: boolean | null;
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  } catch {
    return undefined;
  }
}

/** @example repoState('/srv/board/content') // → { root: '/srv/board', commit: '3f2c…', clean: true } */
export function repoState(contentDir: string): RepoState {
  // Git names its root by its real path; so is the content folder named here, for paths relative to that root.
  const dir = existsSync(contentDir) ? realpathSync(resolve(contentDir)) : resolve(contentDir);
  // One call for both; before the first commit HEAD does not resolve, and only the root is asked again.
  const both = git(['rev-parse', '--show-toplevel', 'HEAD'], dir)?.trim().split('\n');
  const top = both?.[0] ?? git(['rev-parse', '--show-toplevel'], dir)?.trim();
  if (!top) return { root: dirname(dir), commit: null, clean: null };
  const head = both?.[1]?.trim();
  const commit = head && /^[0-9a-f]{40,64}$/.test(head) ? head : null;
  const status = commit ? git(['status', '--porcelain', '--', '.'], dir) : undefined;
  return { root: realpathSync(top), commit, clean: status === undefined ? null : status.trim() === '' };
}
