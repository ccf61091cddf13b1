/**
 * Reading one shard of a roll-up (issue 23): its repository (a folder, or a git URL cloned shallow into the
 * roll-up's work folder, again only when its head moved), its board's published summary and manifest, and the
 * summaries recomputed from its content with the board's own code (src/lib/summaryFromModel.ts). The verdict is
 * src/lib/shardStatus.ts's.
 *
 * Git is run with what a hostile remote cannot turn: no prompt for a password, only http(s) (and the file
 * protocol is never used: a folder is read in place), no redirect followed, no hooks, no submodules, a time limit. Only the work folder is
 * written; a registered folder is only read (a commit other than its head is read through a throw-away index).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { runAudit } from '../lib/audit/runAudit.ts';
import { indexContent } from '../lib/contentIndex.ts';
import type { IsoDate } from '../lib/dates.ts';
import { projectScope } from '../lib/projectScope.ts';
import type { RegistryShard } from '../lib/parseRegistry.ts';
import { parseManifest } from '../lib/parseManifest.ts';
import type { BoardEvidence, RecomputedEvidence, RepoEvidence } from '../lib/shardStatus.ts';
import { readPublicSummary } from '../lib/readSummary.ts';
import { summaryJson, type ShardSummary } from '../lib/shardSummary.ts';
import { summaryFromModel } from '../lib/summaryFromModel.ts';
import type { ContentModel } from '../lib/model.ts';
import { fetchOnBoard } from './fetchOnBoard.ts';
import { readContentTree } from './readContentTree.ts';
import { validateContent } from './validateContent.ts';

/** How much of a board the roll-up reads: the summary (a county roll-up's lists 500 orgs) and the manifest. */
export const boardLimits = { summaryBytes: 4 * 1024 * 1024, manifestBytes: 20 * 1024 * 1024, redirects: 5, timeoutMs: 30_000 };
/** How long one git command may take. */
const gitTimeoutMs = 120_000;

const SAFE_GIT = [
  '-c',
  'protocol.allow=never',
  '-c',
  'protocol.https.allow=always',
  '-c',
  'protocol.http.allow=always',
  '-c',
  'http.followRedirects=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'submodule.recurse=false',
  '-c',
  // A link in a clone is a file holding its target: content/ of a clone can never lead outside the work folder.
  'core.symlinks=false',
  '-c',
  'core.quotepath=off',
];

/** Runs git; resolves to its output, or rejects with its (first line of) error. */
export function git(args: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      [...SAFE_GIT, ...args],
      {
        cwd: o.cwd,
        encoding: 'utf8',
        timeout: gitTimeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, ...o.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GIT_CONFIG_NOSYSTEM: '1' },
      },
      (err, stdout, stderr) => {
        if (err) fail(new Error((stderr || err.message).trim().split('\n').at(-1) ?? 'git'));
        else done(stdout);
      },
    );
  });
}

const isUrl = (repo: string) => /^https?:\/\//i.test(repo);

/** A folder name for a shard in the work folder: `130102-shiyan-zhongxue`. */
const slot = (s: RegistryShard) => `${s.region}-${s.unit}`;

export interface Checkout {
  /** The repository's folder (a clone in the work folder, or the registered folder). */
  dir: string;
  head: string;
  headDate: IsoDate;
}

/**
 * The shard's repository at its head: a registered folder as it is; a URL cloned shallow into `work/repos/`, or
 * the clone already there when the remote's head is the one it holds.
 */
export async function checkoutShard(s: RegistryShard, registryDir: string, work: string): Promise<Checkout> {
  const repo = s.repo as string;
  if (!isUrl(repo)) {
    const dir = isAbsolute(repo) ? repo : resolve(registryDir, repo);
    if (!existsSync(dir)) throw new Error('找不到登记表中写的仓库文件夹');
    const [head, headDate] = (await git(['log', '-1', '--format=%H %cs'], { cwd: dir })).trim().split(' ');
    return { dir, head, headDate };
  }
  const remote = (await git(['ls-remote', '--', repo, 'HEAD'])).trim().split(/\s/)[0];
  if (!/^[0-9a-f]{40,64}$/.test(remote ?? '')) throw new Error('仓库没有可读取的提交');
  const dir = join(work, 'repos', slot(s));
  if (existsSync(join(dir, '.git'))) {
    const have = (await git(['rev-parse', 'HEAD'], { cwd: dir }).catch(() => '')).trim();
    if (have === remote) {
      const headDate = (await git(['log', '-1', '--format=%cs'], { cwd: dir })).trim();
      return { dir, head: have, headDate };
    }
  }
  mkdirSync(join(work, 'repos'), { recursive: true });
  const fresh = mkdtempSync(join(work, 'repos', `.${slot(s)}-`));
  try {
    await git(['clone', '--quiet', '--depth', '1', '--no-tags', '--single-branch', '--no-recurse-submodules', '--', repo, fresh]);
    rmSync(dir, { recursive: true, force: true });
    renameSync(fresh, dir);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
  const [head, headDate] = (await git(['log', '-1', '--format=%H %cs'], { cwd: dir })).trim().split(' ');
  return { dir, head, headDate };
}

/** The content model of the `content/` folder in `dir`, or the first content error. */
export function modelOf(contentDir: string, root: string): { model: ContentModel } | { failed: string } {
  if (!existsSync(contentDir)) return { failed: '仓库里没有 content 文件夹' };
  const tree = readContentTree(contentDir, root);
  const { model, problems } = validateContent(tree.entries);
  // Only how many and which rules: a content error's message quotes names and text, and a roll-up publishes reasons.
  const errors = [...tree.problems, ...problems].filter((p) => p.severity === 'error');
  if (!model || errors.length)
    return {
      failed: `仓库的内容检查未通过（${errors.length} 处错误，规则 ${[...new Set(errors.map((e) => e.rule))].slice(0, 5).join('、') || '未知'}；在该单位运行 npm run check 查看）`,
    };
  return { model };
}

/**
 * `content/` of commit `commit` of the repository in `dir`, written under `into` through a throw-away index (the
 * repository's own index and work tree are not touched); fetched shallow first when a clone lacks it.
 */
export async function contentAt(dir: string, commit: string, into: string, cloned: boolean): Promise<string> {
  const has = () =>
    git(['cat-file', '-e', `${commit}^{commit}`], { cwd: dir }).then(
      () => true,
      () => false,
    );
  if (!(await has()) && cloned)
    await git(['fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', commit], { cwd: dir }).catch(() => undefined);
  if (!(await has())) throw new Error(`公布的摘要所依据的提交 ${commit.slice(0, 7)} 不在仓库中`);
  const env = { GIT_INDEX_FILE: join(into, '.index') };
  mkdirSync(into, { recursive: true });
  await git(['read-tree', `${commit}:content`], { cwd: dir, env });
  await git(['checkout-index', '-a', `--prefix=${join(into, 'content')}/`], { cwd: dir, env });
  rmSync(env.GIT_INDEX_FILE, { force: true });
  return join(into, 'content');
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The board's published summary and the hash its manifest gives it, or why they could not be read. */
export async function readBoard(board: string): Promise<BoardEvidence> {
  const base = new URL(board.endsWith('/') ? board : `${board}/`);
  const get = async (name: string, bytes: number): Promise<Buffer | { failed: string; bad: boolean }> => {
    const r = await fetchOnBoard(new URL(name, base), {
      read: true,
      limits: { bytes, redirects: boardLimits.redirects, timeoutMs: boardLimits.timeoutMs },
    });
    if ('unreachable' in r) return { failed: `连接不上公开栏 ${base.href}`, bad: false };
    if ('offSite' in r) return { failed: `公开栏把 ${name} 重定向到了别的网站（${r.offSite}），没有跟随`, bad: true };
    if ('tooManyRedirects' in r) return { failed: `公开栏的 ${name} 重定向次数太多`, bad: true };
    if ('tooLarge' in r) return { failed: `公开栏的 ${name} 太大（最多 ${Math.round(bytes / 1024 / 1024)} MB）`, bad: true };
    if (r.status !== 200 || !r.body) return { failed: `公开栏的 ${name} 返回 HTTP ${r.status}`, bad: false };
    return r.body;
  };
  const body = await get('summary.json', boardLimits.summaryBytes);
  if (!Buffer.isBuffer(body)) return body;
  const bytes = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes);
  } catch {
    return { failed: '公开栏的 summary.json 不是有效的 JSON', bad: true };
  }
  const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > 1)
    return { failed: `公开栏的 summary.json 是第 ${Math.floor(version)} 版格式，汇总程序只认识第 1 版：请更新汇总程序`, bad: true };
  if ((parsed as { scope?: unknown } | null)?.scope === 'internal')
    return { failed: '公开栏的 summary.json 是内部版的摘要：请登记公开版的网址', bad: true };
  const read = readPublicSummary(parsed);
  if ('refused' in read) return { failed: `公开栏的 summary.json 不是上报摘要的格式（${read.refused}）`, bad: true };
  const published = read.summary;
  const manifest = await get('manifest.json', boardLimits.manifestBytes);
  let manifestSha256: string | undefined;
  if (Buffer.isBuffer(manifest)) {
    const m = parseManifest(manifest.toString('utf8'));
    if (!('refused' in m)) manifestSha256 = m.summary?.sha256;
  }
  return { bytes, published, manifestSha256, sha256: sha256(body) };
}

/**
 * The published summary recomputed from the repository, at its commit and date, as the board's build did.
 * `headContent` is the head's content folder (read already); another commit's is written under `tmp`.
 */
export async function recompute(
  dir: string,
  o: { cloned: boolean; head: string; headContent: string; tmp: string },
  published: ShardSummary,
): Promise<RecomputedEvidence> {
  const commit = published.provenance.commit;
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return { failed: '公布的摘要没有写明所依据的提交' };
  try {
    const content = commit === o.head ? o.headContent : await contentAt(dir, commit, mkdtempSync(join(o.tmp, 'at-')), o.cloned);
    const m = modelOf(content, dirnameOf(content));
    if ('failed' in m) return m;
    const s = summaryFromModel(m.model, {
      scope: 'public',
      asOf: published.asOf,
      url: published.shard.url ?? undefined,
      provenance: { ...published.provenance, clean: true },
    });
    return { bytes: summaryJson(s) };
  } catch (e) {
    return { failed: (e as Error).message };
  }
}

const dirnameOf = (p: string) => resolve(p, '..');

/** The shard's repository evidence: the head, and the public and internal summaries at the cut-off. */
export function currentSummaries(
  checkout: Checkout,
  cutoff: IsoDate,
  tool: { name: string; version: string },
): { repo: RepoEvidence; internal?: ShardSummary } {
  const m = modelOf(join(checkout.dir, 'content'), checkout.dir);
  if ('failed' in m) return { repo: m };
  const provenance = { tool: tool.name, version: tool.version, commit: checkout.head, clean: true };
  try {
    const current = summaryFromModel(m.model, { scope: 'public', asOf: cutoff, provenance });
    // The audit over what the internal scope shows, as of the cut-off: counts by rule.
    const findings: Record<string, number> = {};
    for (const f of runAudit(indexContent(projectScope(m.model, 'internal', cutoff)), cutoff))
      findings[f.rule] = (findings[f.rule] ?? 0) + 1;
    const internal = summaryFromModel(m.model, { scope: 'internal', asOf: cutoff, provenance, findings });
    return { repo: { head: checkout.head, headDate: checkout.headDate, current }, internal };
  } catch (e) {
    return { repo: { failed: (e as Error).message } };
  }
}
