/**
 * `npm run verify -- <built site folder or http(s) URL> [--content DIR]`
 * Checks a board against the content repository: reads the board's `/manifest.json`, recomputes the SHA-256 of
 * every item it lists from the content checkout (default `content/`, or CONTENT_DIR; `source` paths are relative
 * to the repository holding that folder, and only files under the content folder are read) — of what the public
 * board publishes of the item (src/loader/publishedHashes.ts, with the build's own code) or of its whole file,
 * as the manifest's `sha256Of` says — and checks that every page it lists exists (in the folder:
 * `<path>/index.html` or the file; at a URL: HTTP 200).
 * A board is not trusted: over HTTP only its own origin is asked, every redirect checked before it is followed
 * (src/loader/fetchOnBoard.ts), and the manifest is read only up to its limits (src/lib/parseManifest.ts).
 * Each mismatch is reported by file and URL.
 * Exit 0 when everything matches, 1 on any mismatch, 2 on bad usage or a manifest that cannot be read.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { t } from '../i18n/t.ts';
import type { Manifest } from '../lib/buildManifest.ts';
import { formatBytes, formatCount } from '../schemas/contentLimits.ts';
import { manifestLimits, parseManifest } from '../lib/parseManifest.ts';
import { fetchOnBoard } from '../loader/fetchOnBoard.ts';
import { publishedHashes } from '../loader/publishedHashes.ts';
import { readBoundedFile } from '../loader/readBoundedFile.ts';
import { repoState } from '../loader/repoState.ts';
import { type CliIo, isMain, processIo } from './cliIo.ts';

class Usage extends Error {}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Inside `dir`, or undefined for a path that leaves it. */
function within(dir: string, rel: string): string | undefined {
  const p = resolve(dir, rel);
  const r = relative(dir, p);
  return r.startsWith('..') || isAbsolute(r) ? undefined : p;
}

/** The manifest in `text` read from `where`, or a Usage error saying why not. */
function manifestOf(text: string, where: string): Manifest {
  const m = parseManifest(text);
  if (!('refused' in m)) return m;
  if (m.refused === 'not-json') throw new Usage(t('manifest.verify.notJson', { where }));
  if (m.refused === 'too-many-items')
    throw new Usage(t('manifest.verify.tooManyItems', { where, limit: formatCount(manifestLimits.items) }));
  throw new Usage(t('manifest.verify.badShape', { where }));
}

const tooLarge = (where: string) => new Usage(t('manifest.verify.tooLarge', { where, limit: formatBytes(manifestLimits.bytes) }));

async function readManifest(target: string): Promise<{ manifest: Manifest; pageExists: (url: string) => Promise<string | undefined> }> {
  if (isUrl(target)) {
    let base: URL;
    try {
      base = new URL(target);
    } catch {
      throw new Usage(t('manifest.verify.badTarget', { target }));
    }
    const at = base.pathname.endsWith('.json') ? base : new URL('manifest.json', base.href.endsWith('/') ? base : new URL(`${base.href}/`));
    const where = at.href;
    const res = await fetchOnBoard(at, { read: true, limits: manifestLimits });
    if ('offSite' in res) throw new Usage(t('manifest.verify.offSite', { where, to: res.offSite }));
    if ('tooManyRedirects' in res) throw new Usage(t('manifest.verify.tooManyRedirects', { where, n: manifestLimits.redirects }));
    if ('tooLarge' in res) throw tooLarge(where);
    if ('unreachable' in res) throw new Usage(t('manifest.verify.unreachable', { where }));
    if (res.status !== 200 || !res.body) throw new Usage(t('manifest.verify.httpManifest', { where, status: res.status }));
    return {
      manifest: manifestOf(res.body.toString('utf8'), where),
      pageExists: async (url) => {
        let page: URL;
        try {
          page = new URL(url, at);
        } catch {
          return t('manifest.verify.notInSite');
        }
        if (page.origin !== at.origin) return t('manifest.verify.notInSite');
        const r = await fetchOnBoard(page, { read: false, limits: manifestLimits });
        if ('offSite' in r) return t('manifest.verify.pageOffSite', { to: r.offSite });
        if ('tooManyRedirects' in r) return t('manifest.verify.pageRedirects', { n: manifestLimits.redirects });
        if ('status' in r) return r.status === 200 ? undefined : t('manifest.verify.httpStatus', { status: r.status });
        return t('manifest.verify.httpFailed');
      },
    };
  }
  const path = resolve(target);
  const file = existsSync(path) && statSync(path).isFile() ? path : join(path, 'manifest.json');
  const dir = dirname(file);
  const read = readBoundedFile(file, manifestLimits.bytes);
  if ('refused' in read && /^太大/.test(read.refused)) throw tooLarge(file);
  if (!('bytes' in read)) throw new Usage(t('manifest.verify.noManifest', { where: file }));
  const manifest = manifestOf(read.bytes.toString('utf8'), file);
  return {
    manifest,
    pageExists: async (url) => {
      // The built folder holds the site without its base: /gongkai/orgs/a/ is <dir>/orgs/a/index.html.
      let path: string;
      try {
        path = decodeURI(url.startsWith(manifest.base) ? url.slice(manifest.base.length) : url.replace(/^\//, ''));
      } catch {
        return t('manifest.verify.notInSite');
      }
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

/**
 * The real path of the file `source` names (relative to `root`, with `/`): `outside` for a path that is not under
 * the content folder `content` (a real path) — one that leaves it by `..` or through a link is never read — and
 * null for no such file.
 */
function sourceFile(source: string, root: string, content: string): string | null | 'outside' {
  const p = within(content, resolve(root, source.split('/').join(sep)));
  if (!p) return 'outside';
  // A dangling link has no real path: no such file.
  const real = lstatSync(p, { throwIfNoEntry: false }) && existsSync(p) ? realpathSync(p) : undefined;
  if (real && !within(content, real)) return 'outside';
  return real && statSync(real).isFile() ? real : null;
}

async function verify(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { content: { type: 'string' } }, allowPositionals: true });
  } catch {
    throw new Usage(t('manifest.verify.usage'));
  }
  const [target, ...rest] = parsed.positionals;
  if (!target || rest.length) throw new Usage(t('manifest.verify.usage'));
  const contentDir = resolve(parsed.values.content || io.env.CONTENT_DIR || 'content');
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) throw new Usage(t('manifest.verify.noContent', { dir: contentDir }));
  const { manifest, pageExists } = await readManifest(target);
  const repo = repoState(contentDir);
  const out = (line: string) => io.out(`${line}\n`);
  out(t('manifest.verify.start', { target, n: manifest.items.length, asOf: manifest.asOf || '—', repo: repo.root }));
  if (manifest.commit && repo.commit && manifest.commit !== repo.commit)
    out(t('manifest.verify.otherCommit', { built: manifest.commit.slice(0, 12), local: repo.commit.slice(0, 12) }));
  if (manifest.clean === false) out(t('manifest.verify.dirtyBuild'));

  const content = realpathSync(contentDir);
  // A public manifest hashes what is published of each item, as of its date; an internal one, each file (read once).
  const published = manifest.sha256Of === 'published' ? publishedHashes(content, repo.root, manifest.asOf) : undefined;
  if (manifest.sha256Of === 'published' && (!manifest.asOf || !published))
    throw new Usage(t('manifest.verify.noModel', { dir: contentDir }));
  const fileHashes = new Map<string, string>();
  const fileHash = (file: string) => {
    let hash = fileHashes.get(file);
    if (hash === undefined) {
      hash = createHash('sha256').update(readFileSync(file)).digest('hex');
      fileHashes.set(file, hash);
    }
    return hash;
  };
  const counts = { changed: 0, missingFile: 0, missingPage: 0 };
  const pages = await pool(manifest.items, 8, (i) => pageExists(i.url));
  manifest.items.forEach((item, n) => {
    const file = sourceFile(item.source, repo.root, content);
    const actual = file === 'outside' || file === null ? file : published ? published(item.kind, item.source) : fileHash(file);
    if (actual === 'outside') {
      counts.missingFile += 1;
      out(t('manifest.verify.outside', { source: item.source, url: item.url }));
    } else if (actual === null) {
      counts.missingFile += 1;
      out(t('manifest.verify.fileMissing', { source: item.source, url: item.url }));
    } else if (actual === undefined) {
      counts.changed += 1;
      out(t('manifest.verify.notPublished', { source: item.source, url: item.url, asOf: manifest.asOf }));
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

/** `npm run verify` with arguments `args`, writing to `io`; returns the exit code (2, said in Chinese and never with a stack trace, for bad usage, a manifest it cannot read, or a fault of its own). */
export async function verifyCommand(args: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await verify(args, io);
  } catch (err) {
    if (err instanceof Usage) io.err(`${err.message}\n`);
    else {
      // A fault of the verifier itself: said plainly, cut short (an error can quote its input), never a stack trace.
      io.err(`${t('manifest.verify.crashed', { detail: String((err as Error)?.message ?? err).slice(0, 200) })}\n`);
      if (io.env.DEBUG) io.err(`${(err as Error).stack}\n`);
    }
    return 2;
  }
}

if (isMain(import.meta.url)) process.exitCode = await verifyCommand(process.argv.slice(2));
