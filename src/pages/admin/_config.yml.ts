/**
 * The Decap configuration, generated from the field tables on every build
 * (so content-only changes never rebuild the admin bundle). In `astro dev`
 * it enables the local backend (decap-server, started by `npm start`), with
 * the publish mode CMS_PUBLISH_MODE asks for, and ignores CMS_BACKEND; a
 * production build never does, and takes its git backend and publish mode
 * from the environment (src/cms/backendFromEnv.ts). With CMS_BACKEND=none the
 * build emits no admin at all (src/integrations/adminRoute.ts removes it).
 */
import type { APIRoute } from 'astro';
import yaml from 'js-yaml';
import { backendFromEnv, localPublishMode, type BackendResult } from '../../cms/backendFromEnv.ts';
import { cmsConfig } from '../../cms/cmsConfig.ts';
import { cmsContentDir } from '../../cms/cmsContentDir.ts';
import { adminFacts, adminRounds } from '../../data/adminFacts.ts';

const header = '# 由 src/pages/admin/_config.yml.ts 根据字段表生成，请勿手工修改。\n';

/** The backend block and publish mode: decap-server's in dev, the environment's in a production build. */
function chosenBackend(dev: boolean): Pick<BackendResult, 'backend' | 'publishMode' | 'none' | 'errors'> {
  if (!dev) return backendFromEnv(process.env);
  // The local backend replaces this block on localhost and the hosts of CMS_ALLOWED_HOSTS; the form still needs a backend name.
  return { ...localPublishMode(process.env), backend: { name: 'git-gateway', branch: process.env.CMS_BRANCH?.trim() || 'main' } };
}

export const GET: APIRoute = async ({ url }) => {
  const dev = import.meta.env.DEV;
  const chosen = chosenBackend(dev);
  if (chosen.errors.length) throw new Error(`后台（CMS）配置有误：\n${chosen.errors.join('\n')}`);
  if (chosen.none)
    return new Response(`${header}# CMS_BACKEND=none：本网站不带内容管理后台。\n`, {
      headers: { 'Content-Type': 'text/yaml; charset=utf-8' },
    });
  const allowed = (process.env.CMS_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  // Read leniently: a content mistake must not take down the admin that is there to fix it.
  const facts = adminFacts();
  const config = cmsConfig({
    // The folder the site is built from: CONTENT_DIR when it is inside the project (the CMS API refuses one outside).
    contentDir: (process.env.CONTENT_DIR && cmsContentDir()) || 'content',
    // A production build lists only the rounds its scope shows (this file is public): never a private round's title.
    rounds: await adminRounds(facts, dev),
    profiles: facts.profiles,
    currentRound: facts.currentRound,
    // Both are there when there is no error.
    backend: chosen.backend!,
    publishMode: chosen.publishMode!,
    // decap-server is reached only through the dev server's own /api/v1 (src/integrations/cmsApi.ts), from localhost or a LAN name in
    // CMS_ALLOWED_HOSTS; behind the LAN mode's HTTPS proxy (npm run lan) the page's origin is CMS_PUBLIC_ORIGIN, not the dev server's.
    localBackend: dev
      ? {
          url: `${process.env.CMS_PUBLIC_ORIGIN?.replace(/\/$/, '') ?? `${url.protocol}//${url.host}`}/api/v1`,
          ...(allowed.length && { allowed_hosts: allowed }),
        }
      : undefined,
  });
  return new Response(`${header}${yaml.dump(config, { lineWidth: -1, noRefs: true })}`, {
    headers: { 'Content-Type': 'text/yaml; charset=utf-8' },
  });
};
