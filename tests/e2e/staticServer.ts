/**
 * A tiny static file server for the built site: 127.0.0.1 only, `/x/` serves
 * `/x/index.html`, and anything missing gets the site's 404.html with status 404.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The content type of a file name; Pagefind's `.pf_*` and unknown files are octet-stream. */
export function contentTypeOf(file: string): string {
  const ext = extname(file).toLowerCase();
  if (ext.startsWith('.pf_')) return 'application/octet-stream';
  return types[ext] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:43121` (no trailing slash). */
  origin: string;
  port: number;
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Resolves a URL path to a file inside `root`, or undefined. */
async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const full = resolve(root, `.${decoded}`);
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  if (decoded.endsWith('/')) {
    const index = join(full, 'index.html');
    return (await isFile(index)) ? index : undefined;
  }
  return (await isFile(full)) ? full : undefined;
}

/** Starts serving `dir` on 127.0.0.1:`port` (0 = any free port). */
export function startStaticServer(dir: string, port = 0): Promise<StaticServer> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const file = await resolveFile(root, url.pathname);
      if (!file && !url.pathname.endsWith('/') && (await resolveFile(root, `${url.pathname}/`))) {
        // A directory asked for without its slash: send the browser to the slashed URL, as nginx does.
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      const status = file ? 200 : 404;
      const body = file ?? join(root, '404.html');
      if (!file && !(await isFile(body))) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404');
        return;
      }
      const size = (await stat(body)).size;
      res.writeHead(status, { 'content-type': contentTypeOf(body), 'content-length': size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(body)
        .on('error', () => res.destroy())
        .pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address() as AddressInfo;
      ok({
        origin: `http://127.0.0.1:${p}`,
        port: p,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}
