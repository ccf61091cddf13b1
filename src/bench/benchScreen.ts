/**
 * `npm run bench:screen [-- --minutes 10] [--interval 1] [--poll 5] [--dist DIR]`
 *
 * A soak of the display screen: builds the sample (or takes an already built `--dist`), serves it on
 * 127.0.0.1, opens /screen/?interval=1&poll=5 in headless Chromium and lets it rotate for ten minutes (and
 * look for a new build every 5 s). It reports the JS heap (after a garbage collection) at the start, every
 * minute and at the end, and fails (exit 1) when the heap grew by more than 20 %. A benchmark, not a test:
 * it is not part of `npm test`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession } from 'playwright-core';
import { startStaticServer } from '../../tests/e2e/staticServer.ts';
import { buildCommand } from '../cli/buildCommand.ts';

const MAX_GROWTH = 0.2;
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `npm run build`, as package.json runs it (src/cli/buildCommand.ts). */
const [node, ...buildArgs] = buildCommand(projectRoot);

function build(outDir: string, site: string): Promise<void> {
  return new Promise((ok, fail) => {
    // Its own working folder: the server bundle of this build never lands in the project's shared .astro/.
    const work = mkdtempSync(join(tmpdir(), 'bench-screen-'));
    symlinkSync(join(projectRoot, 'node_modules'), join(work, 'node_modules'), 'dir');
    const env = {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      ASTRO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'astro-cache-')),
      SITE: site,
      BASE: '/',
      CMS_BACKEND: 'none',
      SITE_SCOPE: 'public',
    };
    const child = spawn(node, [...buildArgs, '--root', projectRoot, '--outDir', outDir], {
      cwd: work,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      rmSync(work, { recursive: true, force: true });
      if (code === 0) ok();
      else fail(new Error(`生成网站失败（${code}）：\n${out.slice(-3000)}`));
    });
  });
}

/** The JS heap in use after a full garbage collection, in bytes. */
async function heap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(3)} MiB`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      interval: { type: 'string', default: '1' },
      poll: { type: 'string', default: '5' },
      dist: { type: 'string' },
    },
  });
  const minutes = Number(values.minutes);
  if (!(minutes > 0)) throw new Error('--minutes 应为正数');
  const own = !values.dist;
  const dist = values.dist ? resolve(values.dist) : mkdtempSync(join(tmpdir(), 'bench-screen-dist-'));
  const server = await startStaticServer(dist);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    if (own) {
      console.log('正在生成示例网站……');
      await build(dist, server.origin);
    }
    if (!existsSync(join(dist, 'screen/index.html'))) throw new Error(`${dist} 中没有 screen/index.html`);
    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    let errors = 0;
    page.on('pageerror', (e) => {
      errors += 1;
      console.error(`页面错误：${e.message}`);
    });
    const url = `${server.origin}/screen/?interval=${values.interval}&poll=${values.poll}`;
    await page.goto(url, { waitUntil: 'load' });
    const cdp = await page.context().newCDPSession(page);
    // Slide changes are counted in the page by one observer (reading them by polling would itself fill the heap with evaluated scripts).
    await page.evaluate(() => {
      const w = window as unknown as { slideChanges: number };
      w.slideChanges = 0;
      new MutationObserver(() => (w.slideChanges += 1)).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ['data-current-slide'],
      });
    });
    const changesOf = () => page.evaluate(() => (window as unknown as { slideChanges: number }).slideChanges);
    // A first round of every slide before the baseline.
    await page.waitForTimeout(15_000);
    const start = await heap(cdp);
    console.log(`显示屏耐久测试：${url}，${minutes} 分钟`);
    console.log(`开始：JS 堆 ${mib(start)}`);
    const end = Date.now() + minutes * 60_000;
    let now = start;
    while (Date.now() < end) {
      await page.waitForTimeout(Math.min(60_000, end - Date.now()));
      now = await heap(cdp);
      console.log(
        `  第 ${Math.round((minutes * 60_000 - (end - Date.now())) / 60_000)} 分钟：JS 堆 ${mib(now)}，已翻页 ${await changesOf()} 次`,
      );
    }
    const changes = await changesOf();
    const growth = (now - start) / start;
    const sameDoc = await page.evaluate(() => document.readyState === 'complete');
    console.log(
      `结束：JS 堆 ${mib(now)}（开始 ${mib(start)}，变化 ${(growth * 100).toFixed(1)}%，上限 +${MAX_GROWTH * 100}%）；翻页 ${changes} 次，页面错误 ${errors} 个${sameDoc ? '' : '，页面未加载完成'}`,
    );
    if (growth > MAX_GROWTH || errors > 0 || changes === 0) {
      console.log('不通过。');
      return 1;
    }
    console.log('通过。');
    return 0;
  } finally {
    await browser.close();
    await server.close();
    if (own) rmSync(dist, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
