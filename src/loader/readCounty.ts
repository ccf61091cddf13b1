/**
 * The province's reading of one county (issue 23): the county roll-up's `rollup.json` from its board (bounded,
 * same-origin redirects only, its shape checked), and spot checks of some of its units against their repositories:
 * each unit's summary recomputed from its repository at the commit and cut-off the county used, with the board's
 * code, must have the digest the county recorded.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countySummary, spotCheckRows } from '../lib/countySummary.ts';
import type { IsoDate } from '../lib/dates.ts';
import type { RegistryShard } from '../lib/parseRegistry.ts';
import type { RollupFile, ShardRow, ShardState } from '../lib/rollupFigures.ts';
import { readPublicSummary } from '../lib/readSummary.ts';
import { countyVerdict, shardStatuses, statusLabels } from '../lib/shardStatus.ts';
import { type ShardSummary, summaryJson } from '../lib/shardSummary.ts';
import { summaryFromModel } from '../lib/summaryFromModel.ts';
import { checkoutShard, contentAt, modelOf } from './collectShard.ts';
import { fetchOnBoard } from './fetchOnBoard.ts';

/** A county roll-up of 500 units with their summaries is about 5 MB. */
export const countyLimits = { bytes: 64 * 1024 * 1024, redirects: 5, timeoutMs: 60_000 };

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const printable = (v: unknown, max = 200): v is string =>
  typeof v === 'string' && v.length <= max && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(v);

/**
 * The county roll-up in `v`, checked and copied: its rows' fields bounded and printable, each row's summary read
 * as a public summary (src/lib/readSummary.ts), and each row's digest the SHA-256 of that summary as published; or
 * the first thing that failed.
 */
function readRollupFile(v: unknown): { file: RollupFile } | { refused: string } {
  if (!isRecord(v) || v.format !== 'chengnuo-rollup' || v.schemaVersion !== 1 || !Array.isArray(v.shards))
    return { refused: '不是汇总文件的格式' };
  if (v.shards.length > 20_000) return { refused: '单位太多（最多 20000 个）' };
  if (!printable(v.cutoff) || !/^\d{4}-\d{2}-\d{2}$/.test(v.cutoff) || !printable(v.region) || !printable(v.name) || !isRecord(v.tool))
    return { refused: '不是汇总文件的格式' };
  if (!printable(v.tool.name) || !printable(v.tool.version)) return { refused: '不是汇总文件的格式（tool）' };
  const rows: ShardRow[] = [];
  for (const [i, r] of v.shards.entries()) {
    const at = `第 ${i + 1} 个单位`;
    if (!isRecord(r) || !printable(r.id) || !/^\d{6}\/[a-z0-9-]{1,40}$/.test(r.id) || !printable(r.name) || !printable(r.status))
      return { refused: `${at}的格式不对` };
    if (!(r.commit === null || (typeof r.commit === 'string' && /^[0-9a-f]{40,64}$/.test(r.commit))))
      return { refused: `${r.id} 的提交编号不对` };
    if (!(r.repo === undefined || r.repo === null || (printable(r.repo, 2000) && /^https?:\/\/[^\s]+$/i.test(r.repo))))
      return { refused: `${r.id} 的仓库地址不对` };
    if (!(r.dataDate === null || (printable(r.dataDate) && /^\d{4}-\d{2}-\d{2}$/.test(r.dataDate))))
      return { refused: `${r.id} 的数据日期不对` };
    let summary: ShardSummary | null = null;
    if (r.summary !== null) {
      const read = readPublicSummary(r.summary);
      if ('refused' in read) return { refused: `${r.id} 的数字不是上报摘要的格式（${read.refused}）` };
      summary = read.summary;
      if (r.digest !== sha256(summaryJson(summary))) return { refused: `${r.id} 的数字与其指纹不符` };
    }
    rows.push({
      id: r.id,
      name: r.name,
      township: printable(r.township) ? r.township : null,
      board: printable(r.board, 2000) && /^https?:\/\//i.test(r.board) ? r.board : null,
      repo: (r.repo as string | null | undefined) ?? null,
      status: (shardStatuses as readonly string[]).includes(r.status) ? (r.status as ShardRow['status']) : 'failed',
      statusLabel: printable(r.statusLabel) ? r.statusLabel : '',
      reasons: [],
      commit: r.commit as string | null,
      dataDate: r.dataDate as string | null,
      digest: summary ? sha256(summaryJson(summary)) : null,
      summary,
    });
  }
  return {
    file: {
      format: 'chengnuo-rollup',
      schemaVersion: 1,
      level: 'county',
      name: v.name as string,
      region: v.region as string,
      cutoff: v.cutoff as string,
      tool: { name: v.tool.name, version: v.tool.version },
      totals: [],
      shards: rows,
    },
  };
}

export type CountyFile = { bytes: string; file: RollupFile } | { failed: string; bad: boolean };

/** The county roll-up's rollup.json at `board`, or why not (`bad` when the board answered with something else). */
export async function readCountyFile(board: string): Promise<CountyFile> {
  const url = new URL('rollup.json', board.endsWith('/') ? board : `${board}/`);
  const r = await fetchOnBoard(url, { read: true, limits: countyLimits });
  if ('unreachable' in r) return { failed: `连接不上县级汇总 ${board}`, bad: false };
  if ('offSite' in r) return { failed: `县级汇总把 rollup.json 重定向到了别的网站（${r.offSite}），没有跟随`, bad: true };
  if ('tooManyRedirects' in r) return { failed: '县级汇总的 rollup.json 重定向次数太多', bad: true };
  if ('tooLarge' in r) return { failed: `县级汇总的 rollup.json 太大（最多 ${countyLimits.bytes / 1024 / 1024} MB）`, bad: true };
  if (r.status !== 200 || !r.body) return { failed: `县级汇总的 rollup.json 返回 HTTP ${r.status}`, bad: false };
  const bytes = r.body.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(bytes);
  } catch {
    return { failed: '县级汇总的 rollup.json 不是有效的 JSON', bad: true };
  }
  const read = readRollupFile(data);
  if ('refused' in read) return { failed: `县级汇总的 rollup.json：${read.refused}`, bad: true };
  return { bytes, file: read.file };
}

export interface SpotCheck {
  id: string;
  /** true: the same digest; false: another one (a mismatch); undefined: the check could not be made (why in `reason`). */
  ok?: boolean;
  reason?: string;
}

/** Recomputes one unit's summary from its repository at the county's commit and cut-off, and compares digests. */
async function check(row: ShardRow, cutoff: string, o: { hosts: readonly string[]; work: string }): Promise<SpotCheck> {
  const repo = row.repo as string;
  let host: string;
  try {
    host = new URL(repo).hostname.toLowerCase();
  } catch {
    return { id: row.id, reason: `${row.id} 的仓库地址不是有效的网址，没有抽查` };
  }
  if (!o.hosts.includes(host)) return { id: row.id, reason: `${row.id} 的仓库主机 ${host} 不在 hosts 中，没有抽查` };
  const [region, unit] = row.id.split('/');
  const tmp = mkdtempSync(join(tmpdir(), 'spot-'));
  try {
    const shard: RegistryShard = { id: row.id, region, unit, name: row.name, repo, line: 0 };
    const checkout = await checkoutShard(shard, o.work, o.work);
    const commit = row.commit as string;
    const content = commit === checkout.head ? join(checkout.dir, 'content') : await contentAt(checkout.dir, commit, tmp, true);
    const m = modelOf(content, join(content, '..'));
    if ('failed' in m) return { id: row.id, ok: false, reason: `${row.id}：${m.failed}` };
    const s = row.summary as NonNullable<ShardRow['summary']>;
    const again = summaryFromModel(m.model, { scope: 'public', asOf: cutoff, url: s.shard.url ?? undefined, provenance: s.provenance });
    // The county's figures for the unit (their digest already checked against them) against the repository's.
    const ok = summaryJson(again) === summaryJson(s);
    return { id: row.id, ok, reason: ok ? undefined : `${row.id} 的数字与其仓库不符（提交 ${commit.slice(0, 7)}）` };
  } catch (e) {
    return { id: row.id, reason: `${row.id} 没有抽查成：${(e as Error).message}` };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Spot checks of `n` units of the county (src/lib/countySummary.ts spotCheckRows), one after the other. */
export async function spotCheck(
  file: RollupFile,
  n: number,
  o: { hosts: readonly string[]; work: string; salt: string },
): Promise<SpotCheck[]> {
  const out: SpotCheck[] = [];
  // The choice depends on the province's registry too, which a county need not see: it cannot know which units.
  for (const row of spotCheckRows(file.shards, n, `${o.salt}/${file.cutoff}`, sha256)) out.push(await check(row, file.cutoff, o));
  return out;
}

/**
 * The province's reading of the county `s` (its board: the county roll-up's address): the county's summary of its
 * main kind of unit, spot checks of `spotChecks` units, the verdict (src/lib/shardStatus.ts countyVerdict). A
 * county whose rollup.json and the cut-off are those of the last run is not read again.
 */
export async function countyState(
  s: RegistryShard,
  o: {
    cutoff: IsoDate;
    hosts: readonly string[];
    spotChecks: number;
    work: string;
    last?: ShardState;
    toolVersion: string;
    registrySha: string;
  },
): Promise<{ state: ShardState; reused: boolean }> {
  const got = await readCountyFile(s.board as string);
  const key = sha256(
    JSON.stringify([
      'bytes' in got ? sha256(got.bytes) : 'failed',
      o.cutoff,
      o.spotChecks,
      o.toolVersion,
      o.registrySha,
      s.id,
      s.name,
      s.board,
    ]),
  );
  if (o.last && o.last.key === key && 'bytes' in got) return { state: o.last, reused: true };
  let v: ReturnType<typeof countyVerdict>;
  if ('failed' in got)
    v = countyVerdict({ read: got, checks: [], wanted: o.spotChecks, cutoff: o.cutoff, period: 31, last: o.last?.lastGood });
  else if (got.file.region !== s.region)
    v = { status: 'failed', reasons: [`县级汇总的行政区划代码是 ${got.file.region}，登记表写的是 ${s.region}`] };
  else {
    const cs = countySummary(got.file, { id: s.id, region: s.region, unit: s.unit, name: s.name, url: s.board as string });
    const checks = await spotCheck(got.file, o.spotChecks, {
      hosts: o.hosts,
      work: join(o.work, 'spot', `${s.region}-${s.unit}`),
      salt: o.registrySha,
    });
    v = countyVerdict({
      read: { cutoff: got.file.cutoff, summary: cs?.summary, left: cs?.left ?? got.file.shards.length },
      checks,
      wanted: o.spotChecks,
      cutoff: o.cutoff,
      period: 31,
      last: o.last?.lastGood,
    });
  }
  const json = v.summary ? summaryJson(v.summary) : null;
  const row: ShardRow = {
    id: s.id,
    name: s.name,
    township: s.township ?? null,
    board: s.board ?? null,
    repo: null,
    status: v.status,
    statusLabel: statusLabels[v.status],
    reasons: v.reasons,
    commit: null,
    dataDate: v.dataDate ?? null,
    digest: json ? sha256(json) : null,
    summary: v.summary ?? null,
  };
  const good = v.status !== 'missing' && v.status !== 'failed' && v.summary && v.dataDate;
  return {
    state: { key, row, lastGood: good ? { summary: v.summary as ShardSummary, dataDate: v.dataDate as IsoDate } : o.last?.lastGood },
    reused: false,
  };
}
