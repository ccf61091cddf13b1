/** 评诺 result rows, commendation candidates, and where an audit finding belongs. */
import { describe, expect, test } from 'vitest';
import { auditSubjects } from '../../src/lib/auditSubject.ts';
import { branchResults, commendationCandidates } from '../../src/lib/evaluationResults.ts';
import { evaluation, index, member, memberEval, model, org, pledge, site, withMembers } from '../fixtures/model.ts';

const settings = site().data.evaluation;
const members = withMembers(member('a'), member('b'), member('c'), member('d', { org: 'top' }));

describe('branchResults', () => {
  const e = evaluation(
    'b1',
    [
      memberEval('sec', { self: { grade: 'excellent', summary: '述职' }, leader: { by: 'topsec', grade: 'excellent', comment: '好' } }),
      memberEval('a', { mass: { satisfied: 6, basicallySatisfied: 3, dissatisfied: 1 } }),
      memberEval('b', { rectification: { required: true, attitude: 'refused' } }),
      memberEval('c', { leader: undefined }),
    ],
    { panel: { masses: 3, serviceObjects: 1 } },
  );
  const idx = index({ members, evaluations: [e] });
  const r = branchResults(idx, e, settings);

  test('one row per member with the three parts and the grade that stands', () => {
    expect(r.rows.map((x) => x.member)).toEqual(['sec', 'a', 'b', 'c']);
    const sec = r.rows[0];
    expect(sec).toMatchObject({
      name: '党员sec',
      selfGrade: 'excellent',
      selfSummary: '述职',
      leaderGrade: 'excellent',
      leaderBy: 'topsec',
      leaderName: '党员topsec',
      leaderComment: '好',
    });
    // 0.2 × 95 + 0.4 × 100 + 0.4 × 95 = 97
    expect(sec.score).toBe(97);
    expect(sec.result.grade).toBe('excellent');
  });

  test('satisfaction is (满意 + 基本满意) ÷ votes', () => {
    expect(r.rows[1]).toMatchObject({ satisfied: 6, basicallySatisfied: 3, dissatisfied: 1, votes: 10, satisfaction: 0.9 });
  });

  test('R13 and missing parts are carried with the row', () => {
    expect(r.rows[2].result).toMatchObject({ grade: 'unqualified', basis: 'R13' });
    expect(r.rows[3].result).toMatchObject({ status: 'pending', missing: ['leader'] });
    expect(r.byGrade).toEqual({ excellent: 1, qualified: 1, basic: 0, unqualified: 1, pending: 1 });
  });

  test('the panel counts the types present and is required against the members of that branch only', () => {
    expect(r.panel.map((p) => [p.key, p.count])).toEqual([
      ['masses', 3],
      ['serviceObjects', 1],
    ]);
    expect(r.panelSize).toBe(4);
    // b1 holds sec, a, b, c (d and topsec belong to top): ceil(0.8 × 4) = 4.
    expect(r.memberCount).toBe(4);
    expect(r.panelRequired).toBe(4);
  });

  test('the average combined score covers the members with a score', () => {
    const scored = r.rows.filter((x) => x.result.score !== undefined).map((x) => x.result.score ?? 0);
    expect(r.averageScore).toBe(Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 10) / 10);
  });

  test('a 双向述职 panel lists its kinds (党员代表、人大代表、群众代表) with the field table’s labels, in the table’s order', () => {
    const twoWay = evaluation('b1', [memberEval('sec')], { panel: { masses: 4, npcDeputies: 1, partyReps: 3 } });
    expect(branchResults(idx, twoWay, settings).panel).toEqual([
      { key: 'partyReps', label: '党员代表', count: 3 },
      { key: 'npcDeputies', label: '人大代表', count: 1 },
      { key: 'masses', label: '群众代表（本单位群众）', count: 4 },
    ]);
  });

  test('the branch’s 述职, each member’s 述职 and a 组织处置 are carried as the file has them', () => {
    const orgReport = { date: '2026-12-20', summary: '支部全年承诺全部公开。' };
    const report = { date: '2026-12-20', summary: '报告两项承诺。' };
    const disposal = { kind: 'correction' as const, date: '2027-01-05', note: '三个月内改正。' };
    const x = evaluation(
      'b1',
      [memberEval('sec', { report }), memberEval('b', { rectification: { required: true, attitude: 'refused' }, disposal })],
      { orgReport },
    );
    const got = branchResults(idx, x, settings);
    expect(got.orgReport).toEqual(orgReport);
    expect(got.rows.map((row) => [row.report, row.disposal])).toEqual([
      [report, undefined],
      [undefined, disposal],
    ]);
    expect(r.orgReport).toBeUndefined();
  });

  test("a branch's own evaluation gets its satisfaction", () => {
    const withOrg = evaluation('b1', [memberEval('sec')], {
      orgResult: { evaluators: '党员代表 5 人', satisfied: 4, basicallySatisfied: 0, dissatisfied: 1, grade: 'qualified' },
    });
    expect(branchResults(idx, withOrg, settings).orgResult).toMatchObject({ votes: 5, satisfaction: 0.8, grade: 'qualified' });
  });
});

describe('commendationCandidates', () => {
  const excellent = { self: { grade: 'excellent' as const }, leader: { by: 'sec', grade: 'excellent' as const } };
  const e = evaluation('b1', [memberEval('a', excellent), memberEval('b', excellent), memberEval('c', excellent), memberEval('sec')]);
  const closed = (date: string) => ({ closed: { date, verifiedBy: 'sec' } });
  const pledges = [
    pledge('a-work', 'a', { deadline: '2026-06-30', ...closed('2026-06-20') }),
    pledge('a-study', 'a', { deadline: '2026-12-31', ...closed('2026-12-01') }),
    // b: one pledge checked off after its deadline.
    pledge('b-work', 'b', { deadline: '2026-06-30', ...closed('2026-07-02') }),
    // c: one still open.
    pledge('c-work', 'c', { deadline: '2026-12-31' }),
    pledge('c-study', 'c', { deadline: '2026-06-30', ...closed('2026-06-01') }),
    // sec is 合格: never a candidate.
    pledge('sec-work', 'sec', { deadline: '2026-06-30', ...closed('2026-06-01') }),
    // a's draft does not count against a.
    pledge('a-service', 'a', { review: { status: 'draft' } }),
  ];
  const idx = index({ members, evaluations: [e], pledges });
  const r = branchResults(idx, e, settings);

  test('members graded 优秀 whose approved pledges were all checked off on time', () => {
    expect(commendationCandidates(r, pledges, '2026-12-20')).toEqual([
      { member: 'a', name: '党员a', pledges: ['承诺a-work', '承诺a-study'] },
    ]);
  });

  test('a check-off after the as-of date does not count yet', () => {
    expect(commendationCandidates(r, pledges, '2026-11-30')).toEqual([]);
  });

  test('a member without pledges is not suggested', () => {
    expect(
      commendationCandidates(
        r,
        pledges.filter((p) => p.data.owner !== 'a'),
        '2026-12-20',
      ),
    ).toEqual([]);
  });
});

describe('auditSubjects', () => {
  const e = evaluation('b1', [memberEval('a'), memberEval('b')]);
  const m = model({
    members,
    orgs: [org('top', { level: 'general-branch', parent: undefined }), org('b1')],
    evaluations: [e],
    pledges: [pledge('a-work', 'a'), pledge('b1-org', 'b1')],
  });
  const locate = auditSubjects(index(m));

  test.each([
    ['a pledge belongs to its owner’s branch', 'content/pledges/2026/a-work.md', '', { org: 'b1', kind: 'pledge', id: '2026/a-work' }],
    ['an org pledge belongs to that org', 'content/pledges/2026/b1-org.md', '', { org: 'b1', kind: 'pledge', id: '2026/b1-org' }],
    ['a member file belongs to the member’s branch', 'content/members/d.md', '', { org: 'top', kind: 'member', id: 'd' }],
    ['an evaluation item names its member', e.file, 'members[1].mass', { org: 'b1', kind: 'member', id: 'b' }],
    ['an evaluation as a whole', e.file, 'panel', { org: 'b1', kind: 'evaluation', id: e.id }],
    ['site.json belongs to the top org', 'content/site.json', 'asOf', { org: 'top', kind: 'org', id: 'top' }],
  ])('%s', (_, file, field, expected) => {
    expect(locate({ file, field, rule: 'R1', severity: 'finding', message: '' })).toEqual(expected);
  });
});
