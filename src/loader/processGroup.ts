/**
 * The one place a server is started as a process group and stopped with everything it started (astro dev's
 * workers, tsx's node, caddy): `npm start`, `npm run lan`, decap-server and the tests that run them.
 *
 * Elsewhere than Windows the child leads a group of its own (`detached`), and a signal to the negative pid
 * reaches the whole group. Windows has no process groups: there the child stays attached, and `taskkill /T /F`
 * ends it and its whole tree (forcefully: Windows has no SIGTERM to ask politely with).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Spawns `command` as the leader of its own process group, so that `killGroup` stops it and all it started.
 * @example const astro = spawnGroup(bin('astro'), ['dev'], { stdio: ['ignore', 'pipe', 'inherit'] });
 */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
  platform = process.platform,
): ChildProcess {
  return spawn(command, args, { ...options, detached: platform !== 'win32', windowsHide: true });
}

/**
 * Sends `signal` to the process group led by `child` (or by the process with that pid); on Windows ends its
 * whole tree with `taskkill /T /F`, whatever the signal. False when there was nothing left to signal.
 * @example killGroup(astro, 'SIGKILL')
 */
export function killGroup(
  child: ChildProcess | number | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
  platform = process.platform,
): boolean {
  const pid = typeof child === 'number' ? child : child?.pid;
  if (!pid) return false;
  if (platform === 'win32') {
    return spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).status === 0;
  }
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    // The group is gone already.
    return false;
  }
}

/** Whether `child` has exited (by itself or on a signal). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Stops the group led by `child`: SIGTERM, then SIGKILL if its leader has not exited after `graceMs`. Resolves
 * once the leader has exited (at once when it already had, or when there was nothing to signal).
 * @example await stopGroup(decap.child, 5000)
 */
export function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  return new Promise((done) => {
    if (hasExited(child) || !child.pid) return done();
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    if (!killGroup(child, 'SIGTERM')) {
      clearTimeout(timer);
      done();
    }
  });
}
