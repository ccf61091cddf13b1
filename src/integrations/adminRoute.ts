/**
 * The admin's place in the site. In `astro dev`, serve the prebuilt admin
 * (public/admin/index.html) at /admin/ as any static web server does; Astro's
 * dev server only serves it by its full file name. In a production build with
 * CMS_BACKEND=none, leave no admin in the output: Astro copies the bundle from
 * public/admin/ and renders admin/config.yml and admin/names.json like any
 * page, so the whole admin/ folder is removed once the build is done.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { backendFromEnv } from '../cms/backendFromEnv.ts';

export function adminRoute(): AstroIntegration {
  return {
    name: 'admin-route',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const base = (server.config.base ?? '/').replace(/\/$/, '');
        server.middlewares.use((req, _res, next) => {
          const path = req.url?.split('?')[0];
          if (path === `${base}/admin` || path === `${base}/admin/`) req.url = `${base}/admin/index.html`;
          next();
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!backendFromEnv(process.env).none) return;
        // The output folder keeps the same layout under any BASE: the admin is always <outDir>/admin/.
        rmSync(fileURLToPath(new URL('admin/', dir)), { recursive: true, force: true });
        logger.info('CMS_BACKEND=none：网站不带内容管理后台，未生成 admin/。');
      },
    },
  };
}
