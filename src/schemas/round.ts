/** `content/rounds/<id>.md`: one round (年度/轮次) of 承诺践诺评诺, and the activity's own stages (实施阶段). */
import { z } from 'astro/zod';
import { date, idField, list, select, shapeOf, text } from './fieldTypes.ts';
import { visibilities } from './options.ts';

/** The id the whole round's ranking uses; a listed stage may not take it. */
export const WHOLE_ROUND_KEY = 'round';

/** One stage of the round (篇三/四: 承诺、示诺、践诺、评诺、奖诺), compared by 考核评比 when it ends. */
const stageFields = {
  id: text({
    label: '阶段编号',
    hint: '一般留空，由系统按阶段名称生成；手写时只能用小写字母、数字和连字符，如 chengnuo；不能用 round',
    max: 40,
    pattern: ['^[a-z0-9][a-z0-9-]*$', '只能用小写字母、数字和连字符'],
  }),
  title: text({ label: '阶段名称', hint: '如“承诺”“示诺”“践诺”“评诺”“奖诺”', required: true, max: 20 }),
  start: date({ label: '阶段开始日期', required: true }),
  end: date({ label: '阶段结束日期', required: true }),
};

export const roundFields = {
  id: idField('轮次编号', '2026'),
  title: text({ label: '轮次名称', hint: '如“2026年度党员承诺践诺评诺”', required: true }),
  theme: text({ label: '主题', hint: '本轮活动主题，可留空' }),
  start: date({ label: '开始日期', required: true }),
  end: date({ label: '结束日期', required: true }),
  stages: list({
    label: '实施阶段',
    hint: '执行“承诺、示诺、践诺、评诺、奖诺”制度（篇三、篇四）的，每个阶段结束时开展阶段考核评比。各阶段应在本轮之内、互不重叠；不填时按默认划分：第一个月承诺，第二个月示诺，第三个月到倒数第二个月践诺，最后一个月的前三分之二评诺（12 月为 1 日至 20 日）、其余奖诺',
    fields: stageFields,
    max: 12,
    summary: '{{fields.title}}（{{fields.start}} 至 {{fields.end}}）',
  }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

type Issue = { path: (string | number)[]; rule: string; message: string };

/** What is wrong with a round's stages: each issue names the stage's field, the rule and says it in Chinese. */
function stageIssues(r: { start: string; end: string; stages?: { id?: string; title: string; start: string; end: string }[] }): Issue[] {
  const out: Issue[] = [];
  const stages = r.stages ?? [];
  const name = (s: { title: string }) => `阶段“${s.title}”`;
  const seen = new Map<string, number>();
  for (const [i, s] of stages.entries()) {
    if (s.id === WHOLE_ROUND_KEY)
      out.push({ path: ['stages', i, 'id'], rule: 'reserved-id', message: `${name(s)}的编号不能用 round：它留给全轮考核评比。` });
    // Ids left out are made unique (withStageIds); hand-written ones must be.
    const first = s.id === undefined ? undefined : seen.get(s.id);
    if (first !== undefined)
      out.push({
        path: ['stages', i, 'id'],
        rule: 'duplicate',
        message: `${name(s)}的编号“${s.id}”与第 ${first + 1} 个阶段重复：每个阶段的编号应不同。`,
      });
    else if (s.id !== undefined) seen.set(s.id, i);
    if (s.start > s.end)
      out.push({ path: ['stages', i, 'end'], rule: 'stage-dates', message: `${name(s)}的结束日期 ${s.end} 早于开始日期 ${s.start}。` });
    if (s.start < r.start)
      out.push({
        path: ['stages', i, 'start'],
        rule: 'stage-outside-round',
        message: `${name(s)}的开始日期 ${s.start} 早于本轮开始日期 ${r.start}：阶段应在本轮之内。`,
      });
    if (s.end > r.end)
      out.push({
        path: ['stages', i, 'end'],
        rule: 'stage-outside-round',
        message: `${name(s)}的结束日期 ${s.end} 晚于本轮结束日期 ${r.end}：阶段应在本轮之内。`,
      });
  }
  // Overlaps, in date order: a day belongs to one stage only, so each stage's figures are its own.
  const order = stages
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.start <= s.end)
    .sort((a, b) => a.s.start.localeCompare(b.s.start) || a.i - b.i);
  for (let k = 1; k < order.length; k++) {
    const prev = order.slice(0, k).reduce((a, b) => (b.s.end > a.s.end ? b : a));
    const { s, i } = order[k];
    if (s.start <= prev.s.end) {
      out.push({
        path: ['stages', i, 'start'],
        rule: 'stage-overlap',
        message: `${name(s)}（${s.start} 至 ${s.end}）与${name(prev.s)}（${prev.s.start} 至 ${prev.s.end}）重叠：同一天只能属于一个阶段。`,
      });
    }
  }
  return out;
}

export const roundSchema = shapeOf(roundFields).superRefine((r, ctx) => {
  if (r.start > r.end) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['end'],
      params: { rule: 'round-dates' },
      message: `结束日期 ${r.end} 早于开始日期 ${r.start}。`,
    });
  }
  for (const issue of stageIssues(r))
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, params: { rule: issue.rule }, message: issue.message });
});

export type Round = z.output<typeof roundSchema>;
