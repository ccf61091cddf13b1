/**
 * The servers one command runs (`npm start`, `npm run lan`): each child leads
 * its own process group, and whatever ends the command — Ctrl-C, SIGTERM, a
 * server exiting, a failure while starting — stops every group and removes
 * decap-server's private socket folder, so no server is ever left behind.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DecapServer } from '../cms/startDecapServer.ts';
import { killGroup } from '../loader/processGroup.ts';

export interface ServerGroup {
  /** Adds a server (a child started with `spawnGroup`, src/loader/processGroup.ts). */
  add(child: ChildProcess): void;
  /** Adds decap-server: its process, and its socket folder to remove. */
  addDecap(decap: DecapServer): void;
  /** True once stopping has begun (a child's exit is then expected). */
  readonly stopping: boolean;
  /** Stops every server and exits with `code`. */
  stop(code?: number): void;
  /** Prints `<heading>：<message>` on stderr, stops every server and exits 1. */
  fail(message: string): never;
}

/** The value of `--name X` or `--name=X` in `args`. */
export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

export function serverGroup(failHeading: string): ServerGroup {
  const children: ChildProcess[] = [];
  let socketDir: string | undefined;
  let stopping = false;
  const stopAll = () => {
    for (const c of children) killGroup(c, 'SIGTERM');
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
  };
  const group: ServerGroup = {
    add: (child) => void children.push(child),
    addDecap: (decap) => {
      children.push(decap.child);
      socketDir = dirname(decap.socket);
    },
    get stopping() {
      return stopping;
    },
    stop: (code = 0) => {
      if (stopping) return;
      stopping = true;
      stopAll();
      setTimeout(() => process.exit(code), 300);
    },
    fail: (message) => {
      process.stderr.write(`\n${failHeading}：${message}\n`);
      stopping = true;
      stopAll();
      process.exit(1);
    },
  };
  process.on('SIGINT', () => group.stop(0));
  process.on('SIGTERM', () => group.stop(0));
  return group;
}
