/**
 * Global setup of the build and e2e tiers: one folder for the run's shared site builds (tests/build/sites.ts),
 * named to every worker through the environment, and removed when the run ends. Both tiers list it; in a run of
 * both, the first to start makes the folder and the other finds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITE_CACHE_ENV } from './sites.ts';

const OWNER = `${SITE_CACHE_ENV}_PID`;

export default function setup(): (() => void) | undefined {
  // Made by this run's other tier (a folder named by the caller's shell would outlive the run, and its builds the sources).
  if (process.env[SITE_CACHE_ENV] && process.env[OWNER] === String(process.pid)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'site-cache-'));
  process.env[SITE_CACHE_ENV] = dir;
  process.env[OWNER] = String(process.pid);
  return () => {
    delete process.env[SITE_CACHE_ENV];
    delete process.env[OWNER];
    if (!process.env.E2E_KEEP_DIST) rmSync(dir, { recursive: true, force: true });
  };
}
