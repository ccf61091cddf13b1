/**
 * The project's commands called in-process, as their scripts call them (src/cli/*: `checkCommand`, `exportCommand`,
 * `importCommand`, `setupCommand`), with what they print captured: a test about a command's logic need not pay a
 * tsx start-up per case. Each test file still runs its command once as a real process where the process matters.
 */
import { checkCommand } from '../../src/cli/check.ts';
import type { CliIo } from '../../src/cli/cliIo.ts';
import { exportCommand } from '../../src/cli/exportLedger.ts';
import { importCommand } from '../../src/cli/importRoster.ts';
import { setupCommand } from '../../src/cli/setup.ts';

/** What a run gave: the exit code and what it printed, as spawnSync names them. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

function captured(): { io: CliIo; done: (status: number) => CliRun } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    env: process.env,
  };
  return { io, done: (status) => ({ status, stdout, stderr }) };
}

export function runCheck(args: string[]): CliRun {
  const c = captured();
  return c.done(checkCommand(args, c.io));
}

export function runSetup(args: string[]): CliRun {
  const c = captured();
  return c.done(setupCommand(args, c.io));
}

export async function runExport(args: string[]): Promise<CliRun> {
  const c = captured();
  return c.done(await exportCommand(args, c.io));
}

export async function runImport(args: string[]): Promise<CliRun> {
  const c = captured();
  return c.done(await importCommand(args, c.io));
}
