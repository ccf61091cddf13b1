/**
 * The 共产党员户 plaques (篇四) printed to PDF by real Chromium. The sample (篇三) has no 共产党员户, so this file
 * serves examples/provincial, once per scope, each on its own port: the public build is the run's shared one
 * (tests/build/sites.ts, which tests/build/examples.test.ts reads too), the internal one is built here with
 * PUBLIC_SITE naming the public build's address, so that a plaque's QR code can be scanned and followed to the
 * member's page on the public board. One A4 landscape sheet per household; nothing of the
 * site's chrome or the 内部资料 banner on the paper; no axe violation. What each plaque should say is worked out
 * from the content files, not from src/.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import jsQR from 'jsqr';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { childEnv } from '../build/buildSite.ts';
import { builtSite, variants } from '../build/sites.ts';
import { axeReport, axeViolations } from './axe.ts';
import { describeLog, launchBrowser, newContext, openPage, type TrackedPage } from './browser.ts';
import { pdfText } from './pdfText.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';
import { buildCommand } from '../../src/cli/buildCommand.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** `npm run build`, as package.json runs it (src/cli/buildCommand.ts). */
const [node, ...buildArgs] = buildCommand(root);

const example = join(root, 'examples', 'provincial');

function frontMatter<T>(file: string): T {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no front matter in ${file}`);
  return (yaml.load(m[1], { schema: yaml.CORE_SCHEMA }) ?? {}) as T;
}
const folder = <T>(...parts: string[]) =>
  readdirSync(join(example, ...parts))
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ id: f.slice(0, -3), data: frontMatter<T>(join(example, ...parts, f)) }));

const site = JSON.parse(readFileSync(join(example, 'site.json'), 'utf8')) as { asOf: string; currentRound: string; topOrg: string };
const households = folder<{ name: string; org: string; household?: boolean }>('members').filter((m) => m.data.household);
const org = site.topOrg;
const pledges = folder<{ owner: string; title: string; onPost?: boolean; review: { status: string; date?: string } }>(
  'pledges',
  site.currentRound,
);
const approvedTitles = (owner: string) =>
  pledges
    .filter((p) => p.data.owner === owner && p.data.review.status === 'approved' && (p.data.review.date ?? '') <= site.asOf)
    .map((p) => p.data.title);

/** Builds the example in `scope` into `outDir`, as `npm run build` does, from a folder of its own (see tests/build/buildSite.ts). */
function build(outDir: string, scope: 'public' | 'internal', siteUrl: string, publicSite: string): Promise<void> {
  const env = childEnv({
    ASTRO_TELEMETRY_DISABLED: '1',
    ASTRO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'astro-cache-')),
    CONTENT_DIR: example,
    SITE: siteUrl,
    BASE: '/',
    SITE_SCOPE: scope,
    PUBLIC_SITE: publicSite,
  });
  const work = mkdtempSync(join(tmpdir(), 'e2e-household-'));
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
  return new Promise((ok, fail) => {
    const child = spawn(node, [...buildArgs, '--root', root, '--outDir', outDir], {
      cwd: work,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`astro build (${scope}) failed (${code}):\n${out.slice(-4000)}`))));
  });
}

/** Pages in a PDF and the first page's size in points. */
function pdfInfo(pdf: Buffer): { pages: number; width: number; height: number } {
  const s = pdf.toString('latin1');
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(s);
  return { pages: (s.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length, width: Number(box?.[1]), height: Number(box?.[2]) };
}

// A4 in PDF points (1/72 in).
const A4 = { short: 595.28, long: 841.89 };

const dirs: string[] = [];
let pub: StaticServer | undefined;
let internal: StaticServer | undefined;
let browser: Browser | undefined;
let tp: TrackedPage;
const path = `internal/print/household/${org}/`;

beforeAll(async () => {
  const shared = builtSite(variants.example('provincial', 'public'));
  expect(shared.code, shared.out.slice(-4000)).toBe(0);
  const internalDir = mkdtempSync(join(tmpdir(), 'e2e-household-internal-'));
  dirs.push(internalDir);
  pub = await startStaticServer(shared.outDir);
  internal = await startStaticServer(internalDir);
  await build(internalDir, 'internal', internal.origin, pub.origin);
  browser = await launchBrowser();
  tp = await openPage(await newContext(browser), `${internal.origin}/`);
});

afterAll(async () => {
  await browser?.close();
  await pub?.close();
  await internal?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function open(): Promise<void> {
  const res = await tp.goto(path);
  expect(res.status(), `status of /${path}`).toBe(200);
}

describe('the 共产党员户 plaques of examples/provincial (internal/print/household/<org>/)', () => {
  test('the example has households to print', () => {
    expect(households.length).toBeGreaterThanOrEqual(2);
  });

  test('print exactly one A4 landscape sheet per household, a page break after every plaque but the last', async () => {
    await open();
    await tp.page.emulateMedia({ media: null });
    const bytes = await tp.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdf = pdfInfo(bytes);
    expect(pdf.pages, `/${path} prints on ${pdf.pages} pages for ${households.length} households`).toBe(households.length);
    // A plaque hangs at a door: no 内部资料 on any sheet, not even in its margin (src/lib/printBannerCss.ts).
    expect(pdfText(bytes).filter((text) => text.includes('内部资料'))).toEqual([]);
    expect([pdf.width, pdf.height].map(Math.round)).toEqual([A4.long, A4.short].map(Math.round));
    await tp.page.emulateMedia({ media: 'print' });
    try {
      const breaks = await tp.page.locator('[data-household-plaque]').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter));
      expect(breaks).toEqual(households.map((_, i) => (i === households.length - 1 ? 'auto' : 'page')));
    } finally {
      await tp.page.emulateMedia({ media: null });
    }
  });

  test('each plaque, as printed, says 共产党员户 in large type with the name, the branch and the approved pledges’ titles', async () => {
    await open();
    await tp.page.emulateMedia({ media: 'print' });
    try {
      const bodySize = await tp.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      for (const m of households) {
        const plaque = tp.page.locator(`#m-${m.id}`);
        const text = await plaque.innerText();
        expect(text, m.id).toContain(m.data.name);
        const title = plaque.locator('.title');
        expect((await title.innerText()).replace(/\s/g, '')).toBe('共产党员户');
        expect(await title.evaluate((e) => parseFloat(getComputedStyle(e).fontSize)), 'the title is very large').toBeGreaterThan(
          4 * bodySize,
        );
        expect((await plaque.locator('li').allInnerTexts()).map((s) => s.trim()).sort(), m.id).toEqual(approvedTitles(m.id).sort());
      }
      for (const sel of ['.site-header', '.site-footer', '.print-hint', 'nav.toc', '[data-internal-banner]'])
        expect(await tp.page.locator(sel).first().isVisible(), `${sel} in print`).toBe(false);
    } finally {
      await tp.page.emulateMedia({ media: null });
    }
  });

  test('each QR code, as printed, scans to the member’s page on the PUBLIC board, which shows the household', async () => {
    await open();
    await tp.page.emulateMedia({ media: 'print' });
    const scanned: Record<string, string> = {};
    try {
      for (const m of households) {
        const svg = tp.page.locator(`#m-${m.id} .qr svg`);
        expect(await svg.count(), m.id).toBe(1);
        const png = PNG.sync.read(await svg.screenshot());
        const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
        expect(code, `${m.id}: no QR code found in the ${png.width}×${png.height} screenshot`).not.toBeNull();
        scanned[m.id] = code!.data;
      }
    } finally {
      await tp.page.emulateMedia({ media: null });
    }
    for (const m of households) {
      expect(scanned[m.id]).toBe(`${pub!.origin}/members/${m.id}/`);
      const res = await fetch(scanned[m.id]);
      expect(res.status, scanned[m.id]).toBe(200);
      const page = await res.text();
      expect(page).toContain(m.data.name);
      expect(page).toMatch(/data-household[^>]*>共产党员户</);
    }
  });

  test('has no WCAG 2.2 A/AA violation that axe-core can find, and loads without errors or requests leaving the site', async () => {
    await open();
    const violations = await axeViolations(tp.page);
    expect(violations, axeReport(violations)).toEqual([]);
    await tp.page.waitForLoadState('networkidle');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    expect(tp.log.offSite, describeLog(tp.log)).toEqual([]);
  });

  test('a household’s public page (the mark, 依岗承诺) has no WCAG 2.2 A/AA violation either', async () => {
    const onPost = households.find((m) => pledges.some((p) => p.data.owner === m.id && p.data.onPost));
    expect(onPost, 'a household with an on-post pledge').toBeDefined();
    const res = await tp.goto(`members/${onPost!.id}/`);
    expect(res.status()).toBe(200);
    expect(await tp.page.locator('[data-on-post]').count()).toBeGreaterThan(0);
    const violations = await axeViolations(tp.page);
    expect(violations, axeReport(violations)).toEqual([]);
  });
});

describe('篇四’s year-end form in the same build (internal/print/survey/<round>/<org>/)', () => {
  test('the 双向述职 满意度测评表 of examples/provincial prints on exactly two A4 pages, and names the three kinds of evaluator', async () => {
    const res = await tp.goto(`internal/print/survey/${site.currentRound}/${org}/`);
    expect(res.status()).toBe(200);
    await tp.page.emulateMedia({ media: null });
    const pdf = pdfInfo(await tp.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    expect(pdf.pages).toBe(2);
    expect([pdf.width, pdf.height].map(Math.round)).toEqual([A4.short, A4.long].map(Math.round));
    const text = await tp.page.locator('.sheet.form').innerText();
    for (const kind of ['党员代表', '人大代表', '群众代表']) expect(text).toContain(kind);
  });
});
