import { describe, expect, test } from 'vitest';
import { presets } from '../../src/lib/profiles.ts';
import { defaultStages, stageState, stagesOf, withStageIds } from '../../src/lib/roundStages.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { tinyContent } from '../fixtures/tinyContent.ts';

const year = { start: '2025-01-01', end: '2025-12-31' };
const spans = (stages: { title: string; start: string; end: string }[] | null) => stages?.map((s) => [s.title, s.start, s.end]);

describe('defaultStages', () => {
  test('a calendar year: 承诺 January, 示诺 February, 践诺 March to November, 评诺 1–20 December, 奖诺 the rest', () => {
    expect(spans(defaultStages(year))).toEqual([
      ['承诺', '2025-01-01', '2025-01-31'],
      ['示诺', '2025-02-01', '2025-02-28'],
      ['践诺', '2025-03-01', '2025-11-30'],
      ['评诺', '2025-12-01', '2025-12-20'],
      ['奖诺', '2025-12-21', '2025-12-31'],
    ]);
    expect(defaultStages(year).map((s) => s.id)).toEqual(['chengnuo', 'shinuo', 'jiannuo', 'pingnuo', 'jiangnuo']);
  });

  test('counts months from the round’s first day; 评诺 takes two thirds of the last month (rounded down)', () => {
    expect(spans(defaultStages({ start: '2025-03-15', end: '2026-03-14' }))).toEqual([
      ['承诺', '2025-03-15', '2025-04-14'],
      ['示诺', '2025-04-15', '2025-05-14'],
      ['践诺', '2025-05-15', '2026-02-14'],
      ['评诺', '2026-02-15', '2026-03-04'],
      ['奖诺', '2026-03-05', '2026-03-14'],
    ]);
  });

  test('a round under four months splits its days in the same proportions, each stage at least a day', () => {
    const stages = defaultStages({ start: '2025-01-01', end: '2025-02-28' });
    expect(stages.map((s) => s.title)).toEqual(['承诺', '示诺', '践诺', '评诺', '奖诺']);
    expect(stages[0].start).toBe('2025-01-01');
    expect(stages.at(-1)!.end).toBe('2025-02-28');
    for (const [i, s] of stages.entries()) {
      expect(s.start <= s.end, s.title).toBe(true);
      if (i > 0) expect(s.start > stages[i - 1].end, s.title).toBe(true);
    }
    expect(spans(defaultStages({ start: '2025-01-01', end: '2025-01-05' }))).toEqual([
      ['承诺', '2025-01-01', '2025-01-01'],
      ['示诺', '2025-01-02', '2025-01-02'],
      ['践诺', '2025-01-03', '2025-01-03'],
      ['评诺', '2025-01-04', '2025-01-04'],
      ['奖诺', '2025-01-05', '2025-01-05'],
    ]);
    expect(defaultStages({ start: '2025-01-01', end: '2025-01-04' })).toEqual([]);
  });
});

describe('stagesOf', () => {
  test.each(['five-stages', 'provincial'] as const)('%s: the default stages when the round lists none', (id) => {
    expect(stagesOf(year, presets[id])).toEqual(defaultStages(year));
    expect(stagesOf({ ...year, stages: [] }, presets[id])).toEqual(defaultStages(year));
  });

  test.each(['school-semester', 'monthly'] as const)(
    '%s (承诺、践诺、评诺 only): no stages, the ranking keeps quarters or semesters',
    (id) => {
      expect(stagesOf(year, presets[id])).toBeNull();
      expect(stagesOf({ ...year, stages: [{ id: 'a', title: '承诺', start: '2025-01-01', end: '2025-02-28' }] }, presets[id])).toBeNull();
    },
  );

  test('the round’s own stages, in date order', () => {
    const stages = [
      { id: 'jiannuo', title: '践诺', start: '2025-03-11', end: '2025-11-30' },
      { id: 'chengnuo', title: '承诺和示诺', start: '2025-01-01', end: '2025-03-10' },
    ];
    expect(stagesOf({ ...year, stages }, presets.provincial)!.map((s) => s.id)).toEqual(['chengnuo', 'jiannuo']);
  });
});

describe('stageState', () => {
  test.each([
    ['2025-02-28', 'ended'],
    ['2025-02-27', 'running'],
    ['2025-02-01', 'running'],
    ['2025-01-31', 'upcoming'],
  ])('on %s a stage of February is %s', (asOf, state) => {
    expect(stageState({ start: '2025-02-01', end: '2025-02-28' }, asOf)).toBe(state);
  });
});

/** The tiny tree's round 2026 with `stages` as YAML lines. */
const roundWith = (...stages: string[]) => `---\ntitle: 2026年度\nstart: 2026-01-01\nend: 2026-12-31\nstages:\n${stages.join('\n')}\n---\n`;
const stage = (id: string, title: string, start: string, end: string) =>
  `  - id: ${id}\n    title: ${title}\n    start: ${start}\n    end: ${end}`;
const ROUND = 'rounds/2026.md';

describe('a round’s stages in the content check', () => {
  const errorsOf = (text: string) => {
    const dir = tinyContent({ [ROUND]: text });
    return checkContent(dir, '2026-03-10', dir).errors;
  };

  test('accepts five stages inside the round, one after another', () => {
    expect(
      errorsOf(
        roundWith(
          stage('chengnuo', '承诺', '2026-01-01', '2026-02-15'),
          stage('shinuo', '示诺', '2026-02-16', '2026-03-10'),
          stage('jiannuo', '践诺', '2026-03-11', '2026-11-30'),
          stage('pingnuo', '评诺', '2026-12-01', '2026-12-20'),
          stage('jiangnuo', '奖诺', '2026-12-21', '2026-12-31'),
        ),
      ),
    ).toEqual([]);
  });

  test.each([
    [
      'a stage starting before the round',
      [stage('chengnuo', '承诺', '2025-12-20', '2026-01-31')],
      'stages[0].start',
      'stage-outside-round',
      /阶段“承诺”的开始日期 2025-12-20 早于本轮开始日期 2026-01-01：阶段应在本轮之内/,
    ],
    [
      'a stage ending after the round',
      [stage('jiangnuo', '奖诺', '2026-12-21', '2027-01-10')],
      'stages[0].end',
      'stage-outside-round',
      /阶段“奖诺”的结束日期 2027-01-10 晚于本轮结束日期 2026-12-31/,
    ],
    [
      'stages that overlap',
      [stage('chengnuo', '承诺', '2026-01-01', '2026-02-28'), stage('shinuo', '示诺', '2026-02-20', '2026-03-31')],
      'stages[1].start',
      'stage-overlap',
      /阶段“示诺”（2026-02-20 至 2026-03-31）与阶段“承诺”（2026-01-01 至 2026-02-28）重叠/,
    ],
    [
      'a stage ending before it starts',
      [stage('jiannuo', '践诺', '2026-11-30', '2026-03-01')],
      'stages[0].end',
      'stage-dates',
      /阶段“践诺”的结束日期 2026-03-01 早于开始日期 2026-11-30/,
    ],
    [
      'two stages with one id',
      [stage('chengnuo', '承诺', '2026-01-01', '2026-01-31'), stage('chengnuo', '示诺', '2026-02-01', '2026-02-28')],
      'stages[1].id',
      'duplicate',
      /阶段“示诺”的编号“chengnuo”与第 1 个阶段重复/,
    ],
    ['a stage named round', [stage('round', '全年', '2026-01-01', '2026-01-31')], 'stages[0].id', 'reserved-id', /不能用 round/],
    ['a stage id that is not ASCII', [stage('承诺', '承诺', '2026-01-01', '2026-01-31')], 'stages[0].id', 'pattern', /小写字母/],
    [
      'a stage without a title',
      ['  - id: chengnuo\n    start: 2026-01-01\n    end: 2026-01-31'],
      'stages[0].title',
      'required',
      /阶段名称/,
    ],
  ])('names %s by file, field, rule and a Chinese message', (_, stages, field, rule, message) => {
    const errors = errorsOf(roundWith(...stages));
    const hit = errors.find((e) => e.field === field);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit).toMatchObject({ file: ROUND, field, severity: 'error' });
    if (rule !== 'pattern') expect(hit!.rule).toBe(rule);
    expect(hit!.message).toMatch(message);
  });
});

describe('withStageIds: a secretary names a stage, never types its id', () => {
  test('the five names get their default ids, another name a pinyin one, a hand-written id stays', () => {
    const ids = withStageIds([
      { title: '承诺', start: '2025-01-01', end: '2025-01-31' },
      { title: '践诺', start: '2025-02-01', end: '2025-10-31' },
      { title: '总结', start: '2025-11-01', end: '2025-11-30' },
      { id: 'jiangnuo-2', title: '奖诺', start: '2025-12-01', end: '2025-12-31' },
    ]).map((s) => s.id);
    expect(ids).toEqual(['chengnuo', 'jiannuo', 'zong-jie', 'jiangnuo-2']);
  });

  test('a name used twice gets two ids, neither of them round', () => {
    const ids = withStageIds([
      { title: '承诺', start: '2025-01-01', end: '2025-01-31' },
      { title: '承诺', start: '2025-02-01', end: '2025-02-28' },
    ]).map((s) => s.id);
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toBe('chengnuo');
    expect(ids).not.toContain('round');
  });
});
