/**
 * `npm run build [-- --outDir DIR]`: `astro build`, then the search index in
 * a separate step once Astro has exited, so that at 10,000 members Astro's
 * memory and Pagefind's are never held at the same time. Flags are passed to
 * `astro build` as they are.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexSite } from '../integrations/searchIndex.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2).filter((a) => a !== '--');
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const astro = spawnSync(join(projectRoot, 'node_modules', '.bin', 'astro'), ['build', ...args], {
  stdio: 'inherit',
  env: { ...process.env, SEARCH_INDEX: 'separate', ASTRO_TELEMETRY_DISABLED: '1' },
});
if (astro.status !== 0) process.exit(astro.status ?? 1);

const root = resolve(flag('--root') ?? process.cwd());
const outDir = resolve(root, flag('--outDir') ?? 'dist');
const started = performance.now();
const pages = await indexSite(outDir);
process.stdout.write(`[search-index] 搜索索引:${pages} 个页面,用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒\n`);
