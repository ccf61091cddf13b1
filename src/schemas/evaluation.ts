/** `content/evaluations/<round>/<id>.md`: a branch's year-end evaluation (民主评诺); internal by default. */
import { z } from 'astro/zod';
import { roundField, boolean, date, list, number, object, relation, select, shapeOf, text } from './fieldTypes.ts';
import { attitudes, dispositions, grades, visibilities } from './options.ts';

const count = (label: string, hint?: string) => number({ label, hint, int: true, min: 0 });

export const panelFields = {
  partyReps: count('党员代表', '篇三、篇四：年终双向述职时参加评议的部分党员代表'),
  npcDeputies: count('人大代表', '篇三、篇四：参加评议的人大代表'),
  masses: count('群众代表（本单位群众）', '各篇都有：篇三、篇四与党员代表、人大代表一起评议；篇一、二、五为本单位群众代表'),
  serviceObjects: count('服务对象代表', '篇一、二、五'),
  partnerUnits: count('结对共建单位负责人', '篇一、二、五'),
  deputies: count('“两代表一委员”', '篇一、二、五：党代表、人大代表、政协委员'),
  investors: count('非党员出资人', '非公企业党组织必须邀请'),
  orgHeads: count('非党员负责人', '社会组织党组织必须邀请'),
  others: count('其他评议人'),
};

export const evaluationFields = {
  round: roundField(),
  org: relation({ label: '评议支部', to: ['orgs'], required: true }),
  date: date({ label: '评议日期', required: true }),
  panel: object({
    label: '评议主体人数',
    hint: '按类别填写人数。篇三、篇四：部分党员代表、人大代表和群众代表，不规定人数；篇一、二、五：本单位群众代表、服务对象代表、结对共建单位负责人、“两代表一委员”等，总人数不少于本支部党员数的 80%，篇五的非公企业、社会组织还须有非党员出资人或负责人',
    required: true,
    fields: panelFields,
  }),
  orgReport: object({
    label: '支部述职',
    hint: '篇三、篇四的年终双向述职：党支部向评议人员报告一年的承诺践诺情况；其他制度留空',
    fields: {
      date: date({ label: '述职日期', required: true }),
      summary: text({ label: '述职要点', multiline: true, required: true }),
    },
  }),
  members: list({
    label: '党员评议情况',
    required: true,
    summary: '{{fields.view_member}}',
    fields: {
      member: relation({ label: '党员', to: ['members'], required: true }),
      self: object({
        label: '自我评价',
        fields: {
          grade: select({ label: '自评等次', options: grades, required: true }),
          summary: text({ label: '自评小结', multiline: true }),
        },
      }),
      report: object({
        label: '党员述职',
        hint: '篇三、篇四的年终双向述职：党员报告自己的承诺践诺情况；其他制度留空',
        fields: {
          date: date({ label: '述职日期', required: true }),
          summary: text({ label: '述职要点', multiline: true }),
        },
      }),
      mass: object({
        label: '群众评议（满意度测评）',
        fields: {
          satisfied: count('满意票数'),
          basicallySatisfied: count('基本满意票数'),
          dissatisfied: count('不满意票数'),
        },
      }),
      leader: object({
        label: '领导点评',
        fields: {
          by: relation({ label: '点评人', hint: '上级党组织的负责人不在党员名单中时，改填“上级点评人”', to: ['members'] }),
          outsideBy: text({
            label: '上级点评人',
            hint: '只在点评最上级组织的书记、点评人不在本公开栏党员名单中时填写，如“县教育局党委书记 王某”',
            max: 60,
          }),
          grade: select({ label: '点评等次', options: grades, required: true }),
          comment: text({ label: '点评意见', multiline: true }),
        },
      }),
      rectification: object({
        label: '限期整改',
        fields: {
          required: boolean({ label: '需要整改', required: true }),
          deadline: date({ label: '整改期限' }),
          attitude: select({ label: '整改态度', hint: '态度消极或拒不整改的，定为不合格', options: attitudes }),
          done: boolean({ label: '已整改到位' }),
        },
      }),
      final: object({
        label: '最终结果（人工确定）',
        hint: '一般留空，由系统按计分办法综合；支部集体研究改定时填写，并写明理由',
        fields: {
          grade: select({ label: '最终等次', options: grades, required: true }),
          reason: text({ label: '改定理由', multiline: true, required: true }),
        },
      }),
      disposal: object({
        label: '组织处置',
        hint: '只对最终结果为不合格的党员填写；劝其退党、除名须经支部大会讨论决定，报上级党组织批准',
        fields: {
          kind: select({ label: '处置方式', options: dispositions, required: true }),
          date: date({ label: '处置日期', hint: '作出处置决定的日期', required: true }),
          note: text({ label: '处置说明', multiline: true }),
        },
      }),
    },
  }),
  orgResult: object({
    label: '本支部（组织）评议',
    hint: '支部本身接受党员代表、群众代表评议时填写（如省级方案）；没有的留空',
    fields: {
      evaluators: text({ label: '评议人员', hint: '如：党员代表 12 人、群众代表 8 人' }),
      satisfied: count('满意票数'),
      basicallySatisfied: count('基本满意票数'),
      dissatisfied: count('不满意票数'),
      grade: select({ label: '评议等次', options: grades }),
      comment: text({ label: '评议意见', multiline: true }),
    },
  }),
  visibility: select({ label: '公开范围', options: visibilities }),
};

export const evaluationSchema = shapeOf(evaluationFields).superRefine((e, ctx) => {
  const panelSize = Object.values(e.panel).reduce<number>((a, b) => a + (b ?? 0), 0);
  const seen = new Map<string, number>();
  e.members.forEach((m, i) => {
    if (seen.has(m.member)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['members', i, 'member'],
        params: { rule: 'duplicate' },
        message: `党员“${m.member}”重复出现（第 ${(seen.get(m.member) ?? 0) + 1} 项已有）。`,
      });
    }
    seen.set(m.member, i);
    if (m.leader && !m.leader.by === !m.leader.outsideBy) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['members', i, 'leader', 'by'],
        params: { rule: 'reviewer' },
        message: m.leader.by
          ? '“点评人”和“上级点评人”只填一项。'
          : '请填写点评人；点评人是上级党组织的负责人、不在党员名单中时，填写“上级点评人”。',
      });
    }
    if (m.mass) {
      const votes = (m.mass.satisfied ?? 0) + (m.mass.basicallySatisfied ?? 0) + (m.mass.dissatisfied ?? 0);
      if (votes > panelSize) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['members', i, 'mass'],
          params: { rule: 'votes-exceed-panel' },
          message: `满意度测评共 ${votes} 票，超过了评议主体总人数 ${panelSize}。`,
        });
      }
    }
  });
});

export type Evaluation = z.output<typeof evaluationSchema>;
export type MemberEvaluation = Evaluation['members'][number];
