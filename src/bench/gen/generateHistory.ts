/**
 * Gives a generated content tree (src/bench/gen.ts `writeGenerated`) a git history, for the pledge-history
 * benchmark (`npm run bench:build -- --history`) and its tests.
 *
 * The tree becomes a git repository of `commits` commits (default 13), EACH of which changes EVERY pledge file,
 * and whose HEAD is the tree exactly as it was written (so it checks and builds as before). Each pledge walks
 * through distinct states the way a branch's year goes:
 * - before approval: draft → (small edits to the measures, the text, the category and deadline) → submitted,
 *   with now and then a return for revision (revise, with a note) and a resubmission; pledges with few records
 *   get more of these, so that every commit has something to change;
 * - approved (review as in the final file), with no records;
 * - the records added in date order, one or a few per commit; the last adds 销号 (closed) and 督促整改
 *   (rectification) where the final file has them.
 * A pledge that is still unapproved in the final file stays before approval throughout and ends as it is.
 * In about `rewriteShare` of the pledges that have records, a commit after publication rewrites an earlier,
 * already-published record (its note or its progress, first published differently): the event a reader most
 * needs to see. The other content files (members, orgs, …) go in the first commit.
 *
 * Deterministic: commit dates are fixed and increase through the round's year, author and committer are fixed,
 * no global or system git configuration is read, so the same tree and seed give the same commit ids.
 *
 * Fast at county scale (10,000 members ≈ 25,800 pledge files × 13 commits): no per-file git calls and no
 * intermediate states in the work tree. Per commit, `git fast-import` stores the files' contents in a pack (as
 * in a repository that has been gc'ed, not 300,000 loose objects), `git mktree --batch` the trees (computed
 * here) and `git commit-tree` the commit; the work tree already holds HEAD, and `git reset -q` finally gives
 * the index its stats, so the checkout is clean.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { splitFrontMatter, stringifyMarkdown } from '../../lib/parseContentFile.ts';
import { addDays, isoDate } from '../../lib/dates.ts';
import { createRandom, type Random } from './random.ts';
import { progressNotes } from './textPools.ts';

export interface HistoryOptions {
  /** Number of commits; each changes every pledge file (default 13). */
  commits?: number;
  seed?: number;
  /** Share of pledges (with records) in which a later commit rewrites an already-published record (default 0.02). */
  rewriteShare?: number;
}

export interface HistoryResult {
  commits: number;
  pledgeFiles: number;
  /** Pledges in which a commit after publication rewrote an earlier, published record. */
  rewrites: number;
}

type Front = Record<string, unknown>;
interface Review {
  status: string;
  by?: string;
  date?: string;
  note?: string;
}
interface RecordEntry {
  date: string;
  note: string;
  progress: number;
}

const reviseNotes = [
  '措施不够具体，请修改完善。',
  '完成时限不明确，请补充。',
  '承诺内容与岗位结合不够紧密，请修改。',
  '践诺措施请细化到每月。',
  '请补充可检验的完成标准。',
  '类别选择有误，请核对后重新提交。',
];

const author = { name: '支部书记（示例）', email: 'shuji@example.invalid' };

/** Every file under `dir` (relative, `/`-separated). */
function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (e.name !== '.git') out.push(...walk(dir, r));
    } else out.push(r);
  }
  return out;
}

function parse(text: string): { front: Front; body: string } {
  const parts = splitFrontMatter(text.replace(/\r\n?/g, '\n'));
  if (!parts) throw new Error('generateHistory: a pledge file without front matter');
  return { front: yaml.load(parts.front, { schema: yaml.CORE_SCHEMA }) as Front, body: parts.body };
}

/** The fixes that turn a rough first draft into the final text, in the order they are made. */
type Fix = 'category' | 'deadline' | 'measure' | 'body';

/** The pledge's text after the first `k` fixes: fewer measures, a shorter text, no category or deadline yet. */
function version(front: Front, body: string, fixes: Fix[], k: number): { front: Front; body: string } {
  const missing = fixes.slice(k);
  const out: Front = { ...front };
  const measures = (front.measures as string[] | undefined) ?? [];
  const lessMeasures = missing.filter((f) => f === 'measure').length;
  if (lessMeasures) out.measures = measures.slice(0, measures.length - lessMeasures);
  if (missing.includes('category')) delete out.category;
  if (missing.includes('deadline')) delete out.deadline;
  const lessClauses = missing.filter((f) => f === 'body').length;
  let text = body;
  if (lessClauses) {
    const clauses = body.trim().replace(/。$/, '').split('，');
    text = `${clauses.slice(0, clauses.length - lessClauses).join('，')}。\n`;
  }
  return { front: out, body: text };
}

interface Plan {
  path: string;
  /** The pledge's text at each commit; the last is the file as written. */
  state(c: number): string;
}

interface PlanContext {
  commits: number;
  rnd: Random;
  rewriteShare: number;
  /** Who returns an unapproved pledge for revision: the secretary over its owner. */
  reviewerOf(owner: string): string | undefined;
  year: number;
}

function planPledge(path: string, finalText: string, ctx: PlanContext): { plan: Plan; rewrite: boolean } {
  const { commits: n, rnd } = ctx;
  const { front, body } = parse(finalText);
  const review = front.review as Review;
  const approved = review.status === 'approved';
  const records = (front.records as RecordEntry[] | undefined) ?? [];
  const hasEnd = front.closed !== undefined || front.rectification !== undefined;

  // After approval: the approved state, then K steps adding the records (the last one adds closed/rectification).
  const stepsWanted = approved ? (records.length ? records.length : hasEnd ? 1 : 0) : 0;
  const preMin = Math.min(2, n - 1);
  const K = approved ? Math.max(0, Math.min(stepsWanted, n - preMin - 1)) : 0;
  const post = approved ? 1 + K : 0;
  const pre = n - post;

  // Records per step, in date order: step j publishes records [0, upTo[j]).
  const upTo = Array.from({ length: K }, (_, j) => Math.round(((j + 1) * records.length) / K));

  // A rewritten record: first published differently at step `first`, corrected at a later step `fix`.
  let rewrite: { index: number; first: number; fix: number; wrong: RecordEntry } | undefined;
  if (K >= 2 && rnd.chance(ctx.rewriteShare)) {
    const first = rnd.int(0, K - 2);
    const firstRecords = upTo[first];
    if (firstRecords > 0) {
      const index = rnd.int(0, firstRecords - 1);
      const fix = rnd.int(first + 1, K - 1);
      const r = records[index];
      const otherNotes = progressNotes.filter((x) => x !== r.note);
      const wrong = rnd.chance(0.5)
        ? { ...r, note: rnd.pick(otherNotes) }
        : { ...r, progress: r.progress >= 50 ? r.progress - rnd.int(5, 20) : r.progress + rnd.int(5, 20) };
      rewrite = { index, first, fix, wrong };
    }
  }

  // Before approval: tokens D (a draft with the next fix), S (submitted), R (returned for revision, with a note).
  const fixes: Fix[] = [];
  if (front.category !== undefined) fixes.push('category');
  const m = ((front.measures as string[] | undefined) ?? []).length;
  const clauses = body.trim().replace(/。$/, '').split('，').length;
  for (let i = 1; i < Math.max(m, clauses); i++) {
    if (i < m) fixes.push('measure');
    if (i < clauses) fixes.push('body');
  }
  if (front.deadline !== undefined) fixes.push('deadline');
  const E = fixes.length;
  const reviewer = review.by ?? ctx.reviewerOf(front.owner as string);
  // How the unapproved states end: approved pledges leave after an S; the others end as they are.
  const tail: 'S' | 'R' | 'D' = approved || review.status === 'submitted' ? 'S' : review.status === 'revise' ? 'R' : 'D';
  const tokens = preTokens(pre, E, tail, reviewer !== undefined, rnd);
  const dCount = tokens.filter((t) => t === 'D').length;

  // Before approval there are no records, 销号 or 督促整改.
  const base: Front = { ...front };
  delete base.records;
  delete base.closed;
  delete base.rectification;
  const approvalDate = (review.date as string | undefined) ?? isoDate(ctx.year, 3, 1);
  const revisions = tokens.filter((t) => t === 'R').length;
  const noteStart = rnd.int(0, reviseNotes.length - 1);
  const preStates: string[] = [];
  // The drafts take the last dCount versions, the last one final; a submission or return keeps the draft before it.
  let v = Math.max(0, E - dCount);
  let drafts = 0;
  let returned = 0;
  for (const t of tokens) {
    if (t === 'D') {
      v = Math.max(0, Math.min(E, E - dCount + 1 + drafts));
      drafts += 1;
    }
    const text = version(base, body, fixes, v);
    let r: Review;
    // After a return its note stays in the file (as the CMS keeps it) until the next return or the approval.
    const kept = returned ? { note: reviseNotes[(noteStart + returned - 1) % reviseNotes.length] } : {};
    if (t === 'D') r = { status: 'draft', ...kept };
    else if (t === 'S') r = { status: 'submitted', ...kept };
    else {
      // Returns fall before the approval (or in the first weeks of the year), a week apart.
      const date = addDays(approvalDate, -7 * (revisions - returned));
      r = { status: 'revise', by: reviewer, date, note: reviseNotes[(noteStart + returned) % reviseNotes.length] };
      returned += 1;
    }
    preStates.push(stringifyMarkdown({ ...text.front, review: r }, text.body));
  }

  const postState = (s: number): string => {
    // s = 0: approved, no records; s = j + 1: step j.
    if (s === 0) return post === 1 ? finalText : stringifyMarkdown(base, body);
    const j = s - 1;
    if (j === K - 1) return finalText;
    const recs = records.slice(0, upTo[j]).map((r, i) => (rewrite && i === rewrite.index && j < rewrite.fix ? rewrite.wrong : r));
    return stringifyMarkdown({ ...base, ...(recs.length && { records: recs }) }, body);
  };
  const state = (c: number): string => {
    if (c === n - 1) return finalText;
    return c < pre ? preStates[c] : postState(c - pre);
  };
  return { plan: { path, state }, rewrite: rewrite !== undefined };
}

/**
 * The states before approval, as tokens: drafts (D), submissions (S) and returns (R), `count` in all, ending in
 * `tail`. Draft states each take the next content version (there are fixes + 1), so returns fill the rest.
 */
function preTokens(count: number, fixes: number, tail: 'S' | 'R' | 'D', canReturn: boolean, rnd: Random): ('D' | 'S' | 'R')[] {
  if (count <= 0) return [];
  if (count === 1) return [tail];
  if (!canReturn) {
    // No one to return it: drafts and submissions alternate, ending in the tail.
    const out: ('D' | 'S' | 'R')[] = [tail];
    while (out.length < count) out.unshift(out[0] === 'D' ? 'S' : 'D');
    return out;
  }
  const versions = fixes + 1;
  // Tokens other than drafts, for r return cycles: each return (R) is followed by a resubmission (S), or by a
  // draft when the pledge ends as a draft; the tail's own S or R.
  const fixedFor = (r: number) => (tail === 'S' ? 1 + 2 * r : tail === 'R' ? 2 + 2 * r : 2 * r);
  let cycles = 0;
  while (count - fixedFor(cycles) > versions && count - fixedFor(cycles + 1) >= (tail === 'D' ? 1 : 0)) cycles += 1;
  if (cycles === 0 && count - fixedFor(1) >= 1 && rnd.chance(0.3)) cycles = 1;
  const drafts = Math.max(0, count - fixedFor(cycles));
  // Drafts split into cycles + 1 groups: the first before any submission, one after each return; a pledge that
  // ends as a draft needs one in the last group, and each return is followed by an edit before group 0 gets more.
  const groups = new Array<number>(cycles + 1).fill(0);
  const order = [...Array.from({ length: cycles }, (_, k) => cycles - k), 0];
  for (let i = 0; i < drafts; i++) groups[i < order.length ? order[i] : rnd.int(0, cycles)] += 1;
  const out: ('D' | 'S' | 'R')[] = [];
  for (let k = 0; k <= cycles; k++) {
    if (k > 0) out.push('R');
    for (let i = 0; i < groups[k]; i++) out.push('D');
    if (k < cycles || tail !== 'D') out.push('S');
  }
  if (tail === 'R') out.push('R');
  return out;
}

/** The git trees of a set of files (path → blob id), children before parents, each with its id and its `git mktree` lines. */
function treesOf(blobIds: Map<string, string>): { root: string; trees: { id: string; lines: string[] }[] } {
  interface Dir {
    files: Map<string, string>;
    dirs: Map<string, Dir>;
  }
  const top: Dir = { files: new Map(), dirs: new Map() };
  for (const [path, id] of blobIds) {
    const parts = path.split('/');
    let d = top;
    for (const part of parts.slice(0, -1)) {
      let next = d.dirs.get(part);
      if (!next) d.dirs.set(part, (next = { files: new Map(), dirs: new Map() }));
      d = next;
    }
    d.files.set(parts.at(-1)!, id);
  }
  const trees: { id: string; lines: string[] }[] = [];
  const visit = (d: Dir): string => {
    // git orders a tree's entries by name, a folder's name as if it ended in "/".
    const entries = [
      ...[...d.files].map(([name, id]) => ({ name, key: name, mode: '100644', type: 'blob', id })),
      ...[...d.dirs].map(([name, sub]) => ({ name, key: `${name}/`, mode: '40000', type: 'tree', id: visit(sub) })),
    ].sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    const raw = Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.id, 'hex')]));
    const id = createHash('sha1').update(`tree ${raw.length}\0`).update(raw).digest('hex');
    trees.push({ id, lines: entries.map((e) => `${e.mode.padStart(6, '0')} ${e.type} ${e.id}\t${e.name}`) });
    return id;
  };
  const root = visit(top);
  return { root, trees };
}

/** Turns `tree` (a content folder written by writeGenerated) into a git repository with a history; see the header. */
export function writeHistoryRepo(tree: string, opts: HistoryOptions = {}): HistoryResult {
  const n = opts.commits ?? 13;
  if (!Number.isInteger(n) || n < 1) throw new Error(`generateHistory: commits must be a positive integer, not ${n}`);
  const rnd = createRandom(opts.seed ?? 1);
  const rewriteShare = opts.rewriteShare ?? 0.02;
  if (existsSync(join(tree, '.git'))) throw new Error(`generateHistory: ${tree} is already a git repository`);

  const files = walk(tree).sort();
  const pledgePaths = files.filter((f) => f.startsWith('pledges/') && f.endsWith('.md'));

  // The round's year and the as-of date: the commits run from early in the year to the as-of date.
  const site = existsSync(join(tree, 'site.json'))
    ? (JSON.parse(readFileSync(join(tree, 'site.json'), 'utf8')) as { currentRound?: string; asOf?: string })
    : {};
  const roundFile = site.currentRound ? join(tree, 'rounds', `${site.currentRound}.md`) : undefined;
  const round = roundFile && existsSync(roundFile) ? parse(readFileSync(roundFile, 'utf8')).front : {};
  const start = (round.start as string | undefined) ?? isoDate(new Date().getUTCFullYear(), 1, 1);
  const year = Number(start.slice(0, 4));
  let last = site.asOf ?? (round.end as string | undefined) ?? isoDate(year, 12, 20);
  if (round.end && last > (round.end as string)) last = round.end as string;
  const first = addDays(start, 4);
  const span = Math.max(n, (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86400000);
  const commitDate = (c: number) => (n === 1 ? last : addDays(first, Math.round((c * span) / (n - 1))));

  // Who returns an unapproved pledge: the secretary of the owner's org (a member) or of the org above (an org).
  const orgs = new Map<string, { secretary?: string; parent?: string }>();
  for (const f of files.filter((x) => x.startsWith('orgs/') && x.endsWith('.md'))) {
    const d = parse(readFileSync(join(tree, f), 'utf8')).front;
    orgs.set(f.slice(5, -3), { secretary: d.secretary as string | undefined, parent: d.parent as string | undefined });
  }
  const memberOrg = new Map<string, string>();
  const reviewerOf = (owner: string): string | undefined => {
    const org = orgs.get(owner);
    if (org) return orgs.get(org.parent ?? '')?.secretary ?? org.secretary;
    if (!memberOrg.has(owner)) {
      const file = join(tree, 'members', `${owner}.md`);
      const o = existsSync(file) ? /^org: *['"]?([^'"\s]+)/m.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
      memberOrg.set(owner, o ?? '');
    }
    const sec = orgs.get(memberOrg.get(owner)!)?.secretary;
    return sec === owner ? (orgs.get(orgs.get(memberOrg.get(owner)!)?.parent ?? '')?.secretary ?? sec) : sec;
  };

  const ctx: PlanContext = { commits: n, rnd, rewriteShare, reviewerOf, year };
  const plans: Plan[] = [];
  let rewrites = 0;
  for (const p of pledgePaths) {
    const { plan, rewrite } = planPledge(p, readFileSync(join(tree, p), 'utf8'), ctx);
    plans.push(plan);
    if (rewrite) rewrites += 1;
  }

  // No global or system configuration: the same input gives the same commits on any machine.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    TZ: 'UTC',
    LC_ALL: 'C',
  };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.GIT_INDEX_FILE;
  const config = [
    '-c',
    'commit.gpgsign=false',
    '-c',
    'core.autocrlf=false',
    '-c',
    'gc.auto=0',
    '-c',
    'maintenance.auto=false',
    '-c',
    'core.hooksPath=/dev/null',
  ];
  const git = (args: string[], input?: Buffer) =>
    execFileSync('git', [...config, ...args], {
      cwd: tree,
      env,
      input,
      stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
    }).toString('utf8');
  git(['-c', 'init.defaultBranch=main', 'init', '-q']);
  git(['config', 'user.name', author.name]);
  git(['config', 'user.email', author.email]);
  git(['config', 'commit.gpgsign', 'false']);

  // Per commit, three git runs whatever the number of files: `git fast-import` stores the changed files' contents
  // (blobs only, into a pack, as in a repository that has been gc'ed), `git mktree --batch` the trees (computed
  // here, so a folder of 25,000 pledges costs no more than a small one), `git commit-tree` the commit.
  const blobIds = new Map<string, string>();
  const blobs: Buffer[] = [];
  const stage = (path: string, data: Buffer) => {
    blobIds.set(path, createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex'));
    blobs.push(Buffer.from(`blob\ndata ${data.length}\n`), data, Buffer.from('\n'));
  };
  const isPledge = new Set(pledgePaths);
  for (const f of files) if (!isPledge.has(f)) stage(f, readFileSync(join(tree, f)));
  const written = new Set<string>();
  let parent: string | undefined;
  for (let c = 0; c < n; c++) {
    for (const plan of plans) stage(plan.path, Buffer.from(plan.state(c)));
    blobs.push(Buffer.from('done\n'));
    git(['fast-import', '--quiet', '--done'], Buffer.concat(blobs));
    blobs.length = 0;
    const { root, trees } = treesOf(blobIds);
    const fresh = trees.filter((t) => !written.has(t.id));
    if (fresh.length) {
      const made = git(['mktree', '--batch', '--missing'], Buffer.from(fresh.map((t) => `${t.lines.join('\n')}\n`).join('\n')))
        .trim()
        .split('\n');
      fresh.forEach((t, i) => {
        if (made[i] !== t.id) throw new Error(`generateHistory: git made tree ${made[i]} where ${t.id} was expected`);
        written.add(t.id);
      });
    }
    const date = `${Date.parse(`${commitDate(c)}T18:00:00+08:00`) / 1000} +0800`;
    const message =
      c === 0
        ? `${year}年度承诺：组织、党员名册和承诺初稿`
        : c === n - 1
          ? `${year}年度承诺践诺：截至${commitDate(c)}`
          : `承诺审核与践诺记实：${commitDate(c)}`;
    env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = date;
    parent = git(['commit-tree', root, ...(parent ? ['-p', parent] : []), '-m', message]).trim();
  }
  git(['update-ref', 'refs/heads/main', parent!]);
  // The index as HEAD, with the work tree's file stats: `git status` is clean.
  git(['reset', '-q']);
  return { commits: n, pledgeFiles: plans.length, rewrites };
}
