/**
 * In `astro dev`, serve the prebuilt admin (public/admin/index.html) at
 * /admin/ as any static web server does; Astro's dev server only serves it
 * by its full file name.
 */
import type { AstroIntegration } from 'astro';

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
    },
  };
}
