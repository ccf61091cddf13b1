/**
 * `npm run verify -- <built site folder or http(s) URL> [--content DIR]`
 * Checks a board against the content repository: reads the board's `/manifest.json`, recomputes the SHA-256 of
 * every source file it names from the content checkout (default `content/`, or CONTENT_DIR; `source` paths are
 * relative to the repository holding that folder) and checks that every page it lists exists (in the folder:
 * `<path>/index.html` or the file; at a URL: HTTP 200). Each mismatch is reported by file and URL.
 * Exit 0 when everything matches, 1 on any mismatch, 2 on bad usage or a manifest that cannot be read.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { t } from '../i18n/t.ts';
import type { Manifest, ManifestItem } from '../lib/buildManifest.ts';
import { repoState } from '../loader/repoState.ts';

class Usage extends Error {}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** No control or bidirectional-override character: a manifest's strings are printed to the terminal as they are. */
const printable = (s: string) => s.length > 0 && !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s);

/**
 * The manifest's shape, checked; a Usage error in Chinese when it is not one. A URL is a path on the board's own
 * host (`/…`, never `//host/…`); strings that could move the terminal's cursor are refused.
 */
function parseManifest(text: string, where: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Usage(t('manifest.verify.notJson', { where }));
  }
  const m = data as Partial<Manifest> | null;
  const ok =
    !!m &&
    typeof m === 'object' &&
    Array.isArray(m.items) &&
    m.items.every(
      (i: Partial<ManifestItem>) =>
        !!i &&
        typeof i.url === 'string' &&
        /^\/(?![/\\])/.test(i.url) &&
        printable(i.url) &&
        typeof i.source === 'string' &&
        printable(i.source) &&
        typeof i.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(i.sha256),
    );
  if (!ok) throw new Usage(t('manifest.verify.badShape', { where }));
  return {
    base: typeof m.base === 'string' && m.base.startsWith('/') ? m.base : '/',
    commit: m.commit ?? null,
    clean: m.clean ?? null,
    asOf: String(m.asOf ?? ''),
    items: m.items!,
  };
}

/** Inside `dir`, or undefined for a path that leaves it. */
function within(dir: string, rel: string): string | undefined {
  const p = resolve(dir, rel);
  const r = relative(dir, p);
  return r.startsWith('..') || isAbsolute(r) ? undefined : p;
}

async function readManifest(target: string): Promise<{ manifest: Manifest; pageExists: (url: string) => Promise<string | undefined> }> {
  if (isUrl(target)) {
    let base: URL;
    try {
      base = new URL(target);
    } catch {
      throw new Usage(t('manifest.verify.badTarget', { target }));
    }
    const at = base.pathname.endsWith('.json') ? base : new URL('manifest.json', base.href.endsWith('/') ? base : new URL(`${base.href}/`));
    let text: string;
    try {
      const res = await fetch(at, { redirect: 'follow' });
      if (res.status !== 200) throw new Usage(t('manifest.verify.httpManifest', { where: at.href, status: res.status }));
      text = await res.text();
    } catch (err) {
      if (err instanceof Usage) throw err;
      throw new Usage(t('manifest.verify.unreachable', { where: at.href }));
    }
    return {
      manifest: parseManifest(text, at.href),
      pageExists: async (url) => {
        try {
          const page = new URL(url, at);
          if (page.origin !== at.origin) return t('manifest.verify.notInSite');
          const res = await fetch(page, { redirect: 'follow' });
          await res.body?.cancel();
          return res.status === 200 ? undefined : t('manifest.verify.httpStatus', { status: res.status });
        } catch {
          return t('manifest.verify.httpFailed');
        }
      },
    };
  }
  const path = resolve(target);
  const file = existsSync(path) && statSync(path).isFile() ? path : join(path, 'manifest.json');
  const dir = dirname(file);
  if (!existsSync(file)) throw new Usage(t('manifest.verify.noManifest', { where: file }));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Usage(t('manifest.verify.noManifest', { where: file }));
  }
  const manifest = parseManifest(text, file);
  return {
    manifest,
    pageExists: async (url) => {
      // The built folder holds the site without its base: /gongkai/orgs/a/ is <dir>/orgs/a/index.html.
      const path = decodeURI(url.startsWith(manifest.base) ? url.slice(manifest.base.length) : url.replace(/^\//, ''));
      const p = within(dir, path || '.');
      if (!p) return t('manifest.verify.notInSite');
      const candidates = url.endsWith('/') ? [join(p, 'index.html')] : [p, `${p}.html`, join(p, 'index.html')];
      return candidates.some((c) => existsSync(c) && statSync(c).isFile()) ? undefined : t('manifest.verify.pageMissing');
    },
  };
}

/** Runs `fn` over `list` with at most `n` at a time, in order of the results. */
async function pool<T, R>(list: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, list.length) }, async () => {
      while (next < list.length) {
        const i = next++;
        out[i] = await fn(list[i]);
      }
    }),
  );
  return out;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { content: { type: 'string' } }, allowPositionals: true });
  } catch {
    throw new Usage(t('manifest.verify.usage'));
  }
  const [target, ...rest] = parsed.positionals;
  if (!target || rest.length) throw new Usage(t('manifest.verify.usage'));
  const contentDir = resolve(parsed.values.content || process.env.CONTENT_DIR || 'content');
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) throw new Usage(t('manifest.verify.noContent', { dir: contentDir }));
  const { manifest, pageExists } = await readManifest(target);
  const repo = repoState(contentDir);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(t('manifest.verify.start', { target, n: manifest.items.length, asOf: manifest.asOf || '—', repo: repo.root }));
  if (manifest.commit && repo.commit && manifest.commit !== repo.commit)
    out(t('manifest.verify.otherCommit', { built: manifest.commit.slice(0, 12), local: repo.commit.slice(0, 12) }));
  if (manifest.clean === false) out(t('manifest.verify.dirtyBuild'));

  // Each file is hashed once, however many items name it.
  const hashes = new Map<string, string | null>();
  const hashOf = (source: string): string | null | undefined => {
    const p = within(repo.root, source.split('/').join(sep));
    if (!p) return undefined;
    if (!hashes.has(p))
      hashes.set(p, existsSync(p) && statSync(p).isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : null);
    return hashes.get(p);
  };
  const counts = { changed: 0, missingFile: 0, missingPage: 0 };
  const pages = await pool(manifest.items, 8, (i) => pageExists(i.url));
  manifest.items.forEach((item, n) => {
    const actual = hashOf(item.source);
    if (actual === undefined) {
      counts.missingFile += 1;
      out(t('manifest.verify.outside', { source: item.source, url: item.url }));
    } else if (actual === null) {
      counts.missingFile += 1;
      out(t('manifest.verify.fileMissing', { source: item.source, url: item.url }));
    } else if (actual !== item.sha256) {
      counts.changed += 1;
      out(
        t('manifest.verify.changed', {
          source: item.source,
          url: item.url,
          expected: item.sha256.slice(0, 12),
          actual: actual.slice(0, 12),
        }),
      );
    }
    const page = pages[n];
    if (page) {
      counts.missingPage += 1;
      out(t('manifest.verify.noPage', { url: item.url, source: item.source, why: page }));
    }
  });
  const bad = counts.changed + counts.missingFile + counts.missingPage;
  out(
    bad
      ? t('manifest.verify.failed', {
          n: manifest.items.length,
          changed: counts.changed,
          missingFile: counts.missingFile,
          missingPage: counts.missingPage,
        })
      : t('manifest.verify.ok', { n: manifest.items.length }),
  );
  return bad ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof Usage) process.stderr.write(`${err.message}\n`);
    else {
      // A fault of the verifier itself: said plainly, cut short (an error can quote its input), never a stack trace.
      process.stderr.write(`${t('manifest.verify.crashed', { detail: String((err as Error)?.message ?? err).slice(0, 200) })}\n`);
      if (process.env.DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    }
    process.exitCode = 2;
  },
);
