/**
 * The admin bundle is built by its own Vite run (not by Astro), into
 * public/admin/, which Astro serves in dev and copies on build. Decap is
 * ~5 MB; building it apart keeps it out of every site build — it is rebuilt
 * only when the admin code or the lock file changes (src/cli/buildAdmin.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { adminPolicy, withPolicy } from '../src/lib/contentSecurityPolicy.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const policyFile = fileURLToPath(new URL('../src/lib/contentSecurityPolicy.ts', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs, so the admin works under any base path (/admin/ or /gongkai/admin/).
  base: './',
  publicDir: false,
  logLevel: 'warn',
  define: {
    'process.env.NODE_ENV': JSON.stringify('production'),
    global: 'globalThis',
  },
  esbuild: { jsx: 'automatic' },
  plugins: [
    {
      name: 'admin-csp',
      // The policy without a git host (enough for `astro dev`, whose API is same-origin); a site build writes the
      // configured git host into its copy of the page (src/integrations/adminCsp.ts).
      transformIndexHtml: (html) => withPolicy(html, adminPolicy()),
      // Into Rollup's module graph, so the bundle's stamp (src/cli/buildAdmin.ts) hashes the policy too.
      async buildStart() {
        await this.load({ id: policyFile });
      },
    },
  ],
  build: {
    outDir: fileURLToPath(new URL('../public/admin/', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // Decap's own dependencies use eval; nothing to act on here.
        if (warning.code === 'EVAL' || warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
