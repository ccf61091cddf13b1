/** `content/reviews/<round>/<id>.md`: a leader review (领导点评); internal by default. */
import type { z } from 'astro/zod';
import { roundField, date, relation, select, shapeOf, text } from './fieldTypes.ts';
import { periods, visibilities } from './options.ts';

export const reviewFields = {
  round: roundField(),
  reviewer: relation({ label: '点评人', to: ['members'], required: true }),
  subject: relation({ label: '点评对象', hint: '党员,或党组织', to: ['members', 'orgs'], required: true }),
  date: date({ label: '点评日期', required: true }),
  period: select({ label: '点评期间', options: periods, required: true }),
  achievements: text({ label: '肯定成绩', multiline: true, required: true }),
  problems: text({ label: '指出问题', multiline: true, required: true }),
  direction: text({ label: '努力方向', multiline: true, required: true }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const reviewSchema = shapeOf(reviewFields);

export type Review = z.output<typeof reviewSchema>;
