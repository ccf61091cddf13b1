/**
 * The 公开承诺书 is meant to be printed and posted: each member's letter must
 * fit on one A4 sheet, and its QR code, as printed, must scan to the letter's
 * own address on the site.
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { builtSite, variants } from '../build/sites.ts';
import { openPage, useTrackedPage, type TrackedPage } from './browser.ts';
import { pdfText } from './pdfText.ts';
import { startStaticServer, type StaticServer } from './staticServer.ts';

/**
 * The most demanding letters (tang-jie: 4 pledges, 37 records; the five
 * members with 3 pledges and 22–28 records), plus ordinary ones and a
 * voluntary member without pledges.
 */
const members = [
  { id: 'tang-jie', why: '4 pledges, 37 records' },
  { id: 'chen-hui', why: '3 pledges, 28 records' },
  { id: 'zhou-jianguo', why: '3 pledges, 28 records' },
  { id: 'qian-jun', why: '3 pledges, 28 records' },
  { id: 'lin-xiaohong', why: '3 pledges, 27 records' },
  { id: 'liu-yang', why: '3 pledges, 22 records' },
  { id: 'cao-lin', why: '2 pledges' },
  { id: 'bai-yulan', why: 'retired, 1 pledge' },
  { id: 'dong-jianping', why: 'frail, no pledges' },
];

/** Pages in a PDF: page objects, not the /Pages tree node. */
function pdfPages(pdf: Buffer): { objects: number; count: number | null } {
  const s = pdf.toString('latin1');
  const objects = (s.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
  const counts = [...s.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) =>
    Number(m[1] ?? m[2]),
  );
  return { objects, count: counts.length ? Math.max(...counts) : null };
}

const printPdf = (page: TrackedPage['page']) => page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));
const site = JSON.parse(readFileSync(new URL('../../content/site.json', import.meta.url), 'utf8')) as {
  name: string;
  asOf: string;
  contact: { name: string; phone?: string };
};

describe.each(members)('the 公开承诺书 of $id ($why)', ({ id }) => {
  test('prints on exactly one A4 page', async () => {
    const res = await tp.goto(`members/${id}/`);
    expect(res.status()).toBe(200);
    await tp.page.emulateMedia({ media: null });
    const pdf = await tp.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    if (pages.count !== null) expect(pages.count, 'the /Pages /Count agrees with the page objects').toBe(pages.objects);
    let detail = '';
    if (pages.objects !== 1) {
      // Diagnose: how tall the printed letter is on an A4 sheet's printable width (210 mm − 2 × 14 mm).
      await tp.page.emulateMedia({ media: 'print' });
      const vp = tp.page.viewportSize();
      await tp.page.setViewportSize({ width: Math.round((182 / 25.4) * 96), height: 400 });
      const mm = await tp.page.evaluate(() => Math.round((document.documentElement.scrollHeight / 96) * 25.4));
      if (vp) await tp.page.setViewportSize(vp);
      await tp.page.emulateMedia({ media: null });
      detail = ` — the printed letter is about ${mm} mm tall at 182 mm wide; an A4 page with 12 mm top/bottom margins holds 273 mm`;
    }
    expect(pages.objects, `/members/${id}/ prints on ${pages.objects} A4 pages${detail}`).toBe(1);
  });

  test('carries on paper the board’s name, the 统计截止日期, where to speak up, and a line to sign and date', async () => {
    await tp.goto(`members/${id}/`);
    await tp.page.emulateMedia({ media: 'print' });
    try {
      const text = await tp.page.locator('.letter').innerText();
      expect(text).toContain(site.name);
      expect(text).toContain(`统计截止日期：${site.asOf}`);
      expect(text).toContain(site.contact.name);
      if (site.contact.phone) expect(text).toContain(site.contact.phone);
      expect(text).toMatch(/承诺人（签名）：＿+.*日期：＿+年＿+月＿+日/);
      expect(await tp.page.locator('footer.site-footer').isVisible(), 'the site footer itself is not printed').toBe(false);
    } finally {
      await tp.page.emulateMedia({ media: null });
    }
  });

  test('has a QR code that, as printed, scans to the letter’s own address', async () => {
    await tp.goto(`members/${id}/`);
    await tp.page.emulateMedia({ media: 'print' });
    try {
      const svg = tp.page.locator('.qr svg');
      expect(await svg.count()).toBe(1);
      expect(await svg.isVisible(), 'the QR code is printed').toBe(true);
      const png = PNG.sync.read(await svg.screenshot());
      const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      expect(code, `no QR code found in the ${png.width}×${png.height} screenshot`).not.toBeNull();
      expect(code!.data).toBe(tp.url(`members/${id}/`));
      expect(code!.data).toBe(`${inject('baseUrl')}members/${id}/`);
    } finally {
      await tp.page.emulateMedia({ media: null });
    }
  });
});

describe('the 公开承诺书 as read on paper (tang-jie’s, the sample’s longest)', () => {
  test('its measures print as a numbered list, each pledge’s latest record on a line of its own, on one page', async () => {
    await tp.goto('members/tang-jie/');
    // What the letter holds, read on screen: each pledge's measures and its latest record.
    const pledges = await tp.page.locator('.letter .pledge').evaluateAll((ps) =>
      ps.map((p) => ({
        title: p.querySelector('.title')?.textContent?.trim() ?? '',
        measures: [...p.querySelectorAll('.measures li')].map((li) => li.textContent?.trim() ?? ''),
        record: [...p.querySelectorAll('.timeline li')].at(-1)?.querySelector('.note')?.textContent?.trim() ?? '',
      })),
    );
    expect(pledges.length).toBe(4);
    const pages = pdfText(await printPdf(tp.page));
    expect(pages.length).toBe(1);
    const lines = pages[0].split('\n').map((l) => l.trim());
    for (const p of pledges) {
      expect(p.measures.length, p.title).toBeGreaterThan(1);
      p.measures.forEach((m, i) => {
        // A list item of its own: its number, then the measure, at the start of a line.
        expect(
          lines.some((l) => l.startsWith(`${i + 1}.`) && l.includes(m.slice(0, 8))),
          `${p.title}: 措施 ${i + 1}“${m}”`,
        ).toBe(true);
      });
      // The record starts its own line, after the label that says it is the latest, not after the measures.
      expect(
        lines.some((l) => l.startsWith('最新践诺记实：') && l.includes(p.record.slice(0, 8))),
        `${p.title}: ${p.record}`,
      ).toBe(true);
    }
    for (const m of pledges.flatMap((p) => p.measures)) expect(lines.some((l) => l.includes(`；${m.slice(0, 4)}`))).toBe(false);
  });
});

describe('a letter without the board’s address', () => {
  let server: StaticServer;
  let noSite: TrackedPage;
  beforeAll(async () => {
    // The sample built without an address (no SITE, none in site.json): no QR code can lead anywhere.
    server = await startStaticServer(builtSite(variants.sample).outDir);
    noSite = await openPage(tp.page.context(), `${server.origin}/`);
  });
  afterAll(async () => {
    await noSite?.page.close();
    await server?.close();
  });

  test('says on paper, in a small line, why there is no QR code, and still prints on one page', async () => {
    await noSite.goto('members/cao-lin/');
    expect(await noSite.page.locator('.qr svg').count()).toBe(0);
    const pages = pdfText(await printPdf(noSite.page), '-raw');
    expect(pages.length).toBe(1);
    expect(pages[0].replace(/\s+/g, '')).toContain('本公开栏未设置网址，所以没有印二维码');
    // On screen the line is not shown: the page itself is the board.
    expect(await noSite.page.locator('[data-no-qr]').isVisible()).toBe(false);
  });
});

describe('an internal page printed on several sheets', () => {
  test('carries the 内部资料 banner at the top of every sheet, with its page number', async () => {
    const internal = await openPage(tp.page.context(), inject('internalBaseUrl'));
    try {
      let pages: string[] = [];
      let printed = '';
      // The first of the internal pages that prints on more than one sheet.
      for (const path of ['internal/results/2025/jiaoshi-yi/', 'internal/ranking/2025/', 'internal/reviews/jiaoshi-yi/']) {
        expect((await internal.goto(path)).status(), path).toBe(200);
        pages = pdfText(await printPdf(internal.page));
        printed = path;
        if (pages.length > 1) break;
      }
      expect(pages.length, `${printed} prints on ${pages.length} sheet(s)`).toBeGreaterThan(1);
      pages.forEach((text, i) => {
        const top = text.split('\n').find((l) => l.trim() !== '') ?? '';
        expect(top, `${printed} sheet ${i + 1}`).toContain('内部资料');
        expect(top).toContain(`第 ${i + 1} 页`);
      });
    } finally {
      await internal.page.close();
    }
  });

  test('the public build links no such stylesheet, and prints no banner', async () => {
    await tp.goto('members/tang-jie/');
    expect(await tp.page.locator('link[href*="print-banner"]').count()).toBe(0);
    expect(pdfText(await printPdf(tp.page)).join('')).not.toContain('内部资料');
  });
});
