import { defineConfig } from 'vitest/config';

// Three tiers: unit (pure logic, fast), build (runs the real astro build), e2e (real Chromium against the built site).
export default defineConfig({
  test: {
    // Vitest takes one worker less than the cores, one on 2 cores: two let unit files, and build files, run two at a time.
    maxWorkers: 2,
    projects: [
      // Some unit tests run a CLI (tsx start-up): a busy machine can take seconds, so they get room rather than flake.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // Two builds at once: a build keeps about one and a half cores busy, and the shared builds (tests/build/sites.ts)
          // are made once under a lock whichever file asks first.
          fileParallelism: true,
          globalSetup: ['tests/build/siteCacheSetup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Two files at a time: they share one Chromium and the site builds, and a CMS file waits for its kind of
          // server while another file holds it (tests/e2e/cms/sharedCms.ts).
          fileParallelism: true,
          // cmsGlobalSetup: the CMS servers and the Chromium the CMS tests share, started on first use (tests/e2e/cms/sharedCms.ts).
          globalSetup: ['tests/build/siteCacheSetup.ts', 'tests/e2e/globalSetup.ts', 'tests/e2e/cms/cmsGlobalSetup.ts'],
        },
      },
    ],
  },
});
