/**
 * The 践诺台账 table as people meet it: names, categories, dates and states never break one character per line
 * (on a 390 px phone, a 1366 px laptop, or on A4 landscape paper); on the phone every column can be scrolled
 * to, with the title column kept in view and the caption whole; printed, the org page has no trailing page that
 * holds only the footer.
 */
import { describe, expect, test } from 'vitest';
import { useTrackedPage, type TrackedPage } from './browser.ts';

let tp: TrackedPage;
useTrackedPage((p) => (tp = p));
const orgPage = 'orgs/jiaoshi-yi/';

/** Cells of the short columns that wrap onto more than one line, with their text. */
function brokenCells() {
  return tp.page.locator('section.ledger tbody td.short').evaluateAll((cells) =>
    cells.flatMap((td) => {
      if (!(td as HTMLElement).offsetParent) return [];
      const range = document.createRange();
      range.selectNodeContents(td);
      // Line boxes: a rect that starts below the bottom of the line so far starts a new line (glyphs of another
      // font on the same line, like the badge's symbol, sit a few pixels higher or lower but overlap it).
      const rects = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const r of rects) {
        if (r.top >= bottom - 2) lines += 1;
        bottom = Math.max(bottom, r.bottom);
      }
      return lines > 1 ? [`${(td.textContent ?? '').trim()} (${lines} lines)`] : [];
    }),
  );
}

/** Pages in a PDF (page objects). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;

describe('the ledger table', () => {
  test.each([
    [390, 844],
    [1366, 900],
  ])('at %i px wide keeps names, categories, dates and states on one line', async (width, height) => {
    await tp.page.setViewportSize({ width, height });
    await tp.goto(orgPage);
    expect(await tp.page.locator('section.ledger tbody td.short').count()).toBeGreaterThan(20);
    expect(await brokenCells()).toEqual([]);
  });

  test('on a 390 px phone every column is reachable, the title column stays in view and the caption is whole', async () => {
    await tp.page.setViewportSize({ width: 390, height: 844 });
    await tp.goto(orgPage);
    const box = tp.page.locator('section.ledger .table-scroll');
    const dims = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(dims.scroll).toBeGreaterThan(dims.client);
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const after = await tp.page.evaluate(() => {
      const table = document.querySelector('section.ledger table')!;
      const last = table.querySelector('thead th:last-child')!.getBoundingClientRect();
      const first = table.querySelector('tbody td:first-child')!.getBoundingClientRect();
      const caption = document.querySelector('section.ledger .table-caption')!.getBoundingClientRect();
      return {
        lastRight: last.right,
        firstLeft: first.left,
        captionLeft: caption.left,
        captionRight: caption.right,
        vw: document.documentElement.clientWidth,
      };
    });
    expect(after.lastRight, 'the last column can be scrolled into view').toBeLessThanOrEqual(after.vw + 1);
    expect(after.firstLeft, 'the title column stays at the left edge').toBeGreaterThanOrEqual(-1);
    expect(after.firstLeft).toBeLessThan(40);
    expect(after.captionLeft, 'the caption is not scrolled away').toBeGreaterThanOrEqual(-1);
    await tp.page.setViewportSize({ width: 1280, height: 900 });
  });

  test('on A4 landscape paper keeps them on one line too', async () => {
    await tp.goto(orgPage);
    await tp.page.emulateMedia({ media: 'print' });
    // A4 landscape with 12 mm margins: 273 mm of printable width.
    await tp.page.setViewportSize({ width: Math.round((273 / 25.4) * 96), height: 700 });
    try {
      expect(await brokenCells()).toEqual([]);
    } finally {
      await tp.page.emulateMedia({ media: null });
      await tp.page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('the org page prints landscape with no trailing page that holds only the footer', async () => {
    await tp.goto(orgPage);
    const withFooter = pdfPages(await tp.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    await tp.page.evaluate(() => document.querySelector<HTMLElement>('.site-footer')!.style.setProperty('display', 'none', 'important'));
    const withoutFooter = pdfPages(await tp.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    expect(withFooter).toBeGreaterThan(0);
    expect(withFooter, 'the footer does not need a page of its own').toBe(withoutFooter);
  });
});
