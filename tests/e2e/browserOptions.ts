/** How the e2e tests run Chromium (globalSetup.ts starts it, browser.ts connects to it); no Vitest import, for the global setup. */
import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium, headless, with no background traffic. */
export const browserOptions: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
