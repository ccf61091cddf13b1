/**
 * The CMS as `npm start` runs it — decap-server (local backend, fs mode) on a private socket plus
 * `astro dev` serving /admin/ and the generated /admin/config.yml — but on a
 * throw-away copy of the project, so whatever the browser saves lands in a
 * temp folder and never in the real content/.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../../build/buildSite.ts';
import { freePort } from '../staticServer.ts';
import { startDecapServer, type DecapServer } from '../../../src/cms/startDecapServer.ts';
import { hasExited, killGroup, spawnGroup, stopGroup } from '../../../src/loader/processGroup.ts';

/** The real project (read only: nothing here is ever written, except the admin bundle build). */
export const projectRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface CmsOptions {
  /**
   * A LAN host name the admin is opened with over plain http (the browser maps it to 127.0.0.1):
   * goes into CMS_ALLOWED_HOSTS (Decap's local_backend.allowed_hosts) and
   * the dev server's allowed hosts.
   */
  lanHost?: string;
  /**
   * Also pass `--allowed-hosts <lanHost>` to astro dev. Default false, as `npm start` does not: with Astro 5.18 /
   * Vite 6.4, /admin/ and /admin/config.yml are answered by Astro's own middleware, which runs before Vite's
   * host check, so an unknown Host header is served without it (checked: 200 with and without the flag).
   */
  astroAllowedHostsFlag?: boolean;
  /**
   * decap-server's MODE. Default 'fs' (as `npm start`): entries are written straight into content/ and
   * Decap falls back to simple publishing. 'git': the temp copy is made a git repository first (branch `main`
   * — our config's backend.branch —, a local user identity, the project's .gitignore, everything committed
   * once), and decap-server runs Decap's editorial workflow on it: a saved entry is a `cms/<collection>/<slug>`
   * branch, its status is that branch's description, publishing merges it into main.
   */
  mode?: 'fs' | 'git';
}

export interface CmsServer {
  /** The temp copy of the project that decap-server writes into. */
  dir: string;
  /** `<dir>/content`. */
  contentDir: string;
  astroPort: number;
  /** decap-server's private Unix socket. */
  socket: string;
  /** `http://<host>:<astroPort>/admin/` */
  adminUrl(host?: string): string;
  /** Everything both servers printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
  /** git in the temp copy (git mode); the trimmed output, or an error with git's output. */
  git(...args: string[]): string;
  /** git's exit status alone in the temp copy (for "does not exist" checks). */
  gitStatus(...args: string[]): number | null;
  /** Why the server is gone (a process of it exited, with its last output), or undefined while it runs. */
  exited(): string | undefined;
}

/** Builds public/admin/ in the real project if its inputs changed (a no-op when up to date). */
export function ensureAdminBundle(): void {
  const r = spawnSync(join(projectRoot, 'node_modules/.bin/tsx'), ['src/cli/buildAdmin.ts'], {
    cwd: projectRoot,
    env: childEnv(),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`admin bundle build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  if (!existsSync(join(projectRoot, 'public/admin/index.html'))) throw new Error('public/admin/index.html missing after buildAdmin');
}

/** A temp copy of the project: content, sources, the prebuilt admin; node_modules linked, not copied. */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cms-e2e-'));
  for (const name of ['content', 'src', 'admin', 'public']) cpSync(join(projectRoot, name), join(dir, name), { recursive: true });
  for (const name of ['astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'])
    cpSync(join(projectRoot, name), join(dir, name));
  // A real node_modules folder whose entries link to the project's: packages resolve exactly as in the
  // project, while Vite's dependency cache (node_modules/.vite) stays inside the temp copy instead of
  // being rewritten under the real project by every test run.
  const nm = join(dir, 'node_modules');
  mkdirSync(nm);
  for (const name of readdirSync(join(projectRoot, 'node_modules'))) {
    if (name.startsWith('.') && name !== '.bin') continue;
    symlinkSync(join(projectRoot, 'node_modules', name), join(nm, name));
  }
  return dir;
}

/** Runs git in `dir`; throws with git's output if it fails. */
function gitIn(dir: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}) in ${dir}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Makes the temp copy a git repository on branch `main` with everything committed once. decap-server commits
 * with `git add .`, so what must never be committed is ignored: the project's .gitignore (node_modules/ — here a
 * real folder of symlinks —, dist/, .astro/, public/admin/ …) plus, locally, the dev server's cache folder
 * of these tests (ASTRO_CACHE_DIR below).
 */
export function initGitRepo(dir: string): void {
  cpSync(join(projectRoot, '.gitignore'), join(dir, '.gitignore'));
  gitIn(dir, ['init', '-q', '-b', 'main']);
  appendFileSync(join(dir, '.git', 'info', 'exclude'), '\n/.astro-cache/\n');
  gitIn(dir, ['config', 'user.name', 'CMS e2e']);
  gitIn(dir, ['config', 'user.email', 'cms-e2e@localhost']);
  gitIn(dir, ['config', 'commit.gpgsign', 'false']);
  gitIn(dir, ['add', '-A']);
  gitIn(dir, ['commit', '-q', '--no-verify', '-m', 'initial content']);
}

async function waitFor(url: string, timeoutMs: number, alive: () => string | undefined, init?: RequestInit): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    const dead = alive();
    if (dead) throw new Error(dead);
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** Stops the group `c` leads (src/loader/processGroup.ts); when the leader is gone already, whatever is left of it. */
function stopServer(c: ChildProcess): Promise<void> {
  if (hasExited(c)) {
    killGroup(c, 'SIGTERM');
    return Promise.resolve();
  }
  return stopGroup(c, 5000);
}

/** Starts decap-server and astro dev on a fresh temp copy; resolves when /admin/config.yml answers. */
export async function startCms(o: CmsOptions = {}): Promise<CmsServer> {
  ensureAdminBundle();
  const dir = copyProject();
  const mode = o.mode ?? 'fs';
  if (mode === 'git') {
    try {
      initGitRepo(dir);
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
  const astroPort = await freePort();
  const bin = (n: string) => join(dir, 'node_modules/.bin', n);
  let out = '';
  const children: ChildProcess[] = [];
  const collect = (name: string, c: ChildProcess) => {
    c.stdout?.on('data', (d: Buffer) => (out += `[${name}] ${d.toString()}`));
    c.stderr?.on('data', (d: Buffer) => (out += `[${name}] ${d.toString()}`));
    children.push(c);
  };
  // The temp copy has no CONTENT_DIR of the caller's: it edits and serves its own content/.
  const { CONTENT_DIR: _ignored, ...base } = childEnv({ ASTRO_TELEMETRY_DISABLED: '1' });
  let decap: DecapServer;
  try {
    // The same launcher as npm start: decap-server on a private Unix socket, reached only through the dev server's /api/v1.
    decap = await startDecapServer({ root: dir, mode, env: base, logLevel: 'info' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  collect('decap-server', decap.child);
  const astroArgs = ['dev', '--port', String(astroPort), '--host', '127.0.0.1'];
  if (o.lanHost && o.astroAllowedHostsFlag) astroArgs.push('--allowed-hosts', o.lanHost);
  collect(
    'astro',
    spawnGroup(bin('astro'), astroArgs, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...base,
        CMS_API_SOCKET: decap.socket,
        // As npm start: the admin says 保存 in file mode and 发布 with the review workflow.
        CMS_MODE: mode,
        ASTRO_CACHE_DIR: join(dir, '.astro-cache'),
        ...(o.lanHost && { CMS_ALLOWED_HOSTS: o.lanHost }),
      },
    }),
  );
  // If the test process ends without teardown (a crash, Ctrl-C), do not leave the detached servers running.
  const killOnExit = () => {
    for (const c of children) if (c.exitCode === null) killGroup(c, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  const server: CmsServer = {
    dir,
    contentDir: join(dir, 'content'),
    astroPort,
    socket: decap.socket,
    adminUrl: (host = 'localhost') => `http://${host}:${astroPort}/admin/`,
    git: (...args) => gitIn(dir, args).trim(),
    gitStatus: (...args) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).status,
    output: () => out,
    exited: () => dead(),
    stop: async () => {
      process.off('exit', killOnExit);
      await Promise.all(children.map(stopServer));
      if (!process.env.CMS_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
  const dead = () => {
    const c = children.find((x) => x.exitCode !== null);
    return c ? `a CMS server process exited early (${c.exitCode}):\n${out.slice(-4000)}` : undefined;
  };
  try {
    await waitFor(`http://127.0.0.1:${astroPort}/admin/config.yml`, 180_000, dead);
  } catch (e) {
    await server.stop();
    throw new Error(`${(e as Error).message}\n--- server output ---\n${out.slice(-4000)}`);
  }
  return server;
}

/** `npm start` (src/cli/start.ts) running in a copy of the project, with everything it has printed so far. */
export interface NpmStart {
  child: ChildProcess;
  /** stdout and stderr together, as printed. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `npm start` in `dir` with `env` (and `args`, e.g. `--port`) and waits until it prints the admin's address
 * (or fails, with what it printed).
 */
export async function startNpmStart(dir: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<NpmStart> {
  let out = '';
  const child = spawnGroup(join(dir, 'node_modules/.bin/tsx'), ['src/cli/start.ts', ...args], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const until = Date.now() + 180_000;
  while (!/内容管理后台：\S+/.test(out)) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    output: () => out,
    // Until it has exited (its servers with it: they are in its process group), not a fixed pause.
    stop: () => stopServer(child),
  };
}
