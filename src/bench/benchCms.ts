/**
 * `npm run bench:cms`: how soon the admin is usable, and how big it is.
 *
 * Runs the CMS as `npm start` does (decap-server plus `astro dev`, on a
 * throw-away copy of the project and free ports) and drives Debian's Chromium:
 * - first visit: a fresh browser profile (empty cache, not logged in) opens
 *   /admin/, clicks 登录 and waits until the 承诺事项 list shows its entries;
 * - warm visit: the same, reloaded in a profile that has visited before
 *   (cached bundle, still logged in);
 * five of each after one warm-up visit (the dev server's first compile of
 * config.yml is not counted); it prints every run and the median. Then the
 * bundle: every script in public/admin/, raw and gzipped, and what a first
 * visit actually loads. It prints figures; it asserts nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { startCms, projectRoot } from '../../tests/e2e/cms/cmsServer.ts';
import { DecapUi, launchCmsBrowser } from '../../tests/e2e/cms/decapUi.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Until the first entry of the first collection (承诺事项) is listed. */
async function listUsable(page: Page): Promise<void> {
  await page.locator('a[href*="/collections/pledges/entries/"]').first().waitFor({ timeout: 60_000 });
}

async function firstVisit(browser: Browser, url: string): Promise<{ ms: number; scripts: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const scripts: string[] = [];
  context.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
  try {
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await new DecapUi(page).login();
    await listUsable(page);
    return { ms: performance.now() - started, scripts };
  } finally {
    await context.close();
  }
}

async function warmVisits(browser: Browser, url: string, n: number): Promise<number[]> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await new DecapUi(page).login();
    await listUsable(page);
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      await page.goto(url, { waitUntil: 'commit' });
      await listUsable(page);
      out.push(performance.now() - started);
    }
    return out;
  } finally {
    await context.close();
  }
}

function bundleFigures(loaded: string[]): void {
  const dir = join(projectRoot, 'public', 'admin', 'assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const sizes = files.map((f) => {
    const bytes = readFileSync(join(dir, f));
    return { f, raw: statSync(join(dir, f)).size, gz: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (xs: typeof sizes) => ({ raw: xs.reduce((a, x) => a + x.raw, 0), gz: xs.reduce((a, x) => a + x.gz, 0) });
  const all = sum(sizes);
  const first = sum(sizes.filter((s) => loaded.some((p) => p.endsWith(`/${s.f}`))));
  const biggest = [...sizes].sort((a, b) => b.raw - a.raw).slice(0, 5);
  process.stdout.write(
    `\n[bench:cms] 后台程序（public/admin/assets，${files.length} 个脚本）：共 ${kib(all.raw)}，gzip 后 ${kib(all.gz)}\n`,
  );
  process.stdout.write(`[bench:cms] 首次打开实际加载的脚本：${kib(first.raw)}，gzip 后 ${kib(first.gz)}\n`);
  for (const b of biggest) process.stdout.write(`[bench:cms]   ${b.f}: ${kib(b.raw)}（gzip ${kib(b.gz)}）\n`);
}

const cms = await startCms();
const browser = await launchCmsBrowser();
try {
  const url = cms.adminUrl('localhost');
  const warmUp = await firstVisit(browser, url);
  const firsts: number[] = [];
  let scripts = warmUp.scripts;
  for (let i = 0; i < RUNS; i++) {
    const r = await firstVisit(browser, url);
    firsts.push(r.ms);
    scripts = r.scripts;
  }
  const warms = await warmVisits(browser, url, RUNS);
  const fmt = (xs: number[]) => xs.map((x) => Math.round(x)).join(' / ');
  process.stdout.write(`[bench:cms] 预热一次：${Math.round(warmUp.ms)} ms\n`);
  process.stdout.write(
    `[bench:cms] 首次打开（空缓存、未登录，到承诺事项列表可用）：${fmt(firsts)} ms，中位数 ${Math.round(median(firsts))} ms\n`,
  );
  process.stdout.write(`[bench:cms] 再次打开（有缓存、已登录）：${fmt(warms)} ms，中位数 ${Math.round(median(warms))} ms\n`);
  bundleFigures(scripts);
} finally {
  await browser.close();
  await cms.stop();
}
