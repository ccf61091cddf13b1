/**
 * `npm run bench:rollup [-- --shards 100] [--members 40] [--boards 3] [--keep]`
 *
 * The county roll-up at county scale (issue 23), on this machine:
 *   1. generates `--shards` branch shards of `--members` members each (`npm run gen`'s generator, a seed each),
 *      each a git repository of its own with its shard id in site.json;
 *   2. builds the boards of the first `--boards` of them for real (`npm run build`: their summaries and manifests,
 *      served over HTTP on 127.0.0.1), for the per-shard build time of the cost model;
 *   3. runs the county roll-up (`npm run rollup`, board included) over all shards, verified from the repositories
 *      (and against the served boards), then again with one shard changed (the incremental run);
 *   4. puts the shards on a git host (git's smart HTTP), rolls them up as 20 counties cloning over HTTP, and runs
 *      the province over the 20 county roll-ups with 2 spot checks each (aim ≤ 10 s);
 * printing wall time and the peak memory of each step's process tree, against the aims (county roll-up ≤ 60 s at
 * ≤ 1 GiB; the incremental run re-reads only the changed shard), and a cost model for a county of 500 schools and
 * a province of 100 counties.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCommand } from '../cli/buildCommand.ts';
import { tsxCommand } from '../loader/nodeCommand.ts';
import { writeGenerated } from './gen.ts';
import { startGitHttpServer } from './gitHttpServer.ts';
import { serve } from './hostileCommands.ts';
import { treeRss } from './treeRss.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    shards: { type: 'string', default: '100' },
    members: { type: 'string', default: '40' },
    boards: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const shards = Number(values.shards);
const members = Number(values.members);
const boards = Math.min(Number(values.boards), shards);
const work = mkdtempSync(join(tmpdir(), 'bench-rollup-'));
const GiB = 1024 ** 3;
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtB = (b: number) => (b >= GiB ? `${(b / GiB).toFixed(2)} GiB` : `${Math.round(b / 1024 / 1024)} MiB`);

/** Runs a command, timing it and polling its process tree's summed RSS every 100 ms. */
async function measure(
  cmd: string[],
  o: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; ms: number; peak: number; out: string }> {
  const started = performance.now();
  const child = spawn(cmd[0], cmd.slice(1), { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  let peak = 0;
  const poll = setInterval(() => {
    if (child.pid) peak = Math.max(peak, treeRss(child.pid).sum);
  }, 100);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(poll);
  return { code, ms: performance.now() - started, peak, out };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@e', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@e' },
  });

const unit = (i: number) => `s${String(i + 1).padStart(3, '0')}`;

// 1. The shards.
const t0 = performance.now();
for (let i = 0; i < shards; i++) {
  const dir = join(work, 'shards', unit(i));
  writeGenerated(join(dir, 'content'), members, i + 1);
  const sitePath = join(dir, 'content', 'site.json');
  const site = JSON.parse(readFileSync(sitePath, 'utf8'));
  writeFileSync(sitePath, `${JSON.stringify({ ...site, shard: { region: '130102', unit: unit(i) } }, null, 2)}\n`);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'generated');
}
const genMs = performance.now() - t0;
process.stdout.write(`\nnpm run bench:rollup  (${shards} shards of ${members} members, ${boards} boards built)\n`);
process.stdout.write(`generate ${shards} shard repositories   ${fmtS(genMs).padStart(8)}\n`);

// 2. Some boards, built for real and served.
const [node, ...buildArgs] = buildCommand(root);
const buildTimes: number[] = [];
let buildPeak = 0;
mkdirSync(join(work, 'boards'), { recursive: true });
for (let i = 0; i < boards; i++) {
  const cwd = mkdtempSync(join(work, 'build-'));
  symlinkSync(join(root, 'node_modules'), join(cwd, 'node_modules'), 'dir');
  const r = await measure([node, ...buildArgs, '--root', root, '--outDir', join(work, 'boards', unit(i))], {
    cwd,
    env: {
      CONTENT_DIR: join(work, 'shards', unit(i), 'content'),
      CMS_BACKEND: 'none',
      SITE: `http://10.0.0.5/${unit(i)}/`,
      ASTRO_CACHE_DIR: join(cwd, '.cache'),
    },
  });
  if (r.code !== 0) throw new Error(`build of ${unit(i)} failed:\n${r.out}`);
  buildTimes.push(r.ms);
  buildPeak = Math.max(buildPeak, r.peak);
}
// The roll-up reads a board's summary.json and manifest.json: those are served, from the built folders.
const served = await serve((req, res) => {
  const m = /^\/(s\d{3})\/(summary|manifest)\.json$/.exec(req.url ?? '');
  const file = m && join(work, 'boards', m[1], `${m[2]}.json`);
  if (!file || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(readFileSync(file));
});
const server = { origin: served.url, close: () => new Promise((ok) => served.server.close(ok)) };
const buildMean = buildTimes.length ? buildTimes.reduce((a, b) => a + b, 0) / buildTimes.length : 0;
if (boards) process.stdout.write(`build one shard's board (mean of ${boards})  ${fmtS(buildMean).padStart(8)}   peak ${fmtB(buildPeak)}\n`);

// 3. The county roll-up, then again with one shard changed.
const registry = join(work, 'county', 'shards.json');
mkdirSync(dirname(registry), { recursive: true });
writeFileSync(
  registry,
  JSON.stringify({
    schemaVersion: 1,
    level: 'county',
    name: '基准县委组织部',
    region: '130102',
    cutoff: '2025-12-26',
    shards: Array.from({ length: shards }, (_, i) => ({
      id: `130102/${unit(i)}`,
      name: `第${i + 1}单位`,
      township: `第${(i % 10) + 1}镇`,
      repo: join(work, 'shards', unit(i)),
      ...(i < boards && { board: `${server.origin}/${unit(i)}/` }),
    })),
  }),
);
const rollup = tsxCommand(root, join(root, 'src', 'cli', 'rollup.ts'));
const args = ['--registry', registry, '--out', join(work, 'county', 'rollup'), '--work', join(work, 'county', '.rollup')];
const full = await measure([...rollup, ...args]);
if (full.code !== 0) throw new Error(`roll-up failed:\n${full.out}`);
const statuses = /汇总完成：.*/.exec(full.out)?.[0] ?? '';
const changed = join(work, 'shards', unit(shards - 1));
const pledgeDir = join(changed, 'content', 'pledges');
const someRound = readdirSync(pledgeDir).sort()[0];
const somePledge = join(pledgeDir, someRound, readdirSync(join(pledgeDir, someRound)).sort()[0]);
writeFileSync(somePledge, readFileSync(somePledge, 'utf8').replace(/\ntitle: (.*)\n/, '\ntitle: $1（改）\n'));
git(changed, 'commit', '-qam', 'one change');
const again = await measure([...rollup, ...args]);
if (again.code !== 0) throw new Error(`incremental roll-up failed:\n${again.out}`);
const reused = (again.out.match(/沿用上次的核对结果/g) ?? []).length;
await server.close();

// 4. The province: the shards in 20 counties, each rolled up from its units' repositories on a git host (smart
// HTTP), the counties' rollup.json served; then the province over the 20 county roll-ups with its spot checks.
const counties = Math.min(20, shards);
const hostDir = join(work, 'host');
mkdirSync(hostDir, { recursive: true });
for (let i = 0; i < shards; i++)
  execFileSync('git', ['clone', '-q', '--bare', join(work, 'shards', unit(i)), join(hostDir, `${unit(i)}.git`)]);
const host = await startGitHttpServer(hostDir);
const countyOf = (c: number) => `c${String(c + 1).padStart(2, '0')}`;
let countiesMs = 0;
for (let c = 0; c < counties; c++) {
  const dir = join(work, 'counties', countyOf(c));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'shards.json'),
    JSON.stringify({
      schemaVersion: 1,
      level: 'county',
      name: `第${c + 1}县`,
      region: '130102',
      hosts: ['127.0.0.1'],
      cutoff: '2025-12-26',
      shards: Array.from({ length: shards }, (_, i) => i)
        .filter((i) => i % counties === c)
        .map((i) => ({ id: `130102/${unit(i)}`, name: `第${i + 1}单位`, repo: `${host.origin}/${unit(i)}.git` })),
    }),
  );
  const r = await measure([
    ...rollup,
    '--registry',
    join(dir, 'shards.json'),
    '--out',
    join(dir, 'out'),
    '--work',
    join(dir, '.work'),
    '--no-board',
  ]);
  if (r.code !== 0) throw new Error(`county roll-up ${countyOf(c)} failed:\n${r.out}`);
  countiesMs += r.ms;
}
const countyBoards = await serve((req, res) => {
  const m = /^\/(c\d{2})\/rollup\.json$/.exec(req.url ?? '');
  const file = m && join(work, 'counties', m[1], 'out', 'rollup.json');
  if (!file || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(readFileSync(file));
});
const provinceRegistry = join(work, 'province', 'shards.json');
mkdirSync(dirname(provinceRegistry), { recursive: true });
writeFileSync(
  provinceRegistry,
  JSON.stringify({
    schemaVersion: 1,
    level: 'province',
    name: '基准省委组织部',
    region: '130000',
    hosts: ['127.0.0.1'],
    cutoff: '2025-12-26',
    spotChecks: 2,
    shards: Array.from({ length: counties }, (_, c) => ({
      id: `130102/${countyOf(c)}`,
      name: `第${c + 1}县`,
      board: `${countyBoards.url}/${countyOf(c)}/`,
    })),
  }),
);
const provinceRun = await measure([
  ...rollup,
  '--registry',
  provinceRegistry,
  '--out',
  join(work, 'province', 'out'),
  '--work',
  join(work, 'province', '.work'),
]);
if (provinceRun.code !== 0) throw new Error(`province roll-up failed:\n${provinceRun.out}`);
const provinceStatuses = /汇总完成：.*/.exec(provinceRun.out)?.[0] ?? '';
await host.close();
await new Promise((ok) => countyBoards.server.close(ok));

const aim = (ok: boolean) => (ok ? 'OK (aim met)' : 'ABOVE AIM');
process.stdout.write(
  `county roll-up, ${shards} shards, with board  ${fmtS(full.ms).padStart(8)}   peak ${fmtB(full.peak)}   (aims ≤ 60 s, ≤ 1 GiB) ${aim(full.ms <= 60_000 && full.peak <= GiB)}\n` +
    `  ${statuses}\n` +
    `incremental run, 1 shard changed            ${fmtS(again.ms).padStart(8)}   peak ${fmtB(again.peak)}   re-read ${shards - reused} of ${shards} shards ${aim(shards - reused === 1)}\n` +
    `${counties} county roll-ups over a git host (HTTP clones, no board), together ${fmtS(countiesMs)}\n` +
    `province roll-up over ${counties} counties, 2 spot checks each, with board ${fmtS(provinceRun.ms).padStart(8)}   peak ${fmtB(provinceRun.peak)}   (aim ≤ 10 s) ${aim(provinceRun.ms <= 10_000)}\n` +
    `  ${provinceStatuses}\n`,
);

// The cost model, from the figures above.
const perShardRollup = full.ms / shards;
const model = (n: number, runners: number) => ((n * buildMean) / runners / 1000 / 60).toFixed(1);
process.stdout.write(
  `\ncost model (measured here: one shard's board ${fmtS(buildMean)}, roll-up ${(perShardRollup / 1000).toFixed(2)} s per shard incl. its share of the board)\n` +
    `  county of 500 schools: every branch builds on its own push: 500 × ${fmtS(buildMean)} = ${((500 * buildMean) / 60_000).toFixed(0)} runner-minutes a round of pushes;\n` +
    `    wall time with 1 / 4 / 10 runners if all push at once: ${model(500, 1)} / ${model(500, 4)} / ${model(500, 10)} min;\n` +
    `    the county's roll-up, all shards changed: about ${((500 * perShardRollup) / 60_000).toFixed(1)} min on one runner; one shard changed: about ${fmtS(again.ms)}\n` +
    `  province of 100 counties: the province reads the counties' rollup.json and rebuilds no branch; measured here ${fmtS(provinceRun.ms)} for ${counties} counties with 2 spot checks each (board included), so about ${fmtS((provinceRun.ms * 100) / counties)} for 100 counties on one runner\n`,
);
if (values.keep) process.stdout.write(`kept: ${work}\n`);
else rmSync(work, { recursive: true, force: true });
