/**
 * "Every save is a commit" under `npm start`: after decap-server (file mode) has written a save, the CMS API commits
 * exactly the files that save wrote or deleted — never `git add .` as decap-server's own git mode does, which would
 * sweep a developer's unrelated edits into the secretary's commit, and never a checkout.
 *
 * The repository is the one holding the content folder (`git rev-parse --show-toplevel` from it). git runs with a
 * fixed environment: no hooks, no signing, no fsmonitor, messages in English (LC_ALL=C) so they can be explained,
 * literal paths, and the repository found from the folder, never from GIT_DIR and its kind. When git has no author
 * configured, the commit is made as 内容管理后台 <cms@localhost>.
 *
 * A commit that fails (a merge in progress, an ignored path, a locked index …) leaves the save as it is and the
 * index exactly as it was; the caller is told why, in Chinese.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** The author used when git has none configured. */
export const fallbackAuthor = { name: '内容管理后台', email: 'cms@localhost' };

/** Variables git reads that are kept: who commits, when, and which configuration files apply. */
const KEPT = new Set([
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
]);

/** git's environment: every other GIT_* variable (GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_PARAMETERS …) removed. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!k.startsWith('GIT_') || KEPT.has(k)) env[k] = v;
  return { ...env, LC_ALL: 'C', LANGUAGE: 'C', GIT_LITERAL_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

/** Options that switch off whatever could run a program or ask for a key. */
const SAFE = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'commit.gpgSign=false', '-c', 'core.quotepath=off'];

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

function git(args: string[], cwd: string, input?: string): Promise<Ran> {
  return new Promise((done) => {
    const child = spawn('git', [...SAFE, ...args], {
      cwd,
      env: gitEnv(),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e) => done({ code: null, out, err: err || e.message }));
    child.on('close', (code) => done({ code, out, err }));
    // git may exit before it has read all of its input (a refused commit): that is its answer, not an error here.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** The root of the git work tree holding `dir`, or undefined outside one (or without git). */
export function repoTopSync(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], {
    cwd: dir,
    env: gitEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

async function repoTop(dir: string): Promise<string | undefined> {
  if (!existsSync(dir)) return undefined;
  const r = await git(['rev-parse', '--show-toplevel'], dir);
  return r.code === 0 && r.out.trim() ? r.out.trim() : undefined;
}

export type CommitResult = (
  | { status: 'committed'; commit: string; paths: string[] }
  | { status: 'no-repository' }
  /** The files are as the last commit has them: nothing to record. */
  | { status: 'unchanged' }
  | { status: 'failed'; reason: string }
) & {
  /** Paths outside the content folder's repository (an upload in the project, content in a repository of its own): not committed. */
  outside?: string[];
};

/** Why git refused, in words a secretary's helper can act on; git's own last line follows in brackets. */
export function explainFailure(err: string): string {
  const last = err.trim().split('\n').filter(Boolean).at(-1) ?? '';
  const why = [
    [
      /partial commit during a merge|MERGE_HEAD|You have not concluded your merge/i,
      '版本库正在合并（merge）中，不能只提交这几个文件：请先完成或放弃合并',
    ],
    [/unmerged|resolve your current index|needs merge/i, '版本库中有没有解决的冲突：请先解决冲突'],
    [/ignored by one of your \.gitignore/i, '这些文件被 .gitignore 忽略了：请从 .gitignore 中去掉内容文件夹'],
    [/index\.lock|Another git process/i, '另一个 git 程序正在使用这个版本库（index.lock）：请等它结束'],
    [/outside repository|is outside/i, '文件不在内容文件夹所在的版本库中'],
    [/rebase|cherry-pick|revert/i, '版本库正在变基（rebase）或拣选中：请先完成'],
    [
      /Author identity unknown|empty ident|unable to auto-detect email/i,
      'git 没有设置提交人：请运行 git config user.name 和 git config user.email',
    ],
  ] as const;
  const hit = why.find(([re]) => re.test(err));
  return `${hit ? hit[1] : 'git 没有完成提交'}（git：${last.slice(0, 200)}）`;
}

/** `git ls-files -s -z` lines of the given paths, by path (several for a conflicted path). */
function indexEntries(out: string): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  for (const line of out.split('\0').filter(Boolean)) {
    const path = line.slice(line.indexOf('\t') + 1);
    byPath.set(path, [...(byPath.get(path) ?? []), line]);
  }
  return byPath;
}

/** Puts the index entries of `paths` back as `before` had them (removing those that were not there). */
async function restoreIndex(top: string, paths: string[], before: Map<string, string[]>): Promise<void> {
  const format = (await git(['rev-parse', '--show-object-format'], top)).out.trim();
  const zero = '0'.repeat(format === 'sha256' ? 64 : 40);
  const lines = paths.flatMap((p) => [`0 ${zero}\t${p}`, ...(before.get(p) ?? [])]);
  await git(['update-index', '-z', '--index-info'], top, lines.map((l) => `${l}\0`).join(''));
}

/** The identity options for a repository that has no author configured (nor one in the environment). */
async function identity(top: string): Promise<string[]> {
  const r = await git(['config', '--get-regexp', '^user\\.(name|email)$'], top);
  const has = (key: string) => r.out.split('\n').some((l) => l.startsWith(`${key} `) && l.slice(key.length + 1).trim() !== '');
  const args: string[] = [];
  if (!has('user.name') && !process.env.GIT_AUTHOR_NAME) args.push('-c', `user.name=${fallbackAuthor.name}`);
  if (!has('user.email') && !process.env.GIT_AUTHOR_EMAIL) args.push('-c', `user.email=${fallbackAuthor.email}`);
  return args;
}

/**
 * Commits exactly `paths` (relative to `root`, the project folder decap-server writes in) as one commit with
 * `message`, in the repository holding `contentDir`. Other changes in the work tree and the index stay as they are.
 * @example await commitSave({ root: '/srv/board', contentDir: '/srv/board/content', paths: ['content/pledges/2025/a.md'], message: '更新承诺：…' })
 * // → { status: 'committed', commit: '3f2c…', paths: ['content/pledges/2025/a.md'] }
 */
export async function commitSave(o: { root: string; contentDir: string; paths: string[]; message: string }): Promise<CommitResult> {
  const top = await repoTop(o.contentDir);
  if (!top) return { status: 'no-repository' };
  const realRoot = realpathSync(o.root);
  const rels: string[] = [];
  const outside: string[] = [];
  for (const p of [...new Set(o.paths)]) {
    const rel = relative(top, join(realRoot, p));
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) outside.push(p);
    else rels.push(rel.split(sep).join('/'));
  }
  const result = await commitPaths(top, rels, o.message);
  return outside.length ? { ...result, outside } : result;
}

async function commitPaths(top: string, rels: string[], message: string): Promise<CommitResult> {
  if (!rels.length) return { status: 'unchanged' };
  const listed = await git(['ls-files', '-s', '-z', '--', ...rels], top);
  if (listed.code !== 0) return { status: 'failed', reason: explainFailure(listed.err) };
  const before = indexEntries(listed.out);
  const exists = (rel: string) => {
    try {
      lstatSync(join(top, rel));
      return true;
    } catch {
      return false;
    }
  };
  // A file neither on disk nor known to git (a deleted draft that was never committed) leaves nothing to record.
  const paths = rels.filter((rel) => exists(rel) || before.has(rel));
  if (!paths.length) return { status: 'unchanged' };
  const added = await git(['add', '--all', '--', ...paths], top);
  if (added.code !== 0) {
    await restoreIndex(top, paths, before);
    return { status: 'failed', reason: explainFailure(added.err) };
  }
  const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], top);
  if (head.code === 0 && (await git(['diff', '--cached', '--quiet', 'HEAD', '--', ...paths], top)).code === 0)
    return { status: 'unchanged' };
  const who = await identity(top);
  const committed = await git(
    [...who, 'commit', '--only', '--no-verify', '--no-gpg-sign', '--quiet', '--cleanup=whitespace', '-F', '-', '--', ...paths],
    top,
    message,
  );
  if (committed.code !== 0) {
    await restoreIndex(top, paths, before);
    return { status: 'failed', reason: explainFailure(committed.err) };
  }
  const id = await git(['rev-parse', 'HEAD'], top);
  return { status: 'committed', commit: id.out.trim(), paths };
}
