/**
 * `npm start`: the site and the CMS at /admin/, editing the files in content/
 * through decap-server (Decap's local backend).
 *
 * decap-server has no authentication: anyone who can reach its port can write
 * content. So it listens on 127.0.0.1 only, on a free port chosen here (never
 * a fixed 8081 that another program may hold), and the dev server proxies
 * /api/v1 to exactly that port — the CMS reaches it through the dev server's
 * own origin, also from another computer (see the README). Before the dev
 * server starts, the port is checked to answer as this project's
 * decap-server, so the admin never talks to another program's server. The
 * address printed is the one the dev server really took. Ctrl-C stops both.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anyFreePort, firstFreePort } from './ports.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
// No telemetry, and no "new version available" notice: Astro 6+ needs Node 22, so upgrading would break Node 20 machines.
const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' };
const args = process.argv.slice(2).filter((a) => a !== '--');
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};

const children: ChildProcess[] = [];
let stopping = false;
function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    // Each child leads its own process group; stop the whole group so no server is left behind.
    try {
      if (c.pid) process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 300);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function fail(message: string): never {
  process.stderr.write(`\n无法启动：${message}\n`);
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  process.exit(1);
}

/**
 * Waits until decap-server answers on `port` as the server of this folder: it must read back a random token
 * this script has just written into the project (under .astro/, which git ignores), which only a server whose
 * root is this folder can do.
 */
async function waitForOwnServer(child: ChildProcess, port: number): Promise<void> {
  const token = randomUUID();
  const tokenPath = `.astro/decap-server-${token}`;
  mkdirSync(join(root, '.astro'), { recursive: true });
  writeFileSync(join(root, tokenPath), token);
  try {
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      if (child.exitCode !== null) fail(`本地后端 decap-server 没有启动（端口 ${port} 可能已被占用）。`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'entriesByFiles', params: { branch: env.CMS_BRANCH?.trim() || 'main', files: [{ path: tokenPath }] } }),
          signal: AbortSignal.timeout(2000),
        });
        const files = (await res.json().catch(() => [])) as { data?: string }[];
        if (res.ok && Array.isArray(files) && files[0]?.data === token) return;
        if (res.ok) fail(`端口 ${port} 上回应的不是本项目的 decap-server。`);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    fail('本地后端 decap-server 在 60 秒内没有回应。');
  } finally {
    rmSync(join(root, tokenPath), { force: true });
  }
}

const admin = spawnSync(bin('tsx'), [join(root, 'src', 'cli', 'buildAdmin.ts')], { stdio: 'inherit', env });
if (admin.status !== 0) process.exit(admin.status ?? 1);

// From here on a server runs: whatever goes wrong stops it too (decap-server must never be left running alone).
try {
  const bindHost = '127.0.0.1';
  const decapPort = env.CMS_LOCAL_PORT ? Number(env.CMS_LOCAL_PORT) : await anyFreePort(bindHost);
  const decap = spawn(bin('decap-server'), [], {
    stdio: 'inherit',
    detached: true,
    env: { ...env, PORT: String(decapPort), BIND_HOST: bindHost, MODE: env.CMS_MODE ?? 'fs', GIT_REPO_DIRECTORY: root, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
  });
  children.push(decap);
  await waitForOwnServer(decap, decapPort);
  decap.on('exit', (code) => stop(code ?? 0));

  // The dev server's port: as asked (--port), else 4321 or the next free one; the printed address is read back from Astro itself.
  // `--host` alone (Astro's "all addresses") is followed by another flag or nothing.
  const hostArg = argValue('--host');
  const host = hostArg && !hostArg.startsWith('-') ? hostArg : args.includes('--host') ? '0.0.0.0' : '127.0.0.1';
  const devArgs = argValue('--port') ? args : [...args, '--port', String(await firstFreePort(4321, host))];
  const astro = spawn(bin('astro'), ['dev', ...devArgs], { stdio: ['inherit', 'pipe', 'inherit'], detached: true, env: { ...env, CMS_LOCAL_PORT: String(decapPort) } });
  children.push(astro);
  astro.on('exit', (code) => stop(code ?? 0));
  let announced = false;
  astro.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    const local = /Local\s+(http:\/\/[^\s/]+)(\/\S*)?/.exec(text.replace(/\x1b\[[0-9;]*m/g, ''));
    if (local && !announced) {
      announced = true;
      const origin = local[1].replace('127.0.0.1', 'localhost');
      const base = (local[2] ?? '/').replace(/\/?$/, '/');
      process.stdout.write(`\n公开栏：${origin}${base}\n内容管理后台：${origin}${base}admin/（本地后端 decap-server 只在 ${bindHost}:${decapPort} 上监听）\n\n`);
    }
  });
} catch (e) {
  fail(`${(e as Error).message}`);
}
