/**
 * The evaluator categories the 满意度测评表 offers: a 双向述职 profile's panel kinds (篇三/四), else today's
 * categories of 篇一/二/五 by unit type. Labels are the evaluation field table's.
 */
import { describe, expect, test } from 'vitest';
import { panelCategories } from '../../src/components/print/surveyRows.ts';
import { presets } from '../../src/lib/profiles.ts';

const labels = (c: { label: string; note?: string }[]) => c.map((x) => (x.note ? `${x.label}（${x.note}）` : x.label));

describe('panelCategories', () => {
  test.each(['five-stages', 'provincial'] as const)('under %s: 党员代表、人大代表和群众代表, whatever the unit', (id) => {
    for (const unit of ['school', 'enterprise', 'community'] as const) {
      expect(labels(panelCategories(unit, presets[id]))).toEqual(['党员代表', '人大代表', '群众代表（本单位群众）']);
    }
  });

  test.each(['school-semester', 'monthly'] as const)('under %s: the form of 篇一/二/五, without the 双向述职 kinds', (id) => {
    expect(labels(panelCategories('school', presets[id]))).toEqual([
      '群众代表（本单位群众）',
      '服务对象代表',
      '结对共建单位负责人',
      '“两代表一委员”',
      '其他评议人',
    ]);
    expect(labels(panelCategories('enterprise', presets[id]))).toContain('非党员出资人（非公企业党组织必须邀请）');
    expect(labels(panelCategories('social-org', presets[id]))).toContain('非党员负责人（社会组织党组织必须邀请）');
  });
});
