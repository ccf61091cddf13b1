/** `content/checks/<round>/<id>.md`: a quarterly check (每季度一检查) of a branch. */
import type { z } from 'astro/zod';
import { roundField, date, relation, relationList, select, shapeOf, textList } from './fieldTypes.ts';
import { quarters, visibilities } from './options.ts';

export const checkFields = {
  round: roundField(),
  org: relation({ label: '被检查组织', to: ['orgs'], required: true }),
  quarter: select({ label: '季度', options: quarters, required: true }),
  date: date({ label: '检查日期', required: true }),
  findings: textList({ label: '检查发现', itemLabel: '发现' }),
  urged: relationList({ label: '督促的承诺', hint: '需要督促落实的承诺事项', to: ['pledges'], itemLabel: '承诺' }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const checkSchema = shapeOf(checkFields);

export type Check = z.output<typeof checkSchema>;
