/**
 * Builds the bundled sample once into a temp dir and serves it on 127.0.0.1.
 * The server starts first (on a free port) and serves the dir lazily, so the
 * build can use SITE=http://127.0.0.1:<port> and the QR codes point at it.
 * Starts the one Chromium the test files connect to (browser.ts).
 */
import { spawn } from 'node:child_process';
import { childEnv } from '../build/buildSite.ts';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { browserOptions } from './browserOptions.ts';
import { startStaticServer } from './staticServer.ts';
import { buildCommand } from '../../src/cli/buildCommand.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the test server plus base, with a trailing slash: `http://127.0.0.1:41234/`. */
    baseUrl: string;
    /** The built site. */
    distDir: string;
    /** The same for the internal build (SITE_SCOPE=internal) of the same sample, served on its own port. */
    internalBaseUrl: string;
    internalDistDir: string;
    /** The WebSocket address of the run's Chromium (chromium.connect). */
    browserEndpoint: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
/** `npm run build`, as package.json runs it (src/cli/buildCommand.ts). */
const [node, ...buildArgs] = buildCommand(root);

function build(outDir: string, site: string, scope: 'public' | 'internal', publicSite = site): Promise<void> {
  return new Promise((ok, fail) => {
    // The bundled sample: no CONTENT_DIR from the caller's shell.
    const { CONTENT_DIR: _ignored, ...inherited } = childEnv();
    // The public pages only: no admin (CMS_BACKEND=none), which the CMS tests run on their own dev server.
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      ASTRO_TELEMETRY_DISABLED: '1',
      ASTRO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'astro-cache-')),
      SITE: site,
      BASE: '/',
      CMS_BACKEND: 'none',
      SITE_SCOPE: scope,
      PUBLIC_SITE: publicSite,
    };
    // Run from a folder of its own (see tests/build/buildSite.ts): Astro's server bundle then never lands in the shared .astro/.
    const work = mkdtempSync(join(tmpdir(), 'e2e-build-'));
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    const child = spawn(node, [...buildArgs, '--root', root, '--outDir', outDir], {
      cwd: work,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`astro build failed (${code}):\n${out.slice(-4000)}`))));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync('/usr/bin/chromium')) {
    throw new Error('浏览器测试需要 Debian 的 Chromium:apt-get update && apt-get install -y chromium fonts-noto-cjk(.ci/run 会自动安装)');
  }
  const started = performance.now();
  const distDir = mkdtempSync(join(tmpdir(), 'e2e-dist-'));
  const internalDistDir = mkdtempSync(join(tmpdir(), 'e2e-internal-'));
  const server = await startStaticServer(distDir);
  const internal = await startStaticServer(internalDistDir);
  const browser = await chromium.launchServer({ ...browserOptions, host: '127.0.0.1' });
  const cleanup = async () => {
    await browser.close();
    await server.close();
    await internal.close();
    if (!process.env.E2E_KEEP_DIST) for (const d of [distDir, internalDistDir]) rmSync(d, { recursive: true, force: true });
  };
  try {
    // One after the other: two Astro builds at once would compete for the machine's two cores and its memory.
    await build(distDir, server.origin, 'public');
    await build(internalDistDir, internal.origin, 'internal', server.origin);
    for (const d of [distDir, internalDistDir])
      if (!existsSync(join(d, 'index.html'))) throw new Error(`build wrote no index.html to ${d}`);
  } catch (e) {
    await cleanup();
    throw e;
  }
  console.log(
    `[e2e] built the sample (public and internal) and serving at ${server.origin}/ and ${internal.origin}/ (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  project.provide('baseUrl', `${server.origin}/`);
  project.provide('distDir', distDir);
  project.provide('internalBaseUrl', `${internal.origin}/`);
  project.provide('internalDistDir', internalDistDir);
  project.provide('browserEndpoint', browser.wsEndpoint());
  return cleanup;
}
