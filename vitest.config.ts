import { defineConfig } from 'vitest/config';

// Three tiers: unit (pure logic, fast), build (runs the real astro build), e2e (real Chromium against the built site).
export default defineConfig({
  test: {
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
          fileParallelism: false,
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
          fileParallelism: false,
          // cmsGlobalSetup: the CMS servers and the Chromium the CMS tests share, started on first use (tests/e2e/cms/sharedCms.ts).
          globalSetup: ['tests/build/siteCacheSetup.ts', 'tests/e2e/globalSetup.ts', 'tests/e2e/cms/cmsGlobalSetup.ts'],
        },
      },
    ],
  },
});
