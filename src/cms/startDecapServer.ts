/**
 * Starts decap-server (src/cms/decapServerMain.ts) on a Unix socket in a
 * fresh private folder (mode 0700) and resolves once it listens. Used by
 * `npm start`, the LAN mode and the tests alike. On Windows, which has no Unix
 * sockets, it listens on a named pipe of a random name instead (Node's own form
 * of a local socket there; untested here, no Windows machine).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsxCommand } from '../loader/nodeCommand.ts';
import { spawnGroup, stopGroup } from '../loader/processGroup.ts';

export interface DecapServer {
  socket: string;
  child: ChildProcess;
  /** Everything it printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The local socket decap-server listens on: a Unix socket in the private folder, or a named pipe on Windows. */
export function socketPath(dir: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? `\\\\.\\pipe\\pb-cms-${randomUUID()}` : join(dir, 'api.sock');
}

export function startDecapServer(o: {
  root: string;
  mode: 'fs' | 'git';
  env?: NodeJS.ProcessEnv;
  logLevel?: string;
  timeoutMs?: number;
}): Promise<DecapServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-cms-'));
  const socket = socketPath(dir);
  const [node, ...args] = tsxCommand(resolve(here, '..', '..'), join(here, 'decapServerMain.ts'));
  const child = spawnGroup(node, args, {
    cwd: o.root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...(o.env ?? process.env), CMS_API_SOCKET: socket, MODE: o.mode, GIT_REPO_DIRECTORY: o.root, LOG_LEVEL: o.logLevel ?? 'warn' },
  });
  let out = '';
  const stop = () => stopGroup(child, 5000).then(() => rmSync(dir, { recursive: true, force: true }));
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`本地后端 decap-server 在 ${(o.timeoutMs ?? 60_000) / 1000} 秒内没有启动。\n${out}`));
    }, o.timeoutMs ?? 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('decap-server ready')) {
        clearTimeout(timer);
        ready({ socket, child, output: () => out, stop });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      fail(new Error(`本地后端 decap-server 没有启动（退出码 ${code}）。\n${out}`));
    });
  });
}
