/**
 * `npm run lan -- --host cms.school.lan`: editing from other computers on
 * the LAN, with a login per secretary, over HTTPS, every save a git commit.
 *
 *   Caddy (Debian's `caddy`), https://<host>:<port>, `tls internal`,
 *     adding a secret of this run to every request
 *   → astro dev on 127.0.0.1, answering only requests with that secret,
 *     each with a logged-in secretary (src/cms/lanGate.ts: a login form,
 *     sessions, limits per user and per address, /_lan/logout; users from
 *     .lan/users): the board, the admin, /api/v1
 *   → decap-server in git mode on a private Unix socket
 *     (simple publishing: each save is one commit, naming who saved it).
 *
 * Options: --host NAME (required: the name or address secretaries open),
 * --port N (HTTPS port, default 8443), --bind ADDR (default 0.0.0.0),
 * --users FILE (default .lan/users), --data DIR (Caddy's certificate
 * authority; default ~/.local/share/chengnuo-gongkai/caddy, outside the
 * project, which the dev server serves files from). Every path needs a
 * login. The project must be a git repository on branch main (or
 * CMS_BRANCH) with a git user identity and nothing uncommitted (decap-server
 * commits with `git add .`); .lan/ and the users file must be git-ignored.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caddyfile, editorHeader } from '../cms/caddyfile.ts';
import { parseLanUsers } from '../cms/lanUsers.ts';
import { startDecapServer } from '../cms/startDecapServer.ts';
import { anyFreePort } from './ports.ts';
import { astroCommand, tsxCommand } from '../loader/nodeCommand.ts';
import { spawnGroup } from '../loader/processGroup.ts';
import { argValue, serverGroup } from './serverGroup.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Node itself with each program's entry (src/loader/nodeCommand.ts), never a node_modules/.bin shim (.cmd on Windows).
const [node, ...buildAdminArgs] = tsxCommand(root, join(root, 'src', 'cli', 'buildAdmin.ts'));
const [, ...astroArgs] = astroCommand(root);
const args = process.argv.slice(2).filter((a) => a !== '--');
const servers = serverGroup('无法启动局域网编辑');
const stop = servers.stop;
// Annotated, so that TypeScript narrows after a call (a destructured never-returning function does not).
const fail: (message: string) => never = servers.fail;

const host = argValue(args, '--host')?.trim().toLowerCase();
if (!host || !/^[a-z0-9.-]+$/.test(host)) fail('请用 --host 写明各电脑打开后台时用的主机名或 IP 地址，如 npm run lan -- --host 10.0.0.5。');
const port = Number(argValue(args, '--port') ?? 8443);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port 应是 1—65535 的端口号，不是“${argValue(args, '--port')}”。`);
const bind = argValue(args, '--bind') ?? '0.0.0.0';
const usersFile = resolve(argValue(args, '--users') ?? join(root, '.lan', 'users'));
const branch = process.env.CMS_BRANCH?.trim() || 'main';

const caddy = spawnSync('caddy', ['version'], { encoding: 'utf8' });
if (caddy.status !== 0) fail('没有找到 caddy：请先安装（Debian：apt-get install -y caddy）。');
if (!existsSync(usersFile)) {
  fail(`没有用户文件 ${usersFile}：每位书记一行“用户名 密码哈希”，哈希用 caddy hash-password 生成（见 README“从局域网其他电脑编辑”）。`);
}
const { users, errors } = parseLanUsers(readFileSync(usersFile, 'utf8'), usersFile);
if (errors.length) fail(errors.join('\n'));
const git = (...a: string[]) => spawnSync('git', a, { cwd: root, encoding: 'utf8' });
if (git('rev-parse', '--show-toplevel').stdout.trim() !== root)
  fail(`${root} 不是 git 仓库的根目录：每次保存都要提交到 git（git init 并提交一次）。`);
if (git('rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).status !== 0)
  fail(`git 仓库中没有 ${branch} 分支（其他分支名用 CMS_BRANCH 指定）。`);
if (!git('config', 'user.name').stdout.trim() || !git('config', 'user.email').stdout.trim()) {
  fail('git 没有设置提交人：git config user.name "党支部" 和 git config user.email "dangzhibu@school.lan"。');
}
// decap-server commits each save with `git add .`: whatever is not ignored would go into a secretary's commit.
for (const secret of [join(root, '.lan', 'users'), usersFile]) {
  const rel = relative(root, secret);
  if (rel.startsWith('..') || rel === '') continue;
  if (git('check-ignore', '-q', rel).status !== 0)
    fail(`${rel} 没有被 .gitignore 忽略：登录信息不能提交到 git（在 .gitignore 中加入 /.lan/）。`);
}
const dirty = git('status', '--porcelain').stdout.trim();
if (dirty)
  fail(`工作目录中有没有提交的改动，书记保存时会被一并提交：\n${dirty.split('\n').slice(0, 10).join('\n')}\n请先提交或删除这些改动。`);
const dataDir = resolve(
  argValue(args, '--data') ?? join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'chengnuo-gongkai', 'caddy'),
);
if (!relative(root, dataDir).startsWith('..')) fail(`--data ${dataDir} 在项目文件夹中：证书颁发机构的私钥必须放在项目之外。`);

const admin = spawnSync(node, buildAdminArgs, { stdio: 'inherit' });
if (admin.status !== 0) process.exit(admin.status ?? 1);

try {
  const origin = `https://${host}:${port}`;
  const proxySecret = randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    ASTRO_DISABLE_UPDATE_CHECK: 'true',
    CMS_MODE: 'git',
    CMS_PUBLISH_MODE: 'simple',
    CMS_PUBLIC_ORIGIN: origin,
    CMS_ALLOWED_HOSTS: [host, ...(process.env.CMS_ALLOWED_HOSTS ?? '').split(',')].filter(Boolean).join(','),
    CMS_EDITOR_HEADER: editorHeader,
    CMS_PROXY_SECRET: proxySecret,
    CMS_LAN_USERS: usersFile,
  };
  const decap = await startDecapServer({ root, mode: 'git', env, logLevel: process.env.LOG_LEVEL ?? 'warn' });
  servers.addDecap(decap);
  decap.child.stderr?.pipe(process.stderr);
  decap.child.on('exit', (code) => stop(code ?? 1));

  const devPort = await anyFreePort('127.0.0.1');
  const astro = spawnGroup(node, [...astroArgs, 'dev', '--host', '127.0.0.1', '--port', String(devPort)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...env, CMS_API_SOCKET: decap.socket },
  });
  servers.add(astro);
  astro.on('exit', (code) => stop(code ?? 1));
  await new Promise<void>((ready) => {
    astro.stdout!.on('data', (d: Buffer) => {
      process.stdout.write(d);
      if (/Local\s+http/.test(d.toString().replace(/\x1b\[[0-9;]*m/g, ''))) ready();
    });
  });

  const lanDir = join(root, '.lan');
  mkdirSync(lanDir, { recursive: true, mode: 0o700 });
  const config = join(lanDir, 'Caddyfile');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(config, caddyfile({ host, port, bind, upstreamPort: devPort, storage: dataDir, secret: proxySecret }), {
    mode: 0o600,
  });
  const proxy = spawnGroup('caddy', ['run', '--config', config, '--adapter', 'caddyfile'], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: dataDir, XDG_DATA_HOME: dataDir, XDG_CONFIG_HOME: dataDir },
  });
  servers.add(proxy);
  let caddyOut = '';
  proxy.stdout!.on('data', (d: Buffer) => (caddyOut += d.toString()));
  proxy.stderr!.on('data', (d: Buffer) => (caddyOut += d.toString()));
  proxy.on('exit', (code) => {
    if (!servers.stopping) process.stderr.write(`\nCaddy 已退出（${code}）：\n${caddyOut.slice(-3000)}\n`);
    stop(code ?? 1);
  });
  // Ready when Caddy answers on its port.
  const until = Date.now() + 60_000;
  for (;;) {
    if (proxy.exitCode !== null) fail(`Caddy 没有启动（端口 ${port} 可能已被占用）：\n${caddyOut.slice(-3000)}`);
    if (/serving initial configuration|server running/.test(caddyOut)) break;
    if (Date.now() > until) fail(`Caddy 在 60 秒内没有启动：\n${caddyOut.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const ca = join(dataDir, 'pki', 'authorities', 'local', 'root.crt');
  process.stdout.write(
    `\n公开栏：${origin}/\n内容管理后台：${origin}/admin/（每个地址都要登录；用户：${users.map((u) => u.name).join('、')}）\n` +
      `退出登录：${origin}/_lan/logout\n` +
      `证书：各电脑第一次打开前，把 ${ca} 导入为“受信任的根证书颁发机构”。\n每次保存都提交到 git（${branch} 分支），提交说明中写明是谁保存的。按 Ctrl-C 停止。\n\n`,
  );
} catch (e) {
  fail((e as Error).message);
}
