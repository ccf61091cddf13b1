/**
 * The example content trees, one per preset other than the sample's (examples/<preset>/): each names its preset,
 * passes the content check with no error and no finding as of its own date, and builds in both scopes, with a page
 * per member. Each runs its own variant: the 公开说明 page lists the rules its preset has, with that preset's
 * numbers, and its results bulletin says what the results computed from its evaluation say.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { branchResults } from '../../src/lib/evaluationResults.ts';
import { profileResolver } from '../../src/lib/profiles.ts';
import { root } from './buildSite.ts';
import { builtSite, variants } from './sites.ts';
import { describeHouseholds } from './householdChecks.ts';

const presets = ['school-semester', 'provincial', 'monthly'] as const;

/**
 * What the about page must list under each preset, written out from ../shared/DOMAIN.md (and 篇五 line 121 for
 * R17), with a phrase of the rule's title that carries the preset's own number or wording.
 */
const expectedRules: Record<(typeof presets)[number], { rules: string[]; phrases: Record<string, RegExp> }> = {
  'school-semester': {
    rules: ['R1', 'R3', 'R4', 'R5', 'R6', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R15', 'R16'],
    phrases: {
      R1: /^R1\s+在职党员从学习、工作、自律、服务等方面作出承诺/,
      R6: /每学期一记账/,
      R8: /每学期通报表扬/,
      R10: /^R10\s+群众评议主体不少于本支部党员数的 80%$/,
      R12: /上级党组织书记点评支部书记/,
    },
  },
  provincial: {
    rules: ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R14', 'R15', 'R16', 'R17'],
    phrases: {
      R1: /承诺 2—3 项/,
      R2: /组织承诺 3—5 项，报上级党组织审定备案/,
      R6: /每月一记实/,
      R8: /组织承诺每季度通报一次/,
      R10: /^R10\s+年终评议有党员代表、人大代表、群众代表参加$/,
      R14: /每半年一次/,
    },
  },
  monthly: {
    rules: ['R1', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R15', 'R16', 'R17'],
    phrases: {
      R1: /^R1\s+在职党员从学习、工作、自律、服务等方面作出承诺/,
      R10: /80%；非公企业、社会组织党组织邀请非中共党员的出资人、负责人参加$/,
      R12: /上级党组织书记点评支部书记/,
    },
  },
};

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .trim();

describe.each(presets)('examples/%s', (preset) => {
  const dir = join(root, 'examples', preset);
  const site = JSON.parse(readFileSync(join(dir, 'site.json'), 'utf8')) as { profile: string; asOf: string; currentRound: string };
  const members = readdirSync(join(dir, 'members'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.slice(0, -3));
  const built = { public: '', internal: '' };

  beforeAll(() => {
    // The run's shared builds (tests/build/sites.ts): tests/e2e/householdPlaque.test.ts serves the public one of
    // examples/provincial. One after the other: two Astro builds at once compete for the machine's cores and memory.
    const pub = builtSite(variants.example(preset, 'public'));
    expect(pub.code, pub.out).toBe(0);
    built.public = pub.outDir;
    const internal = builtSite(variants.example(preset, 'internal'));
    expect(internal.code, internal.out).toBe(0);
    built.internal = internal.outDir;
  });

  // 设岗定责 and 共产党员户 (篇四) on the same two builds.
  if (preset === 'provincial') describeHouseholds(built);

  test('names its preset and has one branch of 8–15 members', () => {
    expect(site.profile).toBe(preset);
    expect(members.length).toBeGreaterThanOrEqual(8);
    expect(members.length).toBeLessThanOrEqual(15);
  });

  test('passes the check with no error and no finding as of its date, with no acknowledged finding', () => {
    const r = checkContent(dir, site.asOf, root);
    expect(r.errors).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(existsSync(join(dir, 'acknowledged.json'))).toBe(false);
    expect(r.asOf).toBe(site.asOf);
    // The whole round has ended by the as-of date.
    const round = r.model?.rounds.find((x) => x.id === r.model?.site.data.currentRound);
    expect(round && round.data.end < site.asOf).toBe(true);
  });

  test('builds in both scopes, with a page for every member; the results page only in the internal one', () => {
    for (const id of members) {
      expect(existsSync(join(built.public, 'members', id, 'index.html')), id).toBe(true);
      expect(existsSync(join(built.internal, 'members', id, 'index.html')), id).toBe(true);
    }
    const model = checkContent(dir, site.asOf, root).model!;
    for (const e of model.evaluations.filter((x) => x.round === site.currentRound)) {
      expect(existsSync(join(built.internal, 'internal', 'results', site.currentRound, e.data.org, 'index.html'))).toBe(true);
      expect(existsSync(join(built.public, 'internal'))).toBe(false);
    }
  });

  test('the 公开说明 page lists exactly the rules of its preset, with the preset’s numbers', () => {
    const html = readFileSync(join(built.public, 'about', 'index.html'), 'utf8');
    const list = /<ul[^>]*data-rules="([^"]+)"[^>]*>([\s\S]*?)<\/ul>/.exec(html);
    expect(list?.[1]).toBe(preset);
    const items = [...list![2].matchAll(/<li[^>]*data-rule="(R\d+)"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({
      rule: m[1],
      text: text(m[2]),
    }));
    expect(items.map((i) => i.rule)).toEqual(expectedRules[preset].rules);
    for (const [rule, phrase] of Object.entries(expectedRules[preset].phrases))
      expect(items.find((i) => i.rule === rule)?.text, rule).toMatch(phrase);
    if (preset !== 'provincial') expect(items.find((i) => i.rule === 'R1')?.text).not.toMatch(/2—3/);
  });

  // 篇三/四 evaluate at the year-end 双向述职 (the branch and each member report, then 党员代表、人大代表和群众代表
  // evaluate); 篇一/二/五 keep the 满意度测评表 they had, with its 80% line and categories.
  test('its year-end evaluation and 满意度测评表 are its variant’s: 双向述职 under 篇四 only', () => {
    const model = checkContent(dir, site.asOf, root).model!;
    const [e] = model.evaluations.filter((x) => x.round === site.currentRound);
    const survey = readFileSync(join(built.internal, 'internal', 'print', 'survey', site.currentRound, e.data.org, 'index.html'), 'utf8');
    const results = text(readFileSync(join(built.internal, 'internal', 'results', site.currentRound, e.data.org, 'index.html'), 'utf8'));
    const categories = [...survey.matchAll(/<li[^>]*data-category="([^"]+)"/g)].map((m) => m[1]);
    if (preset === 'provincial') {
      expect(Object.keys(e.data.panel)).toEqual(['partyReps', 'npcDeputies', 'masses']);
      expect(e.data.orgReport?.summary).toBeTruthy();
      expect(results).toContain(e.data.orgReport!.summary);
      for (const m of e.data.members) {
        expect(m.report?.date, m.member).toBeTruthy();
        if (m.report?.summary) expect(results).toContain(m.report.summary);
      }
      expect(categories).toEqual(['partyReps', 'npcDeputies', 'masses']);
      expect(survey).toContain('data-two-way');
      expect(survey).toMatch(new RegExp(`<tr[^>]*data-org="${e.data.org}"`));
      expect(survey).toContain('已述职');
      expect(survey).not.toContain('data-panel-requirement');
    } else {
      expect(e.data.orgReport).toBeUndefined();
      expect(e.data.members.filter((m) => m.report)).toEqual([]);
      expect(e.data.panel.partyReps ?? e.data.panel.npcDeputies).toBeUndefined();
      expect(results).not.toContain('双向述职');
      expect(categories.slice(0, 4)).toEqual(['masses', 'serviceObjects', 'partnerUnits', 'deputies']);
      expect(categories.at(-1)).toBe('others');
      for (const marker of ['data-two-way', 'data-org=', '已述职', 'data-present=']) expect(survey, marker).not.toContain(marker);
      expect(survey).toContain('data-panel-requirement');
    }
  });

  test('its results bulletin gives the counts of the results computed from its evaluation', () => {
    const model = checkContent(dir, site.asOf, root).model!;
    const index = indexContent(model);
    const profileOf = profileResolver(model.site.data, index.org);
    const [e] = model.evaluations.filter((x) => x.round === site.currentRound);
    const r = branchResults(index, e, model.site.data.evaluation, profileOf(e.data.org));
    const bulletin = model.bulletins.find((b) => b.round === site.currentRound && b.data.kind === 'results' && b.data.org === e.data.org)!;
    const said = /优秀(\d+)名、合格(\d+)名/.exec(bulletin.body ?? '');
    expect(said, bulletin.file).not.toBeNull();
    expect([Number(said![1]), Number(said![2])]).toEqual([r.byGrade.excellent, r.byGrade.qualified]);
    expect(r.byGrade.basic + r.byGrade.unqualified + r.byGrade.pending).toBe(0);
  });
});
