/** `content/bulletins/<round>/<id>.md`: a bulletin (通报); the body is its text. */
import type { z } from 'astro/zod';
import { roundField, date, relation, relationList, select, shapeOf, text } from './fieldTypes.ts';
import { bulletinKinds, periods, visibilities } from './options.ts';

export const bulletinFields = {
  round: roundField(),
  title: text({ label: '标题', required: true }),
  org: relation({ label: '通报组织', to: ['orgs'], required: true }),
  date: date({ label: '通报日期', required: true }),
  period: select({ label: '通报期间', options: periods, required: true }),
  kind: select({ label: '通报类型', options: bulletinKinds, required: true }),
  pledges: relationList({ label: '涉及的承诺', to: ['pledges'], itemLabel: '承诺' }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const bulletinSchema = shapeOf(bulletinFields);

export type Bulletin = z.output<typeof bulletinSchema>;
