/**
 * 组织处置 (限期改正、劝其退党、除名) is what follows a final result of 不合格 (篇一 line 11, 篇二 line 25,
 * 篇五 line 128: 定格“不合格”，并作出相应组织处置). A disposal on a member whose result is anything else is a mistake.
 */
import { combineEvaluation, type EvaluationSettings } from './combineEvaluation.ts';
import type { MemberEvaluation } from './model.ts';
import type { Profile } from './profiles.ts';
import { grades, labelOf } from '../schemas/options.ts';

/**
 * The Chinese message when `m` carries a `disposal` but its final result (the weighted score, the `final` override and
 * R13 where the profile has it, as `combineEvaluation` settles them) is not 不合格; undefined when all is well.
 * @example disposalWithoutUnqualified({ member: 'li', self: { grade: 'qualified' }, …, disposal: { kind: 'correction', date: '2026-01-05' } }, '李明', settings, profile)
 *   // → '党员“李明”的最终结果是合格，不是不合格：只有评为不合格的党员才作出组织处置，请删除“组织处置”或先改正评议结果。'
 */
export function disposalWithoutUnqualified(
  m: MemberEvaluation,
  name: string,
  settings: EvaluationSettings,
  profile: Pick<Profile, 'rectificationRule'>,
): string | undefined {
  if (!m.disposal) return undefined;
  const result = combineEvaluation(m, settings, profile);
  if (result.grade === 'unqualified') return undefined;
  const stands = result.grade ? `最终结果是${labelOf(grades, result.grade)}` : '评议结果尚未评定';
  return `党员“${name}”的${stands}，不是不合格：只有评为不合格的党员才作出组织处置，请删除“组织处置”或先改正评议结果。`;
}
