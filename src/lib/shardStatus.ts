/**
 * The verification status of one shard of a roll-up (issue 23), from what the roll-up could read of it. Pure: the
 * reading (git, HTTP, the recomputation) is src/loader/collectShard.ts.
 *
 * - 已核对 (`verified`): the repository was read, and the summary the board published (if it has a board) is the
 *   one the repository gives at the published commit and date, byte for byte, and its manifest carries its hash.
 * - 未核对 (`unverified`): only the board could be read; its summary agrees with its manifest.
 * - 数据过期 (`stale`): the data is older than the cut-off by more than the profile's period.
 * - 核对失败 (`failed`): the summary disagrees with the repository (the numbers that differ are named), with its
 *   manifest, names a commit the repository lacks, or was built from a tree with changes not committed; or the
 *   board answered with something that is not a summary.
 * - 未报送 (`missing`): neither the repository nor the board could be read. The shard stays in the denominator and
 *   is shown with its last good data and that data's date.
 */
import { addDays, type IsoDate } from './dates.ts';
import type { ShardSummary } from './shardSummary.ts';

export const shardStatuses = ['verified', 'unverified', 'stale', 'failed', 'missing'] as const;
export type ShardStatus = (typeof shardStatuses)[number];

export const statusLabels: Record<ShardStatus, string> = {
  verified: '已核对',
  unverified: '未核对',
  stale: '数据过期',
  failed: '核对失败',
  missing: '未报送',
};

/** What the roll-up read of a shard's repository: its head and the summary at the cut-off, or why not. */
export type RepoEvidence = { head: string; headDate: IsoDate; current: ShardSummary } | { failed: string };

/**
 * What the roll-up read of a shard's board: the published summary (its bytes) and the manifest's hash of it, or why
 * not: `absent` when the board could not be reached or has no summary, otherwise (`bad`) it answered with something
 * that is not a summary (not JSON, another shape, too large, a redirect off the board).
 */
export type BoardEvidence =
  | { bytes: string; published: ShardSummary; manifestSha256?: string; sha256: string }
  | { failed: string; bad: boolean };

/** The published summary recomputed from the repository at its commit and date: its bytes, or why it could not be. */
export type RecomputedEvidence = { bytes: string } | { failed: string };

export interface ShardVerdict {
  status: ShardStatus;
  /** Why, in Chinese, one sentence each (empty for a plain 已核对). */
  reasons: string[];
  /** The figures the roll-up counts for the shard: recomputed at the cut-off, else the published ones, else the last good ones. */
  summary?: ShardSummary;
  /** The date the figures are as of. */
  dataDate?: IsoDate;
}

/** Days of a profile's period: a month's records go stale after 31 days, a semester's after 184. */
export function periodDays(recordCadence: 'month' | 'semester'): number {
  return recordCadence === 'semester' ? 184 : 31;
}

/** The leaves of two summaries that differ, as `totals.completion.done：公布 24，仓库 23`, at most `max`. */
export function summaryDifferences(published: unknown, repo: unknown, max = 5): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length > max) return;
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
      for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${path}：公布 ${JSON.stringify(a) ?? '无'}，仓库 ${JSON.stringify(b) ?? '无'}`);
  };
  walk(published, repo, '');
  return out.length > max ? [...out.slice(0, max), '……'] : out;
}

/**
 * The verdict on a shard. `recomputed` is the published summary recomputed from the repository (given when both
 * the repository and the board were read); `period` the days after which data is stale; `last` the last good
 * figures of an earlier run.
 */
export function shardVerdict(o: {
  /** The registry's id of the shard: the summaries must name it. */
  id: string;
  repo?: RepoEvidence;
  board?: BoardEvidence;
  recomputed?: RecomputedEvidence;
  cutoff: IsoDate;
  period: number;
  last?: { summary: ShardSummary; dataDate: IsoDate };
}): ShardVerdict {
  const repo = o.repo && 'head' in o.repo ? o.repo : undefined;
  const board = o.board && 'published' in o.board ? o.board : undefined;
  const reasons: string[] = [];
  if (o.repo && 'failed' in o.repo) reasons.push(o.repo.failed);
  if (o.board && 'failed' in o.board) reasons.push(o.board.failed);
  // A board that answered with something else than a summary has failed, whatever the repository.
  const badBoard = o.board && 'failed' in o.board && o.board.bad;
  if (!repo && !board && !badBoard) return { status: 'missing', reasons, summary: o.last?.summary, dataDate: o.last?.dataDate };

  const failures: string[] = [];
  if (badBoard) failures.push('公开栏发布的摘要无法使用');
  if (repo && repo.current.shard.id !== o.id)
    failures.push(`仓库 site.json 的上报编号是“${repo.current.shard.id ?? '未填写'}”，与登记表不符`);
  if (board && board.published.shard.id !== o.id)
    failures.push(`公开栏摘要的上报编号是“${board.published.shard.id ?? '未填写'}”，与登记表不符`);
  if (board) {
    if (board.manifestSha256 === undefined) failures.push('公开栏的核对清单（manifest.json）没有这份摘要的指纹');
    else if (board.manifestSha256 !== board.sha256) failures.push('摘要与核对清单中的指纹不符：摘要在发布以后被改动过');
    if (repo) {
      const p = board.published.provenance;
      if (p.clean === false) failures.push('公布的摘要是在内容有未提交改动时生成的，无法与仓库核对');
      else if (!o.recomputed) failures.push('未能用仓库重新计算公布的摘要');
      else if ('failed' in o.recomputed) failures.push(o.recomputed.failed);
      else if (o.recomputed.bytes !== board.bytes) {
        const diff = summaryDifferences(board.published, JSON.parse(o.recomputed.bytes));
        failures.push(
          `公布的摘要与仓库不一致（提交 ${(p.commit ?? '').slice(0, 7)}，截止 ${board.published.asOf}）：${diff.join('；') || '格式不同'}`,
        );
      }
    }
  }
  // The figures counted: the repository's at the cut-off, else the board's. The data's date goes with them: the
  // repository's last commit (no later than the cut-off), else the board's as-of date.
  const summary = repo?.current ?? board?.published;
  const dataDate = repo ? (repo.headDate < o.cutoff ? repo.headDate : o.cutoff) : board?.published.asOf;
  // A failed board's own figures are never counted: the repository's are, or the last good ones.
  if (failures.length)
    return repo
      ? { status: 'failed', reasons: [...reasons, ...failures], summary, dataDate }
      : { status: 'failed', reasons: [...reasons, ...failures], summary: o.last?.summary, dataDate: o.last?.dataDate };
  if (dataDate && dataDate < addDays(o.cutoff, -o.period))
    return {
      status: 'stale',
      reasons: [...reasons, `数据截止于 ${dataDate}，比汇总截止日期 ${o.cutoff} 早了 ${o.period} 天以上`],
      summary,
      dataDate,
    };
  if (!repo) return { status: 'unverified', reasons: [...reasons, '只读到了公开栏，没有读到仓库，数字未经核对'], summary, dataDate };
  return { status: 'verified', reasons, summary, dataDate };
}

/**
 * The province's verdict on a county roll-up: missing when it could not be read (its last good figures kept), failed
 * when it answered with something that is not a roll-up or a spot-checked unit's figures differ from its
 * repository's, stale when its cut-off is older than the province's by more than `period` days, unverified when no
 * unit could be spot-checked, else verified.
 */
export function countyVerdict(o: {
  read: { failed: string; bad: boolean } | { cutoff: IsoDate; summary?: ShardSummary; left: number };
  checks: readonly { id: string; ok?: boolean; reason?: string }[];
  wanted: number;
  cutoff: IsoDate;
  period: number;
  last?: { summary: ShardSummary; dataDate: IsoDate };
}): ShardVerdict {
  if ('failed' in o.read) {
    if (!o.read.bad) return { status: 'missing', reasons: [o.read.failed], summary: o.last?.summary, dataDate: o.last?.dataDate };
    return { status: 'failed', reasons: [o.read.failed] };
  }
  const { summary, cutoff: dataDate, left } = o.read;
  const reasons = [
    ...(left ? [`另有 ${left} 个单位执行其他制度、处在其他轮次或没有数字，未计入本县的数字`] : []),
    ...o.checks.filter((c) => c.ok !== false && c.reason).map((c) => c.reason as string),
  ];
  const mismatched = o.checks.filter((c) => c.ok === false);
  // A county that fails its spot checks is not counted with its own figures: with its last good ones, if any.
  if (mismatched.length)
    return {
      status: 'failed',
      reasons: [...reasons, ...mismatched.map((c) => `抽查不符：${c.reason}`)],
      summary: o.last?.summary,
      dataDate: o.last?.dataDate,
    };
  if (dataDate < addDays(o.cutoff, -o.period))
    return {
      status: 'stale',
      reasons: [...reasons, `县级汇总截止于 ${dataDate}，比省级汇总截止日期 ${o.cutoff} 早了 ${o.period} 天以上`],
      summary,
      dataDate,
    };
  const passed = o.checks.filter((c) => c.ok === true).length;
  if (!passed)
    return {
      status: 'unverified',
      reasons: [...reasons, o.wanted ? '没有抽查成任何单位，数字未经核对' : '没有设置抽查，数字未经核对'],
      summary,
      dataDate,
    };
  return { status: 'verified', reasons: [...reasons, `抽查 ${passed} 个单位，与其仓库一致`], summary, dataDate };
}
