/** Runs the real `astro build` into a fresh folder, with its own content cache. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;

export interface BuildResult {
  code: number | null;
  out: string;
  outDir: string;
}

export function buildSite(o: { contentDir?: string; base?: string; site?: string; outDir?: string } = {}): BuildResult {
  const outDir = o.outDir ?? mkdtempSync(join(tmpdir(), 'dist-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    ASTRO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'astro-cache-')),
    ...(o.contentDir && { CONTENT_DIR: o.contentDir }),
    ...(o.base && { BASE: o.base }),
    ...(o.site && { SITE: o.site }),
  };
  const r = spawnSync('node_modules/.bin/astro', ['build', '--outDir', outDir], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}`, outDir };
}

/** Every file under `dir`, as paths relative to it. */
export function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(join(dir, name)).isDirectory() ? walk(join(dir, name), rel) : [rel];
  });
}
