/**
 * `npm start`: the site at http://localhost:4321/ and the CMS at /admin/,
 * editing the files in content/ through decap-server (Decap's local backend).
 * decap-server has no authentication: anyone who can reach its port can
 * write content, so it listens on 127.0.0.1 only; the CMS reaches it through
 * the dev server's own origin (/api/v1, proxied in astro.config.mjs), also
 * when opened from another computer (see the README). Ctrl-C stops both.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
// No telemetry, and no "new version available" notice: Astro 6+ needs Node 22, so upgrading would break Node 20 machines.
const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' };

const admin = spawnSync(bin('tsx'), [join(root, 'src', 'cli', 'buildAdmin.ts')], { stdio: 'inherit', env });
if (admin.status !== 0) process.exit(admin.status ?? 1);

const port = env.CMS_LOCAL_PORT ?? '8081';
const bindHost = '127.0.0.1';
const children: ChildProcess[] = [
  spawn(bin('decap-server'), [], {
    stdio: 'inherit',
    detached: true,
    env: { ...env, PORT: port, BIND_HOST: bindHost, MODE: env.CMS_MODE ?? 'fs', GIT_REPO_DIRECTORY: root, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
  }),
  spawn(bin('astro'), ['dev', ...process.argv.slice(2).filter((a) => a !== '--')], { stdio: 'inherit', detached: true, env }),
];
process.stdout.write(`\n内容管理后台:http://localhost:4321/admin/(本地后端 decap-server 监听 ${bindHost}:${port})\n\n`);

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
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
