/**
 * Every pledge file's commits, read from git once per build in one pass: a single `git log -p -U0` over the
 * content folder's `pledges/`, streamed through src/loader/gitLogPatch.ts. The build starts it as early as it can
 * (src/integrations/pledgeHistory.ts, before Vite bundles), so git works on the second core while Astro works on
 * the first; pages only wait for it if it has not finished when the first pledge page renders.
 *
 * None outside a git checkout, before the first commit, or with BOARD_HISTORY=off.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { contentDir } from '../contentDir.ts';
import { repoState } from '../lib/repoState.ts';
import { GitLogPatchReader, type FileCommit } from '../loader/gitLogPatch.ts';

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
  '-c', 'core.quotepath=off', '-c', 'log.showRoot=true', '-c', 'diff.noprefix=false',
  'log', '--first-parent', '--diff-merges=first-parent', '--reverse', '--no-renames', '--no-ext-diff', '--no-textconv',
  '--no-color', '--no-relative', '-p', '-U0', '--inter-hunk-context=0', '--src-prefix=a/', '--dst-prefix=b/', '--format=%x01%H %cI',
];

/** Runs git in `dir` with its output going to `out` (a file descriptor, or 'pipe' to collect it); resolves with its exit and what it printed. */
function run(args: string[], dir: string, out: number | 'pipe'): Promise<{ ok: boolean; text: string }> {
  return new Promise((done) => {
    const child = spawn('git', args, { cwd: dir, stdio: ['ignore', out, 'ignore'] });
    let text = '';
    child.stdout?.on('data', (b: Buffer) => (text += b.toString()));
    child.on('error', () => done({ ok: false, text }));
    child.on('close', (code) => done({ ok: code === 0, text }));
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

async function readHistory(dir: string): Promise<PledgeHistory | null> {
  const git = repoState(dir);
  if (!git.commit || !existsSync(join(dir, 'pledges'))) return null;
  const head = git.commit;
  // git writes to a file, not a pipe: a pipe would stall git whenever the build keeps Node's event loop busy
  // (the content check, page rendering), and git is meant to run beside them on another core.
  const tmp = mkdtempSync(join(tmpdir(), 'pledge-history-'));
  try {
    const file = join(tmp, 'log');
    const fd = openSync(file, 'w');
    const [log, shallow] = await Promise.all([run([...LOG_ARGS, head, '--', 'pledges'], dir, fd).finally(() => closeSync(fd)), run(['rev-parse', '--is-shallow-repository'], dir, 'pipe')]);
    if (!log.ok) return null;
    const reader = new GitLogPatchReader();
    readInto(reader, file);
    const byPath = reader.end();
    const real = realpathSync(dir);
    return {
      head,
      shallow: shallow.text.trim() === 'true',
      commitsOf(file: string) {
        // Entries name files from the working folder; git from the repository root.
        const abs = join(real, relative(dir, resolve(process.cwd(), file)));
        return byPath.get(relative(git.root, abs).split('\\').join('/')) ?? [];
      },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const KEY = Symbol.for('chengnuo.pledgeHistory');
type Started = Map<string, Promise<PledgeHistory | null>>;

/**
 * Starts reading the history of the content folder (once per folder and process) and returns it. The
 * integration and the pages are bundled separately, so the one reading is kept on globalThis.
 */
export function pledgeHistory(dir = contentDir()): Promise<PledgeHistory | null> {
  if (process.env.BOARD_HISTORY === 'off') return Promise.resolve(null);
  const started = ((globalThis as Record<symbol, unknown>)[KEY] ??= new Map()) as Started;
  let p = started.get(dir);
  if (!p) {
    p = readHistory(dir).catch(() => null);
    started.set(dir, p);
  }
  return p;
}
