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

/** Hash of everything the bundle is built from: the admin sources and the lock file, never the content. */
export function adminStamp(dir = root): string {
  const h = createHash('sha256');
  const inputs = [...files(join(dir, 'admin')), join(dir, 'package-lock.json')].sort();
  for (const f of inputs) h.update(f.slice(dir.length)).update(readFileSync(f));
  return h.digest('hex');
}

/** Builds the bundle unless the stamp says it is up to date (or `force`). Returns whether it built. */
export async function buildAdmin(force = false): Promise<boolean> {
  const stamp = adminStamp();
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(outDir, 'index.html'))) {
    process.stdout.write('[admin] 后台程序没有变化,跳过重新打包。\n');
    return false;
  }
  const started = performance.now();
  await build({ configFile: join(root, 'admin', 'vite.config.ts') });
  writeFileSync(stampFile, stamp);
  process.stdout.write(`[admin] 后台程序已打包到 public/admin/,用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。\n`);
  return true;
}

if (process.argv[1]?.endsWith('buildAdmin.ts')) await buildAdmin(process.argv.includes('--force'));
