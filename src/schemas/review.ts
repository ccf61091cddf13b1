/** `content/reviews/<round>/<id>.md`: a leader review (领导点评); internal by default. */
import { z } from 'astro/zod';
import { roundField, date, relation, select, shapeOf, text } from './fieldTypes.ts';
import { periods, visibilities } from './options.ts';

export const reviewFields = {
  round: roundField(),
  reviewer: relation({
    label: '点评人',
    hint: '本组织的书记或分管班子成员；上级党组织的负责人不在党员名单中时，改填“上级点评人”',
    to: ['members'],
  }),
  outsideReviewer: text({
    label: '上级点评人',
    hint: '只在点评最上级组织或其书记、点评人不在本公开栏党员名单中时填写，如“县教育局党委书记 王某”',
    max: 60,
  }),
  subject: relation({ label: '点评对象', hint: '党员，或党组织', to: ['members', 'orgs'], required: true }),
  date: date({ label: '点评日期', required: true }),
  period: select({ label: '点评期间', options: periods, required: true }),
  achievements: text({ label: '肯定成绩', multiline: true, required: true }),
  problems: text({ label: '指出问题', multiline: true, required: true }),
  direction: text({ label: '努力方向', multiline: true, required: true }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

/** Who reviewed: a member of this content, or, for the top org and its secretary, a named upper leader. */
export const reviewSchema = shapeOf(reviewFields).superRefine((r, ctx) => {
  const issue = (message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reviewer'], params: { rule: 'reviewer' }, message });
  if (!r.reviewer && !r.outsideReviewer) issue('请填写点评人；点评人是上级党组织的负责人、不在党员名单中时，填写“上级点评人”。');
  if (r.reviewer && r.outsideReviewer) issue('“点评人”和“上级点评人”只填一项。');
});

export type Review = z.output<typeof reviewSchema>;
