import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { hasExited, killGroup, spawnGroup, stopGroup } from '../../src/loader/processGroup.ts';

const posix = process.platform !== 'win32';

/** Whether `pid` runs (a zombie, exited but not yet reaped, does not). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

async function until(ok: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return ok();
}

/** A shell that starts a grandchild (`sleep`) and prints its pid: the process a plain child.kill() would leave behind. */
async function shellWithGrandchild(script: string): Promise<{ child: ChildProcess; grandchild: number }> {
  const child = spawnGroup('sh', ['-c', `${script} sleep 30 & echo $!; wait`], { stdio: ['ignore', 'pipe', 'ignore'] });
  const grandchild = await new Promise<number>((ready) => child.stdout!.once('data', (d: Buffer) => ready(Number(d.toString().trim()))));
  return { child, grandchild };
}

describe.runIf(posix)('killGroup', () => {
  test('stops the child and the processes it started', async () => {
    const { child, grandchild } = await shellWithGrandchild('');
    expect(alive(grandchild)).toBe(true);
    expect(killGroup(child, 'SIGTERM')).toBe(true);
    expect(await until(() => !alive(grandchild))).toBe(true);
    expect(await until(() => hasExited(child))).toBe(true);
  });

  test('says there was nothing to signal when there is no process', async () => {
    const missing = spawnGroup('/no/such/command', [], { stdio: 'ignore' });
    await new Promise((done) => missing.once('error', done));
    expect(killGroup(missing)).toBe(false);
    expect(killGroup(undefined)).toBe(false);
  });
});

describe.runIf(posix)('stopGroup', () => {
  test('kills a group that ignores SIGTERM once the grace time is over', async () => {
    const { child, grandchild } = await shellWithGrandchild(`trap '' TERM;`);
    const started = Date.now();
    await stopGroup(child, 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(child.signalCode).toBe('SIGKILL');
    expect(await until(() => !alive(grandchild))).toBe(true);
  });

  test('resolves at once for a child that has exited', async () => {
    const child = spawnGroup('sh', ['-c', 'exit 0'], { stdio: 'ignore' });
    await until(() => hasExited(child));
    await stopGroup(child, 60_000);
    expect(child.exitCode).toBe(0);
  });
});

describe.runIf(!posix)('killGroup on Windows', () => {
  test('ends the whole tree with taskkill /T /F', async () => {
    const child = spawnGroup('cmd', ['/c', 'ping -n 30 127.0.0.1 > nul'], { stdio: 'ignore' });
    expect(killGroup(child)).toBe(true);
    expect(await until(() => hasExited(child))).toBe(true);
  });
});
