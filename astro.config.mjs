// @ts-check
import { copyFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import { contentGuard } from './src/integrations/contentGuard.ts';
import { pledgeHistory } from './src/integrations/pledgeHistory.ts';
import { searchIndex } from './src/integrations/searchIndex.ts';
import { devSearch } from './src/integrations/devSearch.ts';
import { adminRoute } from './src/integrations/adminRoute.ts';
import { adminCsp } from './src/integrations/adminCsp.ts';
import { scopedUploads } from './src/integrations/scopedUploads.ts';
import { noAddressWarning, siteAddress, siteBase } from './src/loader/siteAddress.ts';

// The content folder, made absolute against this project so it holds whatever directory a build runs from.
process.env.CONTENT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), process.env.CONTENT_DIR ?? 'content');

// SITE and BASE let the board be served from a LAN path, e.g. http://10.0.0.5/gongkai/.
// CMS_ALLOWED_HOSTS names LAN host names the dev server (and the CMS's local backend) may be opened by.
const allowedHosts = (process.env.CMS_ALLOWED_HOSTS ?? '')
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean);
// The browser scripts (the display screen's above all) also run on old LAN players: Chrome 69 / Android 9 WebView.
// Only the client build is lowered; the server-side build stays at Astro's esnext (tests/e2e/screen.test.ts parses the screen script as ES2018).
/** @type {import('astro').AstroIntegration} */
// The server-side build is only run to write the pages, never shipped: Rollup's tree-shaking there costs about 0.45 s
// of every build (a third of its bundling time on the sample) and changes no page (the sample's output is byte-identical).
const buildTargets = {
  name: 'build-targets',
  hooks: {
    'astro:build:setup': ({ target, updateConfig }) => {
      if (target === 'client') updateConfig({ build: { target: 'chrome69' } });
      else updateConfig({ build: { rollupOptions: { treeshake: false } } });
    },
  },
};

// The board's public address: SITE, else site.json's url. `astro dev` (npm start) falls back to its own address;
// a build without one warns and makes no absolute link it would have to guess (src/loader/siteAddress.ts).
const dev = process.argv.slice(2).includes('dev');
// The CMS API (and the LAN gate) serve only `astro dev` (npm start, npm run lan): a build does not load their modules,
// about half of what this config loads.
const { cmsApi } = dev ? await import('./src/integrations/cmsApi.ts') : { cmsApi: () => ({ name: 'cms-api', hooks: {} }) };
const address = siteAddress(process.env, process.env.CONTENT_DIR) ?? (dev ? 'http://localhost:4321' : undefined);
/** @type {import('astro').AstroIntegration} */
const boardAddress = {
  name: 'board-address',
  hooks: {
    'astro:build:start': ({ logger }) => {
      if (!address) logger.warn(noAddressWarning);
    },
  },
};

/**
 * React for static HTML only: no page hydrates a component (no client:* directive anywhere), so a build leaves out
 * React's client renderer, which Astro otherwise bundles and ships (224 kB) on every build. `astro dev` keeps it.
 * @param {import('astro').AstroIntegration} integration
 * @returns {import('astro').AstroIntegration}
 */
function staticReact(integration) {
  const setup = integration.hooks['astro:config:setup'];
  return {
    ...integration,
    hooks: {
      ...integration.hooks,
      'astro:config:setup': (params) =>
        setup?.(
          params.command === 'build'
            ? { ...params, addRenderer: (renderer) => params.addRenderer({ ...renderer, clientEntrypoint: undefined }) }
            : params,
        ),
    },
  };
}

/**
 * The roll-up board of a county or province (npm run rollup, src/cli/rollup.ts): ROLLUP_FILE names its rollup.json.
 * Its pages are src/rollup/pages/, with the branch board's styles and chart components; no content, CMS or search.
 */
/**
 * The roll-up board takes only the page frame's two files from public/ (never the CMS, never a branch's uploads).
 * @type {import('astro').AstroIntegration}
 */
const frameFiles = {
  name: 'rollup-frame-files',
  hooks: {
    'astro:build:done': ({ dir }) => {
      for (const name of ['favicon.svg', 'js-on.js'])
        copyFileSync(resolve(dirname(fileURLToPath(import.meta.url)), 'public', name), new URL(name, dir));
    },
  },
};
const rollupBoard = process.env.ROLLUP_FILE
  ? defineConfig({
      srcDir: './src/rollup',
      publicDir: './src/rollup/public',
      base: process.env.BASE || '/',
      integrations: [buildTargets, frameFiles],
      build: { format: 'directory' },
      trailingSlash: 'ignore',
      cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro-rollup',
      devToolbar: { enabled: false },
      server: { host: '127.0.0.1' },
      vite: { build: { assetsInlineLimit: 0 } },
    })
  : undefined;

export default rollupBoard ??
  defineConfig({
    site: address,
    base: siteBase(process.env, process.env.CONTENT_DIR),
    integrations: [
      pledgeHistory(),
      contentGuard(),
      cmsApi(),
      adminRoute(),
      adminCsp(),
      // React renders the pledge card to static HTML only (no island): renderToString, not a stream per component.
      // Astro renders each React component twice (its renderer check, then the render); on 1,500 members this cut
      // the build's CPU time by about 30% and the member pages' render time by 40%, with byte-identical output.
      staticReact(react({ experimentalDisableStreaming: true })),
      // Before the index: a scope build keeps only the uploads its pages refer to.
      scopedUploads(),
      searchIndex(),
      devSearch(),
      buildTargets,
      boardAddress,
    ],
    build: { format: 'directory' },
    trailingSlash: 'ignore',
    // A separate cache per content tree (tests, benchmarks) keeps builds of different trees from sharing one content store.
    cacheDir: process.env.ASTRO_CACHE_DIR ?? './node_modules/.astro',
    devToolbar: { enabled: false },
    server: { host: '127.0.0.1' },
    // The CMS reaches decap-server only through the dev server's /api/v1 (src/integrations/cmsApi.ts): same origin,
    // content paths only; decap-server itself listens on a private Unix socket.
    // build.assetsInlineLimit 0: no script or stylesheet is inlined into the HTML, whose CSP allows only the site's files.
    // fs.deny: Vite's own list plus the LAN mode's folder (logins, Caddy's certificate authority), private keys and the
    // content folder, whatever URL form asks for it (/content/…?raw, /@id/, /@fs/; Vite matches it ignoring case).
    vite: {
      build: { assetsInlineLimit: 0 },
      server: {
        allowedHosts,
        fs: {
          deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.git/**', '**/.lan/**', `${process.env.CONTENT_DIR.split('\\').join('/')}/**`],
        },
      },
    },
  });
