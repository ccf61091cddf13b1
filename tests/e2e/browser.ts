/**
 * Real Chromium for the e2e tests: one headless Chromium for the whole run (started by globalSetup.ts), to which
 * each test file connects, working in fresh contexts of its own (a fresh profile each: no cookies, storage or cache
 * from another file), and a page wrapper that records what went wrong while a page loaded (console errors,
 * uncaught errors, failed requests, 4xx/5xx answers) and every request that left the test server.
 */
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { browserOptions } from './browserOptions.ts';

export { browserOptions };

/**
 * The run's Chromium (globalSetup.ts), connected to afresh; closing it closes this file's contexts and leaves the
 * browser to the other files. Without the global setup, a Chromium of its own with a fresh profile.
 */
export function launchBrowser(): Promise<Browser> {
  const endpoint = inject('browserEndpoint');
  return endpoint ? chromium.connect(endpoint) : chromium.launch(browserOptions);
}

export interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  /** Sub-resources answered with status >= 400 (the document itself is checked via `goto`'s response). */
  badResponses: string[];
  /** Requests to anything other than the test server (data: and blob: are fine). */
  offSite: string[];
}

const emptyLog = (): PageLog => ({ consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [], offSite: [] });

/** Everything in a log, one line per problem, for failure messages. */
export function describeLog(log: PageLog): string {
  const parts = Object.entries(log).flatMap(([k, v]: [string, string[]]) => v.map((s) => `${k}: ${s}`));
  return parts.length ? parts.join('\n') : '(nothing recorded)';
}

/** A page that records its problems; `goto` starts a fresh log. */
export class TrackedPage {
  log: PageLog = emptyLog();
  private documentUrl = '';
  /** Counts `goto`s; a request belongs to the document that was current when it started. */
  private generation = 0;
  private readonly startedIn = new WeakMap<object, number>();

  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    const origin = new URL(baseUrl).origin;
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const loc = msg.location();
      // Chromium logs the 404 of a document that is meant to be a 404 page; that one is checked via the response.
      if (loc.url === this.documentUrl && /status of 404/.test(msg.text())) return;
      this.log.consoleErrors.push(`${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    });
    page.on('pageerror', (err) => this.log.pageErrors.push(`${err.name}: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A request of the previous document (its favicon, say) that our own navigation cancelled is not this page's failure.
      if (this.startedIn.get(req) !== this.generation) return;
      this.log.failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'failed'}`);
    });
    page.on('request', (req) => {
      this.startedIn.set(req, this.generation);
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      let o: string;
      try {
        o = new URL(url).origin;
      } catch {
        o = url;
      }
      if (o !== origin) this.log.offSite.push(`${req.method()} ${url}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && res.url() !== this.documentUrl) this.log.badResponses.push(`${res.status()} ${res.url()}`);
    });
  }

  /** The absolute URL of a site path (`members/x/` or `/members/x/`). */
  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.baseUrl).href;
  }

  /** Navigates with a fresh log and waits for the load event; returns the document response. */
  async goto(path: string, waitUntil: 'load' | 'networkidle' = 'load'): Promise<Response> {
    this.log = emptyLog();
    this.generation += 1;
    this.documentUrl = this.url(path);
    const res = await this.page.goto(this.documentUrl, { waitUntil });
    if (!res) throw new Error(`no response for ${this.documentUrl}`);
    return res;
  }

  /** Problems other than off-site requests. */
  errors(): string[] {
    const l = this.log;
    return [...l.consoleErrors, ...l.pageErrors, ...l.failedRequests, ...l.badResponses];
  }
}

/** Opens a new tracked page in `context`. */
export async function openPage(context: BrowserContext, baseUrl: string): Promise<TrackedPage> {
  return new TrackedPage(await context.newPage(), baseUrl);
}

/** A new context with a viewport and locale fit for the board. */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...options });
}

/** Resolves when every `[data-chart]` figure on the page has been drawn by chart.js. */
export async function waitForCharts(page: Page): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLElement>('[data-chart]')].every((f) => f.dataset.drawn === 'true'),
    undefined,
    { timeout: 10_000 },
  );
  // chart.js draws in the frame after it is created.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Resolves when the search page has finished a query; returns the status line. */
export async function waitForSearch(page: Page): Promise<string> {
  const loading = '正在搜索';
  await page.waitForFunction(
    (l) => {
      const s = document.querySelector('.search-status')?.textContent ?? '';
      return s !== '' && !s.includes(l);
    },
    loading,
    { timeout: 15_000 },
  );
  return (await page.locator('.search-status').textContent()) ?? '';
}

/**
 * One browser connection and one tracked page on the test site for a whole test file: made before its tests
 * (then `ready` runs, e.g. to open a first page) and closed after them. `scope` 'internal' opens the internal build
 * (SITE_SCOPE=internal) of the same sample instead of the public one.
 * @example let tp: TrackedPage; useTrackedPage((p) => (tp = p));
 */
export function useTrackedPage(
  set: (tp: TrackedPage) => void,
  ready?: (tp: TrackedPage) => Promise<unknown>,
  scope: 'public' | 'internal' = 'public',
): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    const tp = await openPage(await newContext(browser), inject(scope === 'internal' ? 'internalBaseUrl' : 'baseUrl'));
    set(tp);
    await ready?.(tp);
  });
  afterAll(async () => {
    await browser?.close();
  });
}
