/**
 * Reads the output of one `git log --reverse -p -U0` over the pledge folder (see src/data/pledgeHistory.ts for the
 * exact command), oldest commit first, as it streams: it keeps each file's current text by applying the hunks,
 * and files every commit that changed a file under that file's path with what the change did
 * (src/loader/pledgeChange.ts). One pass over the history; no file is read from git twice.
 */
import { contentLimits } from '../schemas/contentLimits.ts';
import { classifyChange, isPublicVersion, type Hunk, type PledgeChange, type Published, type Version } from './pledgeChange.ts';

export interface FileCommit extends PledgeChange {
  /** The full commit id. */
  commit: string;
  /** The commit's date (committer date, in the commit's own time zone), YYYY-MM-DD. */
  date: string;
  kind: 'created' | 'edited' | 'deleted';
  /** At or before the history's baseline: part of the starting state, listed but not compared (nothing in `rewrote` or `changed`). */
  baseline?: boolean;
}

interface FileDiff {
  oldPath?: string;
  newPath?: string;
  created: boolean;
  deleted: boolean;
  binary: boolean;
  hunks: (Hunk & { removed: string[] })[];
  /** The path from the `diff --git` line, for a diff without ---/+++ lines. */
  gitPath?: string;
}

/** Unquotes a path git wrote in C style ("…" with \t, \", \\ and octal bytes). */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, raw.endsWith('"') ? -1 : undefined);
  const named: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next ?? '')) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(named[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The path of a `--- a/x` or `+++ b/x` line, or undefined for /dev/null. */
function pathOf(line: string, prefix: 'a/' | 'b/'): string | undefined {
  let raw = line.slice(4).replace(/\t$/, '');
  if (raw === '/dev/null') return undefined;
  raw = unquoteGitPath(raw);
  return raw.startsWith(prefix) ? raw.slice(2) : raw;
}

/** Over the content limit for one file: a pledge has tens of lines, so only a long one is measured. */
function tooBig(lines: string[]): boolean {
  if (lines.length < 2_000) return false;
  let chars = 0;
  for (const l of lines) chars += l.length + 1;
  return chars > contentLimits.fileBytes;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

const PLUS = 43;
const MINUS = 45;
const SPACE = 32;
const NEWLINE = 10;

/** The path of a `diff --git a/x b/x` line, for a diff that has no ---/+++ lines (an empty file, a mode change). */
export function pathOfDiffLine(line: string): string | undefined {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*")/.exec(rest);
    return m ? unquoteGitPath(m[1]).replace(/^a\//, '') : undefined;
  }
  // Without renames both sides name the same path: "a/P b/P".
  const p = (rest.length - 5) / 2;
  const path = rest.slice(2, 2 + p);
  return Number.isInteger(p) && rest.slice(2 + p) === ` b/${path}` ? path : undefined;
}

export class GitLogPatchReader {
  /** Each path's current text; absent once deleted, `null` when its text was lost (binary, or a patch that did not apply). */
  private files = new Map<string, Version | null>();
  /** Each path's last published version, kept through withdrawals, deletions and unreadable versions. */
  private lastPublic = new Map<string, Version>();
  /** A line longer than any content file is being skipped, up to its end. */
  private skipping = false;
  readonly history = new Map<string, FileCommit[]>();
  private commit = '';
  private date = '';
  /** The commit being read is at or before the baseline. */
  private inStart = false;
  private diff?: FileDiff;
  private inHunks = false;
  private rest: Buffer = Buffer.alloc(0);

  /**
   * `published`: the visibilities the board being built shows (src/loader/pledgeChange.ts publishedIn).
   * `startingState`: the commits at or before the history's baseline (src/data/pledgeHistory.ts): each file as they
   * leave it is where the comparing starts; what they changed is not compared.
   */
  constructor(
    private readonly published: Published,
    private readonly startingState?: ReadonlySet<string>,
  ) {}

  /**
   * Feeds output as it arrives, as bytes: each line is decoded on its own (a fresh string, so the text kept
   * does not hold git's output alive), and only the lines this reading needs are decoded at all.
   */
  write(chunk: Buffer): void {
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
      if (this.skipping) this.skipping = false;
      else this.line(buf, start, nl);
      start = nl + 1;
    }
    // A line longer than any content file may be is never held whole: its file's text is given up as unknown.
    if (buf.length - start > contentLimits.fileBytes) {
      this.skipping = true;
      this.giveUp();
      start = buf.length;
    }
    this.rest = Buffer.from(buf.subarray(start));
  }

  /** Ends the output; returns each path's commits, oldest first. */
  end(): Map<string, FileCommit[]> {
    if (this.rest.length) this.line(this.rest, 0, this.rest.length);
    this.rest = Buffer.alloc(0);
    this.finishFile();
    return this.history;
  }

  /** The current file's text cannot be followed (too long a line): its diff is treated as unreadable. */
  private giveUp(): void {
    if (this.diff) this.diff.binary = true;
  }

  private line(buf: Buffer, start: number, end: number): void {
    const c = start < end ? buf[start] : -1;
    if (this.inHunks && (c === PLUS || c === MINUS || c === SPACE)) {
      if (end - start > contentLimits.fileBytes) {
        this.giveUp();
        return;
      }
      const hunk = this.diff!.hunks.at(-1)!;
      // '+', '-', and (with a configured inter-hunk context) ' ', which is both.
      const text = buf.toString('utf8', start + 1, end);
      if (c !== PLUS) hunk.removed.push(text);
      if (c !== MINUS) hunk.added.push(text);
      return;
    }
    if (c === 1) {
      this.finishFile();
      const [commit, date] = buf.toString('latin1', start + 1, end).split(' ');
      this.commit = commit;
      this.date = (date ?? '').slice(0, 10);
      this.inStart = this.startingState?.has(commit) ?? false;
      return;
    }
    // Only header lines are left; they are short and few.
    const line = buf.toString('utf8', start, end);
    if (line.startsWith('diff --git ')) {
      this.finishFile();
      this.diff = { created: false, deleted: false, binary: false, hunks: [], gitPath: pathOfDiffLine(line) };
      this.inHunks = false;
      return;
    }
    const diff = this.diff;
    if (!diff) return;
    if (line.startsWith('@@ ')) {
      const m = HUNK.exec(line);
      if (!m) return;
      const oldStart = Number(m[1]);
      const oldLen = m[2] === undefined ? 1 : Number(m[2]);
      // git numbers lines from 1; an insertion (no old lines) names the line it follows.
      diff.hunks.push({ at: oldLen === 0 ? oldStart : oldStart - 1, oldLen, added: [], removed: [] });
      this.inHunks = true;
    } else if (this.inHunks) {
      // "\ No newline at end of file": the text is compared line by line, so a final newline is no change.
      return;
    } else if (line.startsWith('new file mode')) diff.created = true;
    else if (line.startsWith('deleted file mode')) diff.deleted = true;
    else if (line.startsWith('--- ')) diff.oldPath = pathOf(line, 'a/');
    else if (line.startsWith('+++ ')) diff.newPath = pathOf(line, 'b/');
    else if (line.startsWith('Binary files ')) diff.binary = true;
  }

  /** Applies the file's hunks to its current text; null when they do not fit (the text git had is not the text kept). */
  private apply(old: string[], hunks: FileDiff['hunks']): string[] | null {
    const out: string[] = [];
    let pos = 0;
    for (const h of hunks) {
      if (h.at < pos || h.at + h.oldLen > old.length) return null;
      for (let i = pos; i < h.at; i += 1) out.push(old[i]);
      for (let i = 0; i < h.oldLen; i += 1) if (old[h.at + i] !== h.removed[i]) return null;
      for (const a of h.added) out.push(a);
      pos = h.at + h.oldLen;
    }
    for (let i = pos; i < old.length; i += 1) out.push(old[i]);
    return out;
  }

  private finishFile(): void {
    const diff = this.diff;
    this.diff = undefined;
    this.inHunks = false;
    if (!diff) return;
    const path = diff.newPath ?? diff.oldPath ?? diff.gitPath;
    if (!path) return;
    const old = diff.created ? undefined : this.files.get(path);
    let now: Version | null | undefined;
    if (diff.deleted) now = undefined;
    else if (diff.binary || old === null) now = null;
    else if (old === undefined && !diff.created) now = null;
    else {
      const lines = this.apply(old?.lines ?? [], diff.hunks);
      // A version far over the content size limit (the check refuses it at HEAD) is not kept: its changes are unknown.
      now = lines && !tooBig(lines) ? { lines } : null;
    }
    const kind: FileCommit['kind'] = diff.created ? 'created' : diff.deleted ? 'deleted' : 'edited';
    const last = this.lastPublic.get(path);
    let change: PledgeChange & { baseline?: boolean };
    if (this.inStart) {
      // The starting state: earlier publications are forgotten, the version the baseline leaves is what counts.
      const isPublic = now ? isPublicVersion(now, this.published) : false;
      change = { wasPublic: old ? isPublicVersion(old, this.published) : false, isPublic, rewrote: [], changed: [], baseline: true };
      if (now && isPublic) this.lastPublic.set(path, now);
      else this.lastPublic.delete(path);
    } else if (now === null) {
      // Not known what changed; `wasPublic` says whether the pledge had been published before.
      change = {
        wasPublic: old ? isPublicVersion(old, this.published) : last !== undefined,
        isPublic: false,
        rewrote: [],
        changed: [],
        unknown: true,
      };
    } else {
      // After an unreadable version the change is compared with the last published one, as after a withdrawal.
      change = classifyChange(old ?? undefined, now, old === null ? [] : diff.hunks, this.published, last !== old ? last : undefined);
      if (now && change.isPublic) this.lastPublic.set(path, now);
    }
    let list = this.history.get(path);
    if (!list) this.history.set(path, (list = []));
    list.push({ commit: this.commit, date: this.date, kind, ...change });
    if (now === undefined) this.files.delete(path);
    else this.files.set(path, now);
  }
}
