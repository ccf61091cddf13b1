/**
 * How the project's own programs are started as processes: Node itself (`process.execPath`) with a package's entry
 * file, never a shim in node_modules/.bin, which on Windows is a .cmd that Node ≥ 20.12 will not spawn without a
 * shell. TypeScript scripts run under tsx's loader, as package.json runs them (`node --import tsx …`), the loader
 * named by its path so that it is found from any working directory.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `node --import tsx <script>` for the project in `root`; append the script's own arguments. */
export function tsxCommand(root: string, script: string): [string, ...string[]] {
  return [process.execPath, '--import', pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, script];
}

/** The `astro` command of the project in `root`; append its subcommand and flags. */
export function astroCommand(root: string): [string, ...string[]] {
  return [process.execPath, join(root, 'node_modules', 'astro', 'astro.js')];
}
