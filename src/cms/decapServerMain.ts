/**
 * decap-server (Decap's local backend), exactly as its own command runs it —
 * its common middlewares and its fs or git middleware on an express app —
 * but listening on a Unix socket in a private folder instead of a TCP port.
 * No browser and no other user on the machine can reach it: the only way in
 * is the CMS API of the dev server (src/integrations/cmsApi.ts), which lets
 * through only content paths. Started by startDecapServer.ts. One step is
 * ours: a renamed entry is moved, awaited, before decap-server writes it
 * (awaitedRenames.ts; decap-server's own move is not awaited).
 *
 * env: CMS_API_SOCKET (socket path), MODE (fs | git), GIT_REPO_DIRECTORY, LOG_LEVEL.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { awaitedRenames } from './awaitedRenames.ts';

const require = createRequire(import.meta.url);
const fromDecap = createRequire(require.resolve('decap-server/package.json'));
type Handler = (req: never, res: never, next: () => void) => unknown;
const express = fromDecap('express') as (() => import('node:http').RequestListener & {
  listen(path: string, cb: () => void): import('node:http').Server;
  post(path: string, ...handlers: Handler[]): void;
}) & { json(o: { limit: string }): Handler };
const { registerLocalFs, registerLocalGit } = fromDecap('./dist/middlewares.js') as Record<
  'registerLocalFs' | 'registerLocalGit',
  (app: unknown, o: { logLevel?: string }) => Promise<void>
>;

const socket = process.env.CMS_API_SOCKET;
if (!socket) {
  process.stderr.write('CMS_API_SOCKET 没有设置。\n');
  process.exit(2);
}
const app = express();
const mode = process.env.MODE ?? 'fs';
if (mode !== 'fs' && mode !== 'git') {
  process.stderr.write(`MODE 只能是 fs 或 git，不是“${mode}”。\n`);
  process.exit(2);
}
// Before decap-server's own handlers (it parses the body again only when no one has: express.json skips a parsed body).
app.post('/api/v1', express.json({ limit: '50mb' }), awaitedRenames(resolve(process.env.GIT_REPO_DIRECTORY || process.cwd())));
await (mode === 'git' ? registerLocalGit : registerLocalFs)(app, { logLevel: process.env.LOG_LEVEL ?? 'warn' });
if (process.platform !== 'win32') rmSync(socket, { force: true });
const server = app.listen(socket, () => {
  // Only this user may connect to the Unix socket; a Windows named pipe has no file mode (and chmod would throw).
  if (process.platform !== 'win32') chmodSync(socket, 0o600);
  process.stdout.write(`decap-server ready ${mode}\n`);
});
const close = () => server.close(() => process.exit(0));
process.on('SIGTERM', close);
process.on('SIGINT', close);
