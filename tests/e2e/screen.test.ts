/**
 * The display screen (/screen/, /screen/<org>/) in real Chromium: slides rotate, nothing scrolls at the three
 * screen sizes, the figures are the home page's, the page stays up while its server is away and recovers in the
 * same document, a new build makes it reload, axe finds nothing; and the shipped script is ES2018 (old players).
 * The offline and reload cases run against a copy of the built site on a server of their own, which they stop,
 * start and change. The screen's timers (slides, polls, retries, burn-in, dimming) run on Playwright's clock,
 * advanced by the tests, so nothing waits for them in real time; only the requests they make take real time, and
 * the clock stands still until each has settled.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as acorn from 'acorn';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { axeReport, axeViolations } from './axe.ts';
import { describeLog, launchBrowser, newContext, openPage, type TrackedPage } from './browser.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';

const distDir = inject('distDir');
const baseUrl = inject('baseUrl');
const read = (rel: string) => readFileSync(join(distDir, rel), 'utf8');

interface ScreenConfig {
  org: string;
  orgs: Record<string, string>;
  buildUrl: string;
}
const configOf = (html: string): ScreenConfig =>
  JSON.parse(/<script type="application\/json" data-screen-config>([^<]*)<\/script>/.exec(html)![1]) as ScreenConfig;
const slidesOf = (html: string) => [...html.matchAll(/<section[^>]* data-slide="([a-z]+)"/g)].map((m) => m[1]);
const screenHtml = read('screen/index.html');
const slides = slidesOf(screenHtml);
const build = JSON.parse(read('build.json')) as { id: string; builtAt: string; asOf: string };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The requests each page has under way. */
const inFlight = new WeakMap<Page, Set<Request>>();

async function open(viewport = { width: 1920, height: 1080 }, base = baseUrl): Promise<TrackedPage> {
  const tp = await openPage(await newContext(browser, { viewport }), base);
  const pending = new Set<Request>();
  inFlight.set(tp.page, pending);
  tp.page.on('request', (r) => pending.add(r));
  tp.page.on('requestfinished', (r) => pending.delete(r));
  tp.page.on('requestfailed', (r) => pending.delete(r));
  return tp;
}

/** Resolves once every request the page has made has been answered or has failed (real time: the network's). */
async function settled(page: Page): Promise<void> {
  const pending = inFlight.get(page)!;
  for (let waited = 0; pending.size > 0; waited += 10) {
    if (waited > 30_000) throw new Error(`requests still under way: ${[...pending].map((r) => r.url()).join(' ')}`);
    await sleep(10);
  }
}

/**
 * Runs the page's clock (page.clock.install) `step` ms at a time, letting the requests its timers start settle in
 * between, until `done` holds; fails once `limit` ms of page time have passed. Returns the page time that passed.
 */
async function runUntil(page: Page, done: () => Promise<boolean>, { step = 500, limit = 15_000 } = {}): Promise<number> {
  for (let passed = 0; ; passed += step) {
    await settled(page);
    // A check made while the page reloads counts as not yet.
    if (await done().catch(() => false)) return passed;
    if (passed >= limit) throw new Error(`not done after ${limit} ms of page time`);
    await page.clock.runFor(step);
  }
}

/** Puts the page's timers on Playwright's clock, paused: from now on page time passes only by runFor (or runUntil). */
async function pauseClock(page: Page): Promise<void> {
  const now = Date.now();
  await page.clock.install({ time: now });
  await page.clock.pauseAt(now + 1_000);
}

const currentSlide = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-current-slide'));

/** Runs the page's clock until the screen shows a slide other than `from` (within `limit` ms of page time); returns it. */
async function nextSlide(page: Page, from: string | null, limit = 15_000, step = 500): Promise<string> {
  await runUntil(page, async () => (await currentSlide(page)) !== from, { limit, step });
  return (await currentSlide(page))!;
}

describe('the build', () => {
  test('writes /build.json, whose id every screen page carries', () => {
    expect(build.id).toMatch(/^[0-9a-f]{12}$/);
    expect(Number.isNaN(Date.parse(build.builtAt)), build.builtAt).toBe(false);
    expect(screenHtml).toContain(`data-build-id="${build.id}"`);
    const config = configOf(screenHtml);
    const others = Object.entries(config.orgs).filter(([id]) => id !== config.org);
    expect(others.length, 'the sample has branches with screens of their own').toBeGreaterThan(0);
    for (const [id, url] of others) {
      const html = read(`${url.replace(/^\//, '')}index.html`);
      expect(html).toContain(`data-build-id="${build.id}"`);
      expect(configOf(html).org).toBe(id);
    }
  });

  test('writes valid HTML for every screen page (html-validate)', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'no-inline-style': 'off', 'no-raw-characters': 'off' },
    });
    for (const url of Object.values(configOf(screenHtml).orgs)) {
      const rel = `${url.replace(/^\//, '')}index.html`;
      const report = await validator.validateString(read(rel), rel);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${rel} ${m.ruleId}: ${m.message} (${m.line}:${m.column})`))).toEqual([]);
    }
  });

  test('shows only what the public scope shows, in the internal build too', () => {
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
    const internalDir = inject('internalDistDir');
    for (const url of Object.values(configOf(screenHtml).orgs)) {
      const rel = `${url.replace(/^\//, '')}index.html`;
      expect(main(readFileSync(join(internalDir, rel), 'utf8')), rel).toBe(main(read(rel)));
    }
  });

  test('ships the screen script as ES2018, which Chrome 69-class players run', () => {
    const seen = new Set<string>();
    const queue = [...screenHtml.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g)].map((m) => m[1]);
    expect(queue.length, 'the screen page loads a module script').toBeGreaterThan(0);
    while (queue.length) {
      const rel = queue.shift()!;
      if (seen.has(rel)) continue;
      seen.add(rel);
      const src = read(rel);
      expect(() => acorn.parse(src, { ecmaVersion: 2018, sourceType: 'module' }), rel).not.toThrow();
      // Its static imports (shared chunks) ship with it.
      for (const m of src.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) queue.push(join(dirname(rel), m[1]));
    }
    expect([...seen].join(' ')).toMatch(/\.js/);
    // The check can fail: newer syntax is refused at this level.
    expect(() => acorn.parse('a?.b ?? c', { ecmaVersion: 2018 })).toThrow();
    expect(() => acorn.parse('try {} catch {}', { ecmaVersion: 2018 })).toThrow();
  });
});

describe('the screen', () => {
  test('shows the figures of the home page, each in a real table', async () => {
    const tp = await open();
    await tp.goto('');
    const home = await tp.page.evaluate(() => ({
      overall: document.querySelector('[data-testid="overall-rate"]')!.textContent!.trim(),
      byOrg: [...document.querySelectorAll('#by-org tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim())),
      byCategory: [...document.querySelectorAll('#by-category tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim())),
    }));
    await tp.goto('screen/?interval=600');
    const screen = await tp.page.evaluate(() => {
      const rows = (slide: string) =>
        [...document.querySelectorAll(`section[data-slide="${slide}"] table tbody tr`)].map((tr) =>
          [...tr.children].map((c) => c.textContent!.trim()),
        );
      return {
        overall: document.querySelector('[data-testid="screen-overall"]')!.textContent!.trim(),
        byOrg: rows('orgs'),
        byCategory: rows('categories'),
        tables: [...document.querySelectorAll('section[data-slide]')]
          .filter((s) => s.querySelector('table'))
          .map((s) => s.getAttribute('data-slide')),
      };
    });
    expect(screen.overall).toBe(home.overall);
    expect(screen.byOrg).toEqual(home.byOrg);
    expect(screen.byCategory).toEqual(home.byCategory);
    expect(screen.tables).toEqual(expect.arrayContaining(['overall', 'orgs', 'categories']));
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    expect(tp.log.offSite).toEqual([]);
    await tp.page.context().close();
  });

  test('advances its slides by itself (?interval=2), one at a time, in order, round and round', async () => {
    expect(slides.length, 'the sample has several slides').toBeGreaterThan(2);
    const tp = await open();
    await pauseClock(tp.page);
    await tp.goto('screen/?interval=2');
    const seen = [(await currentSlide(tp.page))!];
    for (let i = 0; i < slides.length; i++) {
      // Each slide stays its 2 s of page time, no less.
      await tp.page.clock.runFor(1_900);
      expect(await currentSlide(tp.page)).toBe(seen[seen.length - 1]);
      seen.push(await nextSlide(tp.page, seen[seen.length - 1], 100, 100));
    }
    expect(seen).toEqual([...slides, slides[0]]);
    expect(await tp.page.locator('section[data-slide]:visible').count()).toBe(1);
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    await tp.page.context().close();
  });

  test('?slides= picks and orders slides, ?org= opens that org’s screen', async () => {
    const tp = await open();
    const [a, b] = [slides[2], slides[0]];
    await pauseClock(tp.page);
    await tp.goto(`screen/?interval=2&slides=${a},nope,${b}`);
    expect(await currentSlide(tp.page)).toBe(a);
    expect(await nextSlide(tp.page, a)).toBe(b);
    expect(await nextSlide(tp.page, b)).toBe(a);
    const config = configOf(screenHtml);
    const [org, url] = Object.entries(config.orgs).find(([id]) => id !== config.org)!;
    await tp.goto(`screen/?org=${org}&interval=600`);
    await tp.page.waitForURL((u) => u.pathname === url, { timeout: 15_000 });
    expect(new URL(tp.page.url()).search).toBe('?interval=600');
    expect(await tp.page.evaluate(() => JSON.parse(document.querySelector('[data-screen-config]')!.textContent!).org)).toBe(org);
    await tp.page.context().close();
  });

  test.each([
    [1920, 1080],
    [3840, 2160],
    [1080, 1920],
    [1366, 768],
  ])(
    'has no scrollbar, nothing cut off, large type and no more than a third of the screen empty at %i×%i, on every slide',
    async (width, height) => {
      const tp = await open({ width, height });
      const orgUrl = Object.entries(configOf(screenHtml).orgs).find(([id]) => id !== configOf(screenHtml).org)![1];
      for (const path of ['screen/', orgUrl.replace(/^\//, '')]) {
        for (const slide of slidesOf(read(`${path}index.html`))) {
          await tp.goto(`${path}?interval=600&slides=${slide}`);
          const m = await tp.page.evaluate(() => {
            const root = document.documentElement;
            const s = document.querySelector<HTMLElement>('section.is-current')!;
            const cell = s.querySelector('td, p')!;
            // How much of the screen's height lies under the slide's lowest visible content, empty.
            const box = s.getBoundingClientRect();
            let bottom = box.top;
            for (const el of s.querySelectorAll<HTMLElement>('*')) {
              const r = el.getBoundingClientRect();
              if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') bottom = Math.max(bottom, r.bottom);
            }
            // Anything that reaches past the slide's edges is cut off by it.
            const cut = [...s.querySelectorAll<HTMLElement>('*')].filter((el) => {
              const r = el.getBoundingClientRect();
              return r.width > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1);
            }).length;
            return {
              slide: s.getAttribute('data-slide'),
              empty: Math.round(((box.bottom - bottom) / window.innerHeight) * 100) / 100,
              cut,
              page: [root.scrollWidth, root.scrollHeight, document.body.scrollWidth, document.body.scrollHeight],
              box: [s.scrollWidth, s.clientWidth, s.scrollHeight, s.clientHeight],
              font: parseFloat(getComputedStyle(cell).fontSize),
            };
          });
          const where = `${path} ${slide} at ${width}×${height}: ${JSON.stringify(m)}`;
          expect(m.slide, where).toBe(slide);
          expect(Math.max(m.page[0], m.page[2]), where).toBeLessThanOrEqual(width);
          expect(Math.max(m.page[1], m.page[3]), where).toBeLessThanOrEqual(height);
          expect(m.box[0], where).toBeLessThanOrEqual(m.box[1] + 1);
          expect(m.box[2], where).toBeLessThanOrEqual(m.box[3] + 1);
          // Readable across a corridor: body text at least 2% of the screen's shorter side (22 px on a 1080p screen).
          expect(m.font, where).toBeGreaterThanOrEqual(Math.min(width, height) * 0.02);
          expect(m.cut, where).toBe(0);
          expect(m.empty, where).toBeLessThanOrEqual(0.34);
        }
      }
      // Going from slide to slide quickly cancels the previous page's favicon: that is our doing, not the page's.
      expect(
        tp.errors().filter((e) => !/ERR_ABORTED/.test(e)),
        describeLog(tp.log),
      ).toEqual([]);
      await tp.page.context().close();
    },
  );

  test('shifts the picture by a few pixels every few minutes against burn-in', async () => {
    const tp = await open();
    await tp.page.clock.install();
    await tp.goto('screen/?interval=600');
    const shift = () =>
      tp.page.evaluate(() => {
        const m = /translate\((-?\d+)px, (-?\d+)px\)/.exec(document.querySelector<HTMLElement>('[data-screen]')!.style.transform);
        return m ? [Number(m[1]), Number(m[2])] : [0, 0];
      });
    expect(await shift()).toEqual([0, 0]);
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      await tp.page.clock.runFor('03:00');
      const s = await shift();
      expect(Math.max(...s.map(Math.abs)), String(s)).toBeLessThanOrEqual(4);
      seen.add(String(s));
    }
    expect(seen.size, [...seen].join(' ')).toBeGreaterThan(2);
    await tp.page.context().close();
  });

  test('has no WCAG 2.2 A/AA violation that axe-core can find, on any slide', async () => {
    const tp = await open();
    for (const slide of slides) {
      await tp.goto(`screen/?interval=600&slides=${slide}`);
      const violations = await axeViolations(tp.page);
      expect(violations, `axe on slide ${slide}:\n${axeReport(violations)}`).toEqual([]);
    }
    await tp.page.context().close();
  });
});

describe('the screen and its server', () => {
  let dir: string;
  let server: StaticServer | undefined;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'screen-dist-'));
    cpSync(distDir, dir, { recursive: true });
    server = await startStaticServer(dir);
    port = server.port;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const stop = async () => {
    await server?.close();
    server = undefined;
  };
  const start = async () => {
    server = await startStaticServer(dir, port);
  };

  test('keeps its content while the server is away, says so discreetly, and recovers in the same document', async () => {
    const tp = await open({ width: 1920, height: 1080 }, `http://127.0.0.1:${port}/`);
    await pauseClock(tp.page);
    await tp.goto('screen/?interval=2&poll=3');
    await tp.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const note = tp.page.locator('[data-offline-note]');
    expect(await note.isVisible()).toBe(false);
    const pageNow = () => tp.page.evaluate(() => Date.now());
    const offline = () => tp.page.evaluate(() => document.documentElement.getAttribute('data-offline'));
    await stop();
    const stopped = await pageNow();
    await runUntil(tp.page, async () => (await offline()) === 'true', { limit: 30_000 });
    expect(await note.isVisible()).toBe(true);
    // When it last reached the server (its last good poll, at most one poll interval, 3 s, before the server
    // stopped, in the page's clock) beside the data's cut-off date.
    const stamps = await tp.page.evaluate((at) => {
      const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
      return [hhmm(new Date(at)), hhmm(new Date(at - 3_000))];
    }, stopped);
    const said = (await note.textContent()) ?? '';
    expect(said).toMatch(new RegExp(`^离线 · 最后联系服务器 \\d{2}:\\d{2} · 数据截止 ${build.asOf}$`));
    expect(stamps).toContain(/(\d{2}:\d{2})/.exec(said)?.[1]);
    // Still showing, still rotating.
    const shown = (await currentSlide(tp.page))!;
    await nextSlide(tp.page, shown);
    expect((await tp.page.locator('section.is-current').innerText()).length).toBeGreaterThan(2);
    // Away for 20 s of page time in all.
    // In steps, each letting the page's failed polls settle, so its retries are scheduled and fire as in real time.
    for (let away = (await pageNow()) - stopped; away < 20_000; away = (await pageNow()) - stopped) {
      await tp.page.clock.runFor(Math.min(500, 20_000 - away));
      await settled(tp.page);
    }
    expect(await offline()).toBe('true');
    await start();
    await runUntil(tp.page, async () => (await offline()) === null, { limit: 90_000 });
    expect(await note.isVisible()).toBe(false);
    expect(await tp.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'recovered without a reload').toBe(
      true,
    );
    await tp.page.context().close();
  });

  test("dims itself in site.json's night window, and only then", async () => {
    // A screen page whose site.json says 22:00–06:30 (the sample sets no window).
    const html = read('screen/index.html');
    expect(html).toContain('"settings":{');
    mkdirSync(join(dir, 'screen-night'), { recursive: true });
    writeFileSync(
      join(dir, 'screen-night/index.html'),
      html.replace(/"settings":\{[^}]*\}/, '"settings":{"dimFrom":"22:00","dimTo":"06:30"}'),
    );
    const tp = await open({ width: 1920, height: 1080 }, `http://127.0.0.1:${port}/`);
    await tp.page.clock.install({ time: new Date(2026, 0, 5, 21, 58) });
    await tp.goto('screen-night/?interval=600');
    const dim = () =>
      tp.page.evaluate(() => [
        document.documentElement.getAttribute('data-dim'),
        getComputedStyle(document.querySelector('[data-screen]')!).filter,
      ]);
    expect(await dim()).toEqual(['false', 'none']);
    await tp.page.clock.runFor('03:00');
    const [state, filter] = await dim();
    expect(state).toBe('true');
    expect(filter).toMatch(/brightness/);
    await tp.page.clock.runFor('08:30:00');
    expect((await dim())[0]).toBe('false');
    await tp.page.context().close();
  });

  test('does not reload onto an error page: a new build it cannot fetch leaves the current page showing', async () => {
    const tp = await open({ width: 1920, height: 1080 }, `http://127.0.0.1:${port}/`);
    await pauseClock(tp.page);
    await tp.goto('screen/?interval=2&poll=2');
    await tp.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    // The page itself cannot be reached (its build.json can): the screen's fetch of the new page fails.
    let refused = 0;
    await tp.page.route(/\/screen\/\?.*_=/, (route) => {
      refused += 1;
      return route.abort('connectionrefused');
    });
    // A whole new build is out: build.json and the page both carry its id, so only the failed fetch keeps the screen here.
    const newId = build.id === 'abcabcabcabc' ? 'defdefdefdef' : 'abcabcabcabc';
    const page = join(dir, 'screen/index.html');
    const old = readFileSync(page, 'utf8');
    writeFileSync(page, old.replace(`data-build-id="${build.id}"`, `data-build-id="${newId}"`));
    writeFileSync(join(dir, 'build.json'), JSON.stringify({ ...build, id: newId }));
    await runUntil(tp.page, async () => refused >= 2, { limit: 30_000 });
    expect(refused).toBeGreaterThanOrEqual(2);
    await nextSlide(tp.page, await currentSlide(tp.page));
    expect(await tp.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'still the same page').toBe(true);
    expect((await tp.page.locator('section.is-current').innerText()).length).toBeGreaterThan(2);
    expect(new URL(tp.page.url()).pathname).toBe('/screen/');
    await tp.page.context().close();
    writeFileSync(page, old);
    writeFileSync(join(dir, 'build.json'), JSON.stringify(build));
  });

  test('reloads when a new build is out (?poll=3), once that page can be fetched, and not before', async () => {
    const tp = await open({ width: 1920, height: 1080 }, `http://127.0.0.1:${port}/`);
    await pauseClock(tp.page);
    await tp.goto('screen/?interval=2&poll=3');
    await tp.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    const polls: string[] = [];
    tp.page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/build.json') polls.push(r.url());
    });
    const newId = build.id === 'f00f00f00f00' ? 'baabaabaabaa' : 'f00f00f00f00';
    // First only build.json changes (a half-copied deploy): the screen sees it but the page it would load is the old one.
    writeFileSync(join(dir, 'build.json'), JSON.stringify({ ...build, id: newId }));
    const before = polls.length;
    await runUntil(tp.page, async () => polls.length >= before + 2, { limit: 30_000 });
    expect(polls.length).toBeGreaterThanOrEqual(before + 2);
    await nextSlide(tp.page, await currentSlide(tp.page));
    await nextSlide(tp.page, await currentSlide(tp.page));
    expect(
      await tp.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
      'no reload onto the old page',
    ).toBe(true);
    // Then the new page is there too: the screen reloads into it.
    const page = join(dir, 'screen/index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace(`data-build-id="${build.id}"`, `data-build-id="${newId}"`));
    const reloaded = () =>
      tp.page.evaluate(
        (id) =>
          document.documentElement.getAttribute('data-build-id') === id && !(window as unknown as { sameDocument?: boolean }).sameDocument,
        newId,
      );
    await runUntil(tp.page, reloaded, { limit: 60_000 });
    expect(await reloaded()).toBe(true);
    expect(new URL(tp.page.url()).search).toBe('?interval=2&poll=3');
    await tp.page.context().close();
  });
});
