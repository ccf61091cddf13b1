/**
 * `npm run build [-- --outDir DIR] [--content DIR] [--cms-backend none]`: `astro build`, then the search index in
 * a separate step once Astro has exited, so that at 10,000 members Astro's
 * memory and Pagefind's are never held at the same time. Other flags are
 * passed to `astro build` as they are.
 *
 * `--as-of YYYY-MM-DD` (or AS_OF) counts the site as of that day, over
 * site.json's `asOf`; without either, as of today in site.json's `timeZone`
 * (default Asia/Shanghai). It reaches Astro as AS_OF, which the content check
 * and the pages both read (src/loader/contentCache.ts); the check prints the
 * date used and where it came from.
 *
 * The destination (`dist/`, or `--outDir`) is never written to while the
 * site is built: Astro and Pagefind write into a staging folder beside it,
 * which replaces the destination only when both have succeeded. A failure or
 * a kill at any moment leaves the published site as it was; the swap itself,
 * and how the next build repairs a swap cut short, are in
 * src/loader/publishOutDir.ts.
 *
 * Astro's own output is passed through line by line, less stack-trace lines
 * (set DEBUG=1 to keep them). Ctrl-C or SIGTERM says that the published
 * site was kept, stops Astro and removes the staging folder; after a SIGKILL
 * the next build removes it.
 *
 * BUILD_PAUSE_BEFORE_SWAP=1 (for tests): when everything is built, print
 * `[build] BUILD_PAUSE_BEFORE_SWAP` and wait for standard input to close
 * before the swap, so a test can kill the build at exactly that point.
 * Unset, it does nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseScope } from '../data/siteScope.ts';
import { t } from '../i18n/t.ts';
import { indexSite } from '../integrations/searchIndex.ts';
import { isIsoDate } from '../lib/dates.ts';
import { backendFromEnv } from '../cms/backendFromEnv.ts';
import { recordPhase } from '../loader/buildTimings.ts';
import { astroCommand } from '../loader/nodeCommand.ts';
import { removeAstroLeftovers } from '../loader/astroLeftovers.ts';
import { publishOutDir, repairOutDir, stagingPaths } from '../loader/publishOutDir.ts';
import { takeArg } from './takeArg.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Node prints a frame as "    at fn (file:line:col)"; Astro heads the frames with "Stack trace:".
const STACK_LINE = /^\s*(at\s|Stack trace:?\s*$)/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function passLines(from: Readable, to: Writable): Promise<void> {
  const keepStacks = Boolean(process.env.DEBUG);
  return new Promise((done) => {
    const lines = createInterface({ input: from, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (keepStacks || !STACK_LINE.test(line.replace(ANSI, ''))) to.write(`${line}\n`);
    });
    lines.on('close', done);
  });
}

let astro: { child: ChildProcess; closed: Promise<number> } | undefined;

async function runAstro(args: string[]): Promise<number> {
  const [node, ...astroArgs] = astroCommand(projectRoot);
  const child = spawn(node, [...astroArgs, 'build', ...args], {
    stdio: ['inherit', 'pipe', 'pipe'],
    // Astro writes to a pipe here; keep its colours when the build itself writes to a terminal.
    // LC_ALL: no page depends on the machine's locale, which a localeCompare or toLocaleString without a locale
    // follows (Czech sorts “ch” after “h”); the same commit builds the same files anywhere (tests/build/reproducible.test.ts).
    env: {
      ...(process.stdout.isTTY && { FORCE_COLOR: '1' }),
      ...process.env,
      LC_ALL: 'C.UTF-8',
      SEARCH_INDEX: 'separate',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
  const piped = Promise.all([passLines(child.stdout, process.stdout), passLines(child.stderr, process.stderr)]);
  const closed = new Promise<number>((done) => {
    child.on('error', () => done(1));
    child.on('close', (c) => done(c ?? 1));
  });
  astro = { child, closed };
  const code = await closed;
  astro = undefined;
  await piped;
  return code;
}

/** Waits until standard input closes (BUILD_PAUSE_BEFORE_SWAP). */
function pauseBeforeSwap(): Promise<void> {
  process.stdout.write('[build] BUILD_PAUSE_BEFORE_SWAP\n');
  return new Promise((done) => {
    process.stdin.on('end', done);
    process.stdin.on('close', done);
    process.stdin.resume();
  });
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function main(): Promise<number> {
  const asOf = takeArg(
    process.argv.slice(2).filter((a) => a !== '--'),
    '--as-of',
  );
  // `--content DIR` and `--cms-backend NAME`: CONTENT_DIR and CMS_BACKEND as flags, which every shell takes alike
  // (cmd.exe and PowerShell have no `NAME=value command`); a flag wins over the variable.
  const content = takeArg(asOf.rest, '--content');
  const backendFlag = takeArg(content.rest, '--cms-backend');
  for (const [flag, got, example] of [
    ['--content', content, '--content 本支部'],
    ['--cms-backend', backendFlag, '--cms-backend none'],
  ] as const) {
    if (got.missing) {
      process.stderr.write(`${t('cli.flagNeedsValue', { flag, example })}\n`);
      return 2;
    }
  }
  if (content.value) process.env.CONTENT_DIR = resolve(content.value);
  if (backendFlag.value) process.env.CMS_BACKEND = backendFlag.value;
  const argv = backendFlag.rest;
  if (asOf.value !== undefined || process.env.AS_OF) {
    const value = asOf.value ?? process.env.AS_OF ?? '';
    if (!isIsoDate(value)) {
      process.stderr.write(`${t('time.badAsOf', { value })}\n`);
      return 2;
    }
    // Astro inherits it: the content check and the pages count as of this day.
    process.env.AS_OF = value;
  }
  if (!parseScope(process.env.SITE_SCOPE)) {
    process.stderr.write(`${t('build.badScope', { value: process.env.SITE_SCOPE ?? '' })}\n`);
    return 2;
  }
  // `--out DIR` (or OUT_DIR) is the short form of `--outDir DIR`; the flag wins over the variable.
  const short = takeArg(argv, '--out');
  const out = takeArg(short.rest, '--outDir');
  out.value ??= short.value ?? (process.env.OUT_DIR || undefined);
  const root = resolve(takeArg(argv, '--root').value ?? process.cwd());
  const dest = resolve(root, out.value ?? 'dist');
  const rel = relative(process.cwd(), dest);
  const shown = !rel ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dest : rel;

  const repair = repairOutDir(dest);
  if (repair.restored) process.stdout.write(`${t('build.restored', { dir: shown })}\n`);
  if (repair.removed.length) process.stdout.write(`${t('build.cleaned', { count: repair.removed.length })}\n`);

  const paths = stagingPaths(dest);
  const discard = () => rmSync(paths.staging, { recursive: true, force: true, maxRetries: 3 });
  let stopping = false;
  const fail = (reason: string) => {
    // After a signal, stop() has said it already.
    if (stopping) return 1;
    discard();
    process.stderr.write(`\n${reason}${t('build.kept', { dir: shown })}\n`);
    return 1;
  };
  // Ctrl-C or SIGTERM: say what was kept first (run through the tsx command instead of `node --import tsx`, as
  // package.json does, tsx may SIGKILL this script 60 ms after relaying a Ctrl-C), then stop Astro and remove the
  // staging folder; whatever a SIGKILL leaves, the next build removes. The same signal can come twice (from the
  // terminal to the whole group, and relayed by tsx): act on the first.
  let published = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (!published) process.stderr.write(`\n${t('build.interrupted')}${t('build.kept', { dir: shown })}\n`);
    if (astro) {
      astro.child.kill(signal);
      await astro.closed;
    }
    if (!published) discard();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));
  mkdirSync(dirname(dest), { recursive: true });
  process.stdout.write(
    `[build] ${t('build.scope', { scope: t(parseScope(process.env.SITE_SCOPE) === 'internal' ? 'scope.internal' : 'scope.public') })}\n`,
  );

  // The admin bundle, only for a board that ships an admin (a wrong CMS_BACKEND is reported by the content check).
  const backend = backendFromEnv(process.env);
  if (backend.none) process.stdout.write(`${t('build.noAdmin')}\n`);
  else if (!backend.errors.length) {
    const adminStarted = performance.now();
    const { buildAdmin } = await import('./buildAdmin.ts');
    await buildAdmin();
    recordPhase('admin', performance.now() - adminStarted);
  }

  if ((await runAstro([...out.rest, '--outDir', paths.staging])) !== 0) return fail(t('build.astroFailed'));
  // Any --out emits exactly what dist/ would: outside the working directory Astro copies its .astro/ folder in.
  removeAstroLeftovers(paths.staging);

  process.stdout.write(`${t('build.indexing')}\n`);
  const started = performance.now();
  let pages: number;
  try {
    pages = await indexSite(paths.staging);
  } catch (err) {
    return fail(t('build.indexFailed', { message: message(err) }));
  }
  recordPhase('search', performance.now() - started);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${t('build.indexed', { pages, seconds })}\n`);

  if (process.env.BUILD_PAUSE_BEFORE_SWAP) await pauseBeforeSwap();
  try {
    publishOutDir(paths);
    published = true;
  } catch (err) {
    return fail(t('build.swapFailed', { dir: shown, message: message(err) }));
  }
  process.stdout.write(`${t('build.published', { dir: shown })}\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  // A bug in this script, not in the content: say so plainly, keep the detail for developers.
  process.stderr.write(`${t('build.crashed', { message: message(err) })}\n`);
  if (process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
  process.exitCode = 2;
}
