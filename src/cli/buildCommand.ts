/**
 * `npm run build` as package.json runs it (`node --import tsx src/cli/build.ts`), for the tests and the benchmarks,
 * which run the build as a reader's `npm run build` would, without npm.
 */
import { join } from 'node:path';
import { tsxCommand } from '../loader/nodeCommand.ts';

/** The command and its arguments, for the project in `root`; append build.ts's own flags. */
export function buildCommand(root: string): [string, ...string[]] {
  return tsxCommand(root, join(root, 'src', 'cli', 'build.ts'));
}
