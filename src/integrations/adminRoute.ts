/**
 * The admin's place in the site. In `astro dev`, serve the prebuilt admin
 * (public/admin/index.html) at /admin/ as any static web server does; Astro's
 * dev server only serves it by its full file name. The admin's two generated
 * files, admin/config.yml and admin/names.json, are routes added here
 * (src/pages/admin/_config.yml.ts, _names.json.ts; the underscore keeps Astro
 * from routing them by itself), so a production build with CMS_BACKEND=none
 * never renders them. Astro still copies public/, the bundle included, so the
 * whole admin/ folder is removed once such a build is done.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { backendFromEnv } from '../cms/backendFromEnv.ts';

export function adminRoute(): AstroIntegration {
  return {
    name: 'admin-route',
    hooks: {
      'astro:config:setup': ({ command, injectRoute }) => {
        if (command === 'build' && backendFromEnv(process.env).none) return;
        for (const [pattern, file] of [
          ['/admin/config.yml', '_config.yml.ts'],
          ['/admin/names.json', '_names.json.ts'],
        ])
          injectRoute({ pattern, entrypoint: fileURLToPath(new URL(`../pages/admin/${file}`, import.meta.url)), prerender: true });
      },
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
