/**
 * 组织处置 follows a final result of 不合格 only: `npm run check` (validateContent) refuses a disposal on any other
 * member, with the file, the field and a Chinese message, after settling the result as the results page does
 * (the weighted score under the site's settings, the branch's `final` override, R13 where the profile has it).
 */
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';

const EVAL = 'evaluations/2026/b1.md';
const site = (profile: string) => JSON.stringify({ ...JSON.parse(tinyFiles['site.json']), profile }, null, 2);

/** b1's evaluation of li: self and leader `grade`, 8 satisfied votes of a panel of 8, then `extra` lines under li. */
const evaluation = (grade: string, extra: string[]) =>
  [
    '---',
    'org: b1',
    'date: 2026-12-20',
    'panel:',
    '  masses: 8',
    'members:',
    '  - member: li',
    `    self: { grade: ${grade} }`,
    '    mass: { satisfied: 8, basicallySatisfied: 0, dissatisfied: 0 }',
    `    leader: { by: sec, grade: ${grade} }`,
    ...extra.map((l) => `    ${l}`),
    '---',
    '',
  ].join('\n');

/** The same file with all 8 votes 不满意: with 不合格 self and leader grades the score is 24, 不合格. */
const allDissatisfied = (file: string) =>
  file.replace('satisfied: 8, basicallySatisfied: 0, dissatisfied: 0', 'satisfied: 0, basicallySatisfied: 0, dissatisfied: 8');

const disposal = ['disposal:', '  kind: correction', '  date: 2027-01-05'];

function disposalErrors(files: Record<string, string>) {
  const dir = tinyContent(files);
  return checkContent(dir, '2026-12-31', dir).errors.filter((p) => p.rule === 'disposal');
}

describe('a disposal (组织处置) in an evaluation', () => {
  test('is refused on a member whose final result is 合格, naming the file, the field and the result', () => {
    expect(disposalErrors({ [EVAL]: evaluation('qualified', disposal) })).toEqual([
      {
        file: EVAL,
        field: 'members[0].disposal',
        rule: 'disposal',
        severity: 'error',
        message: '党员“李明”的最终结果是合格，不是不合格：只有评为不合格的党员才作出组织处置，请删除“组织处置”或先改正评议结果。',
      },
    ]);
  });

  test('is refused on a member whose result is still pending (a part is missing)', () => {
    const pending = [
      '---',
      'org: b1',
      'date: 2026-12-20',
      'panel:',
      '  masses: 8',
      'members:',
      '  - member: li',
      ...disposal.map((l) => `    ${l}`),
      '---',
      '',
    ].join('\n');
    expect(disposalErrors({ [EVAL]: pending }).map((p) => p.message)).toEqual([
      '党员“李明”的评议结果尚未评定，不是不合格：只有评为不合格的党员才作出组织处置，请删除“组织处置”或先改正评议结果。',
    ]);
  });

  test('is accepted when the score gives 不合格', () => {
    expect(disposalErrors({ [EVAL]: allDissatisfied(evaluation('unqualified', disposal)) })).toEqual([]);
  });

  test('is accepted when the branch set the final result to 不合格 (final override)', () => {
    expect(
      disposalErrors({ [EVAL]: evaluation('qualified', ['final: { grade: unqualified, reason: 支部大会讨论决定。 }', ...disposal]) }),
    ).toEqual([]);
  });

  test('is refused when the branch overrode a 不合格 score to 基本合格', () => {
    const file = allDissatisfied(evaluation('unqualified', ['final: { grade: basic, reason: 支委会研究改定。 }', ...disposal]));
    expect(disposalErrors({ [EVAL]: file }).map((p) => p.message)).toEqual([
      '党员“李明”的最终结果是基本合格，不是不合格：只有评为不合格的党员才作出组织处置，请删除“组织处置”或先改正评议结果。',
    ]);
  });

  // Refused rectification is 不合格 under 篇一/二/五 (R13), not under 篇三/四, where the score stands.
  const refused = evaluation('qualified', ['rectification: { required: true, deadline: 2026-11-30, attitude: refused }', ...disposal]);
  test.each([
    ['school-semester', []],
    ['monthly', []],
    ['five-stages', ['党员“李明”的最终结果是合格，不是不合格：只有评为不合格的党员才作出组织处置，请删除“组织处置”或先改正评议结果。']],
    ['provincial', ['党员“李明”的最终结果是合格，不是不合格：只有评为不合格的党员才作出组织处置，请删除“组织处置”或先改正评议结果。']],
  ])('after refused rectification under the %s profile gives %j', (profile, messages) => {
    expect(disposalErrors({ 'site.json': site(profile), [EVAL]: refused }).map((p) => p.message)).toEqual(messages);
  });

  test('is not asked for: a member without one is never flagged', () => {
    expect(disposalErrors({ [EVAL]: evaluation('qualified', []) })).toEqual([]);
  });
});
