/**
 * Publishing a build without ever leaving the published site broken.
 *
 * `npm run build` never writes into the destination (`dist/` or `--outDir`).
 * It builds into a staging folder beside it, `.<name>.build-staging-<pid>-<tag>`,
 * and only when `astro build` and the search index have both succeeded does
 * `publishOutDir` move it into place:
 *
 *   1. rename destination → `.<name>.build-previous`   (the kept previous site)
 *   2. rename staging     → destination
 *   3. delete the kept previous site
 *
 * Why two renames: rename() cannot replace a directory that has files in it,
 * and the one system call that swaps two directories (Linux renameat2 with
 * RENAME_EXCHANGE) is not reachable from Node. The staging folder is in the
 * same parent folder, hence on the same file system, so each rename is a
 * single metadata change, never a copy: the window in which the destination
 * is missing is the time between two consecutive system calls, with nothing
 * else (no file I/O, no await) between them.
 *
 * A kill can still land in that window, or between steps 2 and 3. So every
 * build begins, and `publishOutDir` itself begins, with `repairOutDir`:
 *
 * - destination missing, kept previous present → the swap was cut between
 *   steps 1 and 2: rename the kept previous back. The staging folder may even
 *   be complete, but nothing on disk proves it, and the promise is that an
 *   interrupted build leaves the previous site exactly as it was.
 * - destination present, kept previous present → cut between steps 2 and 3:
 *   the new site is in place; delete the kept previous site.
 * - staging folders of a process that no longer runs → delete them. A staging
 *   folder of a live process is another build still running and is left alone.
 *
 * Only names this module makes are ever touched: the kept-previous name and
 * staging names with a pid, matched exactly against the destination's name.
 * Running two builds into the same destination at once is not supported;
 * whichever swaps last wins, and neither ever leaves the destination missing
 * for longer than its own window.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The folders of one build into `dest`. */
export interface OutDirPaths {
  /** The destination the site is published to. */
  dest: string;
  /** Where this build writes, beside `dest`. */
  staging: string;
  /** Where the previous site waits during the swap. */
  previous: string;
}

const STAGING = '.build-staging-';
const PREVIOUS = '.build-previous';

// lstat, not stat: a destination that is a symbolic link is there, even when it points nowhere.
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function previousOf(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}${PREVIOUS}`);
}

/**
 * The staging and kept-previous folders for a build into `dest`.
 * @example stagingPaths('/srv/dist', 4242, 'a1b2c3d4').staging // '/srv/.dist.build-staging-4242-a1b2c3d4'
 */
export function stagingPaths(dest: string, pid = process.pid, tag = randomBytes(4).toString('hex')): OutDirPaths {
  return { dest, staging: join(dirname(dest), `.${basename(dest)}${STAGING}${pid}-${tag}`), previous: previousOf(dest) };
}

/** The pid in a staging folder's name, when `entry` is a staging folder of `destName`. */
export function stagingPid(destName: string, entry: string): number | undefined {
  const prefix = `.${destName}${STAGING}`;
  if (!entry.startsWith(prefix)) return undefined;
  const m = /^([1-9]\d*)-[0-9a-f]+$/.exec(entry.slice(prefix.length));
  return m ? Number(m[1]) : undefined;
}

/** True while a process with this id runs. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed build whose parent died too stays a zombie until init reaps it, which some containers' init never does.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    // Gone since kill() answered; or no /proc (not Linux), where kill() is all there is to go by.
    return !present('/proc/self');
  }
}

/** What `repairOutDir` did. */
export interface Repair {
  /** The previous site was put back after a swap cut short. */
  restored: boolean;
  /** Leftover folders removed (absolute paths). */
  removed: string[];
}

/**
 * Puts right what an interrupted build left beside `dest` (see the header).
 * @param running tells whether a staging folder's process still runs; injectable for tests.
 */
export function repairOutDir(dest: string, running: (pid: number) => boolean = isRunning): Repair {
  const previous = previousOf(dest);
  const out: Repair = { restored: false, removed: [] };
  if (present(previous)) {
    if (present(dest)) {
      rmSync(previous, { recursive: true, force: true });
      out.removed.push(previous);
    } else {
      renameSync(previous, dest);
      out.restored = true;
    }
  }
  const parent = dirname(dest);
  let entries: string[] = [];
  try {
    entries = readdirSync(parent);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const pid = stagingPid(basename(dest), entry);
    if (pid === undefined || pid === process.pid || running(pid)) continue;
    rmSync(join(parent, entry), { recursive: true, force: true });
    out.removed.push(join(parent, entry));
  }
  return out;
}

/**
 * Moves the finished staging folder into place (see the header). On an error
 * the previous site is put back and the error is thrown again.
 * @param between runs between the two renames; a seam for the test that kills a build there.
 */
export function publishOutDir(p: OutDirPaths, between?: () => void): void {
  repairOutDir(p.dest);
  const hadPrevious = present(p.dest);
  if (hadPrevious) renameSync(p.dest, p.previous);
  try {
    between?.();
    renameSync(p.staging, p.dest);
  } catch (err) {
    if (hadPrevious && !present(p.dest)) renameSync(p.previous, p.dest);
    throw err;
  }
  if (hadPrevious) rmSync(p.previous, { recursive: true, force: true });
}
