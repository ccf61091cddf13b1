/**
 * `npm run admin:build [-- --force]`: builds the Decap admin bundle into
 * public/admin/ — only when its inputs changed. The stamp is a hash of the
 * admin sources and the lock file; content changes never rebuild it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'public', 'admin');
const stampFile = join(outDir, '.build-stamp');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Hash of everything the bundle is built from. */
export function adminStamp(): string {
  const h = createHash('sha256');
  const inputs = [...files(join(root, 'admin')), join(root, 'package-lock.json')].sort();
  for (const f of inputs) h.update(f.slice(root.length)).update(readFileSync(f));
  return h.digest('hex');
}

const force = process.argv.includes('--force');
const stamp = adminStamp();
if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(outDir, 'index.html'))) {
  process.stdout.write('[admin] 后台程序没有变化,跳过重新打包。\n');
} else {
  const started = performance.now();
  await build({ configFile: join(root, 'admin', 'vite.config.ts') });
  writeFileSync(stampFile, stamp);
  process.stdout.write(`[admin] 后台程序已打包到 public/admin/,用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。\n`);
}
