/** `content/rounds/<id>.md`: one round (年度/轮次) of 承诺践诺评诺. */
import { z } from 'astro/zod';
import { date, idField, select, shapeOf, text } from './fieldTypes.ts';
import { visibilities } from './options.ts';

export const roundFields = {
  id: idField('轮次编号', '2026'),
  title: text({ label: '轮次名称', hint: '如“2026年度党员承诺践诺评诺”', required: true }),
  theme: text({ label: '主题', hint: '本轮活动主题，可留空' }),
  start: date({ label: '开始日期', required: true }),
  end: date({ label: '结束日期', required: true }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const roundSchema = shapeOf(roundFields).superRefine((r, ctx) => {
  if (r.start > r.end) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['end'],
      params: { rule: 'round-dates' },
      message: `结束日期 ${r.end} 早于开始日期 ${r.start}。`,
    });
  }
});

export type Round = z.output<typeof roundSchema>;
