/**
 * Every pledge file's commits, read from git once per build in one pass: a single `git log -p -U0` over the
 * content folder's `pledges/`, read by src/loader/gitLogPatch.ts and kept packed (src/loader/packedHistory.ts).
 *
 * A build reads it in a process of its own (src/cli/readHistory.ts), started the moment the build starts
 * (src/integrations/pledgeHistory.ts): git and the reading then run on another core beside the content check and
 * Vite's bundling, and their memory is never the build's; the pages wait only if it has not finished when the first
 * pledge page renders. The dev server reads it in its own process on first use.
 *
 * A content folder may name a baseline in `history-baseline.json` (`{ "commit": "<id>", "reason": "…" }`): the
 * commits up to it (on its first-parent line) are the starting state — listed, never compared — and only later
 * commits are compared with what was public. The bundled sample names the last commit of its writing, so that the
 * project's own edits of the sample are not shown as a branch rewriting its records. The commits up to it come from
 * one `git rev-list`, run beside the log. A baseline that is not a commit of the repository (content copied from
 * elsewhere) is not used, with a warning: everything is then compared, which can only flag more.
 *
 * None outside a git checkout, before the first commit, or with BOARD_HISTORY=off.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { contentDir } from '../loader/contentDir.ts';
import { parseScope } from './siteScope.ts';
import { historyKey, readCachedHistory, writeCachedHistory } from '../loader/historyCache.ts';
import { tsxCommand } from '../loader/nodeCommand.ts';
import { repoState } from '../loader/repoState.ts';
import { GitLogPatchReader, type FileCommit } from '../loader/gitLogPatch.ts';
import { publishedIn } from '../loader/pledgeChange.ts';
import { packHistory, unpackCommits, type PackedHistory } from '../loader/packedHistory.ts';

export type { FileCommit };

export interface PledgeHistory {
  /** The commit built. */
  head: string;
  /** The checkout is shallow: the history stops at its oldest commit, which git shows as adding every file. */
  shallow: boolean;
  /** A pledge file's commits, oldest first; `file` as content entries name it (relative to the working folder). */
  commitsOf(file: string): FileCommit[];
}

/** Options that make the output the same whatever the user's git configuration says. */
const LOG_ARGS = [
  '-c',
  'core.quotepath=off',
  '-c',
  'log.showRoot=true',
  '-c',
  'diff.noprefix=false',
  'log',
  '--first-parent',
  '--diff-merges=first-parent',
  '--reverse',
  '--no-renames',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--no-relative',
  '-p',
  '-U0',
  '--inter-hunk-context=0',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--format=%x01%H %cI',
  // A file .gitattributes marks -diff or binary, or one over core.bigFileThreshold, is still shown line by line.
  '--text',
  '--diff-algorithm=myers',
];

/** git's environment: messages in English whatever the locale, and the repository found from the folder, not from GIT_DIR. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANGUAGE: 'C' };
  for (const k of [
    'GIT_DIR',
    'GIT_WORK_TREE',
    'GIT_INDEX_FILE',
    'GIT_OBJECT_DIRECTORY',
    'GIT_CEILING_DIRECTORIES',
    'GIT_EXTERNAL_DIFF',
    'GIT_DIFF_OPTS',
  ])
    delete env[k];
  return env;
}

/** Runs a command in `dir` with its output going to `out` (a file descriptor, or 'pipe' to collect it). */
function run(
  command: string,
  args: string[],
  dir: string,
  out: number | 'pipe',
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ok: boolean; text: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: dir, stdio: ['ignore', out, 'pipe'], env });
    let text = '';
    let err = '';
    child.stdout?.on('data', (b: Buffer) => (text += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e) => done({ ok: false, text, err: err || e.message }));
    child.on('close', (code) => done({ ok: code === 0, text, err }));
  });
}

/** Feeds a file to the reader in large chunks. */
function readInto(reader: GitLogPatchReader, file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 22);
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) reader.write(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** The file in a content folder naming the history's baseline. */
const BASELINE_FILE = 'history-baseline.json';

/** What is said when a baseline is not used: the history is then compared from the first commit, flagging more, never less. */
const notUsed = (why: string) => `${BASELINE_FILE} ${why}，修改记录没有用它，从第一次提交起逐一核对。`;

/** The commit `dir`'s history-baseline.json names (or why it names none usable); neither when there is no such file. */
function readBaseline(dir: string): { commit?: string; ignored?: string } {
  const file = join(dir, BASELINE_FILE);
  if (!existsSync(file)) return {};
  let commit: unknown;
  try {
    commit = (JSON.parse(readFileSync(file, 'utf8')) as { commit?: unknown }).commit;
  } catch {
    return { ignored: notUsed('不是有效的 JSON（应写成 { "commit": "提交编号", "reason": "说明" }）') };
  }
  if (typeof commit !== 'string' || !/^[0-9a-f]{7,64}$/.test(commit)) {
    return { ignored: notUsed(`的 commit 应是一次提交的编号（7 到 64 位小写十六进制），现在是“${String(commit).slice(0, 80)}”`) };
  }
  return { commit };
}

/** Reads the history of `dir`'s pledges in this process. */
export async function readHistory(dir: string): Promise<PackedHistory | null> {
  const git = repoState(dir);
  if (!git.commit || !existsSync(join(dir, 'pledges'))) return null;
  const head = git.commit;
  const { commit: baseline, ignored } = readBaseline(dir);
  // git writes to a file, not a pipe: a pipe would stall git whenever this process's event loop is busy.
  const tmp = mkdtempSync(join(tmpdir(), 'pledge-history-'));
  try {
    const file = join(tmp, 'log');
    const fd = openSync(file, 'w');
    const [log, shallow, start] = await Promise.all([
      run('git', [...LOG_ARGS, head, '--', 'pledges'], dir, fd, gitEnv()).finally(() => closeSync(fd)),
      run('git', ['rev-parse', '--is-shallow-repository'], dir, 'pipe', gitEnv()),
      baseline === undefined ? undefined : run('git', ['rev-list', '--first-parent', baseline, '--', 'pledges'], dir, 'pipe', gitEnv()),
    ]);
    if (!log.ok) throw new Error(log.err.trim() || 'git log');
    const isShallow = shallow.text.trim() === 'true';
    // Not a commit here: content copied from another repository (the sample's, say), or a mistake; every commit is
    // then compared. In a shallow clone it may just be older than the oldest commit fetched, which needs no word.
    const unknown =
      start && !start.ok && !isShallow
        ? notUsed(`写的修改记录起点 ${baseline} 不是这个版本库中的提交（这份内容也许是从别的仓库复制来的）`)
        : undefined;
    const startingState = start?.ok ? new Set(start.text.split('\n').filter(Boolean)) : undefined;
    const reader = new GitLogPatchReader(publishedIn(process.env.SITE_SCOPE), startingState);
    readInto(reader, file);
    // Paths from the repository root, as git names them; the folder's own prefix is kept, so lookups need no root.
    const prefix = relative(git.root, realpathSync(dir)).split('\\').join('/');
    const warning = ignored ?? unknown;
    return { ...packHistory(head, isShallow, reader.end()), ...(prefix && { prefix }), ...(warning && { warning }) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The history with a lookup by a content entry's file name. */
function withLookup(dir: string, h: PackedHistory): PledgeHistory {
  return {
    head: h.head,
    shallow: h.shallow,
    commitsOf(file: string) {
      // Entries name files from the working folder; the packed history from the repository root.
      const rel = relative(dir, resolve(process.cwd(), file)).split('\\').join('/');
      return unpackCommits(h, h.prefix ? `${h.prefix}/${rel}` : rel);
    },
  };
}

/**
 * Reads the history in a process of its own (src/cli/readHistory.ts, run by tsx as `npm run build` runs it), its
 * result passed back through a temporary file.
 */
async function readInOwnProcess(dir: string, projectRoot: string): Promise<PackedHistory | null> {
  const tmp = mkdtempSync(join(tmpdir(), 'pledge-history-'));
  try {
    const out = join(tmp, 'history.json');
    const [node, ...args] = tsxCommand(projectRoot, join(projectRoot, 'src', 'cli', 'readHistory.ts'));
    const r = await run(node, [...args, dir, out], projectRoot, 'pipe');
    if (!r.ok) throw new Error(r.err.trim().split('\n').at(-1) || 'readHistory');
    return JSON.parse(readFileSync(out, 'utf8')) as PackedHistory | null;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The history from the cache folder when this commit's was read before (src/loader/historyCache.ts), else read in a
 * process of its own and kept there. The cache is a shortcut, never a condition: whatever goes wrong with it, the
 * history is read.
 */
async function readCachedOrOwn(dir: string, projectRoot: string, cacheDir: string): Promise<PackedHistory | null> {
  const folder = join(cacheDir, 'pledge-history');
  let key: string | undefined;
  try {
    // An unknown scope is refused before the build starts (src/cli/build.ts); here it just keeps nothing.
    const scope = parseScope(process.env.SITE_SCOPE);
    key = scope && historyKey(dir, scope, join(dir, BASELINE_FILE), projectRoot);
  } catch {
    key = undefined;
  }
  const kept = key ? readCachedHistory<PackedHistory | null>(folder, key) : undefined;
  if (kept !== undefined) return kept;
  const read = await readInOwnProcess(dir, projectRoot);
  try {
    if (key) writeCachedHistory(folder, key, read);
  } catch {
    // Not kept: the next build reads it again.
  }
  return read;
}

const KEY = Symbol.for('chengnuo.pledgeHistory');
type Started = Map<string, Promise<PledgeHistory | null>>;
const started = () => ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Started;

/**
 * Forgets the history read so far, so that the next page reads it again: the dev server calls this after a save
 * became a commit (src/integrations/cmsApi.ts), so that its pledge pages list that commit.
 */
export function forgetPledgeHistory(): void {
  started().clear();
}

/**
 * Starts reading the history of `dir` (once per folder and process): in a separate process when `projectRoot` is
 * given (the build), first looking in `cacheDir` when that is given too; in this one otherwise. A failure is reported to `onError` and leaves the pages without history.
 */
export function pledgeHistory(
  dir = contentDir(),
  o: { projectRoot?: string; cacheDir?: string; onError?: (message: string) => void; onWarning?: (message: string) => void } = {},
): Promise<PledgeHistory | null> {
  if (process.env.BOARD_HISTORY === 'off') return Promise.resolve(null);
  let p = started().get(dir);
  if (!p) {
    const packed = !o.projectRoot
      ? readHistory(dir)
      : o.cacheDir
        ? readCachedOrOwn(dir, o.projectRoot, o.cacheDir)
        : readInOwnProcess(dir, o.projectRoot);
    p = packed
      .then((h) => {
        if (h?.warning) o.onWarning?.(h.warning);
        return h ? withLookup(dir, h) : null;
      })
      .catch((e: unknown) => {
        o.onError?.(e instanceof Error ? e.message : String(e));
        return null;
      });
    started().set(dir, p);
  }
  return p;
}
