/**
 * The admin bundle is built by its own Vite run (not by Astro), into
 * public/admin/, which Astro serves in dev and copies on build. Decap is
 * ~5 MB; building it apart keeps it out of every site build — it is rebuilt
 * only when the admin code or the lock file changes (src/cli/buildAdmin.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

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
