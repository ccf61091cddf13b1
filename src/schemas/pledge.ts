/** `content/pledges/<round>/<id>.md`: one pledge; the body is the pledge text. */
import { z } from 'astro/zod';
import { contentLimits } from './contentLimits.ts';
import { boolean, roundField, date, list, number, object, relation, select, shapeOf, text, textList } from './fieldTypes.ts';
import { categories, ownerKinds, reviewStatuses, visibilities } from './options.ts';

export const pledgeFields = {
  round: roundField(),
  owner: relation({ label: '承诺人', hint: '党员，或作出组织承诺的党组织', to: ['members', 'orgs'], required: true }),
  ownerKind: select({ label: '承诺主体', hint: '党员承诺或组织承诺（由后台自动填写）', options: ownerKinds }),
  category: select({ label: '类别', requiredWhen: '审核通过时', options: categories }),
  onPost: boolean({ label: '依岗承诺', hint: '无职党员在设定的岗位上作出的承诺' }),
  title: text({ label: '承诺事项', hint: '一句话概括，如“每学期上好一节公开课”', required: true, max: 80 }),
  measures: textList({ label: '践诺措施', hint: '至少一条', requiredWhen: '审核通过时', itemLabel: '措施' }),
  deadline: date({ label: '完成时限', hint: '须在本轮起止日期之内', requiredWhen: '审核通过时' }),
  review: object({
    label: '支部审核',
    required: true,
    fields: {
      status: select({ label: '审核状态', options: reviewStatuses, default: 'draft', required: true }),
      by: relation({
        label: '审核人',
        hint: '最上级组织的组织承诺由上级党组织审定，改填“上级审定”',
        requiredWhen: '审核通过时',
        to: ['members'],
      }),
      outsideBy: text({ label: '上级审定', hint: '只在最上级组织的组织承诺由上级党组织审定时填写，如“县教育局党委”', max: 60 }),
      date: date({ label: '审核日期', requiredWhen: '审核通过时' }),
      note: text({ label: '审核意见', hint: '写明原因；仅组织内部可见', requiredWhen: '退回时', multiline: true }),
      filedOn: date({ label: '报上级备案日期', hint: '组织承诺报上级党组织审定备案的日期', requiredWhen: '最上级组织的承诺审核通过后' }),
    },
  }),
  records: list({
    label: '践诺台账（记实）',
    hint: '按本单位执行的制度：每月一记实，或每学期一记账',
    summary: '{{fields.date}} · 进度 {{fields.progress}}% · {{fields.note | truncate(20)}}',
    max: contentLimits.records,
    fields: {
      date: date({ label: '记实日期', required: true }),
      note: text({ label: '进展情况', multiline: true, required: true, max: contentLimits.noteChars }),
      progress: number({ label: '完成进度（%）', hint: '0 到 100', min: 0, max: 100, required: true }),
    },
  }),
  closed: object({
    label: '销号',
    hint: '完成一项、销号一项：经支部核实后填写',
    fields: {
      date: date({ label: '销号日期', requiredWhen: '销号时' }),
      verifiedBy: relation({ label: '核实人', requiredWhen: '销号时', to: ['members'] }),
      note: text({ label: '核实说明', multiline: true }),
    },
  }),
  rectification: object({
    label: '督促整改',
    hint: '逾期或效果不理想时填写',
    fields: {
      note: text({ label: '整改要求', multiline: true, required: true }),
      deadline: date({ label: '整改期限' }),
    },
  }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

/** The rule code of a review decision that lacks what it must say (who and when for an approval, why for a return). */
export const REVIEW_DECIDED = 'review-decided';

const issue = (ctx: z.RefinementCtx, path: (string | number)[], rule: string, message: string) =>
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, params: { rule }, message });

export const pledgeSchema = shapeOf(pledgeFields).superRefine((p, ctx) => {
  if (p.review.status === 'approved') {
    if (!p.category) issue(ctx, ['category'], 'R4', '审核通过的承诺必须选择类别（学习、工作、自律、服务）。');
    if (!p.measures?.length) issue(ctx, ['measures'], 'R4', '审核通过的承诺至少要有一条践诺措施。');
    if (!p.deadline) issue(ctx, ['deadline'], 'R4', '审核通过的承诺必须有完成时限。');
    if (!p.review.by && !p.review.outsideBy)
      issue(ctx, ['review', 'by'], REVIEW_DECIDED, '审核通过的承诺必须填写审核人（最上级组织的组织承诺填写“上级审定”）。');
    if (!p.review.date) issue(ctx, ['review', 'date'], REVIEW_DECIDED, '审核通过的承诺必须填写审核日期。');
  }
  if (p.review.by && p.review.outsideBy) issue(ctx, ['review', 'outsideBy'], REVIEW_DECIDED, '“审核人”和“上级审定”只填一项。');
  if ((p.review.status === 'revise' || p.review.status === 'resubmit') && !p.review.note) {
    issue(ctx, ['review', 'note'], REVIEW_DECIDED, '退回的承诺必须写明审核意见。');
  }
  if (p.closed) {
    if (!p.closed.verifiedBy) issue(ctx, ['closed', 'verifiedBy'], 'R15', '已销号的承诺必须写明核实人。');
    if (!p.closed.date) issue(ctx, ['closed', 'date'], 'R15', '已销号的承诺必须写明销号日期。');
    if (p.review.status !== 'approved') issue(ctx, ['closed'], 'closed-unapproved', '只有审核通过的承诺才能销号。');
  }
  p.records?.forEach((r, i) => {
    const prev = p.records?.[i - 1];
    if (prev && r.date < prev.date) {
      issue(ctx, ['records', i, 'date'], 'records-order', `记实日期 ${r.date} 早于上一条的 ${prev.date}，请按时间先后排列。`);
    }
  });
});

export type Pledge = z.output<typeof pledgeSchema>;
