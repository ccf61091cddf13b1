/**
 * The pledge history in the compact form it is kept and passed in (src/data/pledgeHistory.ts): each commit id and
 * date once, and per file one short array per commit. At county scale that is 13 × 25,000 entries; as objects with
 * their commit ids they would be ten times the size.
 */
import type { FileCommit } from './gitLogPatch.ts';

/** [commit index, kind (0 created, 1 edited, 2 deleted), flags (1 was public, 2 is public, 4 unknown, 8 baseline), rewrote?, changed?] */
export type PackedCommit = [number, number, number, string[]?, string[]?];

export interface PackedHistory {
  head: string;
  shallow: boolean;
  /** [id, date] of each commit named below. */
  commits: [string, string][];
  /** Paths relative to the repository root. */
  files: Record<string, PackedCommit[]>;
  /** The content folder's path from the repository root, when it is not the root itself. */
  prefix?: string;
  /** Why the content folder's history-baseline.json was not used, when it was not. */
  warning?: string;
}

const KINDS: FileCommit['kind'][] = ['created', 'edited', 'deleted'];

/** Packs what src/loader/gitLogPatch.ts read. */
export function packHistory(head: string, shallow: boolean, byPath: Map<string, FileCommit[]>): PackedHistory {
  const index = new Map<string, number>();
  const commits: [string, string][] = [];
  const files: Record<string, PackedCommit[]> = {};
  for (const [path, list] of byPath) {
    files[path] = list.map((c) => {
      let i = index.get(c.commit);
      if (i === undefined) {
        i = commits.push([c.commit, c.date]) - 1;
        index.set(c.commit, i);
      }
      const flags = (c.wasPublic ? 1 : 0) | (c.isPublic ? 2 : 0) | (c.unknown ? 4 : 0) | (c.baseline ? 8 : 0);
      const packed: PackedCommit = [i, KINDS.indexOf(c.kind), flags];
      if (c.rewrote.length || c.changed.length) packed.push(c.rewrote, c.changed);
      return packed;
    });
  }
  return { head, shallow, commits, files };
}

/** One file's commits, as objects again. */
export function unpackCommits(h: PackedHistory, path: string): FileCommit[] {
  return (h.files[path] ?? []).map(([i, kind, flags, rewrote = [], changed = []]) => ({
    commit: h.commits[i][0],
    date: h.commits[i][1],
    kind: KINDS[kind],
    wasPublic: (flags & 1) !== 0,
    isPublic: (flags & 2) !== 0,
    rewrote,
    changed,
    ...((flags & 4) !== 0 && { unknown: true }),
    ...((flags & 8) !== 0 && { baseline: true }),
  }));
}
