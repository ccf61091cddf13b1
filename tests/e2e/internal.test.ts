/**
 * The internal build (SITE_SCOPE=internal) of the sample, in real Chromium:
 * every page is marked noindex and carries the 内部资料 banner; the 评诺
 * results, the audit and the pledges under review show what the content
 * files say; axe finds nothing. The public build of the same sample has none
 * of these pages, and shows the 光荣榜.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, inject, test } from 'vitest';
import { axeReport, axeViolations } from './axe.ts';
import { describeLog, useTrackedPage, type TrackedPage } from './browser.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The front matter of a sample content file. */
function front(rel: string): Record<string, any> {
  const text = readFileSync(join(root, 'content', rel), 'utf8');
  return yaml.load(text.split(/^---$/m)[1]) as Record<string, any>;
}
const dirFiles = (rel: string) => readdirSync(join(root, 'content', rel)).filter((f) => f.endsWith('.md'));

const internalPages = [
  'internal/',
  'internal/results/2025/jiaoshi-er/',
  'internal/results/2025/tuixiu/',
  'internal/reviews/jiaoshi-yi/',
  'internal/audit/',
  'internal/pending/',
];

async function axe(tp: TrackedPage): Promise<string[]> {
  return (await axeViolations(tp.page)).map((v) => axeReport([v]));
}

describe('the internal build', () => {
  let tp: TrackedPage;
  useTrackedPage((p) => (tp = p), undefined, 'internal');

  test.each(['', 'honours/', ...internalPages])(
    '/%s is marked noindex and shows the 内部资料 banner, with no errors and no axe violation',
    async (path) => {
      const res = await tp.goto(path);
      expect(res.status()).toBe(200);
      expect(await tp.page.locator('meta[name="robots"]').getAttribute('content')).toContain('noindex');
      const banner = tp.page.locator('[data-internal-banner]');
      expect(await banner.isVisible()).toBe(true);
      expect(await banner.textContent()).toContain('内部资料');
      expect(tp.errors(), describeLog(tp.log)).toEqual([]);
      expect(tp.log.offSite).toEqual([]);
      expect(await axe(tp)).toEqual([]);
    },
  );

  test('robots.txt asks every crawler to stay out', async () => {
    const res = await tp.page.request.get(tp.url('robots.txt'));
    expect(await res.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  });

  test('the results page shows each member of the evaluation file as it stands, and the panel by its kinds, with no size rule under 篇三', async () => {
    const ev = front('evaluations/2025/jiaoshi-er.md');
    const panel = Object.values(ev.panel as Record<string, number>).reduce((a, b) => a + b, 0);
    await tp.goto('internal/results/2025/jiaoshi-er/');
    const facts = (await tp.page.locator('.facts').first().textContent()) ?? '';
    // The kinds with a count, as the evaluation form labels them (篇三: 党员代表、人大代表和群众代表).
    const labels: Record<string, string> = { partyReps: '党员代表', npcDeputies: '人大代表', masses: '群众代表（本单位群众）' };
    expect(
      Object.keys(ev.panel).every((k) => k in labels),
      'the sample’s panel is of 篇三’s kinds',
    ).toBe(true);
    expect(facts).toContain(
      `${panel} 人（${Object.entries(ev.panel as Record<string, number>)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${labels[k]} ${n}`)
        .join('、')}）`,
    );
    expect(facts).not.toContain('80%');
    expect(await tp.page.locator('[data-panel-ok]').count()).toBe(0);
    const rows = tp.page.locator('table.results tbody tr');
    expect(await rows.count()).toBe(ev.members.length);
    for (const m of ev.members as { member: string; mass: Record<string, number>; leader?: { by: string } }[]) {
      const cells = await tp.page.locator(`tr[data-member="${m.member}"] td`).allTextContents();
      expect(cells.slice(1, 4).map(Number), m.member).toEqual([m.mass.satisfied, m.mass.basicallySatisfied, m.mass.dissatisfied]);
      const name = front(`members/${m.member}.md`).name as string;
      expect(await tp.page.locator(`tr[data-member="${m.member}"] th`).textContent()).toContain(name);
      if (m.leader) expect(cells[5]).toContain(front(`members/${m.leader.by}.md`).name);
      else expect(cells[8]).toContain('缺少：领导点评');
    }
  });

  test('the 双向述职: the branch’s 述职 and each member’s, with its date; a member without one says so', async () => {
    for (const org of ['jiaoshi-yi', 'tuixiu']) {
      const ev = front(`evaluations/2025/${org}.md`);
      await tp.goto(`internal/results/2025/${org}/`);
      const own = tp.page.locator('[data-org-report]');
      expect(await own.textContent()).toContain(ev.orgReport.summary);
      expect(await own.locator('time').getAttribute('datetime')).toBe(ev.orgReport.date);
      for (const m of ev.members as { member: string; report?: { date: string; summary?: string } }[]) {
        const dd = tp.page.locator(`[data-report="${m.member}"]`);
        if (m.report) {
          expect(await dd.locator('time').getAttribute('datetime'), m.member).toBe(m.report.date);
          if (m.report.summary) expect(await dd.textContent()).toContain(m.report.summary);
        } else {
          expect(await dd.textContent(), m.member).toContain('没有述职记录');
        }
      }
    }
    // tuixiu's two frail members were visited at home and did not report.
    expect((front('evaluations/2025/tuixiu.md').members as { report?: unknown }[]).filter((m) => !m.report).length).toBe(2);
  });

  test('a branch evaluated by 党员代表 and 群众代表 shows its own result', async () => {
    const own = front('evaluations/2025/jiaoshi-yi.md').orgResult as Record<string, string | number>;
    await tp.goto('internal/results/2025/jiaoshi-yi/');
    const section = (await tp.page.locator('section[aria-labelledby="h-org"]').textContent()) ?? '';
    const votes = Number(own.satisfied) + Number(own.basicallySatisfied) + Number(own.dissatisfied);
    const rate = Math.round(((Number(own.satisfied) + Number(own.basicallySatisfied)) / votes) * 1000) / 10;
    expect(section).toContain(String(own.evaluators));
    expect(section).toContain(`${rate.toFixed(1)}%`);
    expect(section).toContain(String(own.comment));
    expect(section).toContain('优秀');
  });

  test('the audit lists every finding of npm run check, each naming an existing file and linking to a page that exists', async () => {
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli/check.ts'), '--json'], { cwd: root, encoding: 'utf8' });
    const findings = (JSON.parse(r.stdout) as { findings: { file: string; rule: string; message: string }[] }).findings;
    expect(findings.length).toBeGreaterThan(0);
    await tp.goto('internal/audit/');
    const items = tp.page.locator('li[data-rule]');
    expect(await items.count()).toBe(findings.length);
    const text = (await tp.page.locator('main').textContent()) ?? '';
    for (const f of findings) expect(text).toContain(f.message);
    const shown = await items.evaluateAll((els) =>
      els.map((li) => ({
        rule: li.getAttribute('data-rule'),
        file: li.querySelector('code')?.textContent ?? '',
        href: li.querySelector('a')?.getAttribute('href') ?? '',
      })),
    );
    for (const s of shown) expect(existsSync(join(root, s.file)), s.file).toBe(true);
    for (const href of new Set(shown.map((s) => s.href))) {
      const res = await tp.page.request.get(tp.url(href));
      expect(res.status(), href).toBe(200);
    }
    // Grouped by branch: one section per branch, each finding in the section of the branch it concerns.
    expect(await tp.page.locator('section[data-org]').count()).toBeGreaterThan(1);
  });

  test('pledges under review show their title and state, and never their review note', async () => {
    const pending = dirFiles('pledges/2025')
      .map((f) => front(`pledges/2025/${f}`))
      .filter((p) => ['submitted', 'revise', 'resubmit'].includes(p.review.status));
    expect(pending.length).toBeGreaterThan(0);
    await tp.goto('internal/pending/');
    const html = await tp.page.content();
    expect(await tp.page.locator('tbody tr').count()).toBe(pending.length);
    for (const p of pending) {
      expect(html).toContain(p.title);
      if (p.review.note) expect(html).not.toContain(p.review.note);
    }
  });
});

describe('the public build', () => {
  let tp: TrackedPage;
  useTrackedPage((p) => (tp = p));

  test.each(internalPages)('/%s does not exist', async (path) => {
    expect((await tp.goto(path)).status()).toBe(404);
  });

  test('pages are not marked noindex and carry no 内部资料 banner', async () => {
    await tp.goto('');
    expect(await tp.page.locator('meta[name="robots"]').count()).toBe(0);
    expect(await tp.page.locator('[data-internal-banner]').count()).toBe(0);
    expect(existsSync(join(inject('distDir'), 'internal'))).toBe(false);
    const robots = await (await tp.page.request.get(tp.url('robots.txt'))).text();
    expect(robots).not.toContain('Disallow: /');
    expect(robots).toContain(`Sitemap: ${tp.url('sitemap.xml')}`);
  });

  test('the 光荣榜 shows every decided commendation, and each shows on its member’s or org’s page', async () => {
    const commendations = dirFiles('commendations/2025').map(
      (f) => ({ ...front(`commendations/2025/${f}`), id: f.replace(/\.md$/, '') }) as Record<string, any>,
    );
    expect(commendations.length).toBeGreaterThan(0);
    await tp.goto('honours/');
    expect(tp.errors(), describeLog(tp.log)).toEqual([]);
    expect(await tp.page.locator('[data-commendation]').count()).toBe(commendations.length);
    expect(await axe(tp)).toEqual([]);
    for (const c of commendations) {
      const card = tp.page.locator(`[data-commendation="2025/${c.id}"]`);
      expect(await card.textContent()).toContain(c.title);
      expect(await card.textContent()).toContain(c.reason);
    }
    for (const c of commendations) {
      const isMember = existsSync(join(root, 'content/members', `${c.subject}.md`));
      await tp.goto(isMember ? `members/${c.subject}/` : `orgs/${c.subject}/`);
      expect(await tp.page.locator('main').textContent(), c.subject).toContain(c.title);
    }
  });
});
