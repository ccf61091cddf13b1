/**
 * The internal printables of the year-end half, printed to PDF by real Chromium from the internal build:
 * the 满意度测评表 (form on one A4 page, tally sheet alone on the next), the 共产党员先锋岗 desk sign (one A4
 * landscape sheet whose QR codes scan to the member's page on the PUBLIC board, and nothing internal on it)
 * and the 公开承诺书 for signing (one A4 page with both parties' signature lines). What each page should
 * say is worked out here from the content files, not from src/. None of them exists in the public build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, inject, test } from 'vitest';
import { describeLog, useTrackedPage, type TrackedPage } from './browser.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));
// Run as an evaluation, not added as an inline <script>, which the pages' Content-Security-Policy refuses.
const axeSource = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
const statusMarks: Record<string, string | undefined> = { retired: '离退休', frail: '年老体弱' };

function frontMatter<T>(file: string): T {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`no front matter in ${file}`);
  return (yaml.load(m[1], { schema: yaml.CORE_SCHEMA }) ?? {}) as T;
}

function folder<T>(...parts: string[]): { id: string; data: T }[] {
  const dir = join(contentDir, ...parts);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ id: f.replace(/\.md$/, ''), data: frontMatter<T>(join(dir, f)) }));
}

interface MemberFront { name: string; org: string; post?: string; assignedPost?: string; status?: string }
interface OrgFront { name: string; level: string; parent?: string; unitType: string }
interface PledgeFront {
  owner: string;
  title: string;
  measures?: string[];
  deadline?: string;
  review: { status: string; date?: string };
  records?: { date: string; note: string }[];
}

const site = JSON.parse(readFileSync(join(contentDir, 'site.json'), 'utf8')) as { asOf: string; currentRound: string };
const round = site.currentRound;
const roundTitle = frontMatter<{ title: string }>(join(contentDir, 'rounds', `${round}.md`)).title;
const members = folder<MemberFront>('members');
const orgs = new Map(folder<OrgFront>('orgs').map((o) => [o.id, o.data]));
const pledges = folder<PledgeFront>('pledges', round);
const approved = (p: PledgeFront) => p.review.status === 'approved' && (!p.review.date || p.review.date <= site.asOf);
const approvedOf = (owner: string) => pledges.filter((p) => p.data.owner === owner && approved(p.data)).map((p) => p.data);

/** Pages in a PDF (page objects, checked against the /Pages tree's /Count) and the first page's size in points. */
function pdfInfo(pdf: Buffer): { pages: number; width: number; height: number } {
  const s = pdf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
  const counts = [...s.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  if (counts.length) expect(Math.max(...counts), 'the /Pages /Count agrees with the page objects').toBe(pages);
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(s);
  return { pages, width: Number(box?.[1]), height: Number(box?.[2]) };
}

let tp: TrackedPage;
useTrackedPage((p) => (tp = p), undefined, 'internal');

/** Prints the current page as Chromium's print-to-PDF does, honouring the page's own @page size. */
async function print(): Promise<{ pages: number; width: number; height: number }> {
  await tp.page.emulateMedia({ media: null });
  return pdfInfo(await tp.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
}

async function open(path: string): Promise<void> {
  const res = await tp.goto(path);
  expect(res.status(), `status of /${path}`).toBe(200);
}

/** The text a reader sees in print: what is laid out while print media is emulated. */
async function printedText(selector = 'body'): Promise<string> {
  await tp.page.emulateMedia({ media: 'print' });
  try {
    return await tp.page.locator(selector).innerText();
  } finally {
    await tp.page.emulateMedia({ media: null });
  }
}

// A4 in PDF points (1/72 in): 595.28 × 841.89.
const A4 = { short: 595.28, long: 841.89 };

describe('the 满意度测评表 (internal/print/survey/<round>/<org>/)', () => {
  const branches = ['jiaoshi-yi', 'jiaoshi-er', 'tuixiu'];

  describe.each(branches)('of %s', (org) => {
    const own = members.filter((m) => m.data.org === org);
    const path = `internal/print/survey/${round}/${org}/`;

    test('prints on exactly two A4 pages: the form alone on page 1, the tally sheet alone on page 2', async () => {
      await open(path);
      const whole = await print();
      expect(whole.pages, `/${path} prints on ${whole.pages} pages`).toBe(2);
      expect([whole.width, whole.height].map(Math.round)).toEqual([A4.short, A4.long].map(Math.round));
      await tp.page.emulateMedia({ media: 'print' });
      const breakBefore = await tp.page.evaluate(() => getComputedStyle(document.querySelector('[data-tally]')!).breakBefore);
      await tp.page.emulateMedia({ media: null });
      expect(breakBefore, 'the tally sheet starts a new page').toBe('page');
      // Each part on its own fits one page.
      const only = async (keep: 'form' | 'tally') =>
        tp.page.evaluate((k) => {
          document.querySelector<HTMLElement>('.sheet.form')!.style.display = k === 'form' ? '' : 'none';
          const tally = document.querySelector<HTMLElement>('[data-tally]')!;
          tally.style.display = k === 'tally' ? '' : 'none';
          // Alone, its page break would leave the banner on a page of its own.
          tally.style.breakBefore = k === 'tally' ? 'auto' : '';
        }, keep);
      await only('form');
      expect((await print()).pages, 'the form by itself').toBe(1);
      await only('tally');
      expect((await print()).pages, 'the tally sheet by itself').toBe(1);
    });

    test('its header names the round, the branch and the panel required: 80% of the branch’s own members, rounded up', async () => {
      await open(path);
      const required = Math.ceil((4 * own.length) / 5);
      const text = await printedText('.sheet.form header');
      expect(text).toContain(roundTitle);
      expect(text).toContain(orgs.get(org)!.name);
      expect(text).toContain('测评日期');
      const req = await tp.page.locator('[data-panel-requirement]').innerText();
      expect(req).toContain(`党员 ${own.length} 人`);
      expect(req).toContain(`不少于 ${required} 人`);
    });

    test('names the panel categories of the evaluation form (a school has no investor or non-party head to invite)', async () => {
      await open(path);
      const labels = (await tp.page.locator('.categories li').allInnerTexts()).map((s) => s.trim());
      expect(labels).toEqual(['本单位群众代表', '服务对象代表', '结对共建单位负责人', '“两代表一委员”', '其他评议人']);
    });

    test('lists every member of the branch once, with three empty boxes each, retired and frail members marked, and the same members on the tally sheet', async () => {
      await open(path);
      const ballot = tp.page.locator('table.ballot tbody tr');
      const ids = await ballot.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-member')));
      expect([...ids].sort()).toEqual(own.map((m) => m.id).sort());
      const headers = (await tp.page.locator('table.ballot thead th').allInnerTexts()).map((s) => s.trim());
      expect(headers.slice(-3)).toEqual(['满意', '基本满意', '不满意']);
      for (const m of own) {
        const row = tp.page.locator(`table.ballot tr[data-member="${m.id}"]`);
        expect(await row.locator('th[scope="row"]').innerText()).toContain(m.data.name);
        expect(await row.locator('td .box').count(), `${m.id}: three boxes`).toBe(3);
        expect(await row.locator('td.choice').evaluateAll((cells) => cells.map((c) => c.textContent?.trim())), `${m.id}: the boxes are empty`).toEqual(['', '', '']);
        const mark = statusMarks[m.data.status ?? 'active'];
        const name = await row.locator('th').innerText();
        if (mark) expect(name, `${m.id} is marked`).toContain(mark);
        else expect(name).toBe(m.data.name);
      }
      const tally = await tp.page.locator('[data-tally] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-member')));
      expect([...tally].sort()).toEqual(own.map((m) => m.id).sort());
      expect(await tp.page.locator('[data-tally] [data-signature]').allInnerTexts()).toEqual([expect.stringContaining('计票人'), expect.stringContaining('监票人')]);
    });
  });

  test('the 党总支 counts only its own members, not its branches’ (2 members need 2 evaluators, not 32)', async () => {
    const own = members.filter((m) => m.data.org === 'zongzhi');
    expect(own.length).toBeLessThan(members.length / 4);
    await open(`internal/print/survey/${round}/zongzhi/`);
    const req = await tp.page.locator('[data-panel-requirement]').innerText();
    expect(req).toContain(`党员 ${own.length} 人`);
    expect(req).toContain(`不少于 ${Math.ceil((4 * own.length) / 5)} 人`);
    expect(await tp.page.locator('table.ballot tbody tr').count()).toBe(own.length);
  });
});

describe('the 共产党员先锋岗 desk sign (internal/print/desk-sign/<member>/)', () => {
  const cases = [
    { id: 'tang-jie', why: '4 pledges' },
    { id: 'gao-yan', why: 'a post and an assigned post (设岗)' },
    { id: 'deng-qiang', why: 'an assigned post only' },
    { id: 'dong-jianping', why: 'frail, no pledges' },
  ];

  describe.each(cases)('of $id ($why)', ({ id }) => {
    const m = members.find((x) => x.id === id)!.data;
    const path = `internal/print/desk-sign/${id}/`;

    test('prints on exactly one A4 landscape sheet', async () => {
      await open(path);
      const pdf = await print();
      expect(pdf.pages, `/${path} prints on ${pdf.pages} pages`).toBe(1);
      expect([pdf.width, pdf.height].map(Math.round)).toEqual([A4.long, A4.short].map(Math.round));
    });

    test('is a tent card: the top half is turned upside down above the fold, the bottom half upright below it', async () => {
      await open(path);
      await tp.page.emulateMedia({ media: 'print' });
      try {
        const faces = await tp.page.locator('[data-desk-sign] > section').evaluateAll((els) =>
          els.map((e) => ({ transform: getComputedStyle(e).transform, top: e.getBoundingClientRect().top, bottom: e.getBoundingClientRect().bottom })),
        );
        const sheet = await tp.page.locator('[data-desk-sign]').evaluate((e) => e.getBoundingClientRect());
        expect(faces).toHaveLength(2);
        const fold = sheet.top + sheet.height / 2;
        expect(faces[0].transform, 'the top face is rotated 180°').toMatch(/^matrix\(-1, [-0.e]+, [-0.e]+, -1, 0, 0\)$/);
        expect(faces[1].transform).toBe('none');
        expect(Math.abs(faces[0].bottom - fold)).toBeLessThan(2);
        expect(Math.abs(faces[1].top - fold)).toBeLessThan(2);
      } finally {
        await tp.page.emulateMedia({ media: null });
      }
    });

    test('both faces show 共产党员先锋岗, the name, post, assigned post and the approved pledges’ titles', async () => {
      await open(path);
      const titles = approvedOf(id).map((p) => p.title);
      const faces = await tp.page.locator('[data-desk-sign] > section').all();
      expect(faces).toHaveLength(2);
      for (const face of faces) {
        const text = await face.innerText();
        expect(text).toContain('共产党员先锋岗');
        expect(await face.locator('.name').innerText()).toBe(m.name);
        if (m.post) expect(text).toContain(m.post);
        if (m.assignedPost) expect(text).toContain(m.assignedPost);
        expect((await face.locator('li').allInnerTexts()).map((s) => s.trim()).sort()).toEqual([...titles].sort());
      }
      const nameSize = await tp.page.locator('[data-desk-sign] .name').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      const bodySize = await tp.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(nameSize, 'the name is very large').toBeGreaterThan(3 * bodySize);
    });

    test('both QR codes, as printed, scan to the member’s page on the public board', async () => {
      await open(path);
      await tp.page.emulateMedia({ media: 'print' });
      try {
        const svgs = await tp.page.locator('[data-desk-sign] .qr svg').all();
        expect(svgs).toHaveLength(2);
        for (const svg of svgs) {
          expect(await svg.isVisible()).toBe(true);
          const png = PNG.sync.read(await svg.screenshot());
          const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
          expect(code, `no QR code found in the ${png.width}×${png.height} screenshot`).not.toBeNull();
          expect(code!.data).toBe(`${inject('baseUrl')}members/${id}/`);
          expect(code!.data.startsWith(inject('internalBaseUrl')), 'not the internal build').toBe(false);
        }
      } finally {
        await tp.page.emulateMedia({ media: null });
      }
    });

    test('carries nothing internal: no grades, leader reviews or evaluation text of the member', async () => {
      // The member's internal texts in the content: evaluation summaries and comments, leader reviews.
      const internal: string[] = [];
      for (const e of folder<{ members: { member: string; self?: { summary?: string }; leader?: { comment?: string } }[] }>('evaluations', round)) {
        for (const x of e.data.members.filter((x) => x.member === id)) internal.push(x.self?.summary ?? '', x.leader?.comment ?? '');
      }
      for (const r of folder<{ subject: string; achievements?: string; problems?: string; direction?: string }>('reviews', round).filter((r) => r.data.subject === id)) {
        internal.push(r.data.achievements ?? '', r.data.problems ?? '', r.data.direction ?? '');
      }
      await open(path);
      const html = await tp.page.content();
      for (const s of internal.filter(Boolean)) expect(html, `internal text on the desk sign: ${s}`).not.toContain(s);
      for (const word of ['评议', '点评', '自评', '等次', '优秀', '不合格']) expect(html).not.toContain(word);
    });
  });

  test('the internal texts the no-leak test looks for are really there in the content', () => {
    const e = folder<{ members: { member: string; leader?: { comment?: string } }[] }>('evaluations', round).flatMap((x) => x.data.members);
    expect(e.find((x) => x.member === 'tang-jie')?.leader?.comment).toBeTruthy();
    expect(folder<{ subject: string }>('reviews', round).some((r) => r.data.subject === 'tang-jie')).toBe(true);
  });
});

describe('the 公开承诺书 for signing (internal/print/letter/<owner>/)', () => {
  const cases = [
    { id: 'tang-jie', why: 'the member with the most pledges', signers: ['承诺人', '党支部（书记）'] },
    { id: 'zongzhi', why: 'the 党总支’s own pledges, no upper organisation in the content', signers: ['承诺党总支（书记）', '上级党组织'] },
    { id: 'tuixiu', why: 'a branch’s own pledges', signers: ['承诺党支部（书记）', '上级党组织'] },
  ];

  describe.each(cases)('of $id ($why)', ({ id, signers }) => {
    const path = `internal/print/letter/${id}/`;
    const own = approvedOf(id);

    test('prints on exactly one A4 page, both signature blocks included', async () => {
      expect(own.length).toBeGreaterThanOrEqual(2);
      await open(path);
      const pdf = await print();
      expect(pdf.pages, `/${path} prints on ${pdf.pages} pages`).toBe(1);
      expect([pdf.width, pdf.height].map(Math.round)).toEqual([A4.short, A4.long].map(Math.round));
      const blocks = await tp.page.locator('[data-signature]').allInnerTexts();
      expect(blocks).toHaveLength(2);
      blocks.forEach((b, i) => {
        expect(b.startsWith(signers[i]), `signature block ${i + 1}: ${b}`).toBe(true);
        expect(b).toContain('签字');
        expect(b).toMatch(/日期[\s\S]*年[\s\S]*月[\s\S]*日/);
      });
    });

    test('names both parties and lists the approved pledges with measures and deadlines, but no records', async () => {
      await open(path);
      const text = await printedText('main');
      expect(text).toContain('公开承诺书');
      expect(text).toContain(roundTitle);
      const member = members.find((m) => m.id === id)?.data;
      const org = orgs.get(member?.org ?? id)!;
      expect(text).toContain(member?.name ?? org.name);
      if (!member && org.parent) expect(text).toContain(orgs.get(org.parent)!.name);
      const titles = (await tp.page.locator('article[data-pledge] h2').allInnerTexts()).map((s) => s.replace(/^\d+\.\s*/, '').trim());
      expect(titles.sort()).toEqual(own.map((p) => p.title).sort());
      for (const p of own) {
        for (const measure of p.measures ?? []) expect(text).toContain(measure);
        if (p.deadline) expect(text).toContain(p.deadline);
        // A record may repeat a measure word for word; those say nothing about whether records are shown.
        const notes = (p.records ?? []).map((r) => r.note).filter((n) => !(p.measures ?? []).some((x) => x.includes(n)));
        expect(notes.length, `${p.title}: records to look for`).toBeGreaterThan(0);
        for (const n of notes) expect(text, 'records are not part of the letter to sign').not.toContain(n);
      }
      expect(text).not.toContain('践诺记实');
    });
  });

  test('a member without approved pledges gets a page saying so, with nothing to sign', async () => {
    expect(approvedOf('dong-jianping')).toEqual([]);
    await open('internal/print/letter/dong-jianping/');
    expect(await tp.page.locator('[data-no-pledges]').count()).toBe(1);
    expect(await tp.page.locator('[data-signature]').count()).toBe(0);
    expect((await print()).pages).toBe(1);
  });
});

describe('all three printables', () => {
  const printables = [
    // The survey form goes to 群众 evaluators and the desk sign stands on a desk: no 内部资料 on that paper.
    { name: 'survey form', path: `internal/print/survey/${round}/jiaoshi-yi/`, bannerPrints: false },
    { name: 'desk sign', path: 'internal/print/desk-sign/tang-jie/', bannerPrints: false },
    { name: 'letter for signing', path: 'internal/print/letter/tang-jie/', bannerPrints: true },
  ];

  describe.each(printables)('the $name', ({ path, bannerPrints }) => {
    test(`${bannerPrints ? 'prints' : 'shows on screen only'} the 内部资料 banner, and never the site header, navigation or footer`, async () => {
      await open(path);
      expect(await tp.page.locator('[data-internal-banner]').isVisible(), 'on screen').toBe(true);
      await tp.page.emulateMedia({ media: 'print' });
      try {
        expect(await tp.page.locator('[data-internal-banner]').isVisible(), 'in print').toBe(bannerPrints);
        if (bannerPrints) expect(await tp.page.locator('[data-internal-banner]').innerText()).toContain('内部资料');
        for (const sel of ['.site-header', '.site-footer', 'nav', '.print-hint']) expect(await tp.page.locator(sel).first().isVisible(), `${sel} in print`).toBe(false);
      } finally {
        await tp.page.emulateMedia({ media: null });
      }
    });

    test('has no WCAG 2.2 A/AA violation that axe-core can find, and loads without errors or requests leaving the site', async () => {
      await open(path);
      await tp.page.evaluate(axeSource);
      const violations = await tp.page.evaluate(async (values) => {
        const w = window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } };
        const r = await w.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      }, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
      expect(violations).toEqual([]);
      await tp.page.waitForLoadState('networkidle');
      expect(tp.errors(), describeLog(tp.log)).toEqual([]);
      expect(tp.log.offSite, describeLog(tp.log)).toEqual([]);
    });
  });

  test('do not exist in the public build', async () => {
    const dist = inject('distDir');
    expect(existsSync(join(inject('internalDistDir'), 'internal', 'print')), 'the internal build has them').toBe(true);
    expect(existsSync(join(dist, 'internal')), 'the public build has no internal/ folder').toBe(false);
    for (const p of printables) expect((await fetch(`${inject('baseUrl')}${p.path}`)).status, p.path).toBe(404);
  });
});
