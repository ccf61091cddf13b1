/**
 * The internal printables of the year-end half, printed to PDF by real Chromium from the internal build:
 * the 满意度测评表 (form on one A4 page, tally sheet alone on the next; under the sample's 篇三 a 双向述职 form:
 * the branch is evaluated first, the panel is 党员代表、人大代表和群众代表, the tally records who reported), the 共产党员先锋岗 desk signs of a
 * branch (one A4 landscape sheet per member, whose QR codes scan to that member's page on the PUBLIC board,
 * and nothing internal on them) and the 公开承诺书 for signing of a branch (one A4 page per letter — the
 * org's own, then each member's — with both parties' signature lines). What each page should say is worked
 * out here from the content files, not from src/. None of them exists in the public build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, inject, test } from 'vitest';
import { axeReport, axeViolations } from './axe.ts';
import { describeLog, useTrackedPage, type TrackedPage } from './browser.ts';
import { pdfText } from './pdfText.ts';

const contentDir = fileURLToPath(new URL('../../content/', import.meta.url));
// Run as an evaluation, not added as an inline <script>, which the pages' Content-Security-Policy refuses.
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

interface MemberFront {
  name: string;
  org: string;
  post?: string;
  assignedPost?: string;
  status?: string;
  roles?: string[];
}
interface OrgFront {
  name: string;
  level: string;
  parent?: string;
  unitType: string;
  secretary?: string;
}
interface PledgeFront {
  owner: string;
  title: string;
  measures?: string[];
  deadline?: string;
  review: { status: string; date?: string };
  records?: { date: string; note: string }[];
}

const site = JSON.parse(readFileSync(join(contentDir, 'site.json'), 'utf8')) as { asOf: string; currentRound: string; profile?: string };
// 篇三 and 篇四 evaluate at the year-end 双向述职 (the branch and each member report first), with no panel size.
const twoWay = ['five-stages', 'provincial'].includes(site.profile ?? 'five-stages');
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
  const counts = [...s.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) =>
    Number(m[1] ?? m[2]),
  );
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

    test('its header names the round and the branch, and says the evaluation follows the 双向述职, with no panel size (篇三)', async () => {
      expect(twoWay, 'the sample follows 篇三').toBe(true);
      await open(path);
      const text = await printedText('.sheet.form header');
      expect(text).toContain(roundTitle);
      expect(text).toContain(orgs.get(org)!.name);
      expect(text).toContain('测评日期');
      expect(await tp.page.locator('[data-two-way]').innerText()).toBe(
        '本次评议结合双向述职：党支部和每名党员先述职，再由党员代表、人大代表和群众代表评议。',
      );
      // 篇三 sets no least panel: no 80% line on the form or the tally sheet.
      expect(await tp.page.locator('[data-panel-requirement]').count()).toBe(0);
      expect(await printedText('body')).not.toContain('80%');
    });

    test('names the panel kinds of 篇三: 党员代表、人大代表和群众代表, as the evaluation form labels them', async () => {
      await open(path);
      const labels = (await tp.page.locator('.categories li').allInnerTexts()).map((s) => s.trim());
      expect(labels).toEqual(['党员代表', '人大代表', '群众代表（本单位群众）']);
    });

    test('the tally sheet has a 述职 box for the branch and for every member, and a blank for how many of each kind came', async () => {
      await open(path);
      const rows = tp.page.locator('[data-tally] tbody tr');
      expect(await rows.count()).toBe(own.length + 1);
      expect(await tp.page.locator('[data-tally] thead th.reported').innerText()).toBe('已述职');
      expect(await tp.page.locator('[data-tally] tbody td.reported .box').count(), 'one 已述职 box per row').toBe(own.length + 1);
      const present = await tp.page
        .locator('[data-tally] [data-present]')
        .evaluateAll((els) =>
          els.map((e) => [e.getAttribute('data-present'), e.textContent?.replace(/\s+/g, ''), e.querySelectorAll('.blank').length]),
        );
      expect(present).toEqual([
        ['partyReps', '党员代表人', 1],
        ['npcDeputies', '、人大代表人', 1],
        ['masses', '、群众代表（本单位群众）人', 1],
      ]);
    });

    test('lists the branch first (it reports and is evaluated too), then every member of the branch once, with three empty boxes each, retired and frail members marked, and the same rows on the tally sheet', async () => {
      await open(path);
      const ballot = tp.page.locator('table.ballot tbody tr');
      const first = ballot.first();
      expect(await first.getAttribute('data-org')).toBe(org);
      expect(await first.locator('th[scope="row"]').innerText()).toBe(orgs.get(org)!.name);
      expect(await first.locator('td .box').count(), 'the branch: three boxes').toBe(3);
      expect(await tp.page.locator('[data-tally] tbody tr').first().getAttribute('data-org')).toBe(org);
      const ids = await ballot.evaluateAll((rows) =>
        rows.flatMap((r) => (r.hasAttribute('data-member') ? [r.getAttribute('data-member')] : [])),
      );
      expect([...ids].sort()).toEqual(own.map((m) => m.id).sort());
      expect(await ballot.count()).toBe(own.length + 1);
      const headers = (await tp.page.locator('table.ballot thead th').allInnerTexts()).map((s) => s.trim());
      expect(headers.slice(-3)).toEqual(['满意', '基本满意', '不满意']);
      for (const m of own) {
        const row = tp.page.locator(`table.ballot tr[data-member="${m.id}"]`);
        expect(await row.locator('th[scope="row"]').innerText()).toContain(m.data.name);
        expect(await row.locator('td .box').count(), `${m.id}: three boxes`).toBe(3);
        expect(
          await row.locator('td.choice').evaluateAll((cells) => cells.map((c) => c.textContent?.trim())),
          `${m.id}: the boxes are empty`,
        ).toEqual(['', '', '']);
        const mark = statusMarks[m.data.status ?? 'active'];
        const name = await row.locator('th').innerText();
        if (mark) expect(name, `${m.id} is marked`).toContain(mark);
        else expect(name).toBe(m.data.name);
      }
      const tally = await tp.page
        .locator('[data-tally] tbody tr[data-member]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-member')));
      expect([...tally].sort()).toEqual(own.map((m) => m.id).sort());
      expect(await tp.page.locator('[data-tally] [data-signature]').allInnerTexts()).toEqual([
        expect.stringContaining('计票人'),
        expect.stringContaining('监票人'),
      ]);
    });
  });

  test('the 党总支 lists only its own members, not its branches’, after itself', async () => {
    const own = members.filter((m) => m.data.org === 'zongzhi');
    expect(own.length).toBeLessThan(members.length / 4);
    await open(`internal/print/survey/${round}/zongzhi/`);
    expect(await tp.page.locator('table.ballot tbody tr[data-member]').count()).toBe(own.length);
    expect(await tp.page.locator('table.ballot tbody tr[data-org="zongzhi"]').count()).toBe(1);
  });
});

/** The members of exactly this org as the survey lists them: the secretary, the committee, then the others, each group by file name. */
function branchOrder(org: string): { id: string; data: MemberFront }[] {
  const own = members.filter((m) => m.data.org === org).sort((a, b) => (a.id < b.id ? -1 : 1));
  const secretary = orgs.get(org)?.secretary ?? own.find((m) => m.data.roles?.includes('secretary'))?.id;
  const rank = (m: { id: string; data: MemberFront }) => (m.id === secretary ? 0 : m.data.roles?.includes('committee') ? 1 : 2);
  return own
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => m);
}

// 96 CSS px per inch: an A4 landscape sheet is 297 × 210 mm.
const mm = 96 / 25.4;

describe('the 共产党员先锋岗 desk signs of a branch (internal/print/desk-sign/<org>/)', () => {
  // jiaoshi-er has tang-jie (4 pledges); jiaoshi-yi gao-yan (a post and 设岗) and deng-qiang (设岗 only); tuixiu retired and frail members.
  const branches = ['jiaoshi-er', 'tuixiu', 'jiaoshi-yi'];

  test('the sample branches have the members the cases below rely on', () => {
    const of = (id: string) => members.find((m) => m.id === id)!.data;
    expect(of('tang-jie').org).toBe('jiaoshi-er');
    expect(approvedOf('tang-jie')).toHaveLength(4);
    expect(of('gao-yan')).toMatchObject({ org: 'jiaoshi-yi', post: expect.any(String), assignedPost: expect.any(String) });
    expect(of('deng-qiang')).toMatchObject({ org: 'jiaoshi-yi', assignedPost: expect.any(String) });
    expect(of('deng-qiang').post).toBeUndefined();
    expect(of('dong-jianping')).toMatchObject({ org: 'tuixiu', status: 'frail' });
    expect(members.filter((m) => m.data.org === 'tuixiu' && m.data.status === 'retired').length).toBeGreaterThan(0);
  });

  describe.each(branches)('of %s', (org) => {
    const own = branchOrder(org);
    const path = `internal/print/desk-sign/${org}/`;

    test('prints exactly one A4 landscape sheet per member of the branch (a card that does not fit its sheet adds a page)', async () => {
      expect(own.length).toBeGreaterThan(1);
      await open(path);
      const pdf = await print();
      expect(pdf.pages, `/${path} prints on ${pdf.pages} pages for ${own.length} members`).toBe(own.length);
      expect([pdf.width, pdf.height].map(Math.round)).toEqual([A4.long, A4.short].map(Math.round));
    });

    test('has one card per member of exactly this branch, in the survey’s order (secretary, committee, the others), each with its anchor and listed on screen', async () => {
      await open(path);
      const cards = await tp.page
        .locator('[data-desk-sign]')
        .evaluateAll((els) => els.map((e) => ({ member: e.getAttribute('data-member'), id: e.id })));
      expect(cards.map((c) => c.member)).toEqual(own.map((m) => m.id));
      expect(cards.map((c) => c.id)).toEqual(own.map((m) => `m-${m.id}`));
      const toc = await tp.page
        .locator('nav.toc a')
        .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent?.trim() })));
      expect(toc).toEqual(own.map((m) => ({ href: `#m-${m.id}`, text: m.data.name })));
      expect(await tp.page.locator('nav.toc').isVisible(), 'the list is on screen').toBe(true);
      await tp.page.emulateMedia({ media: 'print' });
      try {
        expect(await tp.page.locator('nav.toc').isVisible(), 'the list in print').toBe(false);
      } finally {
        await tp.page.emulateMedia({ media: null });
      }
    });

    test('every card is a tent card filling its sheet: the top half turned upside down above the fold, the bottom half upright below it, a page break after every card but the last', async () => {
      await open(path);
      await tp.page.emulateMedia({ media: 'print' });
      try {
        const sheets = await tp.page.locator('[data-desk-sign]').evaluateAll((els) =>
          els.map((s) => {
            const r = s.getBoundingClientRect();
            return {
              member: s.getAttribute('data-member'),
              top: r.top,
              width: r.width,
              height: r.height,
              breakAfter: getComputedStyle(s).breakAfter,
              faces: [...s.querySelectorAll(':scope > section')].map((e) => ({
                transform: getComputedStyle(e).transform,
                top: e.getBoundingClientRect().top,
                bottom: e.getBoundingClientRect().bottom,
              })),
            };
          }),
        );
        expect(sheets).toHaveLength(own.length);
        sheets.forEach((s, i) => {
          const who = `${s.member}’s card`;
          expect(Math.abs(s.width - 297 * mm), `${who}: width ${s.width}`).toBeLessThan(2);
          expect(Math.abs(s.height - 210 * mm), `${who}: height ${s.height} (its text does not fit)`).toBeLessThan(2);
          expect(s.faces, who).toHaveLength(2);
          const fold = s.top + s.height / 2;
          expect(s.faces[0].transform, `${who}: the top face is rotated 180°`).toMatch(/^matrix\(-1, [-0.e]+, [-0.e]+, -1, 0, 0\)$/);
          expect(s.faces[1].transform, who).toBe('none');
          expect(Math.abs(s.faces[0].bottom - fold), who).toBeLessThan(2);
          expect(Math.abs(s.faces[1].top - fold), who).toBeLessThan(2);
          expect(s.breakAfter, who).toBe(i === sheets.length - 1 ? 'auto' : 'page');
        });
      } finally {
        await tp.page.emulateMedia({ media: null });
      }
    });

    test('both faces of every card show 共产党员先锋岗, the name, post, assigned post and the approved pledges’ titles of its member', async () => {
      await open(path);
      for (const m of own) {
        const titles = approvedOf(m.id).map((p) => p.title);
        const faces = await tp.page.locator(`#m-${m.id} > section`).all();
        expect(faces, m.id).toHaveLength(2);
        for (const face of faces) {
          const text = await face.innerText();
          expect(text).toContain('共产党员先锋岗');
          expect(await face.locator('.name').innerText()).toBe(m.data.name);
          if (m.data.post) expect(text, m.id).toContain(m.data.post);
          if (m.data.assignedPost) expect(text, m.id).toContain(m.data.assignedPost);
          expect((await face.locator('li').allInnerTexts()).map((s) => s.trim()).sort(), m.id).toEqual([...titles].sort());
        }
      }
      const nameSize = await tp.page
        .locator('[data-desk-sign] .name')
        .first()
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      const bodySize = await tp.page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(nameSize, 'the name is very large').toBeGreaterThan(3 * bodySize);
    });

    test('both QR codes of every card, as printed, scan to its own member’s page on the public board', async () => {
      await open(path);
      await tp.page.emulateMedia({ media: 'print' });
      try {
        for (const m of own) {
          const svgs = await tp.page.locator(`#m-${m.id} .qr svg`).all();
          expect(svgs, m.id).toHaveLength(2);
          for (const svg of svgs) {
            expect(await svg.isVisible()).toBe(true);
            const png = PNG.sync.read(await svg.screenshot());
            const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
            expect(code, `${m.id}: no QR code found in the ${png.width}×${png.height} screenshot`).not.toBeNull();
            expect(code!.data, m.id).toBe(`${inject('baseUrl')}members/${m.id}/`);
            expect(code!.data.startsWith(inject('internalBaseUrl')), 'not the internal build').toBe(false);
          }
        }
      } finally {
        await tp.page.emulateMedia({ media: null });
      }
    });

    test('carries nothing internal: no grades, leader reviews or evaluation text of its members', async () => {
      const ids = new Set(own.map((m) => m.id));
      // The members' internal texts in the content: evaluation summaries and comments, leader reviews.
      const internal: string[] = [];
      for (const e of folder<{ members: { member: string; self?: { summary?: string }; leader?: { comment?: string } }[] }>(
        'evaluations',
        round,
      )) {
        for (const x of e.data.members.filter((x) => ids.has(x.member))) internal.push(x.self?.summary ?? '', x.leader?.comment ?? '');
      }
      for (const r of folder<{ subject: string; achievements?: string; problems?: string; direction?: string }>('reviews', round).filter(
        (r) => ids.has(r.data.subject) || r.data.subject === org,
      )) {
        internal.push(r.data.achievements ?? '', r.data.problems ?? '', r.data.direction ?? '');
      }
      await open(path);
      const html = await tp.page.content();
      for (const s of internal.filter(Boolean)) expect(html, `internal text on the desk signs: ${s}`).not.toContain(s);
      for (const word of ['评议', '点评', '自评', '等次', '优秀', '不合格']) expect(html).not.toContain(word);
    });
  });

  test('the internal texts the no-leak test looks for are really there in the content', () => {
    const e = folder<{ members: { member: string; leader?: { comment?: string } }[] }>('evaluations', round).flatMap((x) => x.data.members);
    expect(e.find((x) => x.member === 'tang-jie')?.leader?.comment).toBeTruthy();
    expect(folder<{ subject: string }>('reviews', round).some((r) => r.data.subject === 'tang-jie')).toBe(true);
  });

  test('no desk sign page per member any more', async () => {
    expect((await fetch(`${inject('internalBaseUrl')}internal/print/desk-sign/tang-jie/`)).status).toBe(404);
  });
});

describe('the 公开承诺书 for signing of a branch (internal/print/letter/<org>/)', () => {
  /** The letters expected on an org's page: its own when it has approved pledges, then one per member. */
  const lettersOf = (org: string) => [...(approvedOf(org).length > 0 ? [`org-${org}`] : []), ...branchOrder(org).map((m) => `m-${m.id}`)];

  describe.each([
    { org: 'zongzhi', why: 'the 党总支’s own pledges, its upper organisation named in site.json' },
    { org: 'jiaoshi-yi', why: 'no pledges of its own' },
    { org: 'tuixiu', why: 'a branch’s own pledges, retired and frail members' },
    { org: 'jiaoshi-er', why: 'tang-jie with 4 pledges' },
  ])('of $org ($why)', ({ org }) => {
    const path = `internal/print/letter/${org}/`;
    const expected = lettersOf(org);

    test('prints exactly one A4 portrait sheet per letter: the org’s own first when it has approved pledges, then every member’s', async () => {
      expect(expected.length).toBeGreaterThan(1);
      await open(path);
      const letters = await tp.page.locator('article.letter').evaluateAll((els) => els.map((e) => e.id));
      expect(letters).toEqual(expected);
      const pdf = await print();
      expect(pdf.pages, `/${path} prints on ${pdf.pages} pages for ${expected.length} letters`).toBe(expected.length);
      expect([pdf.width, pdf.height].map(Math.round)).toEqual([A4.short, A4.long].map(Math.round));
      await tp.page.emulateMedia({ media: 'print' });
      const breaks = await tp.page.locator('article.letter').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter));
      await tp.page.emulateMedia({ media: null });
      expect(breaks).toEqual(expected.map((_, i) => (i === expected.length - 1 ? 'auto' : 'page')));
    });

    test('every letter with approved pledges has both parties’ signature and date lines; one without says so and has none', async () => {
      await open(path);
      for (const anchor of expected) {
        const owner = anchor.replace(/^(m|org)-/, '');
        const letter = tp.page.locator(`#${anchor}`);
        const blocks = await letter.locator('[data-signature]').allInnerTexts();
        if (approvedOf(owner).length === 0) {
          expect(blocks, `${owner} has nothing to sign`).toEqual([]);
          expect(await letter.locator('[data-no-pledges]').count(), owner).toBe(1);
          continue;
        }
        const orgLevel = orgs.get(org)!.level === 'general-branch' ? '党总支' : '党支部';
        const signers = anchor.startsWith('org-') ? [`承诺${orgLevel}（书记）`, '上级党组织'] : ['承诺人', `${orgLevel}（书记）`];
        expect(blocks, owner).toHaveLength(2);
        blocks.forEach((b, i) => {
          expect(b.startsWith(signers[i]), `${owner}: signature block ${i + 1}: ${b}`).toBe(true);
          expect(b).toContain('签字');
          expect(b).toMatch(/日期[\s\S]*年[\s\S]*月[\s\S]*日/);
        });
      }
    });

    test('lists on screen a link to every letter', async () => {
      await open(path);
      const hrefs = await tp.page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs).toEqual(expected.map((a) => `#${a}`));
    });
  });

  test('the org’s own letter names its upper organisation: the parent org, or for the top org the one site.json names', async () => {
    const site = JSON.parse(readFileSync(join(contentDir, 'site.json'), 'utf8')) as { topOrg: string; upperOrg?: { name: string } };
    expect(site.upperOrg?.name).toBeTruthy();
    for (const [org, upper] of [
      [site.topOrg, site.upperOrg!.name],
      ['tuixiu', orgs.get(orgs.get('tuixiu')!.parent!)!.name],
    ] as const) {
      await open(`internal/print/letter/${org}/`);
      const letter = tp.page.locator(`#org-${org}`);
      expect(await letter.locator('dl').innerText(), org).toContain(upper);
      expect(await letter.locator('[data-signature]').nth(1).innerText(), org).toContain(upper);
    }
  });

  /** Keeps only one letter on the page, so that what is printed is that letter alone. */
  async function only(anchor: string): Promise<void> {
    await tp.page.evaluate((a) => {
      for (const e of document.querySelectorAll<HTMLElement>('article.letter')) if (e.id !== a) e.style.display = 'none';
    }, anchor);
  }

  describe.each([
    { org: 'jiaoshi-er', anchor: 'm-tang-jie', id: 'tang-jie', why: 'the member with the most pledges' },
    { org: 'zongzhi', anchor: 'org-zongzhi', id: 'zongzhi', why: 'the 党总支’s own pledges' },
    { org: 'tuixiu', anchor: 'org-tuixiu', id: 'tuixiu', why: 'a branch’s own pledges' },
  ])('the letter of $id ($why)', ({ org, anchor, id }) => {
    const path = `internal/print/letter/${org}/`;
    const own = approvedOf(id);

    test('fits on one A4 sheet by itself, both signature blocks included', async () => {
      expect(own.length).toBeGreaterThanOrEqual(2);
      await open(path);
      await only(anchor);
      expect(await tp.page.locator(`#${anchor} [data-signature]`).count()).toBe(2);
      expect((await print()).pages, `the letter #${anchor} alone`).toBe(1);
    });

    test('names both parties and lists the approved pledges with measures and deadlines, but no records', async () => {
      await open(path);
      const text = await printedText(`#${anchor}`);
      expect(text).toContain('公开承诺书');
      expect(text).toContain(roundTitle);
      const member = members.find((m) => m.id === id)?.data;
      const o = orgs.get(member?.org ?? id)!;
      expect(text).toContain(member?.name ?? o.name);
      expect(text).toContain(o.name);
      if (!member && o.parent) expect(text).toContain(orgs.get(o.parent)!.name);
      const titles = (await tp.page.locator(`#${anchor} article[data-pledge] h3`).allInnerTexts()).map((s) =>
        s.replace(/^\d+\.\s*/, '').trim(),
      );
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

  test('a member without approved pledges gets a sheet saying so, with nothing to sign, on one page', async () => {
    expect(approvedOf('dong-jianping')).toEqual([]);
    await open('internal/print/letter/tuixiu/');
    const letter = tp.page.locator('#m-dong-jianping');
    expect(await letter.locator('[data-no-pledges]').count()).toBe(1);
    expect(await letter.locator('[data-signature]').count()).toBe(0);
    await only('m-dong-jianping');
    expect((await print()).pages).toBe(1);
  });

  test('no letter page per member any more', async () => {
    expect((await fetch(`${inject('internalBaseUrl')}internal/print/letter/tang-jie/`)).status).toBe(404);
  });
});

describe('all three printables', () => {
  const printables = [
    // The survey form goes to 群众 evaluators and the desk sign stands on a desk: no 内部资料 on that paper.
    { name: 'survey form', path: `internal/print/survey/${round}/jiaoshi-yi/`, bannerPrints: false },
    { name: 'desk signs', path: 'internal/print/desk-sign/jiaoshi-er/', bannerPrints: false },
    { name: 'letters for signing', path: 'internal/print/letter/jiaoshi-er/', bannerPrints: true },
  ];

  describe.each(printables)('the $name', ({ path, bannerPrints }) => {
    test(`${bannerPrints ? 'prints' : 'shows on screen only'} the 内部资料 banner, and never the site header, navigation or footer`, async () => {
      await open(path);
      expect(await tp.page.locator('[data-internal-banner]').isVisible(), 'on screen').toBe(true);
      await tp.page.emulateMedia({ media: 'print' });
      try {
        expect(await tp.page.locator('[data-internal-banner]').isVisible(), 'in print').toBe(bannerPrints);
        if (bannerPrints) expect(await tp.page.locator('[data-internal-banner]').innerText()).toContain('内部资料');
        for (const sel of ['.site-header', '.site-footer', 'nav', '.print-hint'])
          expect(await tp.page.locator(sel).first().isVisible(), `${sel} in print`).toBe(false);
      } finally {
        await tp.page.emulateMedia({ media: null });
      }
      // On the printed sheets themselves, the margin-box banner of an internal page (every sheet) included.
      const sheets = pdfText(await tp.page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      expect(sheets.length).toBeGreaterThan(0);
      for (const [i, text] of sheets.entries()) expect(text.includes('内部资料'), `sheet ${i + 1} of ${path}`).toBe(bannerPrints);
    });

    test('has no WCAG 2.2 A/AA violation that axe-core can find, and loads without errors or requests leaving the site', async () => {
      await open(path);
      const violations = await axeViolations(tp.page);
      expect(violations, axeReport(violations)).toEqual([]);
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
