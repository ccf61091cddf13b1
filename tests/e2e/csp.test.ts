/**
 * The Content-Security-Policy in real Chromium: every page type of the built
 * site carries the board's policy first in its head, runs no inline script
 * and no event handler attribute, and still draws its charts and finds search
 * results with nothing refused; the admin reaches its login screen and its
 * collections under its own policy, in `astro dev` (as `npm start` runs it) and
 * as a production build writes it (with the git host in connect-src).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { adminPolicy, sitePolicy } from '../../src/lib/contentSecurityPolicy.ts';
import { builtSite, variants, withAdmin } from '../build/sites.ts';
import { launchBrowser, newContext, openPage, waitForCharts, waitForSearch, type TrackedPage } from './browser.ts';
import { acquireCms, type SharedCms } from './cms/sharedCms.ts';
import { DecapUi } from './cms/decapUi.ts';
import { pageTypes } from './pages.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';

/**
 * A context whose pages record every `securitypolicyviolation` event from their first script on (an init script
 * runs before the page's own and is not subject to its policy).
 */
async function watchedContext(browser: Browser): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.cspViolations.push(
        `${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}${e.sample ? ` “${e.sample}”` : ''}`,
      );
    });
  });
  return context;
}

/** The violations recorded so far on the page, and the console's complaints about the policy. */
async function refusals(page: Page, consoleErrors: string[]): Promise<string[]> {
  const events = await page.evaluate(
    () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? ['(the recorder did not run)'],
  );
  return [...events, ...consoleErrors.filter((m) => /Content Security Policy/i.test(m))];
}

interface Markup {
  /** The policy of the CSP meta, or null. */
  policy: string | null;
  /** Scripts, stylesheets and styles that come before the meta (the policy would not cover them). */
  beforeMeta: string[];
  /** Scripts without src that a browser would run. */
  inlineScripts: string[];
  /** Elements with an on… attribute. */
  handlers: string[];
}

/** What the page's markup (as it stands now, script-made parts included) holds that the policy is about. */
function markupOf(page: Page): Promise<Markup> {
  return page.evaluate(() => {
    const meta = document.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy" i]');
    const covered = 'script, style, link[rel~="stylesheet"], link[rel~="modulepreload"]';
    const beforeMeta = meta
      ? [...document.querySelectorAll(covered)]
          .filter((el) => el.compareDocumentPosition(meta) & Node.DOCUMENT_POSITION_FOLLOWING)
          .map((el) => el.outerHTML.slice(0, 120))
      : [];
    // Data blocks are not run, so the policy does not apply to them (a chart's numbers).
    const data = new Set(['application/json', 'application/ld+json']);
    const inlineScripts = [...document.scripts]
      .filter((s) => !s.src && !data.has(s.type.toLowerCase()))
      .map((s) => s.outerHTML.slice(0, 120));
    const handlers = [...document.querySelectorAll('*')]
      .filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')))
      .map((el) => el.outerHTML.slice(0, 120));
    return { policy: meta?.content ?? null, beforeMeta, inlineScripts, handlers };
  });
}

/** True when the canvas has a painted pixel (chart.js drew into it). */
function painted(page: Page): Promise<boolean[]> {
  return page.locator('[data-chart] canvas').evaluateAll((canvases) =>
    canvases.map((c) => {
      const canvas = c as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
      return false;
    }),
  );
}

describe('the public pages under their policy', () => {
  let browser: Browser;
  let tp: TrackedPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    tp = await openPage(await watchedContext(browser), inject('baseUrl'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(pageTypes)('the $name (/$path) carries the policy first in its head, with no inline script or handler', async (pt) => {
    const res = await tp.goto(pt.path);
    expect(res.status()).toBe(pt.status ?? 200);
    if (pt.search) await waitForSearch(tp.page);
    await tp.page.waitForLoadState('networkidle');
    const markup = await markupOf(tp.page);
    expect(markup.policy).toBe(sitePolicy());
    expect(markup.policy).toContain("script-src 'self'");
    expect(markup).toMatchObject({ beforeMeta: [], inlineScripts: [], handlers: [] });
    expect(await refusals(tp.page, tp.log.consoleErrors)).toEqual([]);
    expect(tp.log.pageErrors).toEqual([]);
  });

  test.each(pageTypes.filter((pt) => pt.charts))('the $name (/$path) draws its charts with nothing refused', async (pt) => {
    await tp.goto(pt.path);
    await waitForCharts(tp.page);
    const drawn = await painted(tp.page);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every(Boolean), `painted canvases: ${drawn.join(', ')}`).toBe(true);
    // The flag set by the blocking js-on.js file shows the chart boxes.
    expect(await tp.page.evaluate(() => document.documentElement.dataset.js)).toBe('on');
    expect(await refusals(tp.page, tp.log.consoleErrors)).toEqual([]);
  });

  test('search finds results for a query typed into the box, with nothing refused', async () => {
    await tp.goto('search/');
    const box = tp.page.locator('form[role="search"] input#q');
    await box.fill('陈慧');
    await box.press('Enter');
    await tp.page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '陈慧');
    expect(await waitForSearch(tp.page)).toMatch(/找到 \d+ 条结果/);
    const hrefs = await tp.page
      .locator('ol.results li a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain('/members/chen-hui/');
    await tp.page.waitForLoadState('networkidle');
    expect((await markupOf(tp.page)).handlers).toEqual([]);
    expect(await refusals(tp.page, tp.log.consoleErrors)).toEqual([]);
  });

  test('the policy is enforced and its refusals are seen: an injected inline script and handler do not run', async () => {
    await tp.goto('');
    await tp.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = "window.injected = 'script'";
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', "window.injected = 'handler'");
      // A listener (not an attribute) is allowed to run: it says when the handler attribute has had its turn.
      const failed = new Promise((r) => img.addEventListener('error', r));
      img.src = 'data:,not-an-image';
      document.body.append(img);
      await failed;
    });
    // Violation events are dispatched as tasks of their own: wait for both to arrive.
    await tp.page.waitForFunction(
      () => {
        const seen = (window as unknown as { cspViolations: string[] }).cspViolations;
        return ['script-src-elem', 'script-src-attr'].every((d) => seen.some((v) => v.startsWith(`${d} refused inline`)));
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(await tp.page.evaluate(() => (window as unknown as { injected?: string }).injected ?? null)).toBeNull();
  });
});

/** Opens the admin and waits for its login button (the first screen Decap draws once its config is read). */
async function openAdmin(context: BrowserContext, url: string): Promise<{ page: Page; consoleErrors: string[] }> {
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(`${e.name}: ${e.message}`));
  await page.goto(url);
  await page.getByRole('button', { name: /登录/ }).first().waitFor({ timeout: 60_000 });
  return { page, consoleErrors };
}

describe('the admin and the public pages in astro dev (npm start)', () => {
  let cms: SharedCms;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    // The run's file-mode CMS server, as `npm start` runs it (tests/e2e/cms/sharedCms.ts): nothing here writes.
    cms = await acquireCms('fs');
    browser = await launchBrowser();
    context = await watchedContext(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await cms?.release();
  });

  test('the admin reaches its login screen and its collections with nothing refused', async () => {
    const { page, consoleErrors } = await openAdmin(context, cms.adminUrl());
    expect((await markupOf(page)).policy).toBe(adminPolicy());
    const ui = new DecapUi(page);
    await ui.login();
    await ui.openCollection('承诺事项');
    await page.locator('a[href*="/collections/pledges/entries/"]').first().waitFor({ timeout: 30_000 });
    expect(await refusals(page, consoleErrors)).toEqual([]);
  });

  test('a public page carries the dev policy and draws its charts with nothing refused', async () => {
    const tp = await openPage(context, `http://localhost:${cms.astroPort}/`);
    await tp.goto('stats/');
    await waitForCharts(tp.page);
    expect((await painted(tp.page)).every(Boolean)).toBe(true);
    const markup = await markupOf(tp.page);
    expect(markup.policy).toBe(sitePolicy({ dev: true }));
    expect(markup).toMatchObject({ beforeMeta: [], handlers: [] });
    expect(await refusals(tp.page, tp.log.consoleErrors)).toEqual([]);
  });
});

describe('the admin as a production build writes it', () => {
  const gitHost = 'https://git.school.example';
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    // The run's shared build of the sample with a Forgejo backend (tests/build/sites.ts; tests/build/publicSite.test.ts
    // reads it too), whose address is on loopback http, which the admin's login accepts besides https.
    const r = builtSite(variants.sampleAdmin);
    expect(r.code, r.out.slice(-4000)).toBe(0);
    expect(withAdmin.CMS_BASE_URL).toBe(gitHost);
    server = await startStaticServer(r.outDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('names the git host in connect-src and reaches the login screen with nothing refused', async () => {
    const { page, consoleErrors } = await openAdmin(await watchedContext(browser), `${server.origin}/admin/`);
    const { policy } = await markupOf(page);
    expect(policy).toBe(adminPolicy([gitHost]));
    expect(policy).toContain(`connect-src 'self' ${gitHost}`);
    expect(await refusals(page, consoleErrors)).toEqual([]);
  });
});
