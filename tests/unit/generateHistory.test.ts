import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeGenerated } from '../../src/bench/gen.ts';
import { writeHistoryRepo } from '../../src/bench/gen/generateHistory.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { splitFrontMatter } from '../../src/lib/parseContentFile.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A generated tree of `members` members in a fresh temp dir, with its history. */
function repo(members: number, seed: number, rewriteShare: number) {
  const root = mkdtempSync(join(tmpdir(), 'gen-history-'));
  dirs.push(root);
  const tree = join(root, 'content');
  writeGenerated(tree, members, 4);
  const result = writeHistoryRepo(tree, { seed, rewriteShare });
  return { tree, result };
}

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 2 ** 28 });

/** Every file under `dir` but .git, relative. */
function files(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? (e.name === '.git' ? [] : files(dir, r)) : [r];
  });
}

interface PledgeState {
  review: { status: string };
  records?: unknown[];
}

/** Each pledge file's states, oldest first, read from git: one ls-tree per commit and one cat-file for all blobs. */
function pledgeStates(tree: string): Map<string, PledgeState[]> {
  const commits = git(tree, ['rev-list', '--reverse', 'HEAD']).trim().split('\n');
  const blobsOf = new Map<string, string[]>();
  for (const c of commits) {
    for (const line of git(tree, ['ls-tree', '-r', c, 'pledges']).trim().split('\n')) {
      const [meta, path] = line.split('\t');
      const blob = meta.split(' ')[2];
      const list = blobsOf.get(path) ?? [];
      if (list.at(-1) !== blob) list.push(blob);
      blobsOf.set(path, list);
    }
  }
  const ids = [...new Set([...blobsOf.values()].flat())];
  const out = execFileSync('git', ['cat-file', '--batch'], { cwd: tree, input: `${ids.join('\n')}\n`, maxBuffer: 2 ** 28 });
  const text = new Map<string, string>();
  let at = 0;
  for (const id of ids) {
    // "<id> blob <size>\n<bytes>\n", sizes in bytes.
    const nl = out.indexOf(0x0a, at);
    const size = Number(out.subarray(at, nl).toString('latin1').split(' ')[2]);
    text.set(id, out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return new Map(
    [...blobsOf].map(([path, blobs]) => [
      path,
      blobs.map((b) => yaml.load(splitFrontMatter(text.get(b)!)!.front, { schema: yaml.CORE_SCHEMA }) as PledgeState),
    ]),
  );
}

describe('writeHistoryRepo', { timeout: 120_000 }, () => {
  let tree: string;
  let result: ReturnType<typeof writeHistoryRepo>;
  beforeAll(() => {
    ({ tree, result } = repo(30, 5, 0.2));
  });

  test('every commit changes every pledge file, 13 by default', () => {
    const pledges = files(tree).filter((f) => f.startsWith('pledges/'));
    expect(result.pledgeFiles).toBe(pledges.length);
    expect(pledges.length).toBeGreaterThan(50);
    expect(result.commits).toBe(13);
    expect(git(tree, ['rev-list', '--count', 'HEAD']).trim()).toBe('13');
    // The repository is sound: every commit, tree and blob present and well formed (throws otherwise).
    git(tree, ['fsck', '--strict', '--no-dangling', '--no-progress']);
    // One pass over the history: how many commits name each file.
    const touched = new Map<string, number>();
    for (const f of git(tree, ['log', '--format=', '--name-only']).split('\n').filter(Boolean)) touched.set(f, (touched.get(f) ?? 0) + 1);
    for (const p of pledges) expect(touched.get(p), p).toBe(13);
    // The other content files are committed once, in the first commit.
    const others = files(tree).filter((f) => !f.startsWith('pledges/'));
    for (const f of others) expect(touched.get(f), f).toBe(1);
    const dates = git(tree, ['log', '--reverse', '--format=%ad|%cd', '--date=iso-strict']).trim().split('\n');
    for (const line of dates) expect(line.split('|')[0]).toBe(line.split('|')[1]);
    const authored = dates.map((l) => l.split('|')[0]);
    expect([...authored].sort()).toEqual(authored);
    expect(new Set(authored).size).toBe(13);
    expect(authored[0].startsWith('2026-01')).toBe(true);
    expect(authored.at(-1)!.startsWith('2026-12-20')).toBe(true);
  });

  test('HEAD is the generated tree as written, clean, and it passes the content check', () => {
    expect(git(tree, ['status', '--porcelain'])).toBe('');
    const fresh = mkdtempSync(join(tmpdir(), 'gen-history-fresh-'));
    dirs.push(fresh);
    writeGenerated(fresh, 30, 4);
    const written = files(fresh).sort();
    expect(files(tree).sort()).toEqual(written);
    for (const f of written) expect(readFileSync(join(tree, f), 'utf8'), f).toBe(readFileSync(join(fresh, f), 'utf8'));
    const check = checkContent(tree, '2000-01-01', tree);
    expect(check.errors).toEqual([]);
    expect(check.model!.pledges.length).toBe(result.pledgeFiles);
  });

  test('each pledge goes draft/submitted → approved → records appended; only the counted rewrites change a published record', () => {
    const states = pledgeStates(tree);
    expect(states.size).toBe(result.pledgeFiles);
    let rewritten = 0;
    let returned = 0;
    for (const [path, seq] of states) {
      // 13 distinct consecutive states (every commit changed the file).
      expect(seq.length, path).toBe(13);
      const firstApproved = seq.findIndex((s) => s.review.status === 'approved');
      expect(firstApproved, path).not.toBe(0);
      if (seq.some((s) => s.review.status === 'revise')) returned += 1;
      if (firstApproved < 0) continue;
      // Before approval: no records; from approval on: approved, with no records at first.
      for (const s of seq.slice(0, firstApproved)) expect(s.records, path).toBeUndefined();
      expect(seq[firstApproved - 1].review.status, path).toBe('submitted');
      expect(seq[firstApproved].records, path).toBeUndefined();
      let changedPublished = 0;
      for (let i = firstApproved + 1; i < seq.length; i++) {
        expect(seq[i].review.status, path).toBe('approved');
        const before = seq[i - 1].records ?? [];
        const after = seq[i].records ?? [];
        expect(after.length, path).toBeGreaterThanOrEqual(before.length);
        if (before.some((r, k) => JSON.stringify(r) !== JSON.stringify(after[k]))) changedPublished += 1;
      }
      expect(changedPublished, path).toBeLessThanOrEqual(1);
      rewritten += changedPublished;
    }
    expect(result.rewrites).toBeGreaterThan(0);
    expect(rewritten).toBe(result.rewrites);
    expect(returned).toBeGreaterThan(0);
  });

  test('the same seed gives the same commits; another seed another history; rewriteShare 0 rewrites nothing', () => {
    const again = repo(30, 5, 0.2);
    expect(git(again.tree, ['rev-parse', 'HEAD'])).toBe(git(tree, ['rev-parse', 'HEAD']));
    expect(again.result).toEqual(result);
    const other = repo(30, 6, 0.2);
    expect(git(other.tree, ['rev-parse', 'HEAD'])).not.toBe(git(tree, ['rev-parse', 'HEAD']));
    // Same final tree whatever the seed.
    expect(git(other.tree, ['rev-parse', 'HEAD^{tree}'])).toBe(git(tree, ['rev-parse', 'HEAD^{tree}']));
    const none = repo(30, 5, 0);
    expect(none.result.rewrites).toBe(0);
  });
});
