/**
 * Site builds shared by the whole test run: `builtSite(variant)` builds a variant (content folder and build
 * environment) at most once per run, however many test files of the build and e2e tiers ask for it, in whatever
 * processes they run. The builds go to a run-scoped folder that tests/build/siteCacheSetup.ts (a global setup of
 * both tiers) makes and removes; the first file to ask builds, under a lock (a folder made with mkdir, which only
 * one process can make), and the others wait for it and read the same result.
 *
 * A shared build is read-only: a test that changes a built site copies it first. Tests that need a build of their
 * own on purpose (two builds compared, builds killed, changed content) keep calling buildSite.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning } from '../../src/loader/publishOutDir.ts';
import { buildSite, root, type BuildResult } from './buildSite.ts';

/** The environment variable through which the global setup names the run's cache folder to every worker. */
export const SITE_CACHE_ENV = 'TEST_SITE_CACHE';

export interface SiteVariant {
  /** A short name for the cache folder (and failure messages). */
  name: string;
  /** The content folder (default: the bundled sample). */
  contentDir?: string;
  site?: string;
  base?: string;
  /** The build's environment beyond buildSite's (CMS_BACKEND=none unless this names another). */
  env?: Record<string, string>;
}

/** A real CMS backend (over https, as the admin's login requires), so the admin is built too. */
export const withAdmin = {
  CMS_BACKEND: 'forgejo',
  CMS_REPO: 'dangzongzhi/gongkai',
  CMS_BASE_URL: 'https://git.school.example',
  CMS_APP_ID: 'test-client-id',
};

/** The variants more than one test file reads. */
export const variants = {
  /** The sample, public, no admin (CMS_BACKEND=none) and no address of its own (SITE empty, none in site.json). */
  sample: { name: 'sample', env: { SITE: '' } },
  /** The sample, public, with the admin of a real backend (Forgejo) and an address on loopback http. */
  sampleAdmin: { name: 'sample-admin', site: 'http://localhost:4321', env: withAdmin },
  /** An example content tree (examples/<preset>) in one scope, no admin and no address. */
  example: (preset: string, scope: 'public' | 'internal'): SiteVariant => ({
    name: `example-${preset}-${scope}`,
    contentDir: join(root, 'examples', preset),
    env: { SITE: '', SITE_SCOPE: scope },
  }),
} satisfies Record<string, SiteVariant | ((...a: never[]) => SiteVariant)>;

let fallback: string | undefined;

/** The run's cache folder; without the global setup (a script importing this), one per process. */
function cacheRoot(): string {
  const dir = process.env[SITE_CACHE_ENV];
  if (dir) return dir;
  if (!fallback) {
    const dir = mkdtempSync(join(tmpdir(), 'site-cache-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    fallback = dir;
  }
  return fallback;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
const sleepSync = (ms: number) => Atomics.wait(pause, 0, 0, ms);

/** The variant's folder in the cache: its name and a hash of everything that reaches the build. */
function folderOf(v: SiteVariant): string {
  const env = Object.entries(v.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const key = JSON.stringify([v.contentDir ?? join(root, 'content'), v.site ?? null, v.base ?? null, env]);
  return join(cacheRoot(), `${v.name}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
}

/**
 * The variant's build in this run: built now if no file has asked for it yet, else the one already built (or being
 * built by another process, which this waits for). The result's outDir must not be changed.
 */
export function builtSite(v: SiteVariant): BuildResult {
  const dir = folderOf(v);
  const result = join(dir, 'result.json');
  const owner = join(dir, 'owner');
  for (;;) {
    if (existsSync(result)) return JSON.parse(readFileSync(result, 'utf8')) as BuildResult;
    // The folder appears with its owner already in it (made aside, then renamed into place), so a process that
    // dies at any point leaves either no folder or one naming a dead owner, which the next caller takes over.
    const aside = `${dir}.${process.pid}`;
    rmSync(aside, { recursive: true, force: true });
    mkdirSync(aside);
    writeFileSync(join(aside, 'owner'), String(process.pid));
    try {
      renameSync(aside, dir);
    } catch (err) {
      rmSync(aside, { recursive: true, force: true });
      if (!['EEXIST', 'ENOTEMPTY', 'EPERM'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
      // Another process builds it: wait, unless that process died before it finished.
      let pid: number | undefined;
      try {
        pid = Number(readFileSync(owner, 'utf8'));
      } catch {
        // It has only just made the folder.
      }
      if (pid && !isRunning(pid) && !existsSync(result)) rmSync(dir, { recursive: true, force: true });
      else sleepSync(200);
      continue;
    }
    const started = performance.now();
    const r = buildSite({ contentDir: v.contentDir, site: v.site, base: v.base, env: v.env, outDir: join(dir, 'dist') });
    const said = `[sites] built ${v.name} for the run in ${((performance.now() - started) / 1000).toFixed(1)} s`;
    console.log(said);
    const built: BuildResult = { ...r, out: `${r.out}\n${said}` };
    writeFileSync(`${result}.tmp`, JSON.stringify(built));
    renameSync(`${result}.tmp`, result);
    return built;
  }
}
