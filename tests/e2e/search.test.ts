/**
 * The offline search (Pagefind, custom UI): real Chinese queries from the
 * sample content find the right pages, typed into the box like a visitor would,
 * in the built site and under the dev server (`npm start`), whose index
 * src/integrations/devSearch.ts builds on first use.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { t } from '../../src/i18n/t.ts';
import { killGroup, spawnGroup, stopGroup } from '../../src/loader/processGroup.ts';
import { childEnv } from '../build/buildSite.ts';
import { describeLog, launchBrowser, newContext, openPage, useTrackedPage, waitForSearch, type TrackedPage } from './browser.ts';
import { copyProject } from './cms/cmsServer.ts';
import { freePort } from './staticServer.ts';

let tp: TrackedPage;
useTrackedPage(
  (p) => (tp = p),
  (p) => p.goto('search/'),
);

interface Hit {
  /** Site path, e.g. `/members/chen-hui/`. */
  path: string;
  title: string;
  /** The line under the title: owner · org · status, where the page has them. */
  meta: string;
  excerpt: string;
}

/** Types a query into the search box of `on`, submits it and returns the listed results once `wait` says the query is answered. */
async function search(
  q: string,
  on = tp,
  wait: (p: TrackedPage['page']) => Promise<string> = waitForSearch,
): Promise<{ status: string; hits: Hit[] }> {
  const page = on.page;
  if (!page.url().includes('/search/')) await on.goto('search/');
  const box = page.locator('form[role="search"] input#q');
  await box.fill(q);
  await box.press('Enter');
  // The status line is cleared and refilled on every query; wait for this query's answer.
  await page.waitForFunction((query) => new URLSearchParams(location.search).get('q') === query, q);
  const status = await wait(page);
  const origin = new URL(on.baseUrl).origin;
  const hits = await page.locator('ol.results li').evaluateAll(
    (lis, o) =>
      lis.map((li) => {
        const a = li.querySelector('a')!;
        const u = new URL(a.href);
        return {
          path: u.origin === o ? u.pathname : a.href,
          title: a.textContent ?? '',
          meta: li.querySelector('.result-meta')?.textContent ?? '',
          excerpt: li.querySelector('.result-excerpt')?.textContent ?? '',
        };
      }),
    origin,
  );
  return { status, hits };
}

/** The built HTML of a site path. */
function builtPage(path: string): string {
  const file = join(inject('distDir'), decodeURIComponent(path), path.endsWith('/') ? 'index.html' : '');
  expect(existsSync(file), `a search result points at ${path}, which the build does not have`).toBe(true);
  return readFileSync(file, 'utf8');
}

const list = (hits: Hit[]) => hits.map((h) => `${h.path} ${h.title} [${h.meta}] ${h.excerpt}`).join('\n');

/** A pledge of the open data (data/pledges.json), the fields these tests use. */
interface OpenPledge {
  id: string;
  ownerId: string;
  owner: string;
  orgId: string;
  org: string;
  title: string;
  categoryLabel: string;
  statusLabel: string;
}

function openPledges(json: string): OpenPledge[] {
  return (JSON.parse(json) as { pledges: OpenPledge[] }).pledges;
}

/** Pledges of members (not of an org), grouped by title, the most shared title first. */
function byTitle(pledges: OpenPledge[]): OpenPledge[][] {
  const groups = new Map<string, OpenPledge[]>();
  for (const p of pledges.filter((x) => x.ownerId !== x.orgId)) groups.set(p.title, [...(groups.get(p.title) ?? []), p]);
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

/**
 * Where an excerpt runs two fields of the page together, as Pagefind does with adjacent inline elements
 * (“…学习完成时限:2025-12-31◐ 进行中”): a date glued to what follows it, a field label glued to the value
 * before it (a category) or to its own value without a separator.
 */
function gluedFields(excerpt: string, pledges: OpenPledge[]): string[] {
  const problems: string[] = [];
  const glued = /\d{4}-\d{2}-\d{2}(?=[^\s\d，。；、：:,.;!?！？)）\]…-])/gu;
  for (const m of excerpt.matchAll(glued)) problems.push(`date glued to what follows: “${excerpt.slice(m.index, m.index + 14)}”`);
  const labels = [
    t('pledge.deadline'),
    t('pledge.owner'),
    t('pledge.approvedOn'),
    t('pledge.closedOn'),
    t('pledge.verifiedBy'),
    t('member.org'),
    t('member.post'),
  ];
  const before = new Set([...pledges.map((p) => p.categoryLabel), ...pledges.map((p) => p.statusLabel)]);
  const after = new Set([...pledges.map((p) => p.owner), ...pledges.map((p) => p.org)]);
  for (const l of labels) {
    for (const b of before) if (excerpt.includes(b + l)) problems.push(`“${b}” glued to the label “${l}”`);
    for (const a of after) if (excerpt.includes(l + a)) problems.push(`the label “${l}” glued to “${a}”`);
    if (new RegExp(`${l}\\d`).test(excerpt)) problems.push(`the label “${l}” glued to a number`);
  }
  return problems;
}

/** Every result of a pledge in `group` names its owner, org and status, and no two of them read alike. */
function expectOwnersShown(hits: Hit[], group: OpenPledge[]): void {
  for (const p of group) {
    const hit = hits.find((h) => h.path.endsWith(`/pledges/${p.id}/`));
    expect(hit, `the pledge ${p.id} (${p.owner}) is listed for “${p.title}”:\n${list(hits)}`).toBeDefined();
    expect(hit!.meta, `${p.id}`).toContain(p.owner);
    expect(hit!.meta, `${p.id}`).toContain(p.org);
    expect(hit!.meta, `${p.id}`).toContain(p.statusLabel);
  }
  const lines = group.map(
    (p) =>
      `${hits.find((h) => h.path.endsWith(`/pledges/${p.id}/`))!.title} ${hits.find((h) => h.path.endsWith(`/pledges/${p.id}/`))!.meta}`,
  );
  expect(new Set(lines).size, `results of the same title read alike:\n${lines.join('\n')}`).toBe(group.length);
}

describe('the search page', () => {
  test('finds 家访, a two-character word inside pledge sentences, on pledge and member pages that contain it', async () => {
    const { status, hits } = await search('家访');
    expect(status).toMatch(/找到 \d+ 条结果/);
    expect(hits.length).toBeGreaterThan(0);
    // Pagefind segments Chinese: a page may match with 家 and 访 in separate words (家庭 … 走访); it must hold both.
    for (const h of hits) for (const c of '家访') expect(builtPage(h.path), `${h.path} is listed for 家访`).toContain(c);
    expect(hits.filter((h) => builtPage(h.path).includes('家访')).length, list(hits)).toBeGreaterThan(0);
    const letters = hits.filter((h) => /^\/(pledges\/2025|members)\/[a-z0-9-]+\/$/.test(h.path));
    expect(letters.length, list(hits)).toBeGreaterThan(0);
    // 陈慧's service pledge says “每学期完成全班学生家访” in its text.
    expect(
      hits.map((h) => h.path),
      list(hits),
    ).toContain('/pledges/2025/chen-hui-service/');
    expect(
      hits.some((h) => h.excerpt.includes('家访')),
      'an excerpt shows the word',
    ).toBe(true);
  });

  test('finds a member’s 公开承诺书 by the member’s name', async () => {
    const { hits } = await search('陈慧');
    expect(
      hits.map((h) => h.path),
      list(hits),
    ).toContain('/members/chen-hui/');
  });

  test('names the member in the result title of a 公开承诺书, so letters can be told apart', async () => {
    // A letter is indexed by the member's name and post (its pledges are indexed on their own pages). Members from the open data.
    const { pledges } = JSON.parse(readFileSync(join(inject('distDir'), 'data/pledges.json'), 'utf8')) as {
      pledges: { ownerId: string; orgId: string; owner: string }[];
    };
    const members = [...new Map(pledges.filter((p) => p.ownerId !== p.orgId).map((p) => [p.ownerId, p.owner])).entries()].slice(0, 4);
    expect(members.length).toBeGreaterThan(1);
    const problems: string[] = [];
    for (const [id, name] of members) {
      const { hits } = await search(name);
      const letter = hits.find((h) => h.path === `/members/${id}/`);
      if (!letter) problems.push(`${name}: no letter among\n${list(hits)}`);
      else if (!letter.title.includes(name)) problems.push(`${letter.path} is listed as “${letter.title}”`);
    }
    expect(problems, `letters not found by, or not titled with, the member’s name:\n${problems.join('\n')}`).toEqual([]);
  });

  test('finds the bulletins for 通报', async () => {
    const { hits } = await search('通报');
    const bulletins = hits.filter((h) => h.path.startsWith('/bulletins/2025/'));
    expect(bulletins.length, list(hits)).toBeGreaterThan(0);
    for (const b of bulletins) expect(builtPage(b.path)).toContain('通报');
  });

  test('finds a bulletin by a phrase of its title', async () => {
    const { hits } = await search('督促逾期承诺整改');
    expect(
      hits.map((h) => h.path),
      list(hits),
    ).toContain('/bulletins/2025/jiaoshi-er-urging/');
  });

  test('never finds the internal 民主评诺结果 bulletin', async () => {
    const { hits } = await search('民主评诺结果');
    expect(
      hits.map((h) => h.path).filter((p) => p.includes('zongzhi-results')),
      list(hits),
    ).toEqual([]);
    expect(existsSync(join(inject('distDir'), 'bulletins/2025/zongzhi-results'))).toBe(false);
  });

  test('says 没有找到 and lists nothing when nothing matches', async () => {
    const { status, hits } = await search('火星探测');
    expect(status).toContain('没有找到');
    expect(hits).toEqual([]);
  });

  test('runs the query in ?q= on load, so results can be linked', async () => {
    await tp.goto(`search/?q=${encodeURIComponent('陈慧')}`);
    await waitForSearch(tp.page);
    expect(await tp.page.locator('input#q').inputValue()).toBe('陈慧');
    const hrefs = await tp.page
      .locator('ol.results li a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain('/members/chen-hui/');
  });

  test('a result link opens the page it names', async () => {
    const { hits } = await search('陈慧');
    const first = hits.find((h) => h.path === '/members/chen-hui/')!;
    await Promise.all([tp.page.waitForURL(`**${first.path}`), tp.page.locator(`ol.results li a[href$="${first.path}"]`).first().click()]);
    expect(await tp.page.locator('h1').textContent()).toContain('公开承诺书');
    expect(await tp.page.title()).toContain('陈慧');
  });

  test('searching loads only files from this site and logs no errors', async () => {
    await tp.goto('search/');
    await search('家访');
    await tp.page.waitForLoadState('networkidle');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    expect(tp.log.offSite, describeLog(tp.log)).toEqual([]);
  });
});

describe('search results tell pledges apart (built site)', () => {
  const pledges = () => openPledges(readFileSync(join(inject('distDir'), 'data/pledges.json'), 'utf8'));

  test('a pledge result names its owner, org and status; results of a shared title read differently', async () => {
    // The most shared title of the sample (or any title, if none is shared; the dev server test below always has a shared one).
    const group = byTitle(pledges())[0];
    expect(group, 'the sample has pledges of members').toBeDefined();
    const { hits } = await search(group[0].title);
    expectOwnersShown(hits, group);
  });

  test('no excerpt runs a field label and a value together', async () => {
    const all = pledges();
    const queries = [byTitle(all)[0][0].title, ...new Set(all.slice(0, 4).map((p) => p.owner))];
    const problems: string[] = [];
    let excerpts = 0;
    for (const q of queries) {
      const { hits } = await search(q);
      for (const h of hits) {
        excerpts += 1;
        for (const p of gluedFields(h.excerpt, all)) problems.push(`${q} → ${h.path}: ${p}\n  ${h.excerpt}`);
      }
    }
    expect(excerpts).toBeGreaterThan(0);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  test('the check catches the run-together excerpt of the issue', () => {
    const all = pledges();
    const p = all.find((x) => x.statusLabel && x.categoryLabel)!;
    const bad = `…${p.categoryLabel}${t('pledge.deadline')}:2025-12-31◐ ${p.statusLabel}`;
    expect(gluedFields(bad, all).length).toBeGreaterThan(0);
    expect(gluedFields(`${t('pledge.deadline')}：2025-12-31，${p.statusLabel}`, all)).toEqual([]);
  });

  test('the status line of the search is not styled as a pledge status badge', async () => {
    await tp.goto('search/');
    await search(pledges()[0].owner);
    const line = tp.page.locator('main [role="status"]');
    expect(await line.count()).toBe(1);
    const style = await line.evaluate((el) => {
      const s = getComputedStyle(el);
      return { cls: el.className, border: s.borderTopStyle, radius: s.borderTopLeftRadius, display: s.display };
    });
    expect(style.cls.split(/\s+/)).not.toContain('status');
    expect(style.border).toBe('none');
    expect(style.radius).toBe('0px');
    expect(style.display).toBe('block');
  });

  test('the search page ends with </html>: its script is inside the body', () => {
    const html = builtPage('/search/');
    expect(html.slice(html.lastIndexOf('</html>') + '</html>'.length).trim()).toBe('');
    expect(html.indexOf('<script type="module"') < html.indexOf('</body>') || !html.includes('<script type="module"')).toBe(true);
  });

  test('says the search is unavailable, instead of spinning, when the index cannot be loaded', async () => {
    const page = tp.page;
    await page.route('**/pagefind/pagefind.js', (route) => route.abort());
    try {
      await tp.goto(`search/?q=${encodeURIComponent(pledges()[0].owner)}`);
      await page.waitForFunction((m) => document.querySelector('.search-status')?.textContent === m, t('search.failed'), {
        timeout: 15_000,
      });
      expect(await page.locator('ol.results li').count()).toBe(0);
    } finally {
      await page.unroute('**/pagefind/pagefind.js');
    }
  });
});

/** `astro dev` on a temp copy of the project, as `npm start` runs it. */
interface DevServer {
  url: string;
  dir: string;
  output(): string;
  stop(): Promise<void>;
}

async function startDevServer(prepare: (dir: string) => void): Promise<DevServer> {
  const dir = copyProject();
  prepare(dir);
  const port = await freePort();
  let out = '';
  // The temp copy serves its own content/, not the caller's CONTENT_DIR.
  const { CONTENT_DIR: _ignored, ...env } = childEnv({ ASTRO_TELEMETRY_DISABLED: '1', ASTRO_CACHE_DIR: join(dir, '.astro-cache') });
  const child: ChildProcess = spawnGroup(join(dir, 'node_modules/.bin/astro'), ['dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const killOnExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const server: DevServer = {
    url: `http://127.0.0.1:${port}/`,
    dir,
    output: () => out,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopGroup(child, 5000);
      // What the leader started may outlive it.
      killGroup(child, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      await server.stop();
      throw new Error(`astro dev exited (${child.exitCode}):\n${out.slice(-4000)}`);
    }
    try {
      if ((await fetch(server.url, { signal: AbortSignal.timeout(10_000) })).ok) return server;
    } catch {
      // not yet
    }
    if (i > 600) {
      await server.stop();
      throw new Error(`astro dev did not answer:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the dev server's search has answered (the index may still be building: that message is not an answer). */
async function waitForDevSearch(page: TrackedPage['page']): Promise<string> {
  const pending = [t('search.loading'), t('search.building')];
  await page.waitForFunction(
    (p) => {
      const s = document.querySelector('.search-status')?.textContent ?? '';
      return s !== '' && !p.includes(s);
    },
    pending,
    { timeout: 180_000 },
  );
  return (await page.locator('.search-status').textContent()) ?? '';
}

describe('search under the dev server (npm start)', () => {
  let dev: DevServer;
  let browser: Browser;
  let page: TrackedPage;
  /** Pledges of different members given one title in the temp copy, so that title is surely shared. */
  let shared: OpenPledge[];
  const sharedTitle = '同名承诺区分核验事项';

  beforeAll(async () => {
    const built = openPledges(readFileSync(join(inject('distDir'), 'data/pledges.json'), 'utf8'));
    const chosen: OpenPledge[] = [];
    dev = await startDevServer((dir) => {
      for (const p of built) {
        const file = join(dir, 'content/pledges', `${p.id}.md`);
        if (p.ownerId === p.orgId || chosen.some((c) => c.ownerId === p.ownerId) || !existsSync(file)) continue;
        const text = readFileSync(file, 'utf8');
        if (!/^title: .*$/m.test(text)) continue;
        writeFileSync(file, text.replace(/^title: .*$/m, `title: ${sharedTitle}`));
        chosen.push(p);
        if (chosen.length === 3) break;
      }
    });
    // Owners, orgs and statuses as the dev server itself publishes them.
    const served = openPledges(await (await fetch(new URL('data/pledges.json', dev.url))).text());
    shared = served.filter((p) => p.title === sharedTitle);
    browser = await launchBrowser();
    page = await openPage(await newContext(browser), dev.url);
  });

  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
  });

  test('the temp copy has one title shared by several members', () => {
    expect(shared.length, dev.output().slice(-2000)).toBeGreaterThanOrEqual(2);
    expect(new Set(shared.map((p) => p.ownerId)).size).toBe(shared.length);
  });

  test('answers 503 with a Chinese reason, not 404, while the index is being built', async () => {
    // Nothing has searched yet: this request starts the index.
    const res = await fetch(new URL('pagefind/pagefind.js', dev.url));
    expect([200, 503], dev.output().slice(-2000)).toContain(res.status);
    if (res.status === 503) {
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(await res.text()).toMatch(/\p{Script=Han}/u);
    }
  });

  test('finds pledges and names their owners, orgs and statuses; results of the shared title are told apart', async () => {
    const { status, hits } = await search(sharedTitle, page, waitForDevSearch);
    expect(status, `${list(hits)}\n${describeLog(page.log)}`).toMatch(/\d/);
    expectOwnersShown(hits, shared);
    expect(new Set(shared.map((p) => hits.find((h) => h.path.endsWith(`/pledges/${p.id}/`))!.meta)).size).toBe(shared.length);
    for (const h of hits) for (const p of gluedFields(h.excerpt, shared)) expect.fail(`${h.path}: ${p}\n  ${h.excerpt}`);
  });

  test('finds a member’s 公开承诺书 by the member’s name, with no failed request', async () => {
    const owner = shared[0];
    await page.goto('search/');
    const { hits } = await search(owner.owner, page, waitForDevSearch);
    expect(
      hits.map((h) => h.path),
      list(hits),
    ).toContain(`/members/${owner.ownerId}/`);
    const pagefindErrors = page.errors().filter((e) => e.includes('/pagefind/'));
    expect(pagefindErrors, describeLog(page.log)).toEqual([]);
  });

  test('a pledge edited while the dev server runs is found under its new title', async () => {
    const edited = shared[0];
    const newTitle = '编辑后重建索引核验事项';
    const file = join(dev.dir, 'content/pledges', `${edited.id}.md`);
    // Off the site while the file changes: the dev server reloads its open pages on a change.
    await page.page.goto('about:blank');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${newTitle}`));
    // The index is rebuilt in the background once the change has settled; ask until it answers (the test's timeout bounds this).
    let hits: Hit[] = [];
    let last = '';
    for (let i = 0; i < 60; i++) {
      try {
        await page.goto('search/');
        hits = (await search(newTitle, page, waitForDevSearch)).hits;
        if (hits.some((h) => h.path.endsWith(`/pledges/${edited.id}/`))) break;
      } catch (e) {
        // A reload by the dev server interrupted this try.
        last = (e as Error).message;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const hit = hits.find((h) => h.path.endsWith(`/pledges/${edited.id}/`));
    expect(hit, `${list(hits)}\n${last}\n${dev.output().slice(-2000)}`).toBeDefined();
    expect(hit!.title).toBe(newTitle);
    expect(hit!.meta).toContain(edited.owner);
  });

  test('says the index is being built, and then answers by itself, while the dev server is not ready', async () => {
    // The dev server answers 503 until its first index is ready; here it is held at 503 for two tries.
    let held = 0;
    await page.page.route('**/pagefind/pagefind.js', (route) =>
      held++ < 2 ? route.fulfill({ status: 503, headers: { 'Retry-After': '1' }, body: '' }) : route.continue(),
    );
    const seen: string[] = [];
    try {
      await page.goto('search/');
      await page.page.evaluate(() => {
        const el = document.querySelector('.search-status')!;
        (window as unknown as { seen: string[] }).seen = [];
        new MutationObserver(() => (window as unknown as { seen: string[] }).seen.push(el.textContent ?? '')).observe(el, {
          childList: true,
          characterData: true,
          subtree: true,
        });
      });
      const { hits } = await search(shared[0].owner, page, waitForDevSearch);
      seen.push(...(await page.page.evaluate(() => (window as unknown as { seen: string[] }).seen)));
      expect(hits.length).toBeGreaterThan(0);
    } finally {
      await page.page.unroute('**/pagefind/pagefind.js');
    }
    expect(held).toBeGreaterThanOrEqual(3);
    expect(seen, seen.join('\n')).toContain(t('search.building'));
  });
});
