/** `content/commendations/<round>/<id>.md`: a commendation (奖诺, 表彰), public once decided. */
import type { z } from 'astro/zod';
import { roundField, date, relation, select, shapeOf, text } from './fieldTypes.ts';
import { visibilities } from './options.ts';

export const commendationFields = {
  round: roundField(),
  subject: relation({ label: '表彰对象', hint: '党员，或党组织（先进基层党组织、先锋岗等）', to: ['members', 'orgs'], required: true }),
  title: text({ label: '荣誉称号', hint: '如：优秀共产党员、践诺标兵、共产党员先锋岗、先进基层党组织', required: true, max: 40 }),
  reason: text({ label: '表彰理由', hint: '写明践诺的主要事迹，公开在光荣榜上', multiline: true, required: true }),
  date: date({ label: '表彰日期', hint: '支部研究决定的日期；这一天起在光荣榜上公开', required: true }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const commendationSchema = shapeOf(commendationFields);

export type Commendation = z.output<typeof commendationSchema>;
