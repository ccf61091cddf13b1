/**
 * `npm run bench:build [-- --members N] [--seed S] [--scope public|internal] [--history [--commits N]] [--warm] [--keep] [--max-old-space MiB]`
 * `npm run bench:build -- --sample`: the bundled sample, first build and warm rebuild (see benchSample).
 *
 * Generates a content tree of N members (default 10,000), then builds, in
 * the same run and on the same tree:
 *
 * `--scope public` (the default):
 *   1. a floor: a throw-away bare Astro 5 project (in os.tmpdir()) with one
 *      schema-less collection per content folder and one trivial page per
 *      content file, built with the same astro binary;
 *   2. the real site (`astro build` in the project, CONTENT_DIR=tree).
 * It prints wall time, pages, pages/s and peak RSS of both, the ratio against
 * the targets (site ≤ 2× floor, aim 1.5×; peak RSS < 3 GiB), the phases of
 * each build and the real build's per-route page-render timings.
 *
 * `--scope internal`: no floor; the public site (SITE_SCOPE=public) and then
 * the internal site (SITE_SCOPE=internal: the same board plus results,
 * reviews, audit, ranking and printables), each as `npm run build` builds it
 * and each with cold caches of its own. It prints both wall times, pages and
 * peak RSS, the ratio internal ÷ public (aim ≤ 1.3×; reported, not enforced)
 * and peak RSS < 3 GiB for each, then the phases and per-route timings. The
 * generated tree has the year end (evaluations with their text, reviews,
 * commendations), so the internal pages have real work to do.
 *
 * `--history` (with `--commits N`, default 13): the generated tree becomes a git
 * repository (src/bench/gen/generateHistory.ts `writeHistoryRepo`) whose N commits each
 * change every pledge file (drafts, returns, approval, records in date order,
 * 销号, and in about 2% of the pledges a published record rewritten later),
 * HEAD being the tree as generated. No floor; the real site (in the scope of
 * `--scope`, public by default) is built twice from that tree, each cold: with
 * the pledge history read from git, then with `BOARD_HISTORY=off`. It prints the
 * time writeHistoryRepo took, the repository's commits, pledge files and
 * rewritten records, both wall times, pages and peak RSS, the ratio with ÷
 * without history (aim ≤ 1.15×; reported, not enforced), the tree check for
 * both and a history check: some pledge page under pledges/ of the with-history
 * build carries an element with `data-history-commit`, and no page of the other
 * build does (OK or MISSING).
 *
 * Cold caches: every measured build gets a fresh, empty Astro `cacheDir`
 * (where `astro build` keeps data-store.json) and Vite `cacheDir`. For the real
 * site this is done with a wrapper config in the temp dir that spreads the
 * project's astro.config.mjs and overrides only those two directories, so the
 * shared `node_modules/.astro/` of the project is never read,
 * written or deleted (other developers may be building concurrently; Astro
 * still regenerates its type files in the project's .astro/, as every build
 * does). The site runs with cwd = the temp dir (see main) so that its SSR
 * bundle goes into its own outDir, not the project's shared .astro/. The
 * floor's `node_modules` is a symlink to the project's, so its caches are
 * pinned inside the floor directory too. `--warm` adds a second build of each
 * that reuses the cache of the first. `--max-old-space` raises Node's heap
 * limit (NODE_OPTIONS=--max-old-space-size) for both builds alike.
 */
import { spawn } from 'node:child_process';
import { type ProcRss, treeRss } from './treeRss.ts';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCommand as npmBuild } from '../cli/buildCommand.ts';
import { writeHistoryRepo } from './gen/generateHistory.ts';
import { writeGenerated } from './gen.ts';

const GiB = 2 ** 30;
const RSS_TARGET = 3 * GiB;
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const buildCommand = npmBuild(projectRoot);
const astroBin = join(projectRoot, 'node_modules', '.bin', 'astro');
const timeBin = '/usr/bin/time';

// ---------------------------------------------------------------- helpers

/** Every file under `dir` (relative paths), recursively. */
function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtBytes = (b: number) => (b >= GiB ? `${(b / GiB).toFixed(2)} GiB` : `${(b / 2 ** 20).toFixed(0)} MiB`);

interface Line {
  t: number; // ms since spawn, when the line was complete
  text: string;
}

interface Run {
  label: string;
  code: number | null;
  wallMs: number;
  /** Max RSS of the largest single process (GNU time %M), bytes; 0 if unavailable. */
  maxProcRss: number;
  /** Max over 100 ms polls of the summed VmRSS of the whole process tree, bytes. */
  treeRss: number;
  lines: Line[];
  /** Summed tree RSS over time (ms since spawn, bytes). */
  samples: { t: number; rss: number }[];
  /** The processes of the tree at the sample of its peak, largest first. */
  peakProcs: ProcRss[];
  pages: number;
  outDir: string;
  /** The project's own phases (src/loader/buildTimings.ts), ms by name; empty for the floor. */
  own: Record<string, number>;
}

/** Spawns `astro build`, timing it and tracking the peak RSS of its process tree. */
async function measure(
  label: string,
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  outDir: string,
  logFile: string,
  command: string[] = [astroBin, 'build'],
): Promise<Run> {
  const useTime = existsSync(timeBin);
  const rssFile = `${logFile}.rss`;
  const [cmd, argv] = useTime ? [timeBin, ['-f', '%M', '-o', rssFile, ...command, ...args]] : [command[0], [...command.slice(1), ...args]];
  const lines: Line[] = [];
  const phaseFile = `${logFile}.phases.jsonl`;
  rmSync(phaseFile, { force: true });
  const started = performance.now();
  const child = spawn(cmd, argv, { cwd, env: { ...env, BUILD_TIMINGS: phaseFile }, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (stream: NodeJS.ReadableStream) => {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push({ t: performance.now() - started, text: stripAnsi(buf.slice(0, nl)) });
        buf = buf.slice(nl + 1);
      }
    });
    stream.on('end', () => {
      if (buf) lines.push({ t: performance.now() - started, text: stripAnsi(buf) });
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  let peakTree = 0;
  let peakProcs: ProcRss[] = [];
  const samples: { t: number; rss: number }[] = [];
  const poll = setInterval(() => {
    if (!child.pid) return;
    const { sum, procs } = treeRss(child.pid);
    samples.push({ t: performance.now() - started, rss: sum });
    if (sum > peakTree) {
      peakTree = sum;
      peakProcs = procs.sort((a, b) => b.rss - a.rss);
    }
  }, 100);
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  const wallMs = performance.now() - started;
  clearInterval(poll);
  let maxProcRss = 0;
  if (useTime && existsSync(rssFile)) {
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    if (Number.isFinite(kb)) maxProcRss = kb * 1024;
  }
  writeFileSync(logFile, lines.map((l) => `${(l.t / 1000).toFixed(3).padStart(9)}  ${l.text}`).join('\n'));
  const pages = existsSync(outDir) ? walk(outDir).filter((f) => f.endsWith('.html')).length : 0;
  const own: Record<string, number> = {};
  if (existsSync(phaseFile))
    for (const line of readFileSync(phaseFile, 'utf8').split('\n').filter(Boolean)) {
      const { phase, ms } = JSON.parse(line) as { phase: string; ms: number };
      own[phase] = (own[phase] ?? 0) + ms;
    }
  return { label, code, wallMs, maxProcRss, treeRss: peakTree, peakProcs, lines, samples, pages, outDir, own };
}

// ---------------------------------------------------------------- floor project

/** Writes the bare floor project; returns its directory. */
function writeFloor(floorDir: string, tree: string, folders: string[], hasSiteJson: boolean, outDir: string, cacheDir: string): void {
  mkdirSync(join(floorDir, 'src', 'pages', '[coll]'), { recursive: true });
  writeFileSync(join(floorDir, 'package.json'), JSON.stringify({ name: 'bench-floor', private: true, type: 'module' }, null, 2));
  symlinkSync(join(projectRoot, 'node_modules'), join(floorDir, 'node_modules'), 'dir');
  // node_modules is the project's (symlink): keep Astro's and Vite's caches out of it.
  writeFileSync(
    join(floorDir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
export default defineConfig({
  outDir: ${JSON.stringify(outDir)},
  cacheDir: ${JSON.stringify(join(cacheDir, 'astro'))},
  vite: { cacheDir: ${JSON.stringify(join(cacheDir, 'vite'))} },
  devToolbar: { enabled: false },
});
`,
  );
  const defs = folders.map(
    (f) => `  ${JSON.stringify(f)}: defineCollection({ loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(join(tree, f))} }) }),`,
  );
  if (hasSiteJson)
    defs.push(
      `  site: defineCollection({ loader: file(${JSON.stringify(join(tree, 'site.json'))}, { parser: (text) => ({ site: JSON.parse(text) }) }) }),`,
    );
  writeFileSync(
    join(floorDir, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';

export const collections = {
${defs.join('\n')}
};
`,
  );
  const names = [...folders, ...(hasSiteJson ? ['site'] : [])];
  writeFileSync(
    join(floorDir, 'src', 'pages', '[coll]', '[...id].astro'),
    `---
import { getCollection } from 'astro:content';

export async function getStaticPaths() {
  const paths = [];
  for (const coll of ${JSON.stringify(names)}) {
    for (const entry of await getCollection(coll as any)) paths.push({ params: { coll, id: entry.id }, props: { id: entry.id } });
  }
  return paths;
}

const { id } = Astro.props;
---
<html lang="zh-CN"><head><title>{id}</title></head><body><h1>{id}</h1></body></html>
`,
  );
}

// ---------------------------------------------------------------- log analysis

const MARKERS: [string, RegExp][] = [
  ['guard', /内容检查通过/],
  ['syncStart', /\[content\] Syncing content/],
  ['synced', /\[content\] Synced content/],
  ['genStart', /generating static routes/],
  ['genDone', /✓ Completed in/],
  ['search', /搜索索引/],
  ['built', /page\(s\) built in/],
];

function markers(lines: Line[]): Map<string, Line> {
  const found = new Map<string, Line>();
  for (const l of lines) {
    for (const [k, re] of MARKERS) {
      if (found.has(k) || !re.test(l.text)) continue;
      // Vite also prints "✓ Completed in"; only the one after page generation counts.
      if (k === 'genDone' && !found.has('genStart')) continue;
      found.set(k, l);
    }
  }
  return found;
}

function printPhases(run: Run): void {
  const m = markers(run.lines);
  const at = (k: string) => m.get(k)?.t;
  const phases: [string, number | undefined, number | undefined][] = [
    ['start-up + config (incl. content check)', 0, at('syncStart')],
    ['content layer sync', at('syncStart'), at('synced')],
    ['vite bundling (server + client)', at('synced'), at('genStart')],
    ['page generation', at('genStart'), at('genDone')],
    ['build:done hooks (search index, …)', at('genDone'), at('built')],
    ['after astro: search index step (npm run build) and exit', at('built'), run.wallMs],
  ];
  process.stdout.write(`\n${run.label}: phases (from line arrival times; peak = max tree Σ RSS during the phase)\n`);
  for (const [name, a, b] of phases) {
    if (a === undefined || b === undefined) continue;
    const peak = run.samples.filter((x) => x.t >= a && x.t <= b).reduce((mx, x) => Math.max(mx, x.rss), 0);
    process.stdout.write(`  ${name.padEnd(56)}${fmtS(b - a).padStart(9)}${`peak ${fmtBytes(peak)}`.padStart(16)}\n`);
  }
  if (run.peakProcs.length) {
    process.stdout.write(`  at the peak (${fmtBytes(run.treeRss)}), by process:\n`);
    for (const p of run.peakProcs.slice(0, 6)) process.stdout.write(`    ${fmtBytes(p.rss).padStart(9)}  ${p.command}\n`);
  }
  if (run.code !== 0) {
    const last = [...run.lines].reverse().find((l) => /^\d\d:\d\d:\d\d /.test(l.text));
    if (last) process.stdout.write(`  failed ${fmtS(run.wallMs - last.t)} after: ${last.text.trim()}\n`);
  }
  for (const k of ['guard', 'synced', 'search', 'built']) {
    const l = m.get(k);
    if (l) process.stdout.write(`  | ${l.text.trim()}\n`);
  }
  if (run.label.startsWith('floor')) return;
  // The same build by what the project does in it: its own phases (BUILD_TIMINGS) and Astro's, so the next
  // regression names itself.
  const types = run.lines.map((l) => /\[types\] Generated ([\d.]+)(ms|s)/.exec(l.text)).find(Boolean);
  const routes = routeStats(run.lines);
  const routeSum = (route: string) =>
    routes.filter((s) => s.route.endsWith(route)).reduce((a, s) => a + s.ms.reduce((x, y) => x + y, 0), 0);
  const span = (a?: number, b?: number) => (a !== undefined && b !== undefined ? fmtS(b - a) : 'n/a');
  const own = (k: string, none = 'n/a') => (run.own[k] !== undefined ? fmtS(run.own[k]) : none);
  const noAdmin = run.lines.some((l) => /CMS_BACKEND=none：网站不带内容管理后台，不打包/.test(l.text));
  const rows: [string, string][] = [
    ['content check', own('check')],
    ['pledge history (own process, beside check and bundling)', own('history', 'off or not read')],
    ['types (astro sync)', types ? fmtS(Number(types[1]) * (types[2] === 's' ? 1000 : 1)) : 'n/a'],
    ['admin bundle', own('admin', noAdmin ? 'skipped (CMS_BACKEND=none)' : 'n/a')],
    ['vite bundling (server + client)', span(at('synced') ?? at('syncStart'), at('genStart'))],
    ['pages', span(at('genStart'), at('genDone'))],
    ['  of which manifest.json (render)', fmtS(routeSum('manifest.json.ts'))],
    ['  of which build.json (render)', fmtS(routeSum('build.json.ts'))],
    ['search index', own('search')],
  ];
  process.stdout.write(`${run.label}: phases by what they do\n`);
  for (const [name, value] of rows) process.stdout.write(`  ${name.padEnd(56)}${value.padStart(9)}\n`);
}

interface RouteStat {
  route: string;
  ms: number[];
  headerAt: number;
  firstPageAt?: number;
  firstPageMs?: number;
  slowest: { path: string; ms: number }[];
}

/** Groups Astro's "├─ /x/index.html (+12ms)" lines by the "▶ src/pages/…" route above them. */
function routeStats(lines: Line[]): RouteStat[] {
  const stats: RouteStat[] = [];
  let cur: RouteStat | undefined;
  let generating = false;
  for (const l of lines) {
    if (/generating static routes/.test(l.text)) generating = true;
    if (!generating) continue;
    const head = /^[▶λ]\s+(\S+)/.exec(l.text.replace(/^\d\d:\d\d:\d\d\s+/, '').trim());
    if (head) {
      cur = { route: head[1], ms: [], headerAt: l.t, slowest: [] };
      stats.push(cur);
      continue;
    }
    const page = /[├└]─\s+(\S+)\s+\(\+([\d.]+)(ms|s)\)/.exec(l.text);
    if (page && cur) {
      const ms = Number(page[2]) * (page[3] === 's' ? 1000 : 1);
      if (cur.firstPageAt === undefined) {
        cur.firstPageAt = l.t;
        cur.firstPageMs = ms;
      }
      cur.ms.push(ms);
      cur.slowest.push({ path: page[1], ms });
      cur.slowest.sort((a, b) => b.ms - a.ms);
      cur.slowest.length = Math.min(cur.slowest.length, 3);
    }
  }
  return stats;
}

function printRoutes(run: Run): void {
  const stats = routeStats(run.lines).filter((s) => s.ms.length);
  if (!stats.length) return;
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  process.stdout.write(
    `\n${run.label}: page render time per route (Astro's "(+Nms)" per page; paths = getStaticPaths + setup before the first page)\n`,
  );
  process.stdout.write(
    `  ${'route'.padEnd(40)}${'pages'.padStart(7)}${'Σ render'.padStart(11)}${'mean'.padStart(9)}${'p50'.padStart(7)}${'p95'.padStart(7)}${'max'.padStart(8)}${'paths'.padStart(9)}\n`,
  );
  for (const s of [...stats].sort((a, b) => b.ms.reduce((x, y) => x + y, 0) - a.ms.reduce((x, y) => x + y, 0))) {
    const sorted = [...s.ms].sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    const paths = s.firstPageAt !== undefined ? Math.max(0, s.firstPageAt - (s.firstPageMs ?? 0) - s.headerAt) : 0;
    process.stdout.write(
      `  ${s.route.padEnd(40)}${String(s.ms.length).padStart(7)}${fmtS(sum).padStart(11)}${`${(sum / s.ms.length).toFixed(1)}ms`.padStart(9)}` +
        `${`${pct(sorted, 0.5)}`.padStart(7)}${`${pct(sorted, 0.95)}`.padStart(7)}${`${sorted.at(-1)}`.padStart(8)}${fmtS(paths).padStart(9)}\n`,
    );
  }
  const slow = stats
    .flatMap((s) => s.slowest)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  process.stdout.write(`  slowest pages: ${slow.map((p) => `${p.path} ${p.ms}ms`).join(', ')}\n`);
}

// ---------------------------------------------------------------- main

const { values } = parseArgs({
  // `npx tsx benchBuild.ts -- --members N` passes the `--` through: drop it.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    members: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    warm: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'max-old-space': { type: 'string' },
    scope: { type: 'string', default: 'public' },
    history: { type: 'boolean', default: false },
    commits: { type: 'string', default: '13' },
    sample: { type: 'boolean', default: false },
  },
});
const members = Number(values.members);
const scope = values.scope;
const history = values.history;
const commits = Number(values.commits);
if (
  !Number.isInteger(members) ||
  members < 1 ||
  (scope !== 'public' && scope !== 'internal') ||
  !Number.isInteger(commits) ||
  commits < 1
) {
  process.stderr.write(
    '用法：npm run bench:build -- [--members 人数] [--seed 种子] [--scope public|internal] [--history [--commits 提交数]] [--warm] [--keep] [--max-old-space MiB]\n',
  );
  process.exit(2);
}
/** With --scope internal (and no --history): the public site, then the internal site, and no floor. */
const scopes = scope === 'internal' && !history ? (['public', 'internal'] as const) : undefined;
/** With --history: the site in `scope`, with the history read from git, then with BOARD_HISTORY=off; no floor. */
const noFloor = Boolean(scopes) || history;

const work = mkdtempSync(join(tmpdir(), 'bench-build-'));
const floorDir = mkdtempSync(join(tmpdir(), 'bench-floor-'));
const tree = join(work, 'content');
const cleanup = () => {
  if (values.keep) return;
  rmSync(work, { recursive: true, force: true });
  rmSync(floorDir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

/**
 * `--sample`: the bundled sample (content/) built as `CMS_BACKEND=none npm run build` builds it, first with empty
 * caches, then again with the caches the first left (a warm rebuild); wall time against the aims (first ≤ 12 s,
 * warm ≤ 6 s) and the phases of each.
 */
async function benchSample(): Promise<number> {
  const cache = join(work, 'sample-cache');
  const config = join(work, 'sample.config.mjs');
  writeFileSync(
    config,
    `import base from ${JSON.stringify(join(projectRoot, 'astro.config.mjs'))};
export default { ...base, cacheDir: ${JSON.stringify(join(cache, 'astro'))}, vite: { ...(base.vite ?? {}), cacheDir: ${JSON.stringify(join(cache, 'vite'))} } };
`,
  );
  symlinkSync(join(projectRoot, 'node_modules'), join(work, 'node_modules'), 'dir');
  const out = join(work, 'sample-dist');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    CMS_BACKEND: 'none',
    CONTENT_DIR: join(projectRoot, 'content'),
  };
  delete env.FORCE_COLOR;
  delete env.SITE_SCOPE;
  const command = buildCommand;
  const runs: Run[] = [];
  for (const pass of ['first', 'warm']) {
    rmSync(out, { recursive: true, force: true });
    process.stdout.write(`构建示例 (${pass})…\n`);
    const args = ['--root', projectRoot, '--config', relative(projectRoot, config), '--outDir', out];
    runs.push(await measure(`sample ${pass}`, work, args, env, out, join(work, `sample-${pass}.log`), command));
  }
  const aims: Record<string, number> = { 'sample first': 12_000, 'sample warm': 6_000 };
  process.stdout.write(`\nnpm run bench:build -- --sample  (content/, CMS_BACKEND=none, public scope)\n`);
  for (const r of runs) {
    const aim = aims[r.label];
    const verdict = r.code !== 0 ? `FAILED (exit ${r.code})` : r.wallMs <= aim ? 'OK (aim met)' : 'ABOVE AIM';
    process.stdout.write(
      `${r.label.padEnd(14)}${fmtS(r.wallMs).padStart(9)}  (aim ≤ ${fmtS(aim)})  ${String(r.pages).padStart(5)} pages  tree Σ RSS ${fmtBytes(r.treeRss)}  ${verdict}\n`,
    );
  }
  for (const r of runs) printPhases(r);
  return runs.every((r) => r.code === 0) ? 0 : 1;
}

if (values.sample) {
  try {
    process.exitCode = await benchSample();
  } finally {
    cleanup();
  }
} else
  try {
    process.stdout.write(`生成 ${members} 名党员的内容…\n`);
    const files = writeGenerated(tree, members, Number(values.seed));
    let repo: { commits: number; pledgeFiles: number; rewrites: number; ms: number } | undefined;
    if (history) {
      process.stdout.write(`写入 ${commits} 次提交的 git 历史…\n`);
      const started = performance.now();
      const made = writeHistoryRepo(tree, { commits, seed: Number(values.seed) });
      repo = { ...made, ms: performance.now() - started };
    }
    const all = walk(tree);
    const md = all.filter((f) => f.endsWith('.md')).length;
    const hasSiteJson = existsSync(join(tree, 'site.json'));
    const folders = readdirSync(tree)
      .filter((f) => statSync(join(tree, f)).isDirectory())
      .sort();
    const expectedFloorPages = md + (hasSiteJson ? 1 : 0);

    // Both outDirs lie inside the build's cwd. Astro writes the SSR bundle it
    // prerenders from into the outDir when the outDir is inside process.cwd(),
    // and otherwise into `<cwd>/.astro/` — for the site that would be the
    // project's .astro/, shared with any concurrent build (which then imports
    // the other build's chunks and renders the other build's content). So the
    // site is built with cwd = the work dir and `--root` = the project, and the
    // work dir gets a node_modules symlink so the bundle's imports resolve.
    const floorOut = join(floorDir, 'dist');
    const siteOut = join(work, 'site-dist');
    symlinkSync(join(projectRoot, 'node_modules'), join(work, 'node_modules'), 'dir');
    if (!noFloor) writeFloor(floorDir, tree, folders, hasSiteJson, floorOut, join(floorDir, '.bench-cache'));

    // The real site, with its caches pinned to a fresh temp dir (see header comment); with --scope internal each
    // scope has caches of its own, so both builds are cold.
    // `astro --config` is joined onto the project root, so it must be relative.
    const siteBuild = (name: string) => {
      const cache = join(work, `${name}-cache`);
      const config = join(work, `${name}.config.mjs`);
      writeFileSync(
        config,
        `import base from ${JSON.stringify(join(projectRoot, 'astro.config.mjs'))};
export default { ...base, cacheDir: ${JSON.stringify(join(cache, 'astro'))}, vite: { ...(base.vite ?? {}), cacheDir: ${JSON.stringify(join(cache, 'vite'))} } };
`,
      );
      return { name, cache, config, out: name === 'site' ? siteOut : join(work, `${name}-dist`) };
    };
    const sites: { name: string; cache: string; config: string; out: string; scope: 'public' | 'internal'; env?: NodeJS.ProcessEnv }[] =
      history
        ? [
            { ...siteBuild('with-history'), scope },
            { ...siteBuild('without-history'), scope, env: { BOARD_HISTORY: 'off' } },
          ]
        : scopes
          ? scopes.map((s) => ({ ...siteBuild(s), scope: s }))
          : [{ ...siteBuild('site'), scope: 'public' as const }];

    const baseEnv: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };
    delete baseEnv.FORCE_COLOR;
    // Only the without-history build switches the history off.
    delete baseEnv.BOARD_HISTORY;
    const heap = values['max-old-space'];
    if (heap) baseEnv.NODE_OPTIONS = `${baseEnv.NODE_OPTIONS ?? ''} --max-old-space-size=${Number(heap)}`.trim();
    const runs: Run[] = [];
    const passes = values.warm ? ['cold', 'warm'] : ['cold'];
    // The site is built the way `npm run build` builds it: astro build, then the search index in its own step.
    const siteCommand = buildCommand;
    for (const pass of passes) {
      if (pass === 'cold') {
        rmSync(join(floorDir, '.bench-cache'), { recursive: true, force: true });
        rmSync(join(floorDir, '.astro'), { recursive: true, force: true });
        for (const s of sites) rmSync(s.cache, { recursive: true, force: true });
      }
      for (const d of [floorOut, ...sites.map((s) => s.out)]) rmSync(d, { recursive: true, force: true });
      if (!noFloor) {
        process.stdout.write(`构建 floor (bare Astro, ${pass})…\n`);
        runs.push(await measure(`floor (bare) ${pass}`, floorDir, [], baseEnv, floorOut, join(work, `floor-${pass}.log`)));
      }
      for (const s of sites) {
        process.stdout.write(`构建 ${s.name} (${pass})…\n`);
        // A production build must name its CMS backend; none (the board without an admin) needs no git server.
        const env = { ...baseEnv, CONTENT_DIR: tree, CMS_BACKEND: 'none', SITE_SCOPE: s.scope, ...s.env };
        runs.push(
          await measure(
            `${s.name} ${pass}`,
            work,
            ['--root', projectRoot, '--config', relative(projectRoot, s.config), '--outDir', s.out],
            env,
            s.out,
            join(work, `${s.name}-${pass}.log`),
            siteCommand,
          ),
        );
      }
    }

    const out = (s: string) => process.stdout.write(s);
    const what = history ? 'site with history, then BOARD_HISTORY=off' : scopes ? 'public then internal site' : 'floor then site';
    out(
      `\nnpm run bench:build  (members=${members}, files=${files}: ${md} .md + ${files - md} other, --scope ${scope}${history ? ' --history' : ''}: ${what}, ${passes.join(' + ')} caches${heap ? `, node --max-old-space-size=${heap}` : ', default Node heap limit'})\n`,
    );
    if (repo)
      out(
        `git history: ${repo.commits} commits, ${repo.pledgeFiles} pledge files changed by every commit, ${repo.rewrites} published records rewritten later; writeHistoryRepo ${fmtS(repo.ms)}\n`,
      );
    out(
      `cold = fresh empty Astro cacheDir (data-store.json) and Vite cacheDir per build; the project's shared node_modules/.astro is neither used nor deleted; OS file cache warm.\n`,
    );
    out(
      `${''.padEnd(20)}${'wall'.padStart(9)}${'pages'.padStart(9)}${'pages/s'.padStart(9)}${'peak RSS'.padStart(12)}${'tree Σ RSS'.padStart(13)}  exit\n`,
    );
    for (const r of runs) {
      out(
        `${r.label.padEnd(20)}${fmtS(r.wallMs).padStart(9)}${String(r.pages).padStart(9)}${String(Math.round(r.pages / (r.wallMs / 1000))).padStart(9)}` +
          `${(r.maxProcRss ? fmtBytes(r.maxProcRss) : 'n/a').padStart(12)}${fmtBytes(r.treeRss).padStart(13)}  ${r.code}\n`,
      );
    }
    out(
      `peak RSS = max RSS of the largest single process (GNU time %M); tree Σ RSS = max of summed VmRSS of astro + children (pagefind), polled every 100 ms.\n`,
    );

    let ok = runs.every((r) => r.code === 0);
    const failed = (r: Run) =>
      r.code === 0
        ? ''
        : r.lines.some((l) => /heap out of memory/.test(l.text))
          ? `FAILED (exit ${r.code}: JavaScript heap out of memory)`
          : `FAILED (exit ${r.code})`;
    const peakOf = (r: Run) => Math.max(r.maxProcRss, r.treeRss);
    // The site must have rendered the generated tree (not, say, the project's content/).
    const treeMembers = new Set(readdirSync(join(tree, 'members')).map((f) => f.replace(/\.md$/, '')));
    const checkTree = (site: Run, name: string, pass: string): boolean => {
      const memberPages = existsSync(join(site.outDir, 'members'))
        ? readdirSync(join(site.outDir, 'members')).filter((d) => existsSync(join(site.outDir, 'members', d, 'index.html')))
        : [];
      const fromTree = memberPages.filter((d) => treeMembers.has(d)).length;
      const siteOk = memberPages.length > 0 && fromTree === memberPages.length;
      out(
        `${name} check (${pass}): ${memberPages.length} member pages, ${fromTree} of them from the generated tree (${treeMembers.size} member files)  ${failed(site) || (siteOk ? 'OK' : 'WRONG CONTENT')}\n`,
      );
      return siteOk;
    };
    const checkRss = (r: Run, name: string, pass: string, note = ''): boolean => {
      const peak = peakOf(r);
      out(`${name} peak RSS < 3 GiB (${pass}): ${fmtBytes(peak)}  ${failed(r) || (peak < RSS_TARGET ? 'OK' : 'OVER')}${note}\n`);
      return peak < RSS_TARGET;
    };
    // The history in the pages: an element with data-history-commit on the pledge pages (pledges/…/index.html).
    const historyPages = (r: Run): { pages: number; withHistory: number } => {
      const dir = join(r.outDir, 'pledges');
      const pages = existsSync(dir) ? walk(dir).filter((f) => f.endsWith('index.html')) : [];
      const withHistory = pages.filter((f) => /\sdata-history-commit[\s=>/]/.test(readFileSync(join(dir, f), 'utf8'))).length;
      return { pages: pages.length, withHistory };
    };
    for (const pass of passes) {
      if (history) {
        const withH = runs.find((r) => r.label === `with-history ${pass}`)!;
        const without = runs.find((r) => r.label === `without-history ${pass}`)!;
        const ratio = withH.wallMs / without.wallMs;
        const broken = failed(withH) || failed(without);
        out(
          `ratio with/without history  ${broken ? 'n/a' : `${ratio.toFixed(2)}×`}  (aim ≤ 1.15×)  ${broken || (ratio <= 1.15 ? 'OK (aim met)' : 'ABOVE AIM')}  (${pass}; pages ${withH.pages} and ${without.pages})\n`,
        );
        if (!checkRss(withH, 'with-history', pass)) ok = false;
        if (!checkRss(without, 'without-history', pass)) ok = false;
        if (!checkTree(withH, 'with-history', pass) || !checkTree(without, 'without-history', pass)) ok = false;
        const [h, n] = [historyPages(withH), historyPages(without)];
        const historyOk = h.withHistory > 0 && n.withHistory === 0;
        out(
          `history check (${pass}): pledge pages with data-history-commit: with history ${h.withHistory} of ${h.pages}, without ${n.withHistory} of ${n.pages}  ${broken || (historyOk ? 'OK' : 'MISSING')}\n`,
        );
        if (!historyOk) ok = false;
        continue;
      }
      if (scopes) {
        const pub = runs.find((r) => r.label === `public ${pass}`)!;
        const internal = runs.find((r) => r.label === `internal ${pass}`)!;
        const ratio = internal.wallMs / pub.wallMs;
        const broken = failed(internal) || failed(pub);
        out(
          `ratio internal/public ${pass.padEnd(5)} ${broken ? 'n/a' : `${ratio.toFixed(2)}×`}  (aim ≤ 1.3×)  ${broken || (ratio <= 1.3 ? 'OK (aim met)' : 'ABOVE AIM')}` +
            `  pages ${pub.pages} → ${internal.pages} (+${internal.pages - pub.pages})\n`,
        );
        if (!checkRss(pub, 'public', pass)) ok = false;
        if (!checkRss(internal, 'internal', pass)) ok = false;
        if (!checkTree(pub, 'public', pass) || !checkTree(internal, 'internal', pass)) ok = false;
        // Each build must be the scope it was asked for: internal pages in the internal build only.
        const internalPages = (r: Run) =>
          existsSync(join(r.outDir, 'internal')) ? walk(join(r.outDir, 'internal')).filter((f) => f.endsWith('.html')).length : 0;
        const [inPub, inInternal] = [internalPages(pub), internalPages(internal)];
        const scopeOk = inPub === 0 && inInternal > 0;
        out(
          `scope check (${pass}): internal/ pages: public ${inPub}, internal ${inInternal}  ${broken || (scopeOk ? 'OK' : 'WRONG SCOPE')}\n`,
        );
        if (!scopeOk) ok = false;
        continue;
      }
      const floor = runs.find((r) => r.label === `floor (bare) ${pass}`)!;
      const site = runs.find((r) => r.label === `site ${pass}`)!;
      const ratio = site.wallMs / floor.wallMs;
      const verdict = failed(site) || failed(floor) || (ratio <= 1.5 ? 'OK (aim met)' : ratio <= 2 ? 'OK' : 'OVER');
      out(
        `ratio site/floor ${pass.padEnd(5)} ${failed(site) || failed(floor) ? 'n/a' : `${ratio.toFixed(2)}×`}  (target ≤ 2×, aim 1.5×)  ${verdict}\n`,
      );
      const floorPeak = peakOf(floor);
      if (!checkRss(site, 'site', pass, floorPeak >= RSS_TARGET ? `  (note: the bare floor itself peaks at ${fmtBytes(floorPeak)})` : ''))
        ok = false;
      const floorIndex = walk(floor.outDir).filter((f) => f.endsWith('index.html')).length;
      const floorOk = floorIndex === expectedFloorPages;
      out(
        `floor check (${pass}): ${floorIndex} index.html for ${expectedFloorPages} content files (${md} .md${hasSiteJson ? ' + site.json' : ''})  ${floorOk ? 'OK' : 'MISMATCH'}\n`,
      );
      if (!checkTree(site, 'site', pass)) ok = false;
      if (ratio > 2 || !floorOk) ok = false;
    }
    if (members < 10000) out(`(targets are defined at 10,000 members; at ${members} they are only indicative)\n`);

    for (const r of runs) printPhases(r);
    for (const r of runs.filter((x) => !x.label.startsWith('floor'))) printRoutes(r);
    const floorCold = runs.find((r) => r.label.startsWith('floor'));
    const floorStats = floorCold ? routeStats(floorCold.lines).flatMap((s) => s.ms) : [];
    if (floorStats.length)
      out(
        `\nfloor: ${floorStats.length} pages, mean ${(floorStats.reduce((a, b) => a + b, 0) / floorStats.length).toFixed(1)}ms per page\n`,
      );

    for (const r of runs.filter((x) => x.code !== 0)) {
      out(
        `\n${r.label} exited with ${r.code}; last lines:\n${r.lines
          .slice(-40)
          .map((l) => l.text)
          .join('\n')}\n`,
      );
    }
    if (values.keep) out(`\nkept: ${work} (tree, outDirs, logs) and ${floorDir}\n`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    cleanup();
  }
