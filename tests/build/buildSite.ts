/** Runs the real build (`npm run build`) into a fresh folder, with its own content cache. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommand } from '../../src/cli/buildCommand.ts';

export const root = new URL('../..', import.meta.url).pathname;
/** `npm run build`, as package.json runs it (src/cli/buildCommand.ts). */
const [node, ...buildArgs] = buildCommand(root);

export interface BuildResult {
  code: number | null;
  out: string;
  outDir: string;
}

/**
 * The environment for a child build: the test runner's own, less the
 * variables Vitest sets for itself (BASE_URL, MODE, DEV, PROD, SSR …), which
 * Astro would otherwise read as the site's `import.meta.env`, and less the
 * CMS backend settings of the caller's shell. A production build must name its
 * backend: CMS_BACKEND=none (no admin) unless `extra` names another.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']) delete env[k];
  for (const k of Object.keys(env)) if (k.startsWith('VITEST')) delete env[k];
  for (const k of ['CMS_BACKEND', 'CMS_REPO', 'CMS_BRANCH', 'CMS_BASE_URL', 'CMS_API_ROOT', 'CMS_APP_ID', 'CMS_PUBLISH_MODE'])
    delete env[k];
  return { ...env, CMS_BACKEND: 'none', ...extra };
}

/** `outVia`: how the output folder is named to the build: `--outDir` (default), `--out`, or the OUT_DIR variable. */
export function buildSite(
  o: {
    contentDir?: string;
    /** The project built (`--root`): this one by default, or a copy of it (tests/e2e/cms/cmsServer.ts copyProject). */
    project?: string;
    base?: string;
    site?: string;
    outDir?: string;
    outVia?: '--outDir' | '--out' | 'OUT_DIR';
    env?: NodeJS.ProcessEnv;
  } = {},
): BuildResult {
  // Astro puts its server bundle in the outDir only when the outDir is inside the working directory, and otherwise
  // in the project's shared .astro/; so each build runs from its own folder (with node_modules linked), never colliding.
  const work = mkdtempSync(join(tmpdir(), 'build-'));
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  const outDir = o.outDir ?? join(work, 'dist');
  const env = childEnv({
    ASTRO_TELEMETRY_DISABLED: '1',
    ASTRO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'astro-cache-')),
    ...(o.contentDir && { CONTENT_DIR: o.contentDir }),
    ...(o.base && { BASE: o.base }),
    ...(o.site && { SITE: o.site }),
    ...o.env,
  });
  // Exactly what `npm run build` runs: astro build, then the search index step.
  const via = o.outVia ?? '--outDir';
  const args = via === 'OUT_DIR' ? [] : [via, outDir];
  if (via === 'OUT_DIR') env.OUT_DIR = outDir;
  const r = spawnSync(node, [...buildArgs, '--root', o.project ?? root, ...args], {
    cwd: work,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}`, outDir };
}

/** Every file under `dir`, as paths relative to it. */
export function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(join(dir, name)).isDirectory() ? walk(join(dir, name), rel) : [rel];
  });
}
