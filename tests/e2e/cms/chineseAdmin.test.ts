/**
 * A look at the admin, screen by screen, as a secretary sees it: no English word and no pinyin id where a name
 * belongs — in the visible text, in what screen readers announce (aria-label, title, alt, placeholder) and in the
 * preview pane. Screens: the login page, every collection's list, an existing entry and a new entry of every
 * collection.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Frame, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acquireCms, cmsBrowser, type SharedCms } from './sharedCms.ts';
import { DecapUi, record, type Recorder } from './decapUi.ts';

/** Latin words of three letters or more: English words and pinyin ids alike. */
const LATIN = /[A-Za-z][A-Za-z-]{2,}/g;

/** What a screen shows and announces (inputs' values are what the files hold, so they are left out). */
async function wordsOf(target: Page | Frame): Promise<string[]> {
  return target.evaluate(() => {
    const visible = (el: Element) => {
      const r = (el as HTMLElement).getBoundingClientRect?.();
      const style = getComputedStyle(el);
      return r && r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const out: string[] = [document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
      if (!visible(el)) continue;
      for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/**
 * Latin words that belong: e-mail addresses typed into the content, the examples of an id's form in the hint
 * of the id fields (编号：只能用小写字母、数字和连字符，如 zhang-san), and web addresses (the board's own, 公开栏网址).
 */
const ALLOWED = [/\S+@\S+/g, /如 [a-z0-9-]+；/g, /https?:\/\/[\x21-\x7e]+/g];

/** Each Latin word found, with a little of the text around it (to find it on the screen). */
function english(texts: string[]): string[] {
  const found = new Set<string>();
  for (const raw of texts) {
    const t = ALLOWED.reduce((x, re) => x.replace(re, ' '), raw);
    for (const m of t.matchAll(LATIN))
      found.add(`${m[0]} ← “${t.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12).replace(/\s+/g, ' ')}”`);
  }
  return [...found];
}

const collections: [name: string, existing: string][] = [
  ['pledges', '2025/bai-yulan-service'],
  ['org-pledges', '2025/tuixiu-service-1'],
  ['members', 'bai-yulan'],
  ['checks', '2025/jiaoshi-er-q1'],
  ['bulletins', '2025/jiaoshi-er-h1'],
  ['reviews', '2025/cao-lin-h1'],
  ['evaluations', '2025/jiaoshi-er'],
  ['commendations', '2025/chen-hui'],
  ['orgs', 'jiaoshi-er'],
  ['rounds', '2025'],
];

describe.sequential('the admin speaks Chinese and shows names', () => {
  let cms: SharedCms;
  let browser: Browser;
  let context: BrowserContext;
  let rec: Recorder;

  beforeAll(async () => {
    cms = await acquireCms();
    browser = await cmsBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    // The pages' timers run on Playwright's clock (time flows as usual), so a screen's next second can be run at once.
    await context.clock.install();
    rec = record(context);
  });

  afterAll(async () => {
    await browser?.close();
    await cms?.release();
  });

  /** The admin, loaded once (after the login test) and moved from screen to screen (DecapUi.navigate). */
  let admin: Page | undefined;
  /** Requests the admin's page has started and not yet finished. */
  const pending = new Set<Request>();

  async function adminPage(): Promise<Page> {
    if (admin) return admin;
    const page = await context.newPage();
    // Leaving a new entry's form (already changed by its defaults) asks to confirm.
    page.on('dialog', (d) => void d.accept());
    page.on('request', (r) => pending.add(r));
    page.on('requestfinished', (r) => pending.delete(r));
    page.on('requestfailed', (r) => pending.delete(r));
    await page.goto(cms.adminUrl());
    await new DecapUi(page).collectionLink('党员').waitFor({ timeout: 30_000 });
    admin = page;
    return page;
  }

  /**
   * Lets a screen's lazy parts (relation lists, previews) settle: what the page's timers do in the next second is run
   * at once, then every request the page has started is waited for.
   */
  async function settle(page: Page): Promise<void> {
    await page.clock.runFor(1000);
    await expect.poll(() => pending.size, { timeout: 30_000, interval: 50 }).toBe(0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  async function screen(path: string, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
    const page = await adminPage();
    await new DecapUi(page).navigate(path);
    await ready(page);
    await settle(page);
    const words = await wordsOf(page);
    for (const f of page.frames()) if (f !== page.mainFrame()) words.push(...(await wordsOf(f).catch(() => [])));
    return english(words);
  }

  test('the login page names the board, in Chinese', async () => {
    const page = await context.newPage();
    await page.goto(cms.adminUrl());
    await page.getByRole('heading', { name: /青山市实验中学党总支/ }).waitFor();
    expect(english(await wordsOf(page))).toEqual([]);
    await new DecapUi(page).login();
    await page.close();
  });

  test.each(collections)('%s: the list, an existing entry and a new entry', async (name, slug) => {
    const editor = (page: Page) => page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 30_000 });
    const list = await screen(`#/collections/${name}`, (page) =>
      page.locator(`a[href*="/collections/${name}/entries/"]`).first().waitFor({ timeout: 30_000 }),
    );
    const existing = await screen(`#/collections/${name}/entries/${slug}`, editor);
    const fresh = await screen(`#/collections/${name}/new`, editor);
    expect({ list, existing, fresh }).toEqual({ list: [], existing: [], fresh: [] });
  });

  test('the admin’s own controls (pickers by name, rounds, dates, file ids) have no WCAG 2.2 A/AA violation axe can find', async () => {
    const axePath = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url));
    const found: string[] = [];
    const page = await adminPage();
    // As source, not an added <script>: the admin's Content-Security-Policy refuses inline scripts. Once: the admin
    // stays loaded from one screen to the next.
    await page.evaluate(readFileSync(axePath, 'utf8'));
    for (const path of [
      '#/collections/pledges/entries/2025/cao-lin-study',
      '#/collections/reviews/new',
      '#/collections/members/new',
      '#/collections/checks/entries/2025/jiaoshi-er-q1',
    ]) {
      await new DecapUi(page).navigate(path);
      await page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 30_000 });
      await page.locator('[data-pb-widget]').first().waitFor();
      const r = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
        };
        const n = document.querySelectorAll('[data-pb-widget]').length;
        const res = await w.axe.run(
          { include: [['[data-pb-widget]']] },
          { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] },
        );
        return { n, violations: res.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`) };
      });
      expect(r.n, path).toBeGreaterThan(0);
      found.push(...r.violations.map((v) => `${path} ${v}`));
    }
    expect(found).toEqual([]);
  });

  test('site settings', async () => {
    expect(
      await screen('#/collections/site/entries/site', (page) => page.getByText(/正在“.+”栏目中编写/).waitFor({ timeout: 30_000 })),
    ).toEqual([]);
    expect(rec.pageErrors).toEqual([]);
  });
});
