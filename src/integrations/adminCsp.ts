/**
 * The admin page's Content-Security-Policy with the git host in it. The admin
 * bundle is built once (public/admin/, with a policy that allows only the site
 * itself: enough for `astro dev`, whose CMS API is same-origin); the git host
 * is known only when the site is built (CMS_BACKEND, CMS_BASE_URL,
 * CMS_API_ROOT), so the built copy of the page gets it written in here.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { backendFromEnv } from '../cms/backendFromEnv.ts';
import { adminPolicy, gitHostsOf, withPolicy } from '../lib/contentSecurityPolicy.ts';

export function adminCsp(): AstroIntegration {
  return {
    name: 'admin-csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const file = fileURLToPath(new URL('admin/index.html', dir));
        // CMS_BACKEND=none builds no admin.
        if (!existsSync(file)) return;
        const hosts = gitHostsOf(backendFromEnv(process.env).backend);
        writeFileSync(file, withPolicy(readFileSync(file, 'utf8'), adminPolicy(hosts)));
        logger.info(`后台页面的内容安全策略（CSP）允许连接：本站${hosts.map((h) => `、${h}`).join('')}`);
      },
    },
  };
}
