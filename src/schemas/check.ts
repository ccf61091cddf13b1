/**
 * `content/checks/<round>/<id>.md`: a check of a branch. Mostly the branch's own quarterly check (每季度一检查，
 * 篇三/四/五); also a check by the upper organisation (上级党组织), which 篇五 line 132 makes by 经常性督查 and
 * 随机检查, and which 篇三/四 (lines 63, 107) count in 考核评比: 接受上级检查并获得肯定的单位优先列入拟表彰名单.
 */
import { z } from 'astro/zod';
import type { Option } from './fieldTypes.ts';
import { roundField, boolean, date, relation, relationList, select, shapeOf, textList } from './fieldTypes.ts';
import { quarters, visibilities } from './options.ts';

/** Who held the check: the branch itself, or the upper organisation. */
export const checkBy = [
  { value: 'branch', label: '本支部', hint: '本支部每季度一检查（调度）' },
  { value: 'upper', label: '上级党组织', hint: '上级党组织的督查或检查' },
] as const satisfies readonly Option[];

/** How the upper organisation checked (篇五 line 132). */
export const checkMethods = [
  { value: 'regular', label: '经常性督查' },
  { value: 'random', label: '随机检查' },
] as const satisfies readonly Option[];

export const checkFields = {
  round: roundField(),
  org: relation({ label: '被检查组织', to: ['orgs'], required: true }),
  by: select({ label: '检查方', hint: '不填为本支部检查', options: checkBy, default: 'branch' }),
  method: select({ label: '检查方式', hint: '上级党组织检查时填写', options: checkMethods, requiredWhen: '上级党组织检查时' }),
  affirmed: boolean({ label: '获得肯定', hint: '上级检查对本支部的工作予以肯定（考核评比时优先列入拟表彰名单）；上级党组织检查时填写' }),
  quarter: select({ label: '季度', hint: '检查所在的季度', options: quarters, required: true }),
  date: date({ label: '检查日期', required: true }),
  findings: textList({ label: '检查发现', itemLabel: '发现' }),
  urged: relationList({ label: '督促的承诺', hint: '需要督促落实的承诺事项', to: ['pledges'], itemLabel: '承诺' }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const checkSchema = shapeOf(checkFields).superRefine((c, ctx) => {
  const issue = (path: string, rule: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], params: { rule }, message });
  if (c.by === 'upper') {
    if (!c.method) issue('method', 'upper-method', '上级党组织的检查要写明检查方式：经常性督查（regular）或随机检查（random）。');
    return;
  }
  // 督查方式 and 获得肯定 say what the upper organisation did: on a branch's own check they would be misread.
  if (c.method)
    issue(
      'method',
      'upper-only',
      `检查方式只用于上级党组织的检查：本支部自己的季度检查不填检查方式，或把检查方改为上级党组织（by: upper）。`,
    );
  if (c.affirmed)
    issue(
      'affirmed',
      'upper-only',
      `获得肯定只用于上级党组织的检查：本支部自己的季度检查不填此项，或把检查方改为上级党组织（by: upper）。`,
    );
});

export type Check = z.output<typeof checkSchema>;
