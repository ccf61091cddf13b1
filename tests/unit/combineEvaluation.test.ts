/** The year-end evaluation: weighted score, grade thresholds, R13 and manual overrides. */
import { describe, expect, test } from 'vitest';
import {
  combineEvaluation,
  gradeOfScore,
  massScore,
  rectificationRefused,
  type EvaluationSettings,
} from '../../src/lib/combineEvaluation.ts';
import type { MemberEvaluation } from '../../src/lib/model.ts';
import { defaultEvaluation } from '../../src/schemas/site.ts';
import { memberEval } from '../fixtures/model.ts';

const settings = structuredClone(defaultEvaluation) as EvaluationSettings;

describe('combineEvaluation', () => {
  test('scores a member rated qualified by self and leader, with fully satisfied masses, 88 → qualified', () => {
    const result = combineEvaluation(memberEval('m1'), settings);

    expect(result).toEqual({
      status: 'final',
      missing: [],
      score: 88,
      computed: 'qualified',
      grade: 'qualified',
      basis: 'score',
    });
  });

  test('grades a member rated excellent by self and leader, with fully satisfied masses, excellent', () => {
    const e = memberEval('m1', { self: { grade: 'excellent' }, leader: { by: 'sec', grade: 'excellent' } });

    const result = combineEvaluation(e, settings);

    expect(result.score).toBeCloseTo(97, 10);
    expect(result).toMatchObject({ status: 'final', computed: 'excellent', grade: 'excellent', basis: 'score' });
  });

  test('grades a member with half the masses dissatisfied basic', () => {
    const e = memberEval('m1', { mass: { satisfied: 5, dissatisfied: 5 } });

    const result = combineEvaluation(e, settings);

    expect(result.score).toBeCloseTo(68, 10);
    expect(result).toMatchObject({ grade: 'basic', basis: 'score' });
  });

  test.each(['passive', 'refused'] as const)('grades a %s member unqualified, even over an override of excellent', (attitude) => {
    const e = memberEval('m1', {
      self: { grade: 'excellent' },
      leader: { by: 'sec', grade: 'excellent' },
      rectification: { required: true, attitude },
      final: { grade: 'excellent', reason: '集体研究改定' },
    });

    const result = combineEvaluation(e, settings);

    expect(result).toMatchObject({ status: 'final', grade: 'unqualified', basis: 'R13', computed: 'excellent' });
    expect(result.reason).toContain(attitude === 'refused' ? '拒不整改' : '整改态度消极');
  });

  test('grades a refusing member unqualified even with a part missing', () => {
    const e = memberEval('m1', { leader: undefined, rectification: { required: true, attitude: 'refused' } });

    const result = combineEvaluation(e, settings);

    expect(result).toMatchObject({ status: 'final', grade: 'unqualified', basis: 'R13', missing: ['leader'] });
  });

  test('keeps a manual override with its reason', () => {
    const e = memberEval('m1', { final: { grade: 'excellent', reason: '抗洪抢险表现突出' } });

    const result = combineEvaluation(e, settings);

    expect(result).toMatchObject({
      status: 'final',
      computed: 'qualified',
      grade: 'excellent',
      basis: 'override',
      reason: '抗洪抢险表现突出',
    });
  });

  test('lets an actively rectifying member be overridden', () => {
    const e = memberEval('m1', { rectification: { required: true, attitude: 'active' }, final: { grade: 'basic', reason: '整改中' } });

    expect(combineEvaluation(e, settings)).toMatchObject({ grade: 'basic', basis: 'override' });
  });

  test('leaves a member with a missing part pending, listing the part', () => {
    const e = memberEval('m1', { leader: undefined });

    const result = combineEvaluation(e, settings);

    expect(result).toEqual({ status: 'pending', missing: ['leader'], score: undefined, computed: undefined, basis: 'none' });
    expect(result.grade).toBeUndefined();
  });

  test('lists every missing part in order self, mass, leader', () => {
    const e: MemberEvaluation = { member: 'm1' };

    expect(combineEvaluation(e, settings)).toMatchObject({ status: 'pending', missing: ['self', 'mass', 'leader'] });
  });

  test('treats a mass part with zero votes as missing', () => {
    const e = memberEval('m1', { mass: { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 } });

    expect(combineEvaluation(e, settings)).toMatchObject({ status: 'pending', missing: ['mass'] });
  });

  test('makes an override with missing parts final, still listing what is missing', () => {
    const e = memberEval('m1', { self: undefined, mass: undefined, final: { grade: 'qualified', reason: '本人长期外派' } });

    const result = combineEvaluation(e, settings);

    expect(result).toMatchObject({
      status: 'final',
      missing: ['self', 'mass'],
      grade: 'qualified',
      basis: 'override',
      reason: '本人长期外派',
    });
    expect(result.score).toBeUndefined();
    expect(result.computed).toBeUndefined();
  });

  test('uses the weights from the settings', () => {
    const massOnly: EvaluationSettings = { ...settings, weights: { self: 0, mass: 1, leader: 0 } };
    const e = memberEval('m1', { mass: { satisfied: 5, dissatisfied: 5 } });

    const custom = combineEvaluation(e, massOnly);
    const standard = combineEvaluation(e, settings);

    expect(custom.score).toBe(50);
    expect(custom.grade).toBe('unqualified');
    expect(standard.grade).toBe('basic');
  });

  test('does not let float weights drop an exact threshold score a grade', () => {
    const weights: EvaluationSettings = { ...settings, weights: { self: 0.1, mass: 0.7, leader: 0.2 } };
    // 0.1 × 80 + 0.7 × (2 × 100 + 4 × 60) / 7 + 0.2 × 40 is 60 on paper, 59.99999999999999 in floating point.
    const e = memberEval('m1', {
      mass: { satisfied: 2, basicallySatisfied: 4, dissatisfied: 1 },
      leader: { by: 'sec', grade: 'unqualified' },
    });

    const result = combineEvaluation(e, weights);

    expect(result.score).toBeLessThan(60);
    expect(result.score).toBeCloseTo(60, 10);
    expect(result.grade).toBe('basic');
  });

  test('uses the grade points and thresholds from the settings', () => {
    const strict: EvaluationSettings = {
      ...settings,
      points: { excellent: 100, qualified: 70, basic: 50, unqualified: 0 },
      thresholds: { excellent: 95, qualified: 85, basic: 70 },
    };

    const result = combineEvaluation(memberEval('m1'), strict);

    // 0.2 × 70 + 0.4 × 100 + 0.4 × 70 = 82
    expect(result.score).toBeCloseTo(82, 10);
    expect(result.grade).toBe('basic');
  });
});

describe('gradeOfScore', () => {
  test.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'qualified'],
    [75, 'qualified'],
    [74.99, 'basic'],
    [74.999999999, 'qualified'],
    [89.9999999, 'excellent'],
    [60, 'basic'],
    [59.99, 'unqualified'],
    [0, 'unqualified'],
  ] as const)('grades a score of %d as %s', (score, grade) => {
    expect(gradeOfScore(score, settings)).toBe(grade);
  });
});

describe('massScore', () => {
  test('is undefined when nobody voted', () => {
    expect(massScore({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 }, settings)).toBeUndefined();
  });

  test('is undefined when the mass part is absent', () => {
    expect(massScore(undefined, settings)).toBeUndefined();
    expect(massScore({}, settings)).toBeUndefined();
  });

  test('averages the satisfaction points over the votes', () => {
    // (6 × 100 + 3 × 60 + 1 × 0) / 10 = 78
    expect(massScore({ satisfied: 6, basicallySatisfied: 3, dissatisfied: 1 }, settings)).toBe(78);
  });

  test('counts missing tallies as zero', () => {
    expect(massScore({ satisfied: 2 }, settings)).toBe(100);
    expect(massScore({ dissatisfied: 4 }, settings)).toBe(0);
  });

  test('uses the satisfaction points from the settings', () => {
    const lenient: EvaluationSettings = { ...settings, satisfaction: { satisfied: 100, basicallySatisfied: 80, dissatisfied: 20 } };

    expect(massScore({ basicallySatisfied: 1, dissatisfied: 1 }, lenient)).toBe(50);
  });
});

describe('rectificationRefused', () => {
  test.each([
    ['passive', true],
    ['refused', true],
    ['active', false],
    [undefined, false],
  ] as const)('is %s → %s', (attitude, refused) => {
    expect(rectificationRefused(memberEval('m1', { rectification: { required: true, attitude } }))).toBe(refused);
  });

  test('is false without a rectification', () => {
    expect(rectificationRefused(memberEval('m1'))).toBe(false);
  });
});
