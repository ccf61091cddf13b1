/**
 * `npm start [-- --content DIR]`: the site and the CMS at /admin/, editing the files in content/ (or DIR)
 * through decap-server (Decap's local backend).
 *
 * decap-server has no authentication, and its only limit is "inside the
 * project" (src/ and package.json included). So it listens on a private Unix
 * socket that no browser can reach (src/cms/startDecapServer.ts), and the
 * only way in is the dev server's /api/v1 (src/integrations/cmsApi.ts): same
 * origin only, content folders and the media folder only. The dev server
 * listens on 127.0.0.1 only: editing from other computers goes through
 * `npm run lan` (HTTPS and a login per secretary). The address printed is the
 * one the dev server really took. Ctrl-C stops both.
 *
 * decap-server runs in its file mode; when the content folder is in a git
 * repository, the CMS API commits each save (exactly the files it wrote,
 * src/cms/commitSave.ts). The start-up lines say whether saves will have a
 * history (修改记录).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cmsContentDir, outsideMessage } from '../cms/cmsContentDir.ts';
import { repoTopSync } from '../cms/commitSave.ts';
import { startDecapServer } from '../cms/startDecapServer.ts';
import { firstFreePort } from './ports.ts';
import { astroCommand, tsxCommand } from '../loader/nodeCommand.ts';
import { spawnGroup } from '../loader/processGroup.ts';
import { argValue, serverGroup } from './serverGroup.ts';
import { takeArg } from './takeArg.ts';
import { t } from '../i18n/t.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Node itself with each program's entry (src/loader/nodeCommand.ts), never a node_modules/.bin shim (.cmd on Windows).
const [node, ...buildAdminArgs] = tsxCommand(root, join(root, 'src', 'cli', 'buildAdmin.ts'));
const [, ...astroArgs] = astroCommand(root);
// No telemetry, and no "new version available" notice: Astro 6+ needs Node 22, so upgrading would break Node 20 machines.
const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true' };
// `--content DIR`: CONTENT_DIR as a flag, which every shell takes alike (cmd.exe and PowerShell have no `NAME=value command`).
const {
  value: contentArg,
  missing: contentMissing,
  rest: args,
} = takeArg(
  process.argv.slice(2).filter((a) => a !== '--'),
  '--content',
);
if (contentMissing) {
  process.stderr.write(`${t('cli.flagNeedsValue', { flag: '--content', example: '--content 本支部' })}\n`);
  process.exit(2);
}
if (contentArg) env.CONTENT_DIR = resolve(contentArg);
const servers = serverGroup('无法启动');
const stop = servers.stop;
// Annotated, so that TypeScript narrows after a call (a destructured never-returning function does not).
const fail: (message: string) => never = servers.fail;

/** Whether the CMS's saves will be commits (decap-server's git mode commits by itself; its file mode through the CMS API). */
function historyLine(edited: string): string {
  if (env.CMS_MODE === 'git') return '';
  const top = repoTopSync(join(root, edited));
  return top
    ? `修改记录：${edited}/ 在 git 仓库中，后台每次保存都是一次 git 提交（只提交这次保存的文件，提交说明写明改的是哪一条），生成网站后承诺页面的“修改记录”会列出这些提交。\n`
    : `修改记录：${edited}/ 不在 git 仓库中，后台的保存不会留下修改记录（git 提交），承诺页面上也没有“修改记录”。需要时请在项目文件夹中运行 git init，再提交一次全部文件。\n`;
}

const admin = spawnSync(node, buildAdminArgs, { stdio: 'inherit', env });
if (admin.status !== 0) process.exit(admin.status ?? 1);

// From here on a server runs: whatever goes wrong stops it too (decap-server must never be left running alone).
try {
  const bindHost = '127.0.0.1';
  const hostArg = argValue(args, '--host');
  const host = hostArg && !hostArg.startsWith('-') ? hostArg : args.includes('--host') ? '0.0.0.0' : bindHost;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    fail(
      `npm start 只在本机（127.0.0.1）上提供网站和后台：后台没有登录，不能直接开放给局域网。请用 npm run lan（HTTPS、每位书记一个登录、每次保存都提交到 git），见 README“从局域网其他电脑编辑”。`,
    );
  }
  const decap = await startDecapServer({ root, mode: env.CMS_MODE === 'git' ? 'git' : 'fs', env, logLevel: env.LOG_LEVEL ?? 'warn' });
  servers.addDecap(decap);
  decap.child.stderr?.pipe(process.stderr);
  decap.child.on('exit', (code) => stop(code ?? 0));

  // The dev server's port: as asked (--port), else 4321 or the next free one; the printed address is read back from Astro itself.
  const devArgs = argValue(args, '--port') ? args : [...args, '--port', String(await firstFreePort(4321, host))];
  const astro = spawnGroup(node, [...astroArgs, 'dev', ...devArgs], {
    stdio: ['inherit', 'pipe', 'inherit'],
    env: { ...env, CMS_API_SOCKET: decap.socket },
  });
  servers.add(astro);
  astro.on('exit', (code) => stop(code ?? 0));
  let announced = false;
  astro.stdout?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    process.stdout.write(text);
    const local = /Local\s+(http:\/\/[^\s/]+)(\/\S*)?/.exec(text.replace(/\x1b\[[0-9;]*m/g, ''));
    if (local && !announced) {
      announced = true;
      const origin = local[1].replace('127.0.0.1', 'localhost');
      const base = (local[2] ?? '/').replace(/\/?$/, '/');
      const edited = env.CONTENT_DIR ? cmsContentDir(root, resolve(env.CONTENT_DIR)) : 'content';
      const cms = edited
        ? `内容管理后台：${origin}${base}admin/（只有本机能打开；本地后端 decap-server 只通过网站的 /api/v1 读写 ${edited}/ 和 public/uploads/）`
        : `内容管理后台不可用：${outsideMessage(resolve(env.CONTENT_DIR!))}`;
      process.stdout.write(`\n公开栏：${origin}${base}\n${cms}\n${edited ? historyLine(edited) : ''}\n`);
    }
  });
} catch (e) {
  fail(`${(e as Error).message}`);
}
