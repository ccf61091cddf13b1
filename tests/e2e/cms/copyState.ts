/**
 * What a temp copy of the project (cmsServer.ts) holds, taken once, and put back between test files: one CMS
 * server then serves every file of a run, each file starting from the copy as it was when the server came up.
 * Files are compared by their bytes and only what differs is written, so the dev server sees a change only where a
 * test made one.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders at the top of the copy that are not the project's files: links to packages, caches, git's own store. */
const skipped = new Set(['node_modules', '.astro-cache', '.astro', '.git']);

type Entry = { kind: 'dir' } | { kind: 'file'; bytes: Buffer; mode: number } | { kind: 'link'; target: string };

/** Every entry of the copy by its path relative to the copy, symlinks as links (never followed). */
export type CopyState = Map<string, Entry>;

/** Calls `visit` on every entry, parents first; `visit` returns true when it removed the entry (nothing to walk into). */
function walk(dir: string, rel: string, visit: (rel: string, full: string) => boolean): void {
  for (const name of readdirSync(join(dir, rel))) {
    const r = rel ? `${rel}/${name}` : name;
    if (!rel && skipped.has(name)) continue;
    const full = join(dir, r);
    const isDir = lstatSync(full).isDirectory();
    if (!visit(r, full) && isDir) walk(dir, r, visit);
  }
}

export function takeState(dir: string): CopyState {
  const state: CopyState = new Map();
  walk(dir, '', (rel, full) => {
    const s = lstatSync(full);
    if (s.isSymbolicLink()) state.set(rel, { kind: 'link', target: readlinkSync(full) });
    else if (s.isDirectory()) state.set(rel, { kind: 'dir' });
    else state.set(rel, { kind: 'file', bytes: readFileSync(full), mode: s.mode & 0o777 });
    return false;
  });
  return state;
}

function same(full: string, e: Entry): boolean {
  let s: ReturnType<typeof lstatSync>;
  try {
    s = lstatSync(full);
  } catch {
    return false;
  }
  if (e.kind === 'dir') return s.isDirectory();
  if (e.kind === 'link') return s.isSymbolicLink() && readlinkSync(full) === e.target;
  return s.isFile() && s.size === e.bytes.length && readFileSync(full).equals(e.bytes);
}

/** Puts the copy back as `state` holds it: removes what was added, rewrites what changed; returns the paths touched. */
export function restoreState(dir: string, state: CopyState): string[] {
  const touched: string[] = [];
  walk(dir, '', (rel, full) => {
    const e = state.get(rel);
    const s = lstatSync(full);
    const kind = s.isSymbolicLink() ? 'link' : s.isDirectory() ? 'dir' : 'file';
    // A file whose bytes changed is rewritten below, in place; what was added, or is now of another kind, goes.
    if (e && e.kind === kind && (kind !== 'link' || same(full, e))) return false;
    rmSync(full, { recursive: true, force: true });
    touched.push(rel);
    return true;
  });
  for (const [rel, e] of state) {
    const full = join(dir, rel);
    if (same(full, e)) continue;
    if (e.kind === 'dir') mkdirSync(full, { recursive: true });
    else if (e.kind === 'link') symlinkSync(e.target, full);
    else writeFileSync(full, e.bytes, { mode: e.mode });
    touched.push(rel);
  }
  return touched;
}

function git(dir: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}) in ${dir}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Puts a git copy (initGitRepo) back at `commit` on `main`: the work tree and index as committed, every other
 * branch deleted (with the workflow status decap-server keeps in its description), untracked files removed.
 */
export function resetGitRepo(dir: string, commit: string): void {
  if (git(dir, ['rev-parse', '--abbrev-ref', 'HEAD']) !== 'main') git(dir, ['checkout', '-q', '-f', 'main']);
  git(dir, ['reset', '-q', '--hard', commit]);
  // Without -x: ignored files (node_modules' links, caches, the admin bundle) stay.
  git(dir, ['clean', '-q', '-f', '-d']);
  for (const b of git(dir, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/']).split('\n'))
    if (b && b !== 'main') git(dir, ['branch', '-q', '-D', b]);
}
