/**
 * decap-server (Decap's local backend), exactly as its own command runs it —
 * its common middlewares and its fs or git middleware on an express app —
 * but listening on a Unix socket in a private folder instead of a TCP port.
 * No browser and no other user on the machine can reach it: the only way in
 * is the CMS API of the dev server (src/integrations/cmsApi.ts), which lets
 * through only content paths. Started by startDecapServer.ts.
 *
 * env: CMS_API_SOCKET (socket path), MODE (fs | git), GIT_REPO_DIRECTORY, LOG_LEVEL.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fromDecap = createRequire(require.resolve('decap-server/package.json'));
const express = fromDecap('express') as () => import('node:http').RequestListener & {
  listen(path: string, cb: () => void): import('node:http').Server;
};
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
await (mode === 'git' ? registerLocalGit : registerLocalFs)(app, { logLevel: process.env.LOG_LEVEL ?? 'warn' });
rmSync(socket, { force: true });
const server = app.listen(socket, () => {
  chmodSync(socket, 0o600);
  process.stdout.write(`decap-server ready ${mode}\n`);
});
const close = () => server.close(() => process.exit(0));
process.on('SIGTERM', close);
process.on('SIGINT', close);
