/**
 * `npm run rollup -- [--registry shards.json] [--out rollup] [--work .rollup] [--as-of YYYY-MM-DD] [--jobs N] [--no-board]`
 * `npm run rollup -- --batch K/N …`: only every N-th shard from the K-th (a pipeline's batch); writes
 *   `batch-K-of-N.json` into the output folder, nothing else.
 * `npm run rollup -- --merge DIR …`: the batches' files in DIR instead of reading any shard; then as usual.
 *
 * A province's registry (`"level": "province"`) lists county roll-ups: each county's `board` is its roll-up's
 * address, whose rollup.json is read (src/loader/readCounty.ts) and summed per main kind of unit, and `spotChecks`
 * of its units (default 2) are recomputed from their repositories and compared with the county's digests.
 *
 * The county roll-up (issue 23): reads the registry (src/lib/parseRegistry.ts), and for every shard its repository
 * and its board (src/loader/collectShard.ts); recomputes each shard's summary from its content at the cut-off
 * date, verifies what the board published against the repository, and writes `rollup.json` into the output folder:
 * every shard with its status (src/lib/shardStatus.ts), the reasons, its commit, the SHA-256 of the figures counted
 * and the figures themselves, plus the totals of each kind of shard (the same profile and round); then builds the
 * roll-up board from it (src/rollup/pages/, astro.config.mjs with ROLLUP_FILE) into the same folder, unless
 * `--no-board`.
 *
 * - A registry with any problem is refused as a whole: every problem is printed with its line, nothing is written,
 *   exit 2.
 * - Incremental: the work folder keeps each shard's last reading (`state.json`). A shard whose head, published
 *   summary and cut-off are the ones of the last run is not read again; a shard that cannot be read keeps its last
 *   good figures and their date (未报送).
 * - The output is written to a folder beside the target and swapped in only when complete; the same inputs give
 *   the same bytes.
 *
 * Exit 0 when the roll-up is written (whatever the shards' statuses), 2 on bad usage or a bad registry.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import { type IsoDate, isIsoDate, todayIn } from '../lib/dates.ts';
import { formatRegistryProblem, parseRegistry, registryLimits, type RegistryShard } from '../lib/parseRegistry.ts';
import { presets } from '../lib/profiles.ts';
import { kindTotals, type RollupFile, type RowInternal, type ShardRow, type ShardState } from '../lib/rollupFigures.ts';
import { plainLine } from '../lib/readSummary.ts';
import { periodDays, shardStatuses, shardVerdict, statusLabels, type BoardEvidence } from '../lib/shardStatus.ts';
import { checkoutShard, contentAt, currentSummaries, readBoard, recompute } from '../loader/collectShard.ts';
import { removeAstroLeftovers } from '../loader/astroLeftovers.ts';
import { astroCommand } from '../loader/nodeCommand.ts';
import { readBoundedFile } from '../loader/readBoundedFile.ts';
import { countyState } from '../loader/readCounty.ts';
import { type CliIo, isMain, processIo } from './cliIo.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const stable = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Runs `jobs` of `tasks` at a time, in order of the results. */
async function inParallel<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

async function readShard(
  s: RegistryShard,
  o: { registryDir: string; work: string; cutoff: IsoDate; last?: ShardState; internal: boolean; details: string[] },
): Promise<{ state: ShardState; reused: boolean }> {
  const tmp = mkdtempSync(join(tmpdir(), 'rollup-'));
  try {
    const board: BoardEvidence | undefined = s.board ? await readBoard(s.board) : undefined;
    let checkout: Awaited<ReturnType<typeof checkoutShard>> | { failed: string } | undefined;
    // git's own words name folders and addresses of this machine: they go to the terminal, not into the roll-up.
    if (s.repo)
      checkout = await checkoutShard(s, o.registryDir, o.work).catch((e: Error) => {
        if (e.message.startsWith('找不到')) return { failed: e.message };
        o.details.push(`git：${e.message}`);
        return { failed: '读取仓库失败（原因见运行汇总的终端输出）' };
      });
    const head = checkout && 'head' in checkout ? checkout.head : null;
    const boardSha = board && 'sha256' in board ? board.sha256 : null;
    const key = stable({
      head,
      boardSha,
      cutoff: o.cutoff,
      tool: pkg.version,
      internal: o.internal,
      // What the registry says of the shard (its name, township, addresses) and the manifest's hash of the summary.
      entry: s,
      manifestSha: board && 'manifestSha256' in board ? (board.manifestSha256 ?? null) : null,
      failed: checkout && 'failed' in checkout,
      boardFailed: board && 'failed' in board,
    });
    if (o.last && o.last.key === key && head) return { state: o.last, reused: true };

    let repo: Parameters<typeof shardVerdict>[0]['repo'];
    let internal: RowInternal | null = null;
    let recomputed: Parameters<typeof shardVerdict>[0]['recomputed'];
    if (checkout && 'failed' in checkout) repo = checkout;
    else if (checkout) {
      // A registered folder is read at its head commit, not as its work tree may stand; a clone is its head.
      const cloned = /^https?:/i.test(s.repo ?? '');
      const headContent = cloned
        ? join(checkout.dir, 'content')
        : await contentAt(checkout.dir, checkout.head, join(tmp, 'head'), false).catch(() => join(tmp, 'head', 'content'));
      const both = currentSummaries({ ...checkout, dir: dirname(headContent) }, o.cutoff, pkg);
      repo = both.repo;
      const n = both.internal?.internal;
      // The internal counts a branch lets go upward; its audit counts always (the county supervises the work).
      if (o.internal && n)
        internal = {
          upward: n.upward,
          ranking: n.upward.includes('ranking') ? n.ranking : null,
          grades: n.upward.includes('grades') ? n.grades : null,
          findings: n.findings,
        };
      if (board && 'published' in board)
        recomputed = await recompute(checkout.dir, { cloned, head: checkout.head, headContent, tmp }, board.published);
    }
    const profile = (
      repo && 'current' in repo ? repo.current.profile : board && 'published' in board ? board.published.profile : ''
    ) as keyof typeof presets;
    const period = periodDays(presets[profile]?.recordCadence ?? 'month');
    const v = shardVerdict({ id: s.id, repo, board, recomputed, cutoff: o.cutoff, period, last: o.last?.lastGood });
    if (board && 'published' in board && board.published.provenance.version !== pkg.version)
      v.reasons.push(`公开栏用的是本程序 ${board.published.provenance.version} 版，汇总程序是 ${pkg.version} 版`);
    const json = v.summary ? stable(v.summary) : null;
    const row: ShardRow = {
      id: s.id,
      name: s.name,
      township: s.township ?? null,
      board: s.board ?? null,
      repo: s.repo && /^https?:\/\//i.test(s.repo) ? s.repo : null,
      status: v.status,
      statusLabel: statusLabels[v.status],
      reasons: v.reasons,
      commit: repo && 'head' in repo ? repo.head : v.status === 'missing' ? (o.last?.row.commit ?? null) : null,
      dataDate: v.dataDate ?? null,
      digest: json ? sha256(json) : null,
      summary: v.summary ?? null,
      ...(o.internal && { internal }),
    };
    const good = v.status === 'verified' || v.status === 'unverified' || v.status === 'stale';
    const lastGood = good && v.summary && v.dataDate ? { summary: v.summary, dataDate: v.dataDate } : o.last?.lastGood;
    return { state: { key, row, lastGood }, reused: false };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** What one batch of a pipeline hands to the job that merges the batches (--batch, --merge). */
interface BatchFile {
  format: 'chengnuo-rollup-batch';
  cutoff: IsoDate;
  /** SHA-256 of the registry the batch read: every batch and the merge must read the same one. */
  registrySha: string;
  states: Record<string, ShardState>;
}

/**
 * The readings of every registered shard from the batch files in `dirs` (batch-*-of-*.json), in registry order; a
 * shard no batch read is 未报送. Refused when a batch read another registry or another cut-off.
 */
function mergeBatches(
  dirs: string[],
  shards: readonly RegistryShard[],
  o: { cutoff: IsoDate; registrySha: string },
): { states: ShardState[] } | { error: string } {
  const found = new Map<string, ShardState>();
  for (const dir of dirs) {
    if (!existsSync(dir)) return { error: `找不到批次结果文件夹 ${dir}。` };
    for (const name of readdirSync(dir)
      .filter((n) => /^batch-\d+-of-\d+\.json$/.test(n))
      .sort()) {
      const read = readBoundedFile(join(dir, name), 256 * 1024 * 1024);
      if (!('bytes' in read)) return { error: `无法读取批次结果 ${join(dir, name)}。` };
      let data: BatchFile;
      try {
        data = JSON.parse(read.bytes.toString('utf8')) as BatchFile;
      } catch {
        return { error: `批次结果 ${join(dir, name)} 不是有效的 JSON。` };
      }
      if (data?.format !== 'chengnuo-rollup-batch') return { error: `${join(dir, name)} 不是批次结果文件。` };
      if (data.registrySha !== o.registrySha)
        return { error: `批次结果 ${join(dir, name)} 读的是另一份登记表：各批次和汇总必须用同一份 shards.json。` };
      if (data.cutoff !== o.cutoff) return { error: `批次结果 ${join(dir, name)} 的截止日期是 ${data.cutoff}，汇总的是 ${o.cutoff}。` };
      for (const [id, st] of Object.entries(data.states)) found.set(id, st);
    }
  }
  return {
    states: shards.map(
      (s) =>
        found.get(s.id) ?? {
          key: '',
          row: emptyRow(s, 'missing', '没有哪一批读取了这个单位（流水线的某一批没有运行或失败了）'),
        },
    ),
  };
}

/** The row of a shard without figures: not read by any batch (`missing`), or not readable at all (`failed`). */
function emptyRow(s: RegistryShard, status: 'missing' | 'failed', reason: string): ShardRow {
  return {
    id: s.id,
    name: s.name,
    township: s.township ?? null,
    board: s.board ?? null,
    repo: null,
    status,
    statusLabel: statusLabels[status],
    reasons: [reason],
    commit: null,
    dataDate: null,
    digest: null,
    summary: null,
  };
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `astro build` of the roll-up board (astro.config.mjs, ROLLUP_FILE) from `file` into `outDir`. */
function buildBoard(file: string, outDir: string, env: NodeJS.ProcessEnv): { code: number; output: string } {
  const [node, ...astroArgs] = astroCommand(projectRoot);
  const r = spawnSync(node, [...astroArgs, 'build', '--outDir', outDir], {
    cwd: projectRoot,
    env: { ...env, ROLLUP_FILE: file, ASTRO_TELEMETRY_DISABLED: '1', LC_ALL: 'C.UTF-8' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  // Astro's own lines without stack traces: a county administrator reads this.
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`
    .split('\n')
    .filter((l) => !/^\s*at\s/.test(l))
    .join('\n');
  return { code: r.status ?? 1, output };
}

export async function rollupCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      options: {
        registry: { type: 'string', default: 'shards.json' },
        out: { type: 'string', default: 'rollup' },
        work: { type: 'string', default: '.rollup' },
        'as-of': { type: 'string' },
        jobs: { type: 'string', default: '2' },
        'no-board': { type: 'boolean', default: false },
        scope: { type: 'string', default: 'public' },
        batch: { type: 'string' },
        merge: { type: 'string', multiple: true },
      },
      allowPositionals: false,
    });
  try {
    args = parse(argv.filter((a) => a !== '--'));
  } catch {
    io.err(
      '用法：npm run rollup -- [--registry shards.json] [--out rollup] [--work .rollup] [--as-of YYYY-MM-DD] [--jobs N] [--no-board]\n',
    );
    return 2;
  }
  const registryPath = resolve(args.values.registry as string);
  const read = readBoundedFile(registryPath, registryLimits.bytes);
  if ('missing' in read) {
    io.err(`找不到登记表 ${registryPath}（用 --registry 指定）。\n`);
    return 2;
  }
  if ('refused' in read) {
    io.err(`无法读取登记表 ${registryPath}：${read.refused}。\n`);
    return 2;
  }
  const parsed = parseRegistry(read.bytes.toString('utf8'));
  if ('problems' in parsed) {
    for (const p of parsed.problems) io.err(`${formatRegistryProblem(registryPath, p)}\n`);
    io.err('登记表有问题，没有生成汇总。\n');
    return 2;
  }
  const registry = parsed.registry;
  const scope = args.values.scope;
  if (scope !== 'public' && scope !== 'internal') {
    io.err(`--scope 只能是 public（公开版，默认）或 internal（内部版），现在是“${scope}”。\n`);
    return 2;
  }
  const asOf = args.values['as-of'] ?? registry.cutoff;
  if (asOf !== undefined && !isIsoDate(asOf)) {
    io.err(`统计截止日期“${asOf}”应写成 YYYY-MM-DD。\n`);
    return 2;
  }
  const cutoff = asOf ?? todayIn('Asia/Shanghai', new Date());
  const jobs = Number(args.values.jobs);
  const work = resolve(args.values.work as string);
  const out = resolve(args.values.out as string);
  mkdirSync(work, { recursive: true });
  const statePath = join(work, 'state.json');
  // The last run's readings; a state file that cannot be read only costs reading every shard again.
  let state: Record<string, ShardState> = {};
  try {
    if (existsSync(statePath)) state = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, ShardState>;
  } catch {
    io.out(`上次的核对结果（${statePath}）读不出来，这次重新读取每个单位。\n`);
  }

  const registrySha = sha256(read.bytes.toString('utf8'));
  const batch = args.values.batch === undefined ? undefined : /^(\d+)\/(\d+)$/.exec(args.values.batch);
  if (args.values.batch !== undefined && (!batch || Number(batch[1]) < 1 || Number(batch[1]) > Number(batch[2]))) {
    io.err(`--batch 应写成“第几批/共几批”，如 --batch 3/10，现在是“${args.values.batch}”。\n`);
    return 2;
  }
  const merge = args.values.merge as string[] | undefined;
  let results: ShardState[];
  if (merge?.length) {
    const merged = mergeBatches(merge, registry.shards, { cutoff, registrySha });
    if ('error' in merged) {
      io.err(`${merged.error}\n`);
      return 2;
    }
    results = merged.states;
  } else {
    const mine = batch ? registry.shards.filter((_, i) => i % Number(batch[2]) === Number(batch[1]) - 1) : registry.shards;
    let done = 0;
    results = await inParallel(
      mine.map((s) => async () => {
        const details: string[] = [];
        let got: { state: ShardState; reused: boolean };
        try {
          got =
            registry.level === 'province'
              ? await countyState(s, {
                  cutoff,
                  hosts: registry.hosts,
                  spotChecks: registry.spotChecks,
                  work,
                  last: state[s.id],
                  toolVersion: pkg.version,
                  registrySha,
                })
              : await readShard(s, {
                  registryDir: dirname(registryPath),
                  work,
                  cutoff,
                  last: state[s.id],
                  internal: scope === 'internal',
                  details,
                });
        } catch (e) {
          // Whatever a shard sends, the others are still rolled up: an error reading one fails that one.
          details.push(`${(e as Error).message}`);
          got = {
            state: { key: '', row: emptyRow(s, 'failed', '读取时出错（原因见运行汇总的终端输出）'), lastGood: state[s.id]?.lastGood },
            reused: false,
          };
        }
        const { state: r, reused } = got;
        done += 1;
        const why = r.row.reasons.length ? `（${r.row.reasons.join('；')}）` : '';
        io.out(
          plainLine(
            `[${done}/${mine.length}] ${s.id} ${s.name}：${r.row.statusLabel}${why}${reused ? '，仓库和公开栏与上次相同，沿用上次的核对结果' : ''}`,
          ) + '\n',
        );
        for (const d of details) io.out(`    ${plainLine(d)}\n`);
        return r;
      }),
      Number.isInteger(jobs) && jobs > 0 ? jobs : 2,
    );
    writeFileSync(`${statePath}.new`, stable({ ...state, ...Object.fromEntries(results.map((r, i) => [mine[i].id, r])) }));
    renameSync(`${statePath}.new`, statePath);
    if (batch) {
      // One batch of a pipeline (GitLab parallel:matrix): its shards' readings for the job that merges them.
      mkdirSync(out, { recursive: true });
      const file = join(out, `batch-${batch[1]}-of-${batch[2]}.json`);
      const data: BatchFile = {
        format: 'chengnuo-rollup-batch',
        cutoff,
        registrySha,
        states: Object.fromEntries(results.map((r, i) => [mine[i].id, r])),
      };
      writeFileSync(file, stable(data));
      io.out(`第 ${batch[1]} 批（共 ${batch[2]} 批）：${mine.length} 个单位，写入 ${file}。\n`);
      return 0;
    }
  }
  const rows = results.map((r) => r.row);
  const rollup: RollupFile = {
    format: 'chengnuo-rollup',
    schemaVersion: 1,
    scope,
    level: registry.level,
    name: registry.name,
    region: registry.region,
    cutoff,
    tool: { name: pkg.name, version: pkg.version },
    totals: kindTotals(rows, shardStatuses),
    shards: rows,
  };

  // Written beside the target and swapped in whole: rollup.json, and the board built from it.
  mkdirSync(dirname(out), { recursive: true });
  const staging = mkdtempSync(`${out}.staging-`);
  writeFileSync(join(staging, 'rollup.json'), stable(rollup));
  if (!args.values['no-board']) {
    io.out('正在生成汇总公开栏……\n');
    const built = buildBoard(join(staging, 'rollup.json'), join(staging, '.board'), io.env);
    if (built.code !== 0) {
      rmSync(staging, { recursive: true, force: true });
      io.err(`${built.output}\n生成汇总公开栏失败，原有的汇总没有改动。\n`);
      return 1;
    }
    removeAstroLeftovers(join(staging, '.board'));
    for (const name of readdirSync(join(staging, '.board'))) renameSync(join(staging, '.board', name), join(staging, name));
    rmSync(join(staging, '.board'), { recursive: true, force: true });
  }
  rmSync(`${out}.old`, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, `${out}.old`);
  renameSync(staging, out);
  rmSync(`${out}.old`, { recursive: true, force: true });
  const counts = Object.entries(statusLabels)
    .map(([k, label]) => `${label} ${rows.filter((r) => r.status === k).length}`)
    .join('，');
  io.out(`汇总完成：${rows.length} 个单位（${counts}），截止 ${cutoff}，写入 ${out}。\n`);
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = await rollupCommand(process.argv.slice(2));
