/**
 * R1–R5 and R15: who must pledge and how many, what may be published, and
 * what a check-off must say.
 */
import { describe, expect, test } from 'vitest';
import type { AuditRule } from '../../src/lib/audit/auditContext.ts';
import { auditR1, auditR2, auditR3 } from '../../src/lib/audit/pledgeCountRules.ts';
import { auditR15, auditR4, auditR5 } from '../../src/lib/audit/publicationRules.ts';
import type { ContentModel, Entry, Pledge } from '../../src/lib/model.ts';
import { bulletin, check, index, member, org, pledge, site, withMembers } from '../fixtures/model.ts';

const AS_OF = '2026-06-30';

function run(rule: AuditRule, parts: Partial<ContentModel> = {}, asOf = AS_OF) {
  return rule({ index: index(parts), asOf });
}

/** `n` approved pledges of `owner`, named `<owner>-p1`… */
function pledges(owner: string, n: number, data: Partial<Pledge> = {}): Entry<Pledge>[] {
  return Array.from({ length: n }, (_, i) => pledge(`${owner}-p${i + 1}`, owner, data));
}

const M1 = 'content/members/m1.md';

describe('auditR1', () => {
  test.each([2, 3])('passes an active member with exactly %i approved pledges', (n) => {
    const findings = run(auditR1, { members: withMembers(member('m1')), pledges: pledges('m1', n) });

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test.each([1, 4])('flags an active member with %i approved pledges', (n) => {
    const findings = run(auditR1, { members: withMembers(member('m1')), pledges: pledges('m1', n) });

    const mine = findings.filter((f) => f.file === M1);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ rule: 'R1', file: M1, severity: 'finding' });
    expect(mine[0].message).toContain('党员m1');
    expect(mine[0].message).toContain(`${n} 项`);
  });

  test('flags an active member with no pledges at all', () => {
    const findings = run(auditR1, { members: withMembers(member('m1')) });

    expect(findings.filter((f) => f.file === M1)).toEqual([expect.objectContaining({ rule: 'R1', file: M1 })]);
  });

  test.each(['retired', 'frail'] as const)('does not flag a %s member with no pledges', (status) => {
    const findings = run(auditR1, { members: withMembers(member('m1', { status })) });

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test.each(['retired', 'frail'] as const)('never flags a %s member, not even with 4 approved pledges (voluntary)', (status) => {
    const findings = run(auditR1, { members: withMembers(member('m1', { status })), pledges: pledges('m1', 4) });

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test.each(['draft', 'submitted', 'revise', 'resubmit'] as const)('does not count a pledge in review state %s', (status) => {
    const all = [...pledges('m1', 1), pledge('m1-x', 'm1', { review: { status } })];

    const findings = run(auditR1, { members: withMembers(member('m1')), pledges: all });

    const mine = findings.filter((f) => f.file === M1);
    expect(mine).toHaveLength(1);
    expect(mine[0].message).toContain('只有 1 项');
  });

  test('does not count a non-approved pledge towards too many', () => {
    const all = [...pledges('m1', 3), pledge('m1-x', 'm1', { review: { status: 'revise' } })];

    const findings = run(auditR1, { members: withMembers(member('m1')), pledges: all });

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test('does not count a pledge whose approval is dated after the as-of date', () => {
    const all = [...pledges('m1', 1), pledge('m1-late', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-07-01' } })];

    const before = run(auditR1, { members: withMembers(member('m1')), pledges: all }, '2026-06-30');
    const onTheDay = run(auditR1, { members: withMembers(member('m1')), pledges: all }, '2026-07-01');

    expect(before.filter((f) => f.file === M1)).toHaveLength(1);
    expect(onTheDay.filter((f) => f.file === M1)).toEqual([]);
  });

  test('does not count pledges of another round', () => {
    const all = [...pledges('m1', 1), pledge('m1-old', 'm1', {}, '2025')];

    const findings = run(auditR1, { members: withMembers(member('m1')), pledges: all });

    expect(findings.filter((f) => f.file === M1)).toHaveLength(1);
  });
});

describe('auditR2', () => {
  const B1 = 'content/orgs/b1.md';
  // 3–5 is 篇四's number (provincial); 篇三 names none. The top org's own three, approved by the upper organisation and
  // filed, are there in each case unless a test says otherwise.
  const upperOrg = { name: '县教育局党委', secretary: '王某' };
  const topOwn = ['a', 'b', 'c'].map((x) =>
    pledge(`top-${x}`, 'top', { review: { status: 'approved', outsideBy: upperOrg.name, date: '2026-02-20', filedOn: '2026-03-01' } }),
  );
  const run = (rule: AuditRule, parts: Partial<ContentModel> = {}, own = topOwn) =>
    rule({
      index: index({ ...parts, pledges: [...own, ...(parts.pledges ?? [])], site: site({ profile: 'provincial', upperOrg }) }),
      asOf: AS_OF,
    });

  test('flags a top org with no organisation pledge; under 篇三 too, with no number', () => {
    expect(run(auditR2, {}, []).map((f) => [f.file, f.message])).toEqual([
      ['content/orgs/top.md', 'top支部作出组织承诺 0 项（审核通过），党组织承诺一般为 3—5 项。'],
    ]);
    const five = auditR2({ index: index({ site: site({ profile: 'five-stages', upperOrg }) }), asOf: AS_OF });
    expect(five.map((f) => f.file)).toEqual(['content/orgs/top.md']);
    expect(five[0].message).toContain('还没有审核通过的组织承诺');
  });

  test('flags a top org pledge whose 上级审定 is not the upper organisation site.json names', () => {
    const own = [
      ...topOwn.slice(1),
      pledge('top-x', 'top', { review: { status: 'approved', outsideBy: '县委组织部', date: '2026-02-20', filedOn: '2026-03-01' } }),
    ];
    const found = run(auditR2, {}, own);
    expect(found.map((f) => [f.file, f.field])).toEqual([['content/pledges/2026/top-x.md', 'review.outsideBy']]);
    expect(found[0].message).toContain('与网站设置的上级党组织“县教育局党委”不一致');
  });

  test.each([3, 4, 5])('passes an org with %i approved org pledges', (n) => {
    const findings = run(auditR2, { pledges: pledges('b1', n) });

    expect(findings).toEqual([]);
  });

  test.each([2, 6])('flags an org with %i approved org pledges', (n) => {
    const findings = run(auditR2, { pledges: pledges('b1', n) });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R2', file: B1, severity: 'finding' });
    expect(findings[0].message).toContain('b1支部');
    expect(findings[0].message).toContain(`${n} 项`);
  });

  test('does not flag an org that made no pledges', () => {
    const findings = run(auditR2, { pledges: pledges('m1', 2) });

    expect(findings).toEqual([]);
  });

  test('counts only approved org pledges', () => {
    const all = [...pledges('b1', 2), pledge('b1-draft', 'b1', { review: { status: 'draft' } })];

    const findings = run(auditR2, { pledges: all });

    expect(findings).toEqual([expect.objectContaining({ rule: 'R2', file: B1 })]);
    expect(findings[0].message).toContain('2 项');
  });
});

describe('auditR3', () => {
  test.each(['committee', 'leading-cadre', 'secretary'] as const)('flags a member with role %s and no approved pledge', (role) => {
    const findings = run(auditR3, { members: withMembers(member('m1', { roles: [role] })) });

    const mine = findings.filter((f) => f.file === M1);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ rule: 'R3', file: M1, field: 'roles', severity: 'finding' });
    expect(mine[0].message).toContain('党员m1');
  });

  test.each(['committee', 'leading-cadre'] as const)('passes a member with role %s and one approved pledge', (role) => {
    const findings = run(auditR3, { members: withMembers(member('m1', { roles: [role] })), pledges: pledges('m1', 1) });

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test('flags a member named as an org secretary without the role and with no approved pledge', () => {
    const orgs = [
      org('top', { level: 'general-branch', parent: undefined, secretary: 'topsec' }),
      org('b1', { secretary: 'sec' }),
      org('b2', { secretary: 'm1' }),
    ];

    const findings = run(auditR3, { orgs, members: withMembers(member('m1', { org: 'b2' })) });

    const mine = findings.filter((f) => f.file === M1);
    expect(mine).toEqual([expect.objectContaining({ rule: 'R3', file: M1 })]);
    expect(mine[0].message).toContain('党员m1');
  });

  test('passes an org secretary with one approved pledge', () => {
    const findings = run(auditR3, { pledges: [...pledges('sec', 1), ...pledges('topsec', 1)] });

    expect(findings).toEqual([]);
  });

  test('flags the default secretaries when they have not pledged', () => {
    const findings = run(auditR3);

    expect(findings.map((f) => f.file).sort()).toEqual(['content/members/sec.md', 'content/members/topsec.md']);
  });

  test('does not flag an ordinary member without pledges', () => {
    const findings = run(auditR3, { members: withMembers(member('m1')) });

    expect(findings.filter((f) => f.file === M1)).toEqual([]);
  });

  test('does not count a pledge approved after the as-of date', () => {
    const late = pledge('m1-late', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-07-01' } });

    const findings = run(auditR3, { members: withMembers(member('m1', { roles: ['committee'] })), pledges: [late] });

    expect(findings.filter((f) => f.file === M1)).toHaveLength(1);
  });
});

describe('auditR4', () => {
  const submitted = { review: { status: 'submitted' as const } };

  test.each<[string, Partial<Pledge>, string]>([
    ['measures', { measures: undefined }, '践诺措施'],
    ['measures (empty list)', { measures: [] }, '践诺措施'],
    ['deadline', { deadline: undefined }, '完成时限'],
    ['category', { category: undefined }, '类别'],
  ])('flags a submitted pledge lacking %s', (_, lack, word) => {
    const p = pledge('p1', 'm1', { ...submitted, ...lack });

    const findings = run(auditR4, { pledges: [p] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R4', file: p.file, severity: 'finding' });
    expect(findings[0].message).toContain('承诺p1');
    expect(findings[0].message).toContain(word);
  });

  test('lists every missing part of a submitted pledge in one finding', () => {
    const p = pledge('p1', 'm1', { ...submitted, category: undefined, measures: undefined, deadline: undefined });

    const findings = run(auditR4, { pledges: [p] });

    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('类别、践诺措施、完成时限');
  });

  test('passes a complete submitted pledge', () => {
    const findings = run(auditR4, { pledges: [pledge('p1', 'm1', submitted)] });

    expect(findings).toEqual([]);
  });

  test('leaves incomplete approved pledges to the schema', () => {
    const p = pledge('p1', 'm1', { category: undefined, measures: undefined, deadline: undefined });

    const findings = run(auditR4, { pledges: [p] });

    expect(findings).toEqual([]);
  });

  test('does not flag an incomplete draft', () => {
    const p = pledge('p1', 'm1', { review: { status: 'draft' }, category: undefined, measures: undefined });

    const findings = run(auditR4, { pledges: [p] });

    expect(findings).toEqual([]);
  });
});

describe('auditR5', () => {
  test.each(['draft', 'submitted', 'revise', 'resubmit'] as const)('flags a %s pledge marked public', (status) => {
    const p = pledge('p1', 'm1', { review: { status }, visibility: 'public' });

    const findings = run(auditR5, { pledges: [p] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R5', file: p.file, field: 'visibility', severity: 'finding' });
    expect(findings[0].message).toContain('承诺p1');
  });

  test('flags a public pledge whose approval is dated after the as-of date', () => {
    const p = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-07-01' }, visibility: 'public' });

    expect(run(auditR5, { pledges: [p] }, '2026-06-30')).toHaveLength(1);
    expect(run(auditR5, { pledges: [p] }, '2026-07-01')).toEqual([]);
  });

  test('passes an approved public pledge', () => {
    const findings = run(auditR5, { pledges: [pledge('p1', 'm1', { visibility: 'public' })] });

    expect(findings).toEqual([]);
  });

  test('passes a non-approved pledge that is not marked public', () => {
    const findings = run(auditR5, { pledges: [pledge('p1', 'm1', { review: { status: 'draft' }, visibility: 'internal' })] });

    expect(findings).toEqual([]);
  });

  test('flags a public bulletin naming a non-approved pledge by its bare name in the same round', () => {
    const p = pledge('p1', 'm1', { review: { status: 'revise' } });
    const b = bulletin('b-h1', { visibility: 'public', pledges: ['p1'] });

    const findings = run(auditR5, { pledges: [p], bulletins: [b] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R5', file: b.file, field: 'pledges[0]', severity: 'finding' });
    expect(findings[0].message).toContain('承诺p1');
  });

  test('treats a bulletin without visibility as public', () => {
    const p = pledge('p1', 'm1', { review: { status: 'draft' } });
    const b = bulletin('b-h1', { pledges: ['2026/p1'] });

    const findings = run(auditR5, { pledges: [p], bulletins: [b] });

    expect(findings).toEqual([expect.objectContaining({ rule: 'R5', file: b.file, field: 'pledges[0]' })]);
  });

  test.each(['internal', 'private'] as const)('does not flag an %s bulletin naming a non-approved pledge', (visibility) => {
    const p = pledge('p1', 'm1', { review: { status: 'draft' } });
    const b = bulletin('b-h1', { visibility, pledges: ['p1'] });

    const findings = run(auditR5, { pledges: [p], bulletins: [b] });

    expect(findings).toEqual([]);
  });

  test('passes a public bulletin naming only approved pledges', () => {
    const b = bulletin('b-h1', { visibility: 'public', pledges: ['p1', 'p2'] });

    const findings = run(auditR5, { pledges: [pledge('p1', 'm1'), pledge('p2', 'm1')], bulletins: [b] });

    expect(findings).toEqual([]);
  });

  test('points at the position of the non-approved pledge in the list', () => {
    const b = bulletin('b-h1', { pledges: ['p1', 'p2'] });

    const findings = run(auditR5, { pledges: [pledge('p1', 'm1'), pledge('p2', 'm1', { review: { status: 'draft' } })], bulletins: [b] });

    expect(findings.map((f) => f.field)).toEqual(['pledges[1]']);
    expect(findings[0].message).toContain('承诺p2');
  });

  test('flags a public check urging a non-approved pledge', () => {
    const c = check('c-q1', { urged: ['p1'] });

    const findings = run(auditR5, { pledges: [pledge('p1', 'm1', { review: { status: 'submitted' } })], checks: [c] });

    expect(findings).toEqual([expect.objectContaining({ rule: 'R5', file: c.file, field: 'urged[0]' })]);
    expect(findings[0].message).toContain('承诺p1');
  });
});

describe('auditR15', () => {
  test('passes a pledge verified by someone else between approval and the as-of date', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-05-10', verifiedBy: 'sec' } });

    const findings = run(auditR15, { pledges: [p] });

    expect(findings).toEqual([]);
  });

  test('flags a pledge verified by its own owner', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-05-10', verifiedBy: 'm1' } });

    const findings = run(auditR15, { pledges: [p] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R15', file: p.file, field: 'closed.verifiedBy', severity: 'finding' });
    expect(findings[0].message).toContain('承诺p1');
  });

  test('flags a pledge checked off before it was approved', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-02-19', verifiedBy: 'sec' } });

    const findings = run(auditR15, { pledges: [p] });

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R15', file: p.file, field: 'closed.date' });
    expect(findings[0].message).toContain('承诺p1');
    expect(findings[0].message).toContain('2026-02-19');
  });

  test('passes a pledge checked off on the day it was approved', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-02-20', verifiedBy: 'sec' } });

    expect(run(auditR15, { pledges: [p] })).toEqual([]);
  });

  test('flags a check-off dated after the as-of date', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-07-01', verifiedBy: 'sec' } });

    const findings = run(auditR15, { pledges: [p] }, '2026-06-30');

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R15', file: p.file, field: 'closed.date' });
    expect(findings[0].message).toContain('承诺p1');
    expect(findings[0].message).toContain('2026-06-30');
  });

  test('passes a check-off dated on the as-of date', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-06-30', verifiedBy: 'sec' } });

    expect(run(auditR15, { pledges: [p] }, '2026-06-30')).toEqual([]);
  });

  test('reports each fault of one check-off separately', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-02-01', verifiedBy: 'm1' } });

    const findings = run(auditR15, { pledges: [p] });

    expect(findings.map((f) => f.field)).toEqual(['closed.verifiedBy', 'closed.date']);
  });

  test('ignores pledges that are not checked off', () => {
    expect(run(auditR15, { pledges: [pledge('p1', 'm1')] })).toEqual([]);
  });
});
