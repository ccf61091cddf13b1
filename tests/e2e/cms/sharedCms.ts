/**
 * A CMS test file's side of cmsGlobalSetup.ts: borrow the run's CMS server of a kind, reset to the copy as it
 * first was, and the run's Chromium (each file then makes its own fresh contexts). Run without that setup (another
 * config), a file starts a server and a browser of its own instead, as before.
 * @example
 *   let cms: SharedCms;
 *   beforeAll(async () => { cms = await acquireCms('git'); browser = await cmsBrowser(); });
 *   afterAll(async () => { await browser?.close(); await cms?.release(); });
 */
import { spawnSync } from 'node:child_process';
import { request, type ClientRequest } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';
import { cmsKinds, sharedBrowserArgs, type CmsKind, type CmsLoan } from './cmsKinds.ts';
import { startCms } from './cmsServer.ts';
import { launchCmsBrowser } from './decapUi.ts';

export interface SharedCms extends CmsLoan {
  /** `http://<host>:<astroPort>/admin/` */
  adminUrl(host?: string): string;
  /** git in the copy (git kind); the trimmed output, or an error with git's output. */
  git(...args: string[]): string;
  /** git's exit status alone in the copy (for "does not exist" checks). */
  gitStatus(...args: string[]): number | null;
  /** Gives the server back (after the file's browser is closed: nothing may still be asking it). */
  release(): Promise<void>;
}

function control(): string | undefined {
  return inject('cmsControl') as string | undefined;
}

/** Asks the control server for a kind's server; resolves on the first line, holding the answer open. */
function borrow(url: string): Promise<{ loan: CmsLoan; req: ClientRequest }> {
  return new Promise((ok, fail) => {
    const req = request(url, (res) => {
      let text = '';
      // Letting go closes the connection under the open answer: not an error.
      res.on('error', () => undefined);
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
        if (res.statusCode === 200 && text.includes('\n')) ok({ loan: JSON.parse(text.slice(0, text.indexOf('\n'))) as CmsLoan, req });
      });
      res.on('end', () => fail(new Error(`no CMS server from ${url.replace(/\/[^/]+\/cms\//, '/…/cms/')} (${res.statusCode}):\n${text}`)));
    });
    req.on('error', fail);
    req.end();
  });
}

function handle(loan: CmsLoan, release: () => Promise<void>): SharedCms {
  const git = (args: string[]) => spawnSync('git', args, { cwd: loan.dir, encoding: 'utf8' });
  return {
    ...loan,
    adminUrl: (host = 'localhost') => `http://${host}:${loan.astroPort}/admin/`,
    git: (...args) => {
      const r = git(args);
      if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}) in ${loan.dir}:\n${r.stdout}\n${r.stderr}`);
      return r.stdout.trim();
    },
    gitStatus: (...args) => git(args).status,
    release,
  };
}

/** The run's CMS server of `kind`, reset, held by this file until `release()`. */
export async function acquireCms(kind: CmsKind = 'fs'): Promise<SharedCms> {
  const base = control();
  if (!base) {
    const own = await startCms(cmsKinds[kind]);
    return handle({ dir: own.dir, contentDir: own.contentDir, astroPort: own.astroPort }, () => own.stop());
  }
  const { loan, req } = await borrow(`${base}/cms/${kind}`);
  return handle(loan, async () => {
    req.destroy();
  });
}

/** The run's Chromium (LAN_HOST mapped to 127.0.0.1); `close()` closes this file's contexts and lets go of it. */
export async function cmsBrowser(): Promise<Browser> {
  const base = control();
  if (!base) return launchCmsBrowser(sharedBrowserArgs);
  const res = await fetch(`${base}/browser`);
  if (!res.ok) throw new Error(`no shared browser (${res.status}): ${await res.text()}`);
  const { wsEndpoint } = (await res.json()) as { wsEndpoint: string };
  return chromium.connect(wsEndpoint);
}
