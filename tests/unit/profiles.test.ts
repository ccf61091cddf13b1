/**
 * Rule profiles: under each preset, one required item is removed and exactly that preset's rule fires; under a
 * preset without the rule (or with another cadence) it stays silent. Per-org profiles and overrides, too.
 */
import { describe, expect, test } from 'vitest';
import type { AuditRule } from '../../src/lib/audit/auditContext.ts';
import { auditR10, auditR12, auditR13, auditR14 } from '../../src/lib/audit/evaluationRules.ts';
import { auditR6, auditR7, auditR8 } from '../../src/lib/audit/ledgerRules.ts';
import { auditR1, auditR2 } from '../../src/lib/audit/pledgeCountRules.ts';
import { ruleTitle } from '../../src/lib/audit/ruleTitle.ts';
import type { ContentModel, Site } from '../../src/lib/model.ts';
import { describeProfile } from '../../src/lib/describeProfile.ts';
import { presets, profileResolver, rulesOf, siteProfile, type ProfileId } from '../../src/lib/profiles.ts';
import { bulletin, evaluation, index, member, memberEval, org, pledge, review, site, withMembers } from '../fixtures/model.ts';

const all = Object.keys(presets) as ProfileId[];
const AS_OF = '2026-12-31';

function run(rule: AuditRule, profile: ProfileId, parts: Partial<ContentModel>, overrides: Partial<Site> = {}) {
  return rule({ index: index({ ...parts, site: site({ profile, ...overrides }) }), asOf: AS_OF });
}

/** The presets that fire for the parts, and those that stay silent. */
function firing(rule: AuditRule, parts: Partial<ContentModel>, id: string) {
  return all.filter((p) => run(rule, p, parts).some((f) => f.rule === id));
}

describe('each preset checks its own rules and no other', () => {
  test('R7: a branch with no quarterly check: flagged where checks are required (篇三/四/五), silent for 篇一/二', () => {
    expect(firing(auditR7, {}, 'R7').sort()).toEqual(['five-stages', 'monthly', 'provincial']);
  });

  test('R14: no mid-year review: flagged where reviews are half-yearly (篇三/四), silent where once a year (篇一/二/五)', () => {
    const members = withMembers(member('m1'));
    const reviews = [review('m1-h2', { subject: 'm1', date: '2026-11-20', period: 'h2' })];
    expect(firing(auditR14, { members, reviews }, 'R14').sort()).toEqual(['five-stages', 'provincial']);
  });

  test('R1: an active member with one pledge: flagged where the number is 2–3 (篇三/四); none: flagged everywhere', () => {
    const members = withMembers(member('m1'));
    expect(
      firing(
        auditR1,
        {
          members,
          pledges: [
            pledge('m1-a', 'm1'),
            pledge('sec-a', 'sec'),
            pledge('sec-b', 'sec'),
            pledge('topsec-a', 'topsec'),
            pledge('topsec-b', 'topsec'),
          ],
        },
        'R1',
      ).sort(),
    ).toEqual(['five-stages', 'provincial']);
    const none = all.filter((p) => run(auditR1, p, { members }).some((f) => f.file === 'content/members/m1.md'));
    expect(none.sort()).toEqual([...all].sort());
  });

  test('R2: an org with 2 pledges: flagged where orgs pledge 3–5 (篇四; 篇三 names no number), silent where orgs do not pledge', () => {
    const pledges = [
      pledge('b1-a', 'b1', { review: { status: 'approved', by: 'topsec', date: '2026-02-20' } }),
      pledge('b1-b', 'b1', { review: { status: 'approved', by: 'topsec', date: '2026-02-20' } }),
    ];
    // (Only b1's finding counts here: the top org, which made none, is flagged wherever orgs pledge.)
    expect(all.filter((p) => run(auditR2, p, { pledges }).some((f) => f.file === 'content/orgs/b1.md'))).toEqual(['provincial']);
  });

  test('R2: the top org’s pledges are approved by the upper organisation site.json names, and filed on a date (篇三/四)', () => {
    const byOwnSecretary = { status: 'approved' as const, by: 'topsec', date: '2026-02-20' };
    const pledges = ['a', 'b', 'c'].map((x) => pledge(`top-${x}`, 'top', { review: byOwnSecretary }));
    const found = run(auditR2, 'five-stages', { pledges });
    expect(found.map((f) => `${f.file} ${f.field}`).sort()).toEqual([
      'content/pledges/2026/top-a.md review.by',
      'content/pledges/2026/top-a.md review.filedOn',
      'content/pledges/2026/top-b.md review.by',
      'content/pledges/2026/top-b.md review.filedOn',
      'content/pledges/2026/top-c.md review.by',
      'content/pledges/2026/top-c.md review.filedOn',
      'content/site.json upperOrg.name',
    ]);
    expect(found.find((f) => f.field === 'review.by')?.message).toContain('本组织书记');
    const upper = { upperOrg: { name: '县教育局党委', secretary: '王某' } };
    const filed = ['a', 'b', 'c'].map((x) =>
      pledge(`top-${x}`, 'top', { review: { status: 'approved', outsideBy: '县教育局党委', date: '2026-02-20', filedOn: '2026-03-01' } }),
    );
    expect(run(auditR2, 'five-stages', { pledges: filed }, upper)).toEqual([]);
    expect(run(auditR2, 'provincial', { pledges: filed }, upper)).toEqual([]);
    expect(run(auditR2, 'monthly', { pledges })).toEqual([]);
  });

  test('R8: a pledging org without quarterly bulletins: flagged only where org pledges are bulletined each quarter (篇四)', () => {
    const pledges = [pledge('b1-a', 'b1')];
    const bulletins = [bulletin('h1'), bulletin('h2', { period: 'h2', date: '2026-12-31' })];
    // (篇一/二 owe semester bulletins, which half-year ones do not replace: the next test.)
    expect(firing(auditR8, { pledges, bulletins }, 'R8').filter((p) => presets[p].bulletinCadence === 'half-year')).toEqual(['provincial']);
  });

  test('R8: half-year bulletins do not stand in for the semester bulletins of 篇一/二, and semester ones pass there', () => {
    const halves = [bulletin('h1'), bulletin('h2', { period: 'h2', date: '2026-12-31' })];
    expect(firing(auditR8, { bulletins: halves }, 'R8')).toEqual(['school-semester']);
    // The round is the calendar year 2026: its spring semester (to 31 August) and, at the round's end, its autumn one.
    const spring = bulletin('spring', { period: 'spring', date: '2026-07-05' });
    const autumn = bulletin('autumn', { period: 'autumn', date: '2026-12-25' });
    expect(run(auditR8, 'school-semester', { bulletins: [spring, autumn] })).toEqual([]);
    expect(run(auditR8, 'school-semester', { bulletins: [spring] })[0].message).toContain('2026年秋季学期');
  });

  test('R6: one record per semester is enough for 篇一/二 and short for every monthly profile', () => {
    const p = pledge('m1-a', 'm1', {
      records: [
        { date: '2026-06-30', note: '春季学期记账', progress: 50 },
        { date: '2026-12-20', note: '秋季学期记账', progress: 90 },
      ],
    });
    expect(firing(auditR6, { members: withMembers(member('m1')), pledges: [p] }, 'R6').sort()).toEqual([
      'five-stages',
      'monthly',
      'provincial',
    ]);
  });

  test('R12: a member reviewed by the supervising team member: allowed in 篇三/四, the secretary only in 篇一/二/五', () => {
    const members = withMembers(member('com', { roles: ['committee'] }), member('m1', { supervisor: 'com' }));
    const reviews = [review('m1-h1', { reviewer: 'com', subject: 'm1' })];
    expect(firing(auditR12, { members, reviews }, 'R12').sort()).toEqual(['monthly', 'school-semester']);
  });

  test('R13: a passive member overridden to 合格: flagged in 篇一/二/五, silent in 篇三/四', () => {
    const members = withMembers(member('m1'));
    const e = evaluation('b1', [
      memberEval('m1', { rectification: { required: true, attitude: 'passive' }, final: { grade: 'qualified', reason: '集体研究' } }),
    ]);
    expect(firing(auditR13, { members, evaluations: [e] }, 'R13').sort()).toEqual(['monthly', 'school-semester']);
  });
});

describe('parameters', () => {
  test('the panel share may be overridden: 5 evaluators for 10 members pass at 0.5 and fail at 0.8', () => {
    const members = withMembers(...Array.from({ length: 9 }, (_, i) => member(`m${i}`)));
    const e = evaluation('b1', [], { panel: { masses: 5 } });
    const at = (share?: number) =>
      run(auditR10, 'monthly', { members, evaluations: [e] }, share ? { profileOverrides: { panelShare: share } } : {});
    expect(at().map((f) => f.rule)).toEqual(['R10']);
    expect(at(0.5)).toEqual([]);
  });

  test('an override of the pledge range applies to the preset it is given with', () => {
    const p = siteProfile(site({ profile: 'monthly', profileOverrides: { memberPledgesMin: 1, memberPledgesMax: 4 } }).data);
    expect(p.memberPledges).toEqual({ min: 1, max: 4 });
    expect(siteProfile(site({ profile: 'monthly' }).data).memberPledges).toBeNull();
  });

  test('a site that names no profile follows 篇三, and the old `cadence` still sets the record cadence', () => {
    expect(siteProfile(site().data).id).toBe('five-stages');
    expect(siteProfile(site({ cadence: 'semester' }).data).recordCadence).toBe('semester');
  });

  test('an org may follow its own preset; its sub-branches inherit it', () => {
    const orgs = new Map([
      ['top', { data: { parent: undefined } }],
      ['school', { data: { parent: 'top', profile: 'school-semester' } }],
      ['school-b1', { data: { parent: 'school' } }],
      ['community', { data: { parent: 'top' } }],
    ]);
    const of = profileResolver(site({ profile: 'provincial' }).data, orgs);
    expect([of('top').id, of('school').id, of('school-b1').id, of('community').id]).toEqual([
      'provincial',
      'school-semester',
      'school-semester',
      'provincial',
    ]);
  });

  test('R7 follows the org’s own profile inside one site', () => {
    const orgs = [
      org('top', { level: 'general-branch', parent: undefined, secretary: 'topsec' }),
      org('b1', { secretary: 'sec' }),
      org('b2', { profile: 'school-semester' }),
    ];
    const found = run(auditR7, 'five-stages', { orgs });
    expect(found.map((f) => f.file)).toEqual(['content/orgs/b1.md']);
  });
});

describe('the profile in plain Chinese (公开说明)', () => {
  test('each preset lists exactly the rules it has', () => {
    expect(rulesOf(presets['school-semester'])).not.toEqual(expect.arrayContaining(['R2']));
    expect(rulesOf(presets['school-semester']).filter((r) => ['R2', 'R7', 'R13', 'R14'].includes(r))).toEqual(['R13']);
    expect(rulesOf(presets['five-stages']).filter((r) => ['R2', 'R7', 'R13', 'R14'].includes(r))).toEqual(['R2', 'R7', 'R14']);
    expect(rulesOf(presets.provincial).filter((r) => ['R2', 'R7', 'R13', 'R14'].includes(r))).toEqual(['R2', 'R7', 'R14']);
    expect(rulesOf(presets.monthly).filter((r) => ['R2', 'R7', 'R13', 'R14'].includes(r))).toEqual(['R7', 'R13']);
  });

  test('the words follow the cadence: no 每月记实 where a school keeps its ledger each semester', () => {
    const text = (id: ProfileId) =>
      describeProfile(presets[id])
        .map((d) => `${d.label}：${d.value}`)
        .join('\n');
    expect(text('school-semester')).toContain('每学期一记账');
    expect(text('school-semester')).not.toContain('每月');
    expect(text('school-semester')).toContain('不要求定期检查');
    expect(text('monthly')).toContain('每月一记实');
    expect(text('provincial')).toContain('组织承诺每季度通报一次');
    expect(text('five-stages')).toContain('分管班子成员点评分管党员');
    expect(text('monthly')).toContain('由支部书记点评党员');
    // Chinese punctuation between Chinese characters.
    for (const id of all) expect(text(id)).not.toMatch(/[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]/);
  });
});

describe('ruleTitle: each rule titled as the preset applies it', () => {
  test.each([
    ['school-semester', 'R1', '在职党员从学习、工作、自律、服务等方面作出承诺（离退休、年老体弱党员自愿）'],
    ['provincial', 'R1', '在职党员承诺 2—3 项（离退休、年老体弱党员自愿）'],
    ['five-stages', 'R2', '党组织作出组织承诺，报上级党组织审定备案'],
    ['provincial', 'R2', '党组织作出组织承诺 3—5 项，报上级党组织审定备案'],
    ['school-semester', 'R6', '每学期一记账'],
    ['monthly', 'R6', '每月一记实'],
    ['school-semester', 'R10', '群众评议主体不少于本支部党员数的 80%'],
    ['monthly', 'R10', '群众评议主体不少于本支部党员数的 80%；非公企业、社会组织党组织邀请非中共党员的出资人、负责人参加'],
    ['five-stages', 'R10', '年终评议有党员代表、人大代表、群众代表参加'],
    ['monthly', 'R12', '支部书记点评党员，上级党组织书记点评支部书记'],
    ['provincial', 'R12', '支部书记或分管班子成员点评党员'],
  ] as const)('%s %s', (preset, rule, title) => {
    expect(ruleTitle(rule, presets[preset])).toBe(title);
  });

  test('every rule of every preset has a title', () => {
    for (const p of all) for (const r of rulesOf(presets[p])) expect(ruleTitle(r, presets[p]), `${p} ${r}`).toBeTruthy();
    expect(ruleTitle('R99', presets.monthly)).toBeUndefined();
  });
});
