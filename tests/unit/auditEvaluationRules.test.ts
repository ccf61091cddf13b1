/** R10–R14: the year-end evaluation (民主评诺) and the leader reviews (领导点评). */
import { describe, expect, test } from 'vitest';
import type { AuditRule } from '../../src/lib/audit/auditContext.ts';
import { allowedReviewers, auditR10, auditR11, auditR12, auditR13, auditR14, auditR16 } from '../../src/lib/audit/evaluationRules.ts';
import { panelRequirement } from '../../src/lib/combineEvaluation.ts';
import type { ContentModel, Entry, Member } from '../../src/lib/model.ts';
import { evaluation, index, member, memberEval, org, pledge, review, site, withMembers } from '../fixtures/model.ts';

const AS_OF = '2026-12-31';

function run(rule: AuditRule, parts: Partial<ContentModel>, asOf = AS_OF) {
  return rule({ index: index(parts), asOf });
}

/** `n` more members of b1, m1…mn. */
function branchMembers(n: number, data: Partial<Member> = {}): Entry<Member>[] {
  return Array.from({ length: n }, (_, i) => member(`m${i + 1}`, data));
}

/** The default orgs, with b1 changed. */
function orgsWithB1(data: Parameters<typeof org>[1]) {
  return [org('top', { level: 'general-branch', parent: undefined, secretary: 'topsec' }), org('b1', { secretary: 'sec', ...data })];
}

const M1 = 'content/members/m1.md';
const SEC = 'content/members/sec.md';
const B1 = 'content/orgs/b1.md';

describe('panelRequirement', () => {
  test.each([
    [5, 4],
    [9, 8],
    [10, 8],
    [14, 12],
    [15, 12],
    [35, 28],
    [1, 1],
    [0, 0],
  ])('requires a panel of %i members to have at least %i people', (members, required) => {
    expect(panelRequirement(members)).toBe(required);
  });
});

describe('auditR10', () => {
  // sec + m1…m9: ten members under b1, so the panel needs 8. The size and the invitees are 篇五's rules (monthly);
  // 篇三/四's panel of kinds is tested below.
  const members = withMembers(...branchMembers(9));
  const run = (rule: AuditRule, parts: Partial<ContentModel>, asOf = AS_OF) =>
    rule({ index: index({ ...parts, site: site({ profile: 'monthly' }) }), asOf });

  test('passes a panel of exactly 80% of the members', () => {
    const e = evaluation('e1', [], { panel: { masses: 5, serviceObjects: 2, others: 1 } });

    expect(run(auditR10, { members, evaluations: [e] })).toEqual([]);
  });

  test('flags a panel one short of 80% of the members', () => {
    const e = evaluation('e1', [], { panel: { masses: 5, serviceObjects: 2 } });

    const findings = run(auditR10, { members, evaluations: [e] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R10', file: e.file, field: 'panel', severity: 'finding' });
    expect(findings[0].message).toContain('共 7 人');
    expect(findings[0].message).toContain('党员数 10');
    expect(findings[0].message).toContain('至少 8 人');
  });

  test('counts the members of that org itself, of every status, and not those of its sub-branches', () => {
    // b1: sec, m1…m9 (retired) → 10 members of every status → 8 needed.
    const retired = withMembers(...branchMembers(9, { status: 'retired' }));
    const seven = run(auditR10, { members: retired, evaluations: [evaluation('e1', [], { panel: { masses: 7 } })] });
    expect(seven).toHaveLength(1);
    expect(seven[0].message).toContain('党员数 10');

    // top (a 党总支): only topsec and one more member are its own; b1's ten are evaluated by b1.
    const all = withMembers(member('deputy', { org: 'top' }), ...branchMembers(9));
    const e = evaluation('e1', [], { org: 'top', panel: { masses: 2 } });
    expect(run(auditR10, { members: all, evaluations: [e] })).toEqual([]);
    const short = run(auditR10, { members: all, evaluations: [evaluation('e1', [], { org: 'top', panel: { masses: 1 } })] });
    expect(short).toHaveLength(1);
    expect(short[0].message).toContain('党员数 2');
    expect(short[0].message).toContain('至少 2 人');
  });

  test('flags an enterprise branch whose panel has no investors', () => {
    const e = evaluation('e1', [], { panel: { masses: 10 } });

    const findings = run(auditR10, { orgs: orgsWithB1({ unitType: 'enterprise' }), members, evaluations: [e] });

    expect(findings).toEqual([expect.objectContaining({ rule: 'R10', file: e.file, field: 'panel.investors' })]);
    expect(findings[0].message).toContain('出资人');
  });

  test('passes an enterprise branch whose panel includes an investor', () => {
    const e = evaluation('e1', [], { panel: { masses: 9, investors: 1 } });

    expect(run(auditR10, { orgs: orgsWithB1({ unitType: 'enterprise' }), members, evaluations: [e] })).toEqual([]);
  });

  test('flags a social-organisation branch whose panel has no org heads', () => {
    const e = evaluation('e1', [], { panel: { masses: 9, investors: 1 } });

    const findings = run(auditR10, { orgs: orgsWithB1({ unitType: 'social-org' }), members, evaluations: [e] });

    expect(findings).toEqual([expect.objectContaining({ rule: 'R10', file: e.file, field: 'panel.orgHeads' })]);
    expect(findings[0].message).toContain('负责人');
  });

  test('passes a social-organisation branch whose panel includes an org head', () => {
    const e = evaluation('e1', [], { panel: { masses: 9, orgHeads: 1 } });

    expect(run(auditR10, { orgs: orgsWithB1({ unitType: 'social-org' }), members, evaluations: [e] })).toEqual([]);
  });

  test('does not ask a school branch for investors or org heads', () => {
    const e = evaluation('e1', [], { panel: { masses: 10 } });

    expect(run(auditR10, { members, evaluations: [e] })).toEqual([]);
  });

  test('ignores an evaluation dated after the as-of date', () => {
    const e = evaluation('e1', [], { date: '2026-12-20', panel: { masses: 1 } });

    expect(run(auditR10, { members, evaluations: [e] }, '2026-12-19')).toEqual([]);
    expect(run(auditR10, { members, evaluations: [e] }, '2026-12-20')).toHaveLength(1);
  });

  test('ignores an evaluation of another round', () => {
    const e = evaluation('e1', [], { date: '2025-12-20', panel: { masses: 1 } }, '2025');

    expect(run(auditR10, { members, evaluations: [e] })).toEqual([]);
  });
});

describe('auditR11', () => {
  const members = withMembers(member('m1'));
  // The three parts, under a variant without 双向述职 (篇五); the 述职 of 篇三/四 is tested below.
  const run = (rule: AuditRule, parts: Partial<ContentModel>, asOf = AS_OF) =>
    rule({ index: index({ ...parts, site: site({ profile: 'monthly' }) }), asOf });

  describe('双向述职 (篇三/四)', () => {
    const twoWay = (parts: Partial<ContentModel>) =>
      auditR11({ index: index({ ...parts, site: site({ profile: 'five-stages' }) }), asOf: AS_OF });
    const orgReport = { date: '2026-12-20', summary: '支部述职：全年承诺落实情况。' };

    test('passes when the branch and each active member have reported', () => {
      const e = evaluation('e1', [memberEval('m1', { report: { date: '2026-12-20', summary: '述职。' } })], { orgReport });
      expect(twoWay({ members, evaluations: [e] })).toEqual([]);
    });

    test('flags the branch’s missing 述职 and an active member’s, not a retired member’s', () => {
      const all = withMembers(member('m1'), member('m2', { status: 'retired' }));
      const e = evaluation('e1', [memberEval('m1'), memberEval('m2')]);
      const found = twoWay({ members: all, evaluations: [e] });
      expect(found.map((f) => `${f.rule} ${f.field}`)).toEqual(['R11 orgReport', 'R11 members[0].report']);
      expect(found[1].message).toContain('没有述职记录');
    });

    test('asks no 述职 where the evaluation is no 双向述职', () => {
      expect(run(auditR11, { members, evaluations: [evaluation('e1', [memberEval('m1')])] })).toEqual([]);
    });
  });

  test('passes a member with self, mass and leader parts', () => {
    const e = evaluation('e1', [memberEval('m1')]);

    expect(run(auditR11, { members, evaluations: [e] })).toEqual([]);
  });

  test.each([
    ['self', { self: undefined }, '自我评价'],
    ['mass', { mass: undefined }, '群众评议'],
    ['leader', { leader: undefined }, '领导点评'],
  ] as const)('flags a member missing the %s part', (_, lack, label) => {
    const e = evaluation('e1', [memberEval('m1', lack)]);

    const findings = run(auditR11, { members, evaluations: [e] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R11', file: e.file, field: 'members[0]', severity: 'finding' });
    expect(findings[0].message).toContain('党员m1');
    expect(findings[0].message).toContain(label);
  });

  test('counts a mass part with zero votes as missing', () => {
    const e = evaluation('e1', [memberEval('m1', { mass: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 } })]);

    const findings = run(auditR11, { members, evaluations: [e] });

    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('党员m1缺少群众评议');
  });

  test('names every missing part and points at the member in the list', () => {
    const e = evaluation('e1', [memberEval('sec'), memberEval('m1', { self: undefined, leader: undefined })]);

    const findings = run(auditR11, { members, evaluations: [e] });

    expect(findings).toHaveLength(1);
    expect(findings[0].field).toBe('members[1]');
    expect(findings[0].message).toContain('自我评价、领导点评');
  });

  test('ignores an evaluation dated after the as-of date', () => {
    const e = evaluation('e1', [memberEval('m1', { leader: undefined })]);

    expect(run(auditR11, { members, evaluations: [e] }, '2026-12-19')).toEqual([]);
  });
});

describe('auditR12', () => {
  test('passes a member reviewed by the branch secretary', () => {
    const r = review('r1', { reviewer: 'sec', subject: 'm1' });

    expect(run(auditR12, { members: withMembers(member('m1')), reviews: [r] })).toEqual([]);
  });

  test('passes a member reviewed by their supervising committee member', () => {
    const members = withMembers(member('c1', { roles: ['committee'] }), member('m1', { supervisor: 'c1' }));
    const r = review('r1', { reviewer: 'c1', subject: 'm1' });

    expect(run(auditR12, { members, reviews: [r] })).toEqual([]);
  });

  test('still lets the branch secretary review a supervised member', () => {
    const members = withMembers(member('c1', { roles: ['committee'] }), member('m1', { supervisor: 'c1' }));
    const r = review('r1', { reviewer: 'sec', subject: 'm1' });

    expect(run(auditR12, { members, reviews: [r] })).toEqual([]);
  });

  test('flags a member reviewed by someone else', () => {
    const r = review('r1', { reviewer: 'x', subject: 'm1' });

    const findings = run(auditR12, { members: withMembers(member('m1'), member('x')), reviews: [r] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R12', file: r.file, field: 'reviewer', severity: 'finding' });
    expect(findings[0].message).toBe('对党员m1的点评应由党员sec作出，现为党员x。');
  });

  test('passes a branch secretary reviewed by the upper secretary', () => {
    const r = review('r1', { reviewer: 'topsec', subject: 'sec' });

    expect(run(auditR12, { reviews: [r] })).toEqual([]);
  });

  test('flags a branch secretary who reviewed themself', () => {
    const r = review('r1', { reviewer: 'sec', subject: 'sec' });

    const findings = run(auditR12, { reviews: [r] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R12', file: r.file, field: 'reviewer' });
    expect(findings[0].message).toBe('对党员sec的点评应由党员topsec作出，现为党员sec。');
  });

  test('passes a leader review in the evaluation by the branch secretary', () => {
    const e = evaluation('e1', [memberEval('m1'), memberEval('sec', { leader: { by: 'topsec', grade: 'qualified' } })]);

    expect(run(auditR12, { members: withMembers(member('m1')), evaluations: [e] })).toEqual([]);
  });

  test('flags a leader review in the evaluation by the wrong person', () => {
    const e = evaluation('e1', [memberEval('m1'), memberEval('sec')]);

    const findings = run(auditR12, { members: withMembers(member('m1')), evaluations: [e] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R12', file: e.file, field: 'members[1].leader.by' });
    expect(findings[0].message).toContain('对党员sec的点评');
    expect(findings[0].message).toContain('党员topsec');
  });

  test('does not check the secretary of the top org, whose reviewer is outside the content', () => {
    const r = review('r1', { reviewer: 'someone', subject: 'topsec' });

    expect(allowedReviewers(index(), 'topsec')).toEqual([]);
    expect(run(auditR12, { reviews: [r] })).toEqual([]);
  });

  test('lets an org be reviewed by its own secretary or the upper secretary, not by others', () => {
    const members = withMembers(member('m1'));
    const reviews = [
      review('r1', { reviewer: 'sec', subject: 'b1' }),
      review('r2', { reviewer: 'topsec', subject: 'b1' }),
      review('r3', { reviewer: 'm1', subject: 'b1' }),
    ];

    const findings = run(auditR12, { members, reviews });

    expect(findings).toEqual([expect.objectContaining({ rule: 'R12', file: reviews[2].file })]);
    expect(findings[0].message).toContain('b1支部');
  });
});

describe('auditR13', () => {
  const members = withMembers(member('m1'));
  // R13 is the rule of 篇一/二/五 (monthly here); 篇三/四 have no such rule.
  const run = (rule: AuditRule, parts: Partial<ContentModel>) =>
    rule({ index: index({ ...parts, site: site({ profile: 'monthly' }) }), asOf: AS_OF });

  test.each(['passive', 'refused'] as const)('flags a %s member overridden to something other than unqualified', (attitude) => {
    const e = evaluation('e1', [
      memberEval('m1', { rectification: { required: true, attitude }, final: { grade: 'basic', reason: '集体研究' } }),
    ]);

    const findings = run(auditR13, { members, evaluations: [e] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R13', file: e.file, field: 'members[0].final.grade', severity: 'finding' });
    expect(findings[0].message).toContain('党员m1');
    expect(findings[0].message).toContain('基本合格');
  });

  test.each(['passive', 'refused'] as const)('passes a %s member overridden to unqualified', (attitude) => {
    const e = evaluation('e1', [
      memberEval('m1', { rectification: { required: true, attitude }, final: { grade: 'unqualified', reason: '拒不整改' } }),
    ]);

    expect(run(auditR13, { members, evaluations: [e] })).toEqual([]);
  });

  test.each(['passive', 'refused'] as const)('passes a %s member with no override', (attitude) => {
    const e = evaluation('e1', [memberEval('m1', { rectification: { required: true, attitude } })]);

    expect(run(auditR13, { members, evaluations: [e] })).toEqual([]);
  });

  test('passes an actively rectifying member overridden to excellent', () => {
    const e = evaluation('e1', [
      memberEval('m1', { rectification: { required: true, attitude: 'active' }, final: { grade: 'excellent', reason: '表现突出' } }),
    ]);

    expect(run(auditR13, { members, evaluations: [e] })).toEqual([]);
  });
});

describe('auditR14', () => {
  const members = withMembers(member('m1'));

  test('flags an active member without a review once the first half-year has ended', () => {
    const findings = run(auditR14, { members }, '2026-06-30');

    const mine = findings.filter((f) => f.file === M1);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ rule: 'R14', file: M1, severity: 'finding' });
    expect(mine[0].message).toContain('党员m1');
    expect(mine[0].message).toContain('上半年');
  });

  test('does not flag anyone before the first half-year has ended', () => {
    expect(run(auditR14, { members }, '2026-06-29')).toEqual([]);
  });

  test('passes a member reviewed inside the half-year', () => {
    const reviews = [review('r1', { subject: 'm1', date: '2026-06-30' })];

    const findings = run(auditR14, { members, reviews }, '2026-06-30');

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test('does not count a review dated after the half-year', () => {
    const reviews = [review('r1', { subject: 'm1', date: '2026-07-01' })];

    const findings = run(auditR14, { members, reviews }, '2026-07-01');

    expect(findings.filter((f) => f.file === M1)).toHaveLength(1);
  });

  test('lists both half-years when neither has a review', () => {
    const findings = run(auditR14, { members }, '2026-12-31');

    expect(findings.find((f) => f.file === M1)?.message).toContain('上半年、下半年');
  });

  test.each(['retired', 'frail'] as const)('does not require reviews of a %s member', (status) => {
    const findings = run(auditR14, { members: withMembers(member('m1', { status })) }, '2026-12-31');

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test('does not require reviews of the top org secretary', () => {
    const findings = run(auditR14, { members }, '2026-12-31');

    expect(findings.filter((f) => f.file === 'content/members/topsec.md')).toEqual([]);
    expect(findings.filter((f) => f.file === 'content/orgs/top.md')).toEqual([]);
  });

  test('requires reviews of a branch secretary and of the branch itself', () => {
    const findings = run(auditR14, { members }, '2026-06-30');

    expect(findings.map((f) => f.file).sort()).toEqual([B1, M1, SEC].sort());
    expect(findings.find((f) => f.file === B1)?.message).toContain('b1支部');
    expect(findings.find((f) => f.file === SEC)?.message).toContain('党员sec');
  });

  test('passes everyone reviewed in both half-years', () => {
    const reviews = ['m1', 'sec', 'b1'].flatMap((subject) => [
      review(`${subject}-h1`, { subject, reviewer: subject === 'sec' ? 'topsec' : 'sec', date: '2026-01-01' }),
      review(`${subject}-h2`, { subject, reviewer: subject === 'sec' ? 'topsec' : 'sec', date: '2026-12-31', period: 'h2' }),
    ]);

    expect(run(auditR14, { members, reviews }, '2026-12-31')).toEqual([]);
  });

  test('does not count a review of another round', () => {
    const reviews = [review('r1', { subject: 'm1', date: '2026-05-01' }, '2025')];

    const findings = run(auditR14, { members, reviews }, '2026-06-30');

    expect(findings.filter((f) => f.file === M1)).toHaveLength(1);
  });
});

describe('auditR16', () => {
  test('passes when every active member of the branch is evaluated; sub-branch members are not asked for', () => {
    const members = withMembers(...branchMembers(2));
    const e = evaluation('e1', [memberEval('sec'), memberEval('m1'), memberEval('m2')]);
    const top = evaluation('e2', [memberEval('topsec')], { org: 'top' });
    expect(run(auditR16, { members, evaluations: [e, top] })).toEqual([]);
  });

  test('names the active members left out, and retired members only if they pledged this round', () => {
    const members = withMembers(
      member('m1', { name: '张三' }),
      member('m2', { name: '李四' }),
      member('r1', { name: '王老', status: 'retired' }),
      member('r2', { name: '赵老', status: 'frail' }),
    );
    const e = evaluation('e1', [memberEval('sec')]);
    const findings = run(auditR16, { members, evaluations: [e], pledges: [pledge('r2-work', 'r2')] });
    expect(findings).toEqual([expect.objectContaining({ rule: 'R16', file: e.file, field: 'members', severity: 'finding' })]);
    expect(findings[0].message).toMatch(/^\S+的评诺中缺少应参加评议的党员：张三、李四、赵老。$/);
    expect(findings[0].message).not.toContain('王老');
  });
});
