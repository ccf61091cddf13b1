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
import { adminFacts } from '../../data/adminFacts.ts';

export const GET: APIRoute = ({ url }) => {
  const dev = import.meta.env.DEV;
  const fromEnv = backendFromEnv(process.env);
  if (fromEnv.errors.length) throw new Error(`后台(CMS)配置有误:\n${fromEnv.errors.join('\n')}`);
  const allowed = (process.env.CMS_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  // Read leniently: a content mistake must not take down the admin that is there to fix it.
  const facts = adminFacts();
  const config = cmsConfig({
    rounds: facts.rounds,
    currentRound: facts.currentRound,
    // Without a configured git host, the form still needs a backend name; on localhost the local backend replaces it.
    backend: fromEnv.backend ?? { name: 'git-gateway', branch: process.env.CMS_BRANCH?.trim() || 'main' },
    // decap-server is reached through the dev server's own origin (proxied in astro.config.mjs), from localhost or a LAN name in CMS_ALLOWED_HOSTS.
    localBackend: dev ? { url: `${url.protocol}//${url.host}/api/v1`, ...(allowed.length && { allowed_hosts: allowed }) } : undefined,
  });
  return new Response(`# 由 src/pages/admin/config.yml.ts 根据字段表生成,请勿手工修改。\n${yaml.dump(config, { lineWidth: -1, noRefs: true })}`, {
    headers: { 'Content-Type': 'text/yaml; charset=utf-8' },
  });
};
