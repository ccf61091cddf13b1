/**
 * Search under `npm start` (`astro dev`): the dev server has no built site for
 * Pagefind to index, so this integration builds the index itself, in memory,
 * from the pages the dev server renders, and answers `<base>pagefind/*` from it.
 *
 * - The index is built the first time the search page or the index is asked
 *   for (most dev sessions, e.g. editing in the CMS, never search), by
 *   crawling the site from its home page over HTTP on the dev server's own
 *   address and giving Pagefind the pages the build indexes (marked
 *   `data-pagefind-body`, not a screen or a list), with the same options
 *   (src/integrations/searchIndex.ts).
 * - Until the first index is ready, `pagefind/*` answers 503 with
 *   `Retry-After`; the search page (src/scripts/setupSearch.ts) then says the
 *   index is being built and tries again, instead of spinning.
 * - A change to content or sources rebuilds the index in the background; the
 *   previous index is served until the new one is ready, and its files stay
 *   reachable afterwards so a page that loaded it can still finish a query.
 *
 * Nothing is written to disk. Only the dev server uses this; a build indexes
 * the written site (searchIndex.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { indexOptions, searched } from './searchIndex.ts';

/** At most this many pages are fetched by one crawl (a guard against a link loop, far above any board). */
const maxPages = 20_000;
/** Pages fetched side by side. */
const parallel = 4;
/** Quiet time after the last file change before the index is rebuilt. */
const settleMs = 1_000;

const types: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** The same-site page paths (under `base`, ending in `/`) that an HTML page links to. */
export function pageLinks(html: string, pageUrl: URL, base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\shref="([^"]*)"/g)) {
    let u: URL;
    try {
      u = new URL(m[1].replace(/&amp;/g, '&'), pageUrl);
    } catch {
      continue;
    }
    if (u.origin !== pageUrl.origin || !u.pathname.startsWith(base) || !u.pathname.endsWith('/')) continue;
    // The CMS is no page of the board.
    if (u.pathname.startsWith(`${base}admin/`)) continue;
    out.push(u.pathname);
  }
  return out;
}

/** Every page reachable from `base` on `origin` that is marked for search: its path (under base) and HTML. */
export async function crawl(origin: string, base: string): Promise<{ url: string; html: string }[]> {
  const seen = new Set([base]);
  let frontier = [base];
  const pages: { url: string; html: string }[] = [];
  while (frontier.length && seen.size <= maxPages) {
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i += parallel) {
      await Promise.all(
        frontier.slice(i, i + parallel).map(async (path) => {
          const url = new URL(path, origin);
          const res = await fetch(url, { headers: { accept: 'text/html' }, redirect: 'manual' });
          if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/html')) {
            await res.body?.cancel();
            return;
          }
          const html = await res.text();
          // The pages the build indexes: marked for search, and none of the screens or lists (searchIndex.ts).
          if (searched(path.slice(base.length), html)) pages.push({ url: `/${path.slice(base.length)}`, html });
          for (const link of pageLinks(html, url, base)) {
            if (seen.has(link) || seen.size > maxPages) continue;
            seen.add(link);
            next.push(link);
          }
        }),
      );
    }
    frontier = next;
  }
  return pages;
}

/** Builds a Pagefind index of the pages in memory: its files by path inside `pagefind/`. */
async function buildIndex(pages: { url: string; html: string }[]): Promise<Map<string, Uint8Array>> {
  const { index, errors } = await pagefind.createIndex(indexOptions);
  if (!index) throw new Error(`Pagefind: ${errors.join('; ')}`);
  try {
    for (const p of pages) {
      const added = await index.addHTMLFile({ url: p.url, content: p.html });
      if (added.errors.length) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
    }
    const got = await index.getFiles();
    if (got.errors.length) throw new Error(`Pagefind: ${got.errors.join('; ')}`);
    return new Map(got.files.map((f) => [f.path.replace(/^\/+/, '').replace(/^pagefind\//, ''), f.content]));
  } finally {
    await index.deleteIndex();
  }
}

function hostOf(address: AddressInfo): string {
  const a = address.address;
  if (a === '::' || a === '0.0.0.0' || a === '') return '127.0.0.1';
  return address.family === 'IPv6' || a.includes(':') ? `[${a}]` : a;
}

export function devSearch(): AstroIntegration {
  let base = '/';
  let origin: string | undefined;
  let logger: AstroIntegrationLogger | undefined;
  /** The current index's files, and the previous one's (still answered, see above). */
  let files: Map<string, Uint8Array> | undefined;
  let previous: Map<string, Uint8Array> | undefined;
  let building: Promise<void> | undefined;
  let again = false;
  let failure: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const build = (): void => {
    if (!origin) return;
    if (building) {
      again = true;
      return;
    }
    const from = origin;
    building = (async () => {
      const started = performance.now();
      try {
        const pages = await crawl(from, base);
        const built = await buildIndex(pages);
        previous = files;
        files = built;
        failure = undefined;
        logger?.info(`搜索索引（开发服务器）：${pages.length} 个页面，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
      } catch (e) {
        failure = (e as Error).message;
        logger?.error(`搜索索引（开发服务器）生成失败：${failure}`);
      }
    })().finally(() => {
      building = undefined;
      if (again) {
        again = false;
        build();
      }
    });
  };

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: string | Uint8Array,
    type: string,
    extra: Record<string, string> = {},
  ) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.statusCode = status;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', String(bytes.byteLength));
    res.setHeader('Cache-Control', 'no-store');
    for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
    // A HEAD answer has the GET's length and no body.
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const name = decodeURIComponent(path.slice(`${base}pagefind/`.length));
    if (!files) {
      if (!building && !failure) build();
      if (failure && !building) send(req, res, 500, `搜索索引生成失败：${failure}`, 'text/plain; charset=utf-8');
      else send(req, res, 503, '搜索索引正在生成，请稍后再试。', 'text/plain; charset=utf-8', { 'Retry-After': '2' });
      return;
    }
    const body = files.get(name) ?? previous?.get(name);
    if (!body) {
      send(req, res, 404, '', 'text/plain; charset=utf-8');
      return;
    }
    const ext = /\.([a-z]+)$/.exec(name)?.[1] ?? '';
    send(req, res, 200, body, types[ext] ?? 'application/octet-stream');
  };

  return {
    name: 'dev-search',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:setup': ({ server, logger: l }) => {
        logger = l;
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '/').split('?')[0];
          if (path.startsWith(`${base}pagefind/`) && (req.method === 'GET' || req.method === 'HEAD')) return answer(req, res, path);
          // Opening the search page starts the first index (or retries a failed one), so it is usually ready by the first query.
          if (!files && !building && (path === `${base}search/` || path === `${base}search`)) {
            failure = undefined;
            build();
          }
          next();
        });
        // Content or a page changed: rebuild once things are quiet, if anyone has searched yet.
        const watched = [process.env.CONTENT_DIR, join(server.config.root, 'src')].filter((d): d is string => !!d);
        server.watcher.on('all', (_event, file) => {
          if (!files && !failure) return;
          if (!watched.some((d) => file.startsWith(d))) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            failure = undefined;
            build();
          }, settleMs);
        });
      },
      'astro:server:start': ({ address }) => {
        origin = `http://${hostOf(address)}:${address.port}`;
      },
      'astro:server:done': async () => {
        clearTimeout(timer);
        await building;
        await pagefind.close();
      },
    },
  };
}
