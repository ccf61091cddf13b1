/**
 * `npm run build` never leaves the published site broken: a site is published
 * into an outDir (a copy of the run's shared build of the sample), then builds
 * that fail at render time or are killed (SIGKILL to the build's whole process
 * group) at several points each leave that outDir byte-identical; a build that
 * is cut short in the swap is repaired by the next one, which, when it
 * succeeds, replaces the outDir and leaves no staging folder behind.
 *
 * These are the cases that need a real build process (Astro and Pagefind
 * running, killed, signalled); the swap and the repair themselves, step by
 * step, are unit tests (tests/unit/publishOutDir.test.ts).
 *
 * Kill points are chosen by what the build prints, never by time. Every build
 * that is to be killed runs with BUILD_PAUSE_BEFORE_SWAP=1, so however late
 * the kill lands it can never reach the swap; each test also checks that the
 * kill landed in the step it names.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { killGroup, spawnGroup } from '../../src/loader/processGroup.ts';
import { childEnv, root, walk } from './buildSite.ts';
import { builtSite, variants } from './sites.ts';
import { buildCommand } from '../../src/cli/buildCommand.ts';

/** `npm run build`, as package.json runs it (src/cli/buildCommand.ts). */
const [node, ...buildArgs] = buildCommand(root);

const base = mkdtempSync(join(tmpdir(), 'atomic-'));
const content = join(base, 'content');
const www = join(base, 'www');
const outDir = join(www, 'site');

/** Every file of the outDir with the hash of its bytes, by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of walk(dir).sort())
    out[rel] = createHash('sha256')
      .update(readFileSync(join(dir, rel)))
      .digest('hex');
  return out;
}

/** The staging folders next to the outDir. */
const staging = () => readdirSync(www).filter((n) => n.startsWith('.site.build-staging-'));

// Node prints a frame as "    at fn (file:line:col)"; Astro heads the frames with "Stack trace:".
const STACK = /^\s*at .*:\d+|Stack trace/m;

interface Build {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved by line. */
  lines: string[];
  /** Resolves with the first line matching `re`; rejects if the build ends first. */
  waitFor(re: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

const started: Build[] = [];

/** Starts `src/cli/build.ts` as `npm run build` runs it, in a process group of its own. */
function startBuild(o: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): Build {
  // As in tests/build/buildSite.ts: each build runs from its own folder, so Astro's server bundle never lands in the shared .astro/.
  const work = mkdtempSync(join(base, 'work-'));
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  const env = childEnv({
    ASTRO_TELEMETRY_DISABLED: '1',
    ASTRO_CACHE_DIR: join(work, 'astro-cache'),
    CONTENT_DIR: content,
    CMS_BACKEND: 'none',
    ...o.env,
  });
  const child = spawnGroup(node, [...buildArgs, '--root', root, '--outDir', outDir, ...(o.args ?? [])], {
    cwd: work,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: { re: RegExp; ok: (l: string) => void }[] = [];
  const onData = (buf: { rest: string }) => (chunk: Buffer) => {
    const parts = (buf.rest + chunk.toString('utf8')).split('\n');
    buf.rest = parts.pop() ?? '';
    for (const raw of parts) {
      // Astro colours its output on CI (CI=true) even into a pipe: match the text, not the escape codes.
      // eslint-disable-next-line no-control-regex
      const line = raw.replace(/\u001b\[[0-9;]*m/g, '');
      lines.push(line);
      for (const w of waiting.filter((x) => x.re.test(line))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.ok(line);
      }
    }
  };
  child.stdout!.on('data', onData({ rest: '' }));
  child.stderr!.on('data', onData({ rest: '' }));
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => {
      ended = true;
      done({ code, signal });
    }),
  );
  const build: Build = {
    child,
    lines,
    exited,
    waitFor: (re) =>
      new Promise((ok, fail) => {
        const seen = lines.find((l) => re.test(l));
        if (seen !== undefined) return ok(seen);
        waiting.push({ re, ok });
        void exited.then(({ code, signal }) =>
          fail(new Error(`build ended (${code ?? signal}) before printing ${re}:\n${lines.slice(-40).join('\n')}`)),
        );
      }),
    running: () => !ended,
  };
  started.push(build);
  return build;
}

/** Every process but zombies, with its parent and process group (Linux /proc). */
function processes(): { pid: number; ppid: number; pgrp: number }[] {
  const out: { pid: number; ppid: number; pgrp: number }[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After "(comm)": state, ppid, pgrp, …
    const [state, ppid, pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state !== 'Z') out.push({ pid: Number(pid), ppid: Number(ppid), pgrp: Number(pgrp) });
  }
  return out;
}

const groupAlive = (pgid: number) => processes().some((p) => p.pgrp === pgid);
const childrenOf = (pid: number) =>
  processes()
    .filter((p) => p.ppid === pid)
    .map((p) => p.pid);

/** SIGKILL to the build's whole process group (tsx, node, astro, pagefind), then waits until every one of them is gone. */
async function killBuild(b: Build): Promise<void> {
  const pgid = b.child.pid!;
  killGroup(b.child, 'SIGKILL');
  await b.exited;
  while (groupAlive(pgid)) await sleep(20);
}

async function runBuild(o: { env?: NodeJS.ProcessEnv; args?: string[] } = {}) {
  const b = startBuild(o);
  b.child.stdin!.end();
  const r = await b.exited;
  return { ...r, out: b.lines.join('\n') };
}

const INDEXING = /^\[search-index\] 正在为搜索建立索引/;
const PAUSED = /^\[build\] BUILD_PAUSE_BEFORE_SWAP$/;
const KEPT = /已发布的网站 .*www\/site 保持原样，没有任何改动。/;

let before: Record<string, string>;

// A test that fails half-way must not leave a paused build behind.
afterEach(async () => {
  for (const b of started.splice(0)) if (b.running()) await killBuild(b);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeAll(() => {
  cpSync(join(root, 'content'), content, { recursive: true });
  mkdirSync(www);
  // The published site: the run's shared build of the sample (tests/build/sites.ts), copied, as this file changes it.
  const r = builtSite(variants.sample);
  expect(r.code, r.out).toBe(0);
  cpSync(r.outDir, outDir, { recursive: true });
  before = snapshot(outDir);
  expect(Object.keys(before)).toEqual(expect.arrayContaining(['index.html', 'pagefind/pagefind.js']));
  expect(readdirSync(www)).toEqual(['site']);
});

describe('npm run build keeps the published site', () => {
  test('a failure while pages render leaves the outDir byte-identical, says so in Chinese and shows no stack trace', async () => {
    // The real config plus one page that throws when rendered: a render-time failure that no content check can foresee.
    writeFileSync(
      join(base, 'failing.ts'),
      "export const prerender = true;\nexport function GET() {\n  throw new Error('测试用：这个页面渲染失败');\n}\n",
    );
    writeFileSync(
      join(base, 'failing.config.mjs'),
      `import config from ${JSON.stringify(join(root, 'astro.config.mjs'))};
export default {
  ...config,
  integrations: [...config.integrations, { name: 'render-failure', hooks: { 'astro:config:setup': ({ injectRoute }) => injectRoute({ pattern: '/zz-render-failure', entrypoint: ${JSON.stringify(join(base, 'failing.ts'))}, prerender: true }) } }],
};
`,
    );

    // Astro joins --config to --root.
    const r = await runBuild({ args: ['--config', relative(root, join(base, 'failing.config.mjs'))] });

    expect(r.code, r.out).toBe(1);
    // It failed while generating pages, when the old build had already emptied the outDir.
    expect(r.out).toContain('generating static routes');
    expect(r.out).toContain('测试用：这个页面渲染失败');
    expect(r.out).toMatch(KEPT);
    expect(r.out).not.toMatch(STACK);
    expect(snapshot(outDir)).toEqual(before);
    expect(readdirSync(www)).toEqual(['site']);
  });

  test('an internal current round is refused before anything is built, naming site.json and the round file', async () => {
    const round = join(content, 'rounds/2025.md');
    const text = readFileSync(round, 'utf8');
    writeFileSync(round, text.replace('---\n', '---\nvisibility: internal\n'));
    try {
      const r = await runBuild();

      expect(r.code, r.out).toBe(1);
      expect(r.out).toMatch(/site\.json\n\s+currentRound\s+\[public-round\] 当前轮次“2025”（.*rounds\/2025\.md）的公开范围是“仅组织内部”/);
      expect(r.out).toMatch(KEPT);
      expect(r.out).not.toMatch(STACK);
      expect(snapshot(outDir)).toEqual(before);
      expect(readdirSync(www)).toEqual(['site']);
    } finally {
      writeFileSync(round, text);
    }
  });

  test('a kill while Astro generates pages leaves the outDir byte-identical', async () => {
    const b = startBuild({ env: { BUILD_PAUSE_BEFORE_SWAP: '1' } });
    await b.waitFor(/[├└]─ \/.*\.html/);
    await killBuild(b);

    // Killed in Astro: the search index step had not begun, and the pages went to the staging folder.
    expect(b.lines.some((l) => INDEXING.test(l))).toBe(false);
    expect(staging()).toHaveLength(1);
    expect(existsSync(join(www, staging()[0], 'pagefind'))).toBe(false);
    expect(snapshot(outDir)).toEqual(before);
  });

  test('a kill while the search index is built leaves the outDir byte-identical', async () => {
    const b = startBuild({ env: { BUILD_PAUSE_BEFORE_SWAP: '1' } });
    await b.waitFor(INDEXING);
    await killBuild(b);

    // Killed in the search index step: it had not finished, and the leftover of the previous kill was removed.
    expect(b.lines.some((l) => /^\[search-index\] 搜索索引：/.test(l) || PAUSED.test(l))).toBe(false);
    expect(b.lines.join('\n')).toContain('已清理以前中断的生成留下的 1 个临时文件夹。');
    expect(staging()).toHaveLength(1);
    expect(snapshot(outDir)).toEqual(before);
  });

  test('a kill just before the swap leaves the outDir byte-identical, though the new site was complete', async () => {
    const b = startBuild({ env: { BUILD_PAUSE_BEFORE_SWAP: '1' } });
    await b.waitFor(PAUSED);
    const [ready] = staging();
    expect(walk(join(www, ready))).toEqual(expect.arrayContaining(['index.html', 'pagefind/pagefind.js']));
    await killBuild(b);

    expect(staging()).toEqual([ready]);
    expect(snapshot(outDir)).toEqual(before);
  });

  test('SIGTERM stops the build, says the published site was kept and removes the staging folder', async () => {
    const b = startBuild({ env: { BUILD_PAUSE_BEFORE_SWAP: '1' } });
    await b.waitFor(/[├└]─ \/.*\.html/);
    expect(staging()).toHaveLength(1);
    // To the script alone (`node --import tsx` runs it in the process started, Astro in its child), as a service
    // manager or `kill` would.
    expect(childrenOf(b.child.pid!)).toHaveLength(1);
    process.kill(b.child.pid!, 'SIGTERM');
    const r = await b.exited;
    while (groupAlive(b.child.pid!)) await sleep(20);

    expect(r.code, b.lines.join('\n')).toBe(143);
    expect(b.lines.join('\n')).toMatch(new RegExp(`生成网站被中断。${KEPT.source}`));
    expect(b.lines.join('\n')).not.toMatch(STACK);
    expect(staging()).toEqual([]);
    expect(snapshot(outDir)).toEqual(before);
  });

  test('a swap cut between its two renames is put back by the next build before it builds anything; that build, once it succeeds, replaces the outDir and leaves no staging folder behind', async () => {
    const site = join(content, 'site.json');
    writeFileSync(site, readFileSync(site, 'utf8').replace('"name": "青山市实验中学党总支"', '"name": "青山市实验中学党总支（新）"'));
    // What a kill between "outDir → kept previous" and "staging → outDir" leaves.
    renameSync(outDir, join(www, '.site.build-previous'));
    const b = startBuild({ env: { BUILD_PAUSE_BEFORE_SWAP: '1' } });
    const restored = await b.waitFor(/^上次生成网站在替换时被中断，已把原来的网站放回 .*www\/site。$/);
    // Paused before its own swap: what it found is put back, and nothing since has touched it.
    await b.waitFor(PAUSED);
    expect(b.lines.indexOf(restored)).toBeLessThan(b.lines.findIndex((l) => /[├└]─ \/.*\.html/.test(l)));
    expect(readdirSync(www).filter((n) => !n.startsWith('.site.build-staging-'))).toEqual(['site']);
    expect(snapshot(outDir)).toEqual(before);

    // Then the build goes on to its swap.
    b.child.stdin!.end();
    const r = await b.exited;
    const out = b.lines.join('\n');

    expect(r.code, out).toBe(0);
    expect(out).toMatch(/网站已生成并发布到 .*www\/site。/);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('青山市实验中学党总支（新）');
    expect(snapshot(outDir)).not.toEqual(before);
    expect(Object.keys(snapshot(outDir))).toEqual(expect.arrayContaining(['index.html', 'pagefind/pagefind.js']));
    expect(readdirSync(www)).toEqual(['site']);
  });
});
