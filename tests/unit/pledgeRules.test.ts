import { describe, expect, test } from 'vitest';
import { pledgeRuleErrors } from '../../admin/pledgeRules.ts';

const approved = {
  owner: 'li',
  title: '上好公开课',
  category: 'work',
  measures: ['每学期一节'],
  deadline: '2025-06-30',
  review: { status: 'approved', by: 'sec', date: '2025-02-20' },
  body: '正文',
};

describe('pledgeRuleErrors', () => {
  test('lets a complete approved pledge through', () => {
    expect(pledgeRuleErrors(approved)).toEqual([]);
  });

  test.each([
    ['no measures', { ...approved, measures: [] }, '审核通过的承诺至少要有一条践诺措施。'],
    ['no category (left empty in the form)', { ...approved, category: '' }, '审核通过的承诺必须选择类别（学习、工作、自律、服务）。'],
    ['a check-off without a verifier', { ...approved, closed: { date: '2025-06-20', verifiedBy: '' } }, '已销号的承诺必须写明核实人。'],
    [
      'a check-off of a pledge that is not approved',
      { ...approved, review: { status: 'submitted' }, closed: { date: '2025-06-20', verifiedBy: 'sec' } },
      '只有审核通过的承诺才能销号。',
    ],
  ])('refuses %s with the schema message', (_, data, message) => {
    expect(pledgeRuleErrors(data)).toContain(message);
  });

  test('leaves a draft alone, however incomplete', () => {
    expect(pledgeRuleErrors({ owner: 'li', title: '草稿', review: { status: 'draft' }, measures: [], rectification: {} })).toEqual([]);
  });
});
