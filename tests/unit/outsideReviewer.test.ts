/**
 * The top org and its secretary are reviewed by the upper committee, which is not in the content: a review (or a
 * leader grade) names that upper leader in `outsideReviewer` (`leader.outsideBy`). Anyone else reviewed from
 * outside is an R12 finding; a file naming both or neither is a content error.
 */
import { describe, expect, test } from 'vitest';
import { auditR12, namesPerson } from '../../src/lib/audit/evaluationRules.ts';
import { evaluationSchema } from '../../src/schemas/evaluation.ts';
import { reviewSchema } from '../../src/schemas/review.ts';
import { evaluation, index, member, memberEval, review, site, withMembers } from '../fixtures/model.ts';

const asOf = '2026-12-31';
const upper = '县教育局党委书记 王建国';

describe('R12 with an upper leader from outside the content', () => {
  test('reviews the top org and its secretary without a finding', () => {
    const reviews = [
      review('topsec-h1', { reviewer: undefined, outsideReviewer: upper, subject: 'topsec' }),
      review('top-h1', { reviewer: undefined, outsideReviewer: upper, subject: 'top' }),
    ];
    const evaluations = [evaluation('top', [memberEval('topsec', { leader: { outsideBy: upper, grade: 'excellent' } })], { org: 'top' })];
    expect(auditR12({ index: index({ members: withMembers(), reviews, evaluations }), asOf })).toEqual([]);
  });

  test('is flagged, naming who should have reviewed, anywhere below the top', () => {
    const reviews = [review('m1-h1', { reviewer: undefined, outsideReviewer: upper, subject: 'm1' })];
    const evaluations = [evaluation('b1', [memberEval('sec', { leader: { outsideBy: upper, grade: 'qualified' } })])];
    const found = auditR12({ index: index({ members: withMembers(member('m1')), reviews, evaluations }), asOf });
    expect(found.map((f) => [f.rule, f.file, f.field])).toEqual([
      ['R12', 'content/reviews/2026/m1-h1.md', 'outsideReviewer'],
      ['R12', 'content/evaluations/2026/b1.md', 'members[0].leader.outsideBy'],
    ]);
    expect(found[0].message).toBe(`对党员m1的点评应由党员sec作出，现为上级点评人“${upper}”；上级点评人只点评最上级组织及其书记。`);
    expect(found[1].message).toContain('应由党员topsec作出');
  });
});

describe('篇一/二/五: the upper secretary site.json names reviews the top org’s secretary, and no one else does', () => {
  const upperOrg = { name: '县教育局党委', secretary: '王建国' };
  const run = (leader: { by?: string; outsideBy?: string }, withUpper = true) =>
    auditR12({
      index: index({
        site: site({ profile: 'monthly', ...(withUpper && { upperOrg }) }),
        members: withMembers(),
        evaluations: [evaluation('top', [memberEval('topsec', { leader: { ...leader, grade: 'qualified' } })], { org: 'top' })],
      }),
      asOf,
    });

  test('passes the upper secretary named in site.json', () => {
    expect(run({ outsideBy: upper })).toEqual([]);
  });

  test.each([
    ['a member of the content', { by: 'sec' }, true, /应由上级党组织书记王建国作出，现为党员sec/],
    ['another upper leader', { outsideBy: '县教育局党委副书记 李某' }, true, /现为上级点评人“县教育局党委副书记 李某”/],
    [
      'anyone, when site.json names no upper secretary',
      { outsideBy: upper },
      false,
      /请在网站设置的“上级党组织”中写明上级党组织书记的姓名/,
    ],
  ] as const)('flags %s', (_, leader, withUpper, message) => {
    const found = run(leader, withUpper);
    expect(found.map((f) => f.rule)).toEqual(['R12']);
    expect(found[0].message).toMatch(message);
  });

  test('篇三/四 do not ask it: a member of the content may review the top secretary there', () => {
    const found = auditR12({
      index: index({
        site: site({ profile: 'five-stages' }),
        members: withMembers(),
        evaluations: [evaluation('top', [memberEval('topsec', { leader: { by: 'sec', grade: 'qualified' } })], { org: 'top' })],
      }),
      asOf,
    });
    expect(found).toEqual([]);
  });
});

describe('who reviewed: exactly one of the two', () => {
  const base = { subject: 'm1', date: '2026-06-15', period: 'h1', achievements: '好', problems: '无', direction: '继续' };
  test.each([
    ['neither', {}, '请填写点评人'],
    ['both', { reviewer: 'sec', outsideReviewer: upper }, '只填一项'],
  ])('a review naming %s is refused on its reviewer field', (_, who, message) => {
    const r = reviewSchema.safeParse({ ...base, ...who });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message.includes(message)])).toEqual([['reviewer', true]]);
  });

  test('a leader grade naming neither is refused on members[i].leader.by', () => {
    const r = evaluationSchema.safeParse({
      org: 'b1',
      date: '2026-12-20',
      panel: { masses: 3 },
      members: [{ member: 'm1', leader: { grade: 'qualified' } }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['members.0.leader.by']);
  });

  test('either one alone is accepted', () => {
    expect(reviewSchema.safeParse({ ...base, reviewer: 'sec' }).success).toBe(true);
    expect(reviewSchema.safeParse({ ...base, outsideReviewer: upper }).success).toBe(true);
  });
});

describe('namesPerson: the upper reviewer as written names the upper secretary', () => {
  test.each([
    ['县教育局党委书记 王建国', '王建国', true],
    ['县教育局党委书记王建国', '王建国', true],
    ['王建国', '王建国', true],
    ['县教育局党委书记 王建国华', '王建国', false],
    ['县教育局党委副书记 李某', '王建国', false],
    ['县教育局党委委员赵王建国', '王建国', false],
  ] as const)('%s names %s: %s', (text, name, yes) => {
    expect(namesPerson(text, name)).toBe(yes);
  });
});

describe('篇三/四 have no rule for who reviews a branch secretary; 篇一/二/五 do', () => {
  const reviews = [review('sec-h2', { reviewer: 'm1', subject: 'sec' })];
  const run = (profile: 'five-stages' | 'monthly') =>
    auditR12({ index: index({ site: site({ profile }), members: withMembers(member('m1')), reviews }), asOf });
  test('a plain member reviewing the branch secretary is flagged under 篇五 only', () => {
    expect(run('five-stages')).toEqual([]);
    expect(run('monthly').map((f) => f.message)).toEqual(['对党员sec的点评应由党员topsec作出，现为党员m1。']);
  });
});
