/**
 * One CMS server per kind (cmsKinds.ts) and one Chromium for the whole run, instead of one of each per test file:
 * started on first request (a run without CMS tests starts nothing), and each server put back as it was
 * (copyState.ts) before it is lent to the next file, so files stay independent.
 *
 * The test files ask over a small HTTP server on 127.0.0.1 (an address with a secret path, provided as
 * `cmsControl`): `GET <control>/cms/<kind>` waits until no other file holds that server, resets it and answers
 * one JSON line, then keeps the answer open for as long as the file holds the server — the file lets go by closing
 * it, or by ending (sharedCms.ts). `GET <control>/browser` answers the shared Chromium's WebSocket address.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startCms, type CmsServer } from './cmsServer.ts';
import { cmsKinds, sharedBrowserArgs, type CmsKind, type CmsLoan } from './cmsKinds.ts';
import { resetGitRepo, restoreState, takeState, type CopyState } from './copyState.ts';
import { cmsBrowserOptions } from './decapUi.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>/<secret>`: where a CMS test file borrows a shared server or the browser. */
    cmsControl: string;
  }
}

interface Shared {
  cms: CmsServer;
  state: CopyState;
  /** git kind: the copy's first commit. */
  commit?: string;
}

async function start(kind: CmsKind): Promise<Shared> {
  const cms = await startCms(cmsKinds[kind]);
  // As the first file sees it: after the dev server has started (and written what it writes at start).
  return { cms, state: takeState(cms.dir), commit: kind === 'git' ? cms.git('rev-parse', 'HEAD') : undefined };
}

function reset(s: Shared): void {
  if (s.commit) resetGitRepo(s.cms.dir, s.commit);
  restoreState(s.cms.dir, s.state);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const secret = randomUUID();
  const servers = new Map<CmsKind, Promise<Shared>>();
  /** Per kind, resolves when the file holding that server lets go. */
  const queues = new Map<CmsKind, Promise<void>>();
  let browser: Promise<BrowserServer> | undefined;

  /** Waits for the server of `kind` to be free; resolves with the function that frees it again. */
  function lease(kind: CmsKind): Promise<() => void> {
    const before = queues.get(kind) ?? Promise.resolve();
    let free!: () => void;
    const mine = new Promise<void>((r) => (free = r));
    queues.set(
      kind,
      before.then(() => mine),
    );
    return before.then(() => free);
  }

  /** The running server of `kind`, started now if it is not (or no longer) running. */
  async function server(kind: CmsKind): Promise<Shared> {
    const running = servers.get(kind);
    if (running) {
      const s = await running.catch(() => undefined);
      if (s && !s.cms.exited()) return s;
      if (s) await s.cms.stop();
    }
    const started = start(kind);
    servers.set(kind, started);
    return started;
  }

  async function browserServer(): Promise<BrowserServer> {
    const b = await browser?.catch(() => undefined);
    if (b && b.process().exitCode === null && b.process().signalCode === null) return b;
    browser = chromium.launchServer({ ...cmsBrowserOptions(sharedBrowserArgs), host: '127.0.0.1' });
    return browser;
  }

  async function lend(kind: CmsKind, res: ServerResponse): Promise<void> {
    const free = await lease(kind);
    if (res.destroyed) return free();
    res.once('close', free);
    try {
      const s = await server(kind);
      reset(s);
      const loan: CmsLoan = { dir: s.cms.dir, contentDir: s.cms.contentDir, astroPort: s.cms.astroPort };
      res.writeHead(200, { 'content-type': 'application/x-ndjson' }).write(`${JSON.stringify(loan)}\n`);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end((e as Error).stack ?? String(e));
    }
  }

  const control = createServer((req, res) => {
    const path = (req.url ?? '').split('/').filter(Boolean);
    if (path[0] !== secret) return void res.writeHead(404).end();
    if (path[1] === 'cms' && path[2] && Object.hasOwn(cmsKinds, path[2])) return void lend(path[2] as CmsKind, res);
    if (path[1] === 'browser' && path.length === 2) {
      browserServer().then(
        (b) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ wsEndpoint: b.wsEndpoint() })),
        (e: Error) => res.writeHead(500).end(e.stack ?? String(e)),
      );
      return;
    }
    res.writeHead(404).end();
  });
  // Port 0: the system picks a free one, so nothing is assumed free.
  await new Promise<void>((ok) => control.listen(0, '127.0.0.1', ok));
  project.provide('cmsControl', `http://127.0.0.1:${(control.address() as AddressInfo).port}/${secret}`);

  return async () => {
    control.closeAllConnections();
    await new Promise((done) => control.close(done));
    const started = await Promise.all([...servers.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(started.map((s) => s?.cms.stop()));
    await (await browser?.catch(() => undefined))?.close();
  };
}
