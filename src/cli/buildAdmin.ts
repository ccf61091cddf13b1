/**
 * `npm run admin:build [-- --force]`: builds the Decap admin bundle into
 * public/admin/ — only when something it compiles changed. The stamp records
 * every project file the last build compiled (read from Rollup's module
 * graph: admin/, and the schemas, src/lib, components and styles it imports)
 * with a hash of them, the Vite config and the lock file; content changes
 * never rebuild it, a change to any of those files always does.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { isMain } from './cliIo.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(root, 'public', 'admin');
const stampFile = join(outDir, '.build-stamp');

/** What a build always depends on besides the modules it compiles. */
const ALWAYS = ['admin/vite.config.ts', 'package-lock.json'];

export interface AdminStamp {
  /** Project files (relative, `/`-separated) the bundle was compiled from. */
  inputs: string[];
  hash: string;
}

/**
 * Hash of the given project files' paths and bytes; null when one of them no longer exists. `bytesOf` may
 * supply a file's bytes as they were read earlier (see `buildAdmin`).
 */
export function hashInputs(
  inputs: readonly string[],
  dir = root,
  bytesOf: (file: string) => Buffer | undefined = () => undefined,
): string | null {
  const h = createHash('sha256');
  for (const f of [...new Set([...inputs, ...ALWAYS])].sort()) {
    const abs = join(dir, f);
    const bytes = bytesOf(f) ?? (existsSync(abs) ? readFileSync(abs) : undefined);
    // A compiled file gone means the stamp is stale; a project without a lock file just has nothing to hash there.
    if (!bytes) {
      if (ALWAYS.includes(f)) continue;
      return null;
    }
    h.update(f).update('\0').update(bytes);
  }
  return h.digest('hex');
}

/** Every file the bundle could compile (admin/ and src/), with its bytes now. */
function snapshot(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else out.set(rel, readFileSync(join(root, rel)));
    }
  };
  for (const dir of ['admin', 'src']) walk(dir);
  for (const f of ALWAYS) if (existsSync(join(root, f))) out.set(f, readFileSync(join(root, f)));
  return out;
}

/** The stamp of the last build, or null when there is none (or it is from an older format). */
export function readStamp(file = stampFile): AdminStamp | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as AdminStamp;
    return Array.isArray(s.inputs) && typeof s.hash === 'string' ? s : null;
  } catch {
    return null;
  }
}

/** Whether the bundle in `dir`'s public/admin/ was built from the files as they are now. */
export function isUpToDate(dir = root): boolean {
  const stamp = readStamp(join(dir, 'public', 'admin', '.build-stamp'));
  return Boolean(stamp && existsSync(join(dir, 'public', 'admin', 'index.html')) && hashInputs(stamp.inputs, dir) === stamp.hash);
}

/** Collects the project files (not dependencies) in Rollup's module graph. */
function recordInputs(into: Set<string>): Plugin {
  return {
    name: 'record-admin-inputs',
    apply: 'build',
    generateBundle() {
      for (const id of this.getModuleIds()) {
        const path = id.replace(/^\0/, '').split('?')[0];
        if (!path.startsWith(root + sep) || path.includes(`${sep}node_modules${sep}`)) continue;
        into.add(relative(root, path).split(sep).join('/'));
      }
    },
  };
}

/** Builds the bundle unless it is up to date (or `force`). Returns whether it built. */
export async function buildAdmin(force = false): Promise<boolean> {
  if (!force && isUpToDate()) {
    process.stdout.write('[admin] 后台程序没有变化，跳过重新打包。\n');
    return false;
  }
  const last = readStamp();
  process.stdout.write(
    `[admin] 正在打包内容管理后台（Decap CMS），${last ? '通常需要 1 分钟左右' : '第一次通常需要 1—2 分钟'}，请稍候……\n`,
  );
  const started = performance.now();
  // The stamp hashes the files as they were when the build began: a file saved while Vite was compiling then no
  // longer matches, and the next start builds again instead of keeping a bundle of a half-saved file.
  const before = snapshot();
  const inputs = new Set<string>();
  await build({ configFile: join(root, 'admin', 'vite.config.ts'), plugins: [recordInputs(inputs)] });
  const list = [...inputs].sort();
  writeFileSync(stampFile, `${JSON.stringify({ inputs: list, hash: hashInputs(list, root, (f) => before.get(f)) }, null, 1)}\n`);
  process.stdout.write(`[admin] 后台程序已打包到 public/admin/，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。\n`);
  return true;
}

if (isMain(import.meta.url)) await buildAdmin(process.argv.includes('--force'));
