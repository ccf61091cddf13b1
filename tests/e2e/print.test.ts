/**
 * The 公开承诺书 is meant to be printed and posted: each member's letter must
 * fit on one A4 sheet, and its QR code, as printed, must scan to the letter's
 * own address on the site.
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, inject, test } from 'vitest';
import { useTrackedPage, type TrackedPage } from './browser.ts';

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
