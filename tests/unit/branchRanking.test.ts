import { describe, expect, test } from 'vitest';
import { branchRanking, rankingStages, roundSemesters, type StageRanking } from '../../src/lib/branchRanking.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { projectScope } from '../../src/lib/projectScope.ts';
import { flatTable, rankingTable, stageLabel, stageName } from '../../src/lib/rankingTable.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { bulletin, check, evaluation, index, member, memberEval, org, pledge, round, site, withMembers } from '../fixtures/model.ts';

const closed = (date: string) => ({ closed: { date, verifiedBy: 'sec' } });
/** Monthly records from March (approval on 20 February) to `last` month, `skip` months left out. */
const records = (last: number, skip: number[] = []) => ({
  records: Array.from({ length: last - 2 }, (_, i) => i + 3)
    .filter((m) => !skip.includes(m))
    .map((m) => ({ date: `2026-${String(m).padStart(2, '0')}-15`, note: '记实', progress: 10 })),
});
const stage = (all: StageRanking[], key: string) => all.find((s) => s.stage.key === key)!;
/** 篇五 (monthly): no stages of its own, so the ranking goes by quarters; the tests of quarter mechanics use it. */
const quarterly = site({ profile: 'monthly' });
const row = (all: StageRanking[], key: string, orgId: string) => stage(all, key).rows.find((r) => r.org === orgId)!;

describe('rankingStages', () => {
  test('lists the quarters finished by asOf, then the whole round as of asOf', () => {
    const stages = rankingStages({ start: '2026-01-01', end: '2026-12-31' }, 'month', '2026-07-10');
    expect(stages.map((s) => [s.key, s.start, s.end])).toEqual([
      ['q1', '2026-01-01', '2026-03-31'],
      ['q2', '2026-04-01', '2026-06-30'],
      ['round', '2026-01-01', '2026-07-10'],
    ]);
  });

  test('ends the whole round at the round’s end once asOf is past it', () => {
    expect(rankingStages({ start: '2026-01-01', end: '2026-12-31' }, 'month', '2027-02-01').map((s) => s.key)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
      'round',
    ]);
    expect(rankingStages({ start: '2026-01-01', end: '2026-12-31' }, 'month', '2027-02-01').at(-1)!.end).toBe('2026-12-31');
  });

  test('a calendar-year round has a spring semester to 31 August and an autumn one from 1 September', () => {
    expect(roundSemesters({ start: '2026-01-01', end: '2026-12-31' }).map((s) => [s.key, s.start, s.end])).toEqual([
      ['2026-spring', '2026-01-01', '2026-08-31'],
      ['2026-autumn', '2026-09-01', '2026-12-31'],
    ]);
  });

  test('a school-year round has an autumn semester to 31 January and a spring one from 1 February', () => {
    expect(roundSemesters({ start: '2025-09-01', end: '2026-08-31' }).map((s) => [s.key, s.start, s.end])).toEqual([
      ['2025-autumn', '2025-09-01', '2026-01-31'],
      ['2026-spring', '2026-02-01', '2026-08-31'],
    ]);
    expect(stageLabel(roundSemesters({ start: '2025-09-01', end: '2026-08-31' })[0])).toBe('2025年秋季学期');
  });

  test('the semester cadence ranks by finished semesters', () => {
    expect(rankingStages({ start: '2026-01-01', end: '2026-12-31' }, 'semester', '2026-10-01').map((s) => s.key)).toEqual([
      '2026-spring',
      'round',
    ]);
  });
});

describe('rankingStages with the activity’s own stages', () => {
  const year = { start: '2026-01-01', end: '2026-12-31' };
  const own = [
    { id: 'chengnuo', title: '承诺', start: '2026-01-01', end: '2026-02-28' },
    { id: 'jiannuo', title: '践诺', start: '2026-03-01', end: '2026-11-30' },
    { id: 'pingnuo', title: '评诺', start: '2026-12-01', end: '2026-12-31' },
  ];

  test('lists each ended stage as of its end, the running one as of asOf and marked, none that has not begun', () => {
    expect(rankingStages(year, 'month', '2026-07-10', own)).toEqual([
      { key: 'chengnuo', kind: 'activity', title: '承诺', start: '2026-01-01', end: '2026-02-28' },
      { key: 'jiannuo', kind: 'activity', title: '践诺', start: '2026-03-01', end: '2026-07-10', running: { until: '2026-11-30' } },
      { key: 'round', kind: 'round', start: '2026-01-01', end: '2026-07-10' },
    ]);
  });

  test('a stage that ends on asOf has ended; after the round every stage has', () => {
    expect(rankingStages(year, 'month', '2026-02-28', own).map((s) => [s.key, Boolean(s.running)])).toEqual([
      ['chengnuo', false],
      ['round', false],
    ]);
    expect(rankingStages(year, 'month', '2027-01-10', own).filter((s) => s.running)).toEqual([]);
    expect(rankingStages(year, 'month', '2027-01-10', own).map((s) => s.key)).toEqual(['chengnuo', 'jiannuo', 'pingnuo', 'round']);
  });
});

describe('branchRanking by the activity’s stages (篇三/四)', () => {
  test('篇三 without stages in the round: the default five, each ended one and the running one, then the whole round', () => {
    const idx = index({ members: withMembers(member('m1')) });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-07-10');
    expect(all.map((s) => [s.stage.key, stageName(s.stage), s.stage.end])).toEqual([
      ['chengnuo', '承诺', '2026-01-31'],
      ['shinuo', '示诺', '2026-02-28'],
      ['jiannuo', '践诺（进行中）', '2026-07-10'],
      ['round', '全轮', '2026-07-10'],
    ]);
  });

  test('篇四 with the round’s own stages: each stage’s figures as of its end, checks for the quarters ending in it', () => {
    const stages = [
      { id: 'chengnuo', title: '承诺和示诺', start: '2026-01-01', end: '2026-03-10' },
      { id: 'jiannuo', title: '践诺', start: '2026-03-11', end: '2026-11-30' },
    ];
    const idx = index({
      site: site({ profile: 'provincial' }),
      rounds: [round('2026', { stages })],
      members: withMembers(member('m1')),
      pledges: [
        pledge('a', 'm1', { deadline: '2026-03-31', ...closed('2026-03-05') }),
        pledge('b', 'm1', { deadline: '2026-06-30', ...closed('2026-06-20') }),
        pledge('c', 'sec'),
      ],
      checks: [check('b1-q1'), check('b1-q2', { quarter: 'q2', date: '2026-06-28' })],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-12-26');
    expect(all.map((s) => s.stage.key)).toEqual(['chengnuo', 'jiannuo', 'round']);
    expect(stageLabel(stage(all, 'chengnuo').stage)).toBe('承诺和示诺');
    expect(row(all, 'chengnuo', 'b1').completion).toEqual({ done: 1, total: 3, rate: 1 / 3 });
    expect(row(all, 'jiannuo', 'b1').completion).toEqual({ done: 2, total: 3, rate: 2 / 3 });
    // q1 ends on 31 March, inside 践诺; q1–q3 end inside it, q4 after it.
    expect(row(all, 'chengnuo', 'b1').checks).toEqual({ done: 0, total: 0, rate: null });
    expect(row(all, 'jiannuo', 'b1').checks).toEqual({ done: 2, total: 3, rate: 2 / 3 });
  });

  test.each([
    ['monthly', {}, ['q1', 'q2', 'round']],
    ['school-semester', { cadence: 'semester' as const }, ['2026-spring', 'round']],
  ] as const)('%s has no such stages: quarters or semesters as before, whatever the round lists', (profile, extra, keys) => {
    const stages = [{ id: 'chengnuo', title: '承诺', start: '2026-01-01', end: '2026-02-28' }];
    const idx = index({ site: site({ profile, ...extra }), rounds: [round('2026', { stages })], members: withMembers(member('m1')) });
    expect(branchRanking(idx, idx.model.site.data, '2026', '2026-09-10').map((s) => s.stage.key)).toEqual(keys);
  });

  test('lists the upper organisation’s checks per stage by date, by method and affirmed, apart from the branch’s own', () => {
    const idx = index({
      members: withMembers(member('m1')),
      checks: [
        check('b1-q1'),
        check('b1-q1-upper', { by: 'upper', method: 'random', affirmed: true, date: '2026-01-20' }),
        check('b1-q2-upper', { by: 'upper', method: 'regular', quarter: 'q2', date: '2026-05-12' }),
        check('b1-q2-upper-2', { by: 'upper', method: 'random', quarter: 'q2', date: '2026-06-03', affirmed: true }),
        check('b1-q3-upper', { by: 'upper', method: 'random', quarter: 'q3', date: '2026-07-20' }),
      ],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-07-10');
    expect(row(all, 'chengnuo', 'b1').upperChecks).toEqual({ count: 1, regular: 0, random: 1, affirmed: 1 });
    expect(row(all, 'shinuo', 'b1').upperChecks).toEqual({ count: 0, regular: 0, random: 0, affirmed: 0 });
    // The one on 20 July is after asOf: not held yet.
    expect(row(all, 'jiannuo', 'b1').upperChecks).toEqual({ count: 2, regular: 1, random: 1, affirmed: 1 });
    expect(row(all, 'round', 'b1').upperChecks).toEqual({ count: 3, regular: 1, random: 2, affirmed: 2 });
    // The branch's own checks: q1 held; q2's quarter has only upper checks, which are not the branch's 每季度一检查.
    expect(row(all, 'round', 'b1').checks).toEqual({ done: 1, total: 2, rate: 0.5 });
    const table = rankingTable(stage(all, 'round').rows, stage(all, 'round').stage);
    const b1 = table.rows.find((r) => r[1].value === 'b1支部')!;
    const col = (key: string) => b1[table.columns.findIndex((c) => c.key === key)];
    expect(col('upperChecks')).toMatchObject({ value: 3, text: '3 次', note: '经常性督查 1 次、随机检查 2 次', parts: [1, 2] });
    expect(col('upperAffirmed')).toMatchObject({ value: 2, text: '2 次' });
    const flat = flatTable(table);
    expect(flat.header.slice(17, 21)).toEqual(['上级检查', '经常性督查', '随机检查', '上级肯定']);
  });
});

describe('branchRanking', () => {
  test('has a row for each org with members or pledges of its own, the 党总支 included, and none for an empty one', () => {
    const idx = index({
      orgs: [org('top', { level: 'general-branch', parent: undefined }), org('b1'), org('b2'), org('empty')],
      members: withMembers(member('m2', { org: 'b2' })),
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-07-10');
    expect(
      stage(all, 'round')
        .rows.map((r) => r.org)
        .sort(),
    ).toEqual(['b1', 'b2', 'top']);
  });

  test('counts an org’s own members and org pledges, not its sub-branches’, as of each stage’s end', () => {
    const idx = index({
      site: quarterly,
      members: withMembers(member('m1')),
      pledges: [
        pledge('a', 'm1', { deadline: '2026-04-30', ...closed('2026-04-20') }),
        pledge('b', 'm1', { deadline: '2026-05-31', ...closed('2026-06-05') }),
        pledge('c', 'sec'),
        pledge('o', 'top', { deadline: '2026-03-31', ...closed('2026-03-30') }),
      ],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-07-10');
    expect(row(all, 'q1', 'b1').completion).toEqual({ done: 0, total: 3, rate: 0 });
    expect(row(all, 'q2', 'b1').completion).toEqual({ done: 2, total: 3, rate: 2 / 3 });
    expect(row(all, 'q2', 'b1').onTime).toEqual({ done: 1, total: 2, rate: 0.5 });
    expect(row(all, 'q1', 'top').completion).toEqual({ done: 1, total: 1, rate: 1 });
  });

  test('record-keeping is the share of months owed within the stage that have a record, and stops at check-off', () => {
    const idx = index({
      site: quarterly,
      members: withMembers(member('m1')),
      // Owed from March; May has no record; `b` is checked off on 10 May, so owes March and April only.
      pledges: [pledge('a', 'm1', records(6, [5])), pledge('b', 'm1', { ...records(4), ...closed('2026-05-10') })],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-07-10');
    expect(row(all, 'q1', 'b1').records).toEqual({ done: 2, total: 2, rate: 1 });
    expect(row(all, 'q2', 'b1').records).toEqual({ done: 3, total: 4, rate: 0.75 });
    expect(row(all, 'round', 'b1').records).toEqual({ done: 5, total: 6, rate: 5 / 6 });
  });

  test('counts checks per finished quarter and bulletins per half-year, plus per quarter for an org that pledged under 篇四', () => {
    const idx = index({
      site: quarterly,
      orgs: [org('top', { level: 'general-branch', parent: undefined }), org('b1'), org('b2')],
      members: withMembers(member('m2', { org: 'b2' })),
      pledges: [pledge('o', 'b2')],
      checks: [
        check('b1-q1'),
        check('b1-q2', { quarter: 'q2', date: '2026-06-20' }),
        check('b2-q2', { org: 'b2', quarter: 'q2', date: '2026-06-20' }),
      ],
      bulletins: [bulletin('b1-h1'), bulletin('b2-q1', { org: 'b2', period: 'q1', date: '2026-04-05' })],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-07-10');
    expect(row(all, 'q1', 'b1').checks).toEqual({ done: 1, total: 1, rate: 1 });
    expect(row(all, 'q1', 'b1').bulletins).toEqual({ done: 0, total: 0, rate: null });
    expect(row(all, 'q2', 'b1').bulletins).toEqual({ done: 1, total: 1, rate: 1 });
    expect(row(all, 'round', 'b2').checks).toEqual({ done: 1, total: 2, rate: 0.5 });
    // 篇五: members' bulletins each half-year, also for an org that pledged; its q1 bulletin is not h1's.
    expect(row(all, 'round', 'b2').bulletins).toEqual({ done: 0, total: 1, rate: 0 });
    // 篇四: an org that pledged owes its quarters besides the half-year (as audit R8).
    const prov = index({ ...idx.model, site: site({ profile: 'provincial' }) });
    expect(row(branchRanking(prov, prov.model.site.data, '2026', '2026-07-10'), 'round', 'b2').bulletins).toEqual({
      done: 1,
      total: 3,
      rate: 1 / 3,
    });
    // The 党总支 keeps no ledger of its own here (no org pledges): nothing is owed, nothing to rate.
    expect(row(all, 'round', 'top').checks).toEqual({ done: 0, total: 0, rate: null });
  });

  test('a check or bulletin dated after asOf has not happened yet', () => {
    const idx = index({ site: quarterly, members: withMembers(), checks: [check('b1-q2', { quarter: 'q2', date: '2026-07-20' })] });
    expect(row(branchRanking(idx, idx.model.site.data, '2026', '2026-07-10'), 'q2', 'b1').checks).toEqual({ done: 0, total: 1, rate: 0 });
  });

  test('evaluation coverage, panel and average score appear for the whole round only, by R16’s and R10’s rules', () => {
    const idx = index({
      site: quarterly,
      members: withMembers(member('m1'), member('m2'), member('r1', { status: 'retired' }), member('r2', { status: 'retired' })),
      // r1 pledged, so is expected; r2 did not, so is not.
      pledges: [pledge('r1p', 'r1')],
      evaluations: [
        evaluation('b1', [memberEval('sec'), memberEval('m1', { self: { grade: 'excellent' } }), memberEval('r1')], {
          panel: { masses: 3 },
        }),
      ],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-12-26');
    const whole = row(all, 'round', 'b1');
    expect(whole.coverage).toEqual({ done: 3, total: 4, rate: 0.75 });
    // 5 members of b1 → at least ceil(0.8 × 5) = 4 evaluators.
    expect(whole.panel).toEqual({ size: 3, required: 4, ok: false });
    // 88 for 合格 throughout; 91 with 优秀 self → (88 + 91 + 88) / 3 = 89.
    expect(whole.averageScore).toBe(89);
    expect(row(all, 'q1', 'b1')).toMatchObject({ coverage: null, panel: null, averageScore: null });
  });

  test('coverage is null while a branch is not evaluated, and 0 once the round is over without it', () => {
    const idx = index({ members: withMembers(member('m1')) });
    expect(row(branchRanking(idx, idx.model.site.data, '2026', '2026-12-26'), 'round', 'b1').coverage).toBeNull();
    expect(row(branchRanking(idx, idx.model.site.data, '2026', '2027-01-10'), 'round', 'b1').coverage).toEqual({
      done: 0,
      total: 2,
      rate: 0,
    });
  });

  test('ranks by completion, then on-time, records and score; equal figures share a rank, missing figures come last', () => {
    const idx = index({
      orgs: [org('top', { level: 'general-branch', parent: undefined }), org('b1'), org('b2'), org('b3'), org('b4')],
      members: [member('a', { org: 'b1' }), member('b', { org: 'b2' }), member('c', { org: 'b3' }), member('d', { org: 'b4' })],
      pledges: [
        pledge('a1', 'a', { deadline: '2026-05-31', ...closed('2026-05-01') }),
        pledge('b1', 'b', { deadline: '2026-05-31', ...closed('2026-06-10') }),
        pledge('c1', 'c', { deadline: '2026-05-31', ...closed('2026-06-10') }),
      ],
    });
    const rows = stage(branchRanking(idx, idx.model.site.data, '2026', '2026-07-10'), 'round').rows;
    expect(rows.map((r) => [r.org, r.rank])).toEqual([
      ['b1', 1],
      ['b2', 2],
      ['b3', 2],
      ['b4', 4],
    ]);
  });

  test('an unknown round gives no stages', () => {
    const idx = index();
    expect(branchRanking(idx, idx.model.site.data, '1999', '2026-07-10')).toEqual([]);
  });

  test('semester cadence: the spring semester’s figures are as of 31 August', () => {
    const idx = index({
      site: site({ profile: 'monthly', cadence: 'semester' }),
      members: withMembers(member('m1')),
      pledges: [pledge('a', 'm1', { deadline: '2026-08-31', ...closed('2026-08-20') }), pledge('b', 'sec')],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-10-01');
    expect(all.map((s) => s.stage.key)).toEqual(['2026-spring', 'round']);
    expect(row(all, '2026-spring', 'b1').completion).toEqual({ done: 1, total: 2, rate: 0.5 });
  });
});

describe('rankingTable', () => {
  test('gives the whole round the evaluation columns, and a spreadsheet each figure’s counts', () => {
    const idx = index({
      site: quarterly,
      members: withMembers(member('m1')),
      pledges: [pledge('a', 'm1', closed('2026-05-01')), pledge('b', 'sec')],
    });
    const all = branchRanking(idx, idx.model.site.data, '2026', '2026-07-10');
    const q1 = rankingTable(stage(all, 'q1').rows, stage(all, 'q1').stage);
    const whole = rankingTable(stage(all, 'round').rows, stage(all, 'round').stage);
    expect(q1.columns.map((c) => c.label)).toEqual([
      '名次',
      '党组织',
      '完成率',
      '按期完成率',
      '记实率',
      '季度检查',
      '通报',
      '上级检查',
      '上级肯定',
    ]);
    expect(whole.columns.map((c) => c.label).slice(9)).toEqual(['评议覆盖率', '评议主体', '平均综合得分']);
    const flat = flatTable(whole);
    const b1 = flat.rows[whole.rows.findIndex((r) => r[1].value === 'b1支部')];
    expect(flat.header.slice(0, 5)).toEqual(['名次', '党组织', '完成率', '已销号', '承诺数']);
    expect(b1.slice(1, 5)).toEqual(['b1支部', 0.5, 1, 2]);
    expect(b1.slice(-4)).toEqual(['未评议', null, null, null]);
  });
});

describe('the sample (content/)', () => {
  const root = new URL('../..', import.meta.url).pathname;
  const result = checkContent(`${root}content`, '2000-01-01', root);
  const asOf = result.asOf!;
  const idx = indexContent(projectScope(result.model!, 'internal', asOf));
  const all = branchRanking(idx, idx.model.site.data, '2025', asOf);

  // content/rounds/2025.md lists the five stages; on 2025-12-26 奖诺 (from 12-25) is running.
  test('has the round’s stages ended by 2025-12-26, 奖诺 running as of that day, and the whole round', () => {
    expect(all.map((s) => [s.stage.key, stageLabel(s.stage), s.stage.start, s.stage.end, s.stage.running?.until ?? null])).toEqual([
      ['chengnuo', '承诺', '2025-01-01', '2025-02-25', null],
      ['shinuo', '示诺', '2025-02-26', '2025-03-15', null],
      ['jiannuo', '践诺', '2025-03-16', '2025-11-30', null],
      ['pingnuo', '评诺', '2025-12-01', '2025-12-24', null],
      ['jiangnuo', '奖诺', '2025-12-25', '2025-12-26', '2025-12-31'],
      ['round', '全轮', '2025-01-01', '2025-12-26', null],
    ]);
    expect(stageName(stage(all, 'jiangnuo').stage)).toBe('奖诺（进行中）');
    expect(
      stage(all, 'round')
        .rows.map((r) => r.org)
        .sort(),
    ).toEqual(['jiaoshi-er', 'jiaoshi-yi', 'tuixiu', 'zongzhi']);
  });

  // By hand from content/pledges/2025/zhou-jianguo-*, lin-xiaohong-* and zongzhi-* (the 党总支's 2 members and 4 org
  // pledges): 5 of 10 checked off by 12-26 (lin-xiaohong-work late: due 10-31, closed 11-18); due or closed: those 5,
  // 4 on time; records owed March to November (9 months), to the month before check-off for the closed ones
  // (zhou-jianguo-service, lin-xiaohong-study, lin-xiaohong-work: 8), all kept; checks q1–q3; org pledges → bulletins
  // each quarter: q1, q2, q3.
  test('the 党总支 over the whole round, figures counted by hand', () => {
    const z = row(all, 'round', 'zongzhi');
    expect(z.completion).toEqual({ done: 5, total: 10, rate: 0.5 });
    expect(z.onTime).toEqual({ done: 4, total: 5, rate: 0.8 });
    expect(z.records).toEqual({ done: 87, total: 87, rate: 1 });
    expect(z.checks).toEqual({ done: 3, total: 3, rate: 1 });
    // The sample follows 篇三: the h1 bulletin is owed (h2 has not ended); its quarterly ones are more than owed.
    expect(z.bulletins).toEqual({ done: 1, total: 1, rate: 1 });
    // No evaluation of the 党总支's own members, and the round is not over.
    expect(z).toMatchObject({ coverage: null, panel: null, averageScore: null });
  });

  test('the retirees’ branch made org pledges, but under 篇三 owes half-year bulletins only, and has h1’s', () => {
    expect(row(all, 'chengnuo', 'tuixiu').bulletins).toEqual({ done: 0, total: 0, rate: null });
    // h1 ends within 践诺 (16 March – 30 November), so do q1–q3.
    expect(row(all, 'jiannuo', 'tuixiu').bulletins).toEqual({ done: 1, total: 1, rate: 1 });
    expect(row(all, 'jiannuo', 'tuixiu').checks).toEqual({ done: 3, total: 3, rate: 1 });
    expect(row(all, 'round', 'tuixiu').bulletins).toEqual({ done: 1, total: 1, rate: 1 });
    expect(row(all, 'round', 'tuixiu').checks).toEqual({ done: 3, total: 3, rate: 1 });
  });

  // content/evaluations/2025/jiaoshi-yi.md: panel 5 + 2 + 6 = 13 (党员代表、人大代表、群众代表), 15 members listed;
  // jiaoshi-er.md: 4 + 1 + 5 = 10, 14 listed. 篇三 sets no panel size, only its kinds: both have all three.
  test('the teachers’ branches: coverage and panel from their evaluation files', () => {
    expect(row(all, 'round', 'jiaoshi-yi')).toMatchObject({
      coverage: { done: 15, total: 15, rate: 1 },
      panel: { size: 13, required: null, ok: true },
    });
    expect(row(all, 'round', 'jiaoshi-er')).toMatchObject({
      coverage: { done: 14, total: 14, rate: 1 },
      panel: { size: 10, required: null, ok: true },
    });
    expect(row(all, 'jiannuo', 'jiaoshi-er').checks).toEqual({ done: 3, total: 3, rate: 1 });
    expect(row(all, 'jiannuo', 'jiaoshi-yi').checks).toEqual({ done: 3, total: 3, rate: 1 });
  });

  // content/checks/2025/jiaoshi-er-q4-upper.md: the 党总支's 随机检查 on 2025-11-12, affirmed.
  test('lists the upper organisation’s random check of the 高中部 branch in 践诺 and the whole round, not as its own check', () => {
    const one = { count: 1, regular: 0, random: 1, affirmed: 1 };
    expect(row(all, 'jiannuo', 'jiaoshi-er').upperChecks).toEqual(one);
    expect(row(all, 'round', 'jiaoshi-er').upperChecks).toEqual(one);
    expect(row(all, 'pingnuo', 'jiaoshi-er').upperChecks).toEqual({ count: 0, regular: 0, random: 0, affirmed: 0 });
    expect(row(all, 'round', 'jiaoshi-yi').upperChecks.count).toBe(0);
    expect(row(all, 'round', 'jiaoshi-er').checks).toEqual({ done: 3, total: 3, rate: 1 });
  });

  test('ranks the whole round by completion rate', () => {
    const rows = stage(all, 'round').rows;
    const rates = rows.map((r) => r.completion.rate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });
});
