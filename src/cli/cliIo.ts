/**
 * Where a command writes and what it reads from its environment: the process's own when run from npm, a
 * test's buffers when a test calls the command's logic in-process (one tsx start-up less per case).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

/** Whether the module at `url` (its import.meta.url) is the script node or tsx was started with. */
export function isMain(url: string, argv1 = process.argv[1]): boolean {
  return Boolean(argv1) && fileURLToPath(url) === resolve(argv1);
}
