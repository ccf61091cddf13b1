/**
 * The CMS API at /api/v1 in `astro dev`: the only way to decap-server, which
 * listens on a private Unix socket (src/cms/startDecapServer.ts).
 *
 * - Only the site's own pages may call it: the Host must be localhost,
 *   127.0.0.1 or a name in CMS_ALLOWED_HOSTS, and the Origin must be that
 *   same host (a page on another origin, another localhost port included,
 *   is refused; so is a request with no Origin at all).
 * - Only Decap's actions on content paths and the media folder pass
 *   (src/cms/checkApiRequest.ts); no path may be or pass through a
 *   symlink; uploads must really be raster images or PDF.
 * - Writes run one at a time, reads side by side (src/cms/rwLock.ts).
 * - A save may name the bytes it was based on (`options.expected`, SHA-256 per file): if any file has changed
 *   since, nothing is written and the answer is 409 with the files in `conflicts`.
 * - Under `npm start` (decap-server in file mode) every save is a git commit of exactly the files it wrote, when
 *   the content folder is in a git repository (src/cms/commitSave.ts); a commit that fails leaves the save done
 *   and warns on the console why it has no history.
 * - `{ "action": "status" }` is answered here, with this server's instance id: the admin's watch on the local
 *   server (admin/serverWatch.ts) tells a stopped or restarted server from a running one.
 * - Files in the media folder are served so they cannot run script: a
 *   sniffed type, nosniff, a sandboxing CSP; anything else there is refused.
 *
 * env: CMS_API_SOCKET (set by `npm start`), CMS_ALLOWED_HOSTS, CMS_BRANCH,
 * CMS_EDITOR_HEADER (LAN mode: the reverse proxy's header naming the
 * logged-in secretary, added to each commit message).
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { lstat, open, readFile, realpath } from 'node:fs/promises';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, posix, relative, sep, win32 } from 'node:path';
import type { Duplex } from 'node:stream';
import type { AstroIntegration } from 'astro';
import type { ViteDevServer } from 'vite';
import { editorHeader, proxySecretHeader } from '../cms/caddyfile.ts';
import { createLanGate } from '../cms/lanGate.ts';
import { parseLanUsers } from '../cms/lanUsers.ts';
import { checkApiRequest, type ApiCheck } from '../cms/checkApiRequest.ts';
import { cmsContentDir, outsideMessage } from '../cms/cmsContentDir.ts';
import { cmsPaths, type CmsPaths } from '../cms/cmsPaths.ts';
import { commitSave } from '../cms/commitSave.ts';
import { describeSave, touched } from '../cms/describeSave.ts';
import { conflictAnswer, conflictsOf, presence } from '../cms/saveConflicts.ts';
import { saveMessage, type SaveDescription } from '../cms/saveMessage.ts';
import { contentDir } from '../loader/contentDir.ts';
import { normalUrlPath } from '../cms/normalUrlPath.ts';
import { forgetPledgeHistory } from '../data/pledgeHistory.ts';
import { RwLock } from '../cms/rwLock.ts';
import { acceptedMedia, mediaTypes } from '../lib/mediaKind.ts';

/** The header the LAN mode's proxy adds to every request it passes on, with a secret of this run. */
const proxyHeader = proxySecretHeader.toLowerCase();

function sameSecret(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A whole request body, at most this size (an upload of limits.mediaBytes in base64, plus the rest). */
const maxBody = 16 * 1024 * 1024;

function send(res: ServerResponse, status: number, message: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify({ error: message }));
}

/** The host names the API answers on. */
function allowedHosts(): string[] {
  const extra = (process.env.CMS_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return ['localhost', '127.0.0.1', '[::1]', ...extra];
}

/** Why a request is not from the site's own pages, or undefined. */
export function foreignRequest(headers: IncomingMessage['headers'], hosts = allowedHosts()): string | undefined {
  const host = headers.host?.toLowerCase();
  if (!host) return '请求缺少 Host。';
  const hostname = host.replace(/:\d+$/, '');
  if (!hosts.includes(hostname)) return `主机名“${hostname.slice(0, 80)}”不是本站的地址（可在 CMS_ALLOWED_HOSTS 中加入）。`;
  const origin = headers.origin;
  if (!origin) return '请求缺少 Origin：只接受本站后台页面发出的请求。';
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return '请求的 Origin 不是有效地址。';
  }
  if (originHost !== host) return `来自“${origin.slice(0, 80)}”的请求不是本站后台页面发出的，已拒绝。`;
  const site = headers['sec-fetch-site'];
  if (site && site !== 'same-origin') return '只接受本站后台页面发出的请求。';
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) {
        done(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/** The first path under `root` (itself or a folder on the way) that is a symlink, or undefined. Missing parts are fine (a new file). */
async function symlinkOn(root: string, path: string): Promise<string | undefined> {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const sub = parts.slice(0, i).join('/');
    try {
      if ((await lstat(join(root, sub))).isSymbolicLink()) return sub;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

interface Answer {
  status: number;
  type: string;
  text: string;
}

/** A JSON answer with a Chinese `error` (and any other fields). */
const answer = (status: number, error: string, more: Record<string, unknown> = {}): Answer => ({
  status,
  type: 'application/json; charset=utf-8',
  text: JSON.stringify({ error, ...more }),
});

type Checked = Extract<ApiCheck, { ok: true }>;

/** Logs of the API: Astro's logger in the dev server, the console elsewhere. */
export interface ApiLog {
  info(message: string): void;
  warn(message: string): void;
}

function forward(socket: string, body: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const r = request(
      {
        socketPath: socket,
        path: '/api/v1',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 502,
            type: String(res.headers['content-type'] ?? 'application/json'),
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', fail);
      },
    );
    r.on('error', fail);
    r.end(body);
  });
}

/** Drops listed files that are symlinks (decap-server would read a symlink that points elsewhere in the project). */
async function withoutSymlinks(root: string, text: string): Promise<string> {
  const list = JSON.parse(text) as { path?: string; file?: { path?: string } }[];
  if (!Array.isArray(list)) return text;
  const kept = [];
  for (const item of list) {
    const path = item.file?.path ?? item.path;
    if (typeof path === 'string' && (await symlinkOn(root, path))) continue;
    kept.push(item);
  }
  return JSON.stringify(kept);
}

export function createCmsApi(o: {
  root: string;
  socket?: string;
  paths?: CmsPaths;
  editorHeader?: string;
  workflow?: boolean;
  proxySecret?: string;
  /** Commit every save to the content folder's git repository (npm start: decap-server in file mode). */
  commit?: boolean;
  log?: ApiLog;
}) {
  // The CMS edits the content folder the site is built from (CONTENT_DIR inside the project, else content/).
  const dir = process.env.CONTENT_DIR ? cmsContentDir(o.root) : 'content';
  const paths = o.paths ?? cmsPaths(process.env.CMS_BRANCH?.trim() || 'main', dir ?? 'content');
  const rules = { workflow: o.workflow ?? true };
  const lock = new RwLock();
  const log = o.log ?? { info: (m: string) => console.log(m), warn: (m: string) => console.warn(m) };
  // A new id each time the dev server starts: the admin tells a restarted server from the one it was opened with.
  const instance = randomUUID();

  /** Commits what a save wrote; a failure is a warning, never a failed save. */
  async function record(d: SaveDescription): Promise<void> {
    const files = touched(d);
    const message = saveMessage(paths, d);
    const r = await commitSave({ root: o.root, contentDir: join(o.root, dir ?? 'content'), paths: files, message });
    const subject = message.split('\n')[0];
    if (r.status === 'committed') log.info(`已提交到 git：${subject}（提交 ${r.commit.slice(0, 7)}）`);
    if (r.status === 'failed') log.warn(`已保存，但这次保存没有提交到 git，所以没有修改记录：${r.reason}。保存的文件：${files.join('、')}`);
    if (r.outside?.length) log.warn(`已保存，但 ${r.outside.join('、')} 不在内容文件夹所在的 git 仓库中，没有提交，这部分没有修改记录。`);
    // The dev server's pledge pages read the history again, with this commit.
    if (r.status === 'committed') forgetPledgeHistory();
  }

  /** Why the files are not as the request needs them (a symlink on a path, a file there or gone), or undefined. */
  async function refusal(check: Checked): Promise<Answer | undefined> {
    for (const p of check.paths) {
      const link = await symlinkOn(o.root, p);
      if (link) return answer(403, `“${link}”是符号链接，后台不读写符号链接。`);
    }
    const found = await presence(o.root, check);
    return found && answer(409, found.message, { conflicts: [found.path] });
  }

  /**
   * Forwards a write under the write lock, checked there (the files, then the client's hashes) so that no other write
   * comes between the check and the write: refused on a conflict, committed after decap-server has written it.
   */
  function write(check: Checked, body: Checked['body']): Promise<Answer> {
    return lock.write(async () => {
      const refused = await refusal(check);
      if (refused) return refused;
      if (check.expected) {
        const conflicts = await conflictsOf(o.root, check.expected);
        if (conflicts.length) return conflictAnswer(conflicts);
      }
      const committing = o.commit && ['persistEntry', 'persistMedia', 'deleteFile', 'deleteFiles'].includes(body.action);
      const before = committing ? await describeSave(o.root, paths.mediaFolder, body) : undefined;
      const answer = await forward(o.socket!, JSON.stringify(body));
      if (before && answer.status === 200) {
        await record(before).catch((e: Error) => log.warn(`已保存，但这次保存没有提交到 git，所以没有修改记录：${e.message}`));
      }
      return answer;
    });
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!o.paths && dir === undefined) return send(res, 409, outsideMessage(contentDir()));
    const foreign = foreignRequest(req.headers);
    if (foreign) return send(res, 403, foreign);
    // Behind the LAN mode's proxy, only what came through it (and its login) is let in, not another local program.
    if (o.proxySecret && !sameSecret(req.headers[proxyHeader], o.proxySecret)) return send(res, 403, '只接受经过登录的请求。');
    if (req.method !== 'POST') return send(res, 405, '只接受 POST 请求。');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return send(res, 415, '只接受 JSON 请求。');
    if (!o.socket) return send(res, 503, '内容管理后台的本地后端没有启动：请用 npm start 启动网站。');
    const raw = await readBody(req);
    if (!raw) return send(res, 413, `请求超过 ${maxBody / 1024 / 1024} MB。`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(res, 400, '请求不是有效的 JSON。');
    }
    if ((parsed as { action?: unknown } | null)?.action === 'status') {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ status: 'ok', instance }));
      return;
    }
    const check = checkApiRequest(paths, parsed, rules);
    if (!check.ok) return send(res, check.status, check.message);
    // Only the checked, rebuilt request goes on; the secretary's login (from the LAN proxy) is added to the commit message.
    const body = check.body;
    const editor = o.editorHeader && req.headers[o.editorHeader.toLowerCase()];
    const options = body.params.options as { commitMessage?: string } | undefined;
    if (typeof editor === 'string' && editor && options?.commitMessage) {
      // Node reads header bytes as Latin-1; the proxy sends the name as UTF-8.
      options.commitMessage += `\n\n编辑：${Buffer.from(editor, 'latin1')
        .toString('utf8')
        .replace(/[\u0000-\u001f]/g, '')
        .slice(0, 80)}`;
    }
    try {
      const answer = check.write
        ? await write(check, body)
        : await lock.read(async () => (await refusal(check)) ?? forward(o.socket!, JSON.stringify(body)));
      const text =
        answer.status === 200 && (body.action === 'entriesByFolder' || body.action === 'getMedia')
          ? await withoutSymlinks(o.root, answer.text)
          : answer.text;
      res.statusCode = answer.status;
      res.setHeader('Content-Type', answer.type);
      res.setHeader('Cache-Control', 'no-store');
      res.end(text);
    } catch (e) {
      send(res, 502, `本地后端 decap-server 没有回应（${(e as Error).message}）。`);
    }
  };
}

/** Serves a file of the media folder only if it is an accepted image or PDF, with headers under which it cannot run script. */
export function createMediaRoute(o: { root: string; mediaFolder: string }) {
  return async function serve(name: string, res: ServerResponse): Promise<boolean> {
    if (!name || name.includes('/') || name.startsWith('.') || /[\\\u0000-\u001f]/.test(name)) return false;
    const file = join(o.root, o.mediaFolder, name);
    try {
      const stat = await lstat(file);
      if (!stat.isFile()) return false;
    } catch {
      return false;
    }
    const head = Buffer.alloc(16);
    const fh = await open(file, 'r');
    try {
      await fh.read(head, 0, 16, 0);
    } finally {
      await fh.close();
    }
    const kind = acceptedMedia(name, head);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    if (!kind) {
      res.statusCode = 403;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment');
      res.end('此文件不是允许的图片或 PDF，不提供。');
      return true;
    }
    res.setHeader('Content-Type', mediaTypes[kind]);
    res.setHeader('Content-Disposition', kind === 'pdf' ? 'attachment' : 'inline');
    res.end(await readFile(file));
    return true;
  };
}

/** Whether `path` is `dir` or inside it. */
const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`) || path.startsWith(`${dir}${sep}`);
/** On a disk that ignores case (Windows, macOS), `/Content/…` is the content folder: paths are compared folded there. */
const caseless = process.platform === 'win32' || process.platform === 'darwin';
const fold = (p: string) => (caseless ? p.toLowerCase() : p);
const insideAny = (path: string, dirs: string[]) => dirs.some((d) => inside(fold(path), fold(d)));
/**
 * The file a path asks for as Vite's module ids name it: `/@id/` prefixes removed (`/@id//content/x.md?raw` is
 * `/content/x.md`), and on Windows `/@fs/C:/…` read as `C:\…`.
 */
function askedPath(path: string): string {
  let p = path;
  while (p.startsWith('/@id/')) p = posix.normalize(`/${p.slice('/@id/'.length)}`);
  return p;
}
function fsTarget(urlPath: string): string {
  const target = urlPath.slice('/@fs'.length);
  return process.platform === 'win32' && /^\/[A-Za-z]:/.test(target) ? win32.normalize(target.slice(1)) : target;
}

/** The real path of `path`, or itself when it has none (yet). */
function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * LAN mode: the gate (src/cms/lanGate.ts) in front of every request and WebSocket upgrade of the dev server, before
 * Astro's and Vite's own handlers (some of which Astro puts ahead of any integration's middleware): only the proxy,
 * with a logged-in secretary, gets anything.
 */
function frontDoor(server: ViteDevServer, secret: string): void {
  const http = server.httpServer;
  if (!http) throw new Error('局域网模式需要开发服务器自己的 HTTP 服务（不能以中间件模式运行）。');
  const usersFile = process.env.CMS_LAN_USERS;
  if (!usersFile) throw new Error('局域网模式没有用户文件（CMS_LAN_USERS 没有设置）：请用 npm run lan 启动。');
  const { users, errors } = parseLanUsers(readFileSync(usersFile, 'utf8'), usersFile);
  if (errors.length) throw new Error(errors.join('\n'));
  const gate = createLanGate({ secret, users, editorHeader: process.env.CMS_EDITOR_HEADER ?? editorHeader });
  const listeners = http.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners('request');
  http.on('request', (req: IncomingMessage, res: ServerResponse) =>
    gate.request(req, res, () => {
      for (const l of listeners) l.call(http, req, res);
    }),
  );
  http.prependListener('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (!gate.admits(req)) socket.destroy();
  });
}

export function cmsApi(): AstroIntegration {
  return {
    name: 'cms-api',
    hooks: {
      'astro:server:setup': ({ server, logger }) => {
        const root = server.config.root;
        const handle = createCmsApi({
          root,
          socket: process.env.CMS_API_SOCKET,
          editorHeader: process.env.CMS_EDITOR_HEADER,
          workflow: process.env.CMS_PUBLISH_MODE !== 'simple',
          proxySecret: process.env.CMS_PROXY_SECRET,
          // decap-server's git mode (npm run lan, CMS_MODE=git) commits by itself; its file mode (npm start) does not.
          commit: process.env.CMS_MODE !== 'git',
          log: logger,
        });
        const mediaFolder = cmsPaths().mediaFolder;
        const media = createMediaRoute({ root, mediaFolder });
        // Folders never served as files, whatever the URL: the media folder is served only through /uploads/<name>
        // below; the content folder (leader reviews, evaluations …) only as the pages built from it.
        const content = contentDir();
        const hidden = [join(root, mediaFolder), join(root, '.lan'), content, realpathOr(content)];
        const blocked = ['/public', '/.lan', ...(inside(content, root) ? [`/${relative(root, content).split(sep).join('/')}`] : [])];
        if (process.env.CMS_PROXY_SECRET) frontDoor(server, process.env.CMS_PROXY_SECRET);
        server.middlewares.use((req, res, next) => {
          const path = (req.url ?? '').split('?')[0];
          if (path === '/api/v1' || path.startsWith('/api/v1/')) {
            handle(req, res).catch((e: Error) => send(res, 500, `后台接口出错：${e.message}`));
            return;
          }
          // Checked as file serving will resolve it: `/./public/…` is `/public/…` (normalUrlPath.ts).
          const decoded = normalUrlPath(path);
          if (decoded === undefined) return send(res, 400, '地址无效。');
          const notFound = () => {
            res.statusCode = 404;
            res.setHeader('Content-Type', 'text/plain; charset=utf-8');
            res.end('没有这个文件。');
          };
          const asked = askedPath(decoded);
          if (insideAny(asked, blocked)) return notFound();
          if (asked.startsWith('/@fs/')) {
            const target = fsTarget(asked);
            if (insideAny(target, hidden)) return notFound();
            // Through a symlinked folder too (the real path of what was asked).
            realpath(target).then(
              (real) => (insideAny(real, hidden) ? notFound() : next()),
              () => next(),
            );
            return;
          }
          const upload = /^\/uploads\/(.*)$/.exec(decoded);
          if (upload) {
            media(upload[1], res).then((served) => (served ? undefined : notFound()), next);
            return;
          }
          next();
        });
      },
    },
  };
}
