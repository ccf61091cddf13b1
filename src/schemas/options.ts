/**
 * Every enumeration of the content contract: the English slug stored in the
 * file and the Chinese label a person sees. Field tables, the CMS and the
 * pages all read them from here.
 */
import type { Option } from './fieldTypes.ts';

export const categories = [
  { value: 'study', label: '学习' },
  { value: 'work', label: '工作' },
  { value: 'discipline', label: '自律' },
  { value: 'service', label: '服务' },
] as const satisfies readonly Option[];

export const reviewStatuses = [
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '已提交待审核' },
  { value: 'revise', label: '退回修改完善' },
  { value: 'resubmit', label: '退回重新提出' },
  { value: 'approved', label: '审核通过' },
] as const satisfies readonly Option[];

export const grades = [
  { value: 'excellent', label: '优秀' },
  { value: 'qualified', label: '合格' },
  { value: 'basic', label: '基本合格' },
  { value: 'unqualified', label: '不合格' },
] as const satisfies readonly Option[];

export const roles = [
  { value: 'secretary', label: '书记' },
  { value: 'committee', label: '支委（班子成员）' },
  { value: 'leading-cadre', label: '党员领导干部' },
] as const satisfies readonly Option[];

export const memberStatuses = [
  { value: 'active', label: '在职' },
  { value: 'retired', label: '离退休' },
  { value: 'frail', label: '年老体弱' },
] as const satisfies readonly Option[];

export const orgLevels = [
  { value: 'committee', label: '党委' },
  { value: 'general-branch', label: '党总支' },
  { value: 'branch', label: '党支部' },
] as const satisfies readonly Option[];

export const unitTypes = [
  { value: 'school', label: '学校' },
  { value: 'government', label: '机关' },
  { value: 'village', label: '村' },
  { value: 'community', label: '社区' },
  { value: 'enterprise', label: '非公企业' },
  { value: 'social-org', label: '社会组织' },
  { value: 'other', label: '其他' },
] as const satisfies readonly Option[];

export const visibilities = [
  { value: 'public', label: '公开', hint: '公开栏上人人可见' },
  { value: 'internal', label: '仅组织内部', hint: '只在组织内部版显示，公开栏上不出现' },
  { value: 'private', label: '不公开', hint: '公开栏和内部版都不显示，只保存在内容文件中' },
] as const satisfies readonly Option[];

export const quarters = [
  { value: 'q1', label: '第一季度' },
  { value: 'q2', label: '第二季度' },
  { value: 'q3', label: '第三季度' },
  { value: 'q4', label: '第四季度' },
] as const satisfies readonly Option[];

export const periods = [
  ...quarters,
  { value: 'h1', label: '上半年' },
  { value: 'h2', label: '下半年' },
  { value: 'spring', label: '春季学期' },
  { value: 'autumn', label: '秋季学期' },
  { value: 'year', label: '全年' },
] as const satisfies readonly Option[];

export const bulletinKinds = [
  { value: 'progress', label: '践诺进展' },
  { value: 'commendation', label: '表扬先进' },
  { value: 'urging', label: '督促后进' },
  { value: 'results', label: '评诺结果' },
] as const satisfies readonly Option[];

export const attitudes = [
  { value: 'active', label: '积极整改' },
  { value: 'passive', label: '态度消极' },
  { value: 'refused', label: '拒不整改' },
] as const satisfies readonly Option[];

/**
 * The 组织处置 of a member whose final result is 不合格 (党章第九条; 民主评议党员: 区别不同情况，作出限期改正、
 * 劝其退党、除名等组织处置). 劝其退党 and 除名 are decided by the 支部大会 and approved by the upper organisation.
 */
export const dispositions = [
  { value: 'correction', label: '限期改正', hint: '教育帮助，要求在限定期限内改正' },
  { value: 'persuade', label: '劝其退党', hint: '经教育仍无转变的；经支部大会讨论决定，报上级党组织批准' },
  { value: 'remove', label: '除名', hint: '被劝退党而坚持不退的；经支部大会讨论决定，报上级党组织批准' },
  { value: 'other', label: '其他组织处置', hint: '如延长预备期、取消预备党员资格，请在说明中写明' },
] as const satisfies readonly Option[];

export const ownerKinds = [
  { value: 'member', label: '党员承诺' },
  { value: 'org', label: '组织承诺' },
] as const satisfies readonly Option[];

export const cadences = [
  { value: 'month', label: '每月一记实' },
  { value: 'semester', label: '每学期一记账' },
] as const satisfies readonly Option[];

/** The rule profiles: one preset per variant of the seed texts (src/lib/profiles.ts holds their parameters). */
export const profileIds = [
  { value: 'school-semester', label: '学校按学期（篇一、篇二）' },
  { value: 'five-stages', label: '承诺示诺践诺评诺奖诺（篇三）' },
  { value: 'provincial', label: '省级意见，分轮次（篇四）' },
  { value: 'monthly', label: '每月记实（篇五）' },
] as const satisfies readonly Option[];

export const checkCadences = [
  { value: 'quarter', label: '每季度一检查（调度）' },
  { value: 'none', label: '不要求定期检查' },
] as const satisfies readonly Option[];

export const bulletinCadences = [
  { value: 'half-year', label: '每半年一通报' },
  { value: 'semester', label: '每学期通报表扬' },
] as const satisfies readonly Option[];

export const reviewCadences = [
  { value: 'half-year', label: '原则上每半年点评一次' },
  { value: 'year', label: '年终点评一次' },
] as const satisfies readonly Option[];

export const memberReviewers = [
  { value: 'secretary', label: '只由支部书记点评党员' },
  { value: 'secretary-or-supervisor', label: '支部书记或分管班子成员点评党员' },
] as const satisfies readonly Option[];

/** The Chinese label of a slug, or the slug itself when unknown. */
export function labelOf(options: readonly Option[], value: string | undefined): string {
  return options.find((o) => o.value === value)?.label ?? value ?? '';
}
