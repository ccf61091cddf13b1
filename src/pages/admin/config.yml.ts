/**
 * The Decap configuration, generated from the field tables on every build
 * (so content-only changes never rebuild the admin bundle). In `astro dev`
 * it enables the local backend (decap-server, started by `npm start`); a
 * production build never does, and takes its git backend from the
 * environment (admin/backendFromEnv.ts).
 */
import type { APIRoute } from 'astro';
import yaml from 'js-yaml';
import { backendFromEnv } from '../../../admin/backendFromEnv.ts';
import { cmsConfig } from '../../../admin/cmsConfig.ts';

export const GET: APIRoute = ({ url }) => {
  const dev = import.meta.env.DEV;
  const fromEnv = backendFromEnv(process.env);
  if (fromEnv.errors.length) throw new Error(`后台(CMS)配置有误:\n${fromEnv.errors.join('\n')}`);
  const allowed = (process.env.CMS_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  const localPort = process.env.CMS_LOCAL_PORT ?? '8081';
  const config = cmsConfig({
    // Without a configured git host, the form still needs a backend name; on localhost the local backend replaces it.
    backend: fromEnv.backend ?? { name: 'git-gateway', branch: 'main' },
    // decap-server runs beside the dev server: reach it by the host the admin was opened with (localhost, or a LAN name in CMS_ALLOWED_HOSTS).
    localBackend: dev ? { url: `${url.protocol}//${url.hostname}:${localPort}/api/v1`, ...(allowed.length && { allowed_hosts: allowed }) } : undefined,
  });
  return new Response(`# 由 src/pages/admin/config.yml.ts 根据字段表生成,请勿手工修改。\n${yaml.dump(config, { lineWidth: -1, noRefs: true })}`, {
    headers: { 'Content-Type': 'text/yaml; charset=utf-8' },
  });
};
