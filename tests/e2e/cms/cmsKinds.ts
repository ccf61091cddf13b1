/**
 * The kinds of CMS server the browser tests share (cmsGlobalSetup.ts starts each at most once per run, sharedCms.ts
 * hands it to a test file), and the one browser they share.
 */
import type { CmsOptions } from './cmsServer.ts';

/** The LAN name lan.test opens the admin with; the shared Chromium maps it to 127.0.0.1. */
export const LAN_HOST = 'lan.test';

/**
 * - `fs`: as `npm start` runs it (decap-server in file mode, simple publishing);
 * - `git`: decap-server in git mode on a git copy (the editorial workflow, as CMS_MODE=git);
 * - `lan`: file mode, with LAN_HOST allowed (CMS_ALLOWED_HOSTS), opened over plain http.
 */
export type CmsKind = 'fs' | 'git' | 'lan';

export const cmsKinds: Record<CmsKind, CmsOptions> = {
  fs: {},
  git: { mode: 'git' },
  lan: { lanHost: LAN_HOST },
};

/** Extra flags of the shared Chromium: LAN_HOST resolves to this machine (lan.test.ts, lanHttps.test.ts). */
export const sharedBrowserArgs = [`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`];

/** What a test file is told of the server it is lent. */
export interface CmsLoan {
  dir: string;
  contentDir: string;
  astroPort: number;
}
