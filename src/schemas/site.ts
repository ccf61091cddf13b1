/** `content/site.json`: the site as a whole. */
import { z } from 'astro/zod';
import { boolean, date, number, object, relation, select, shapeOf, text } from './fieldTypes.ts';
import { bulletinCadences, cadences, checkCadences, memberReviewers, profileIds, reviewCadences } from './options.ts';
import { isTimeZone } from './calendar.ts';

const weight = (label: string, hint: string) => number({ label, hint, min: 0, max: 1, required: true });
const score = (label: string) => number({ label, min: 0, max: 100, required: true });

/**
 * Default evaluation settings, written out in the sample `site.json`.
 * Weights: the mass evaluation and the leader review count most (0.4 each)
 * because the rules put 群众评议 and 领导点评 at the centre; self-evaluation
 * counts 0.2 as it is the member's own word. Grade points turn the three
 * parts into one 0–100 score; thresholds turn the score back into a grade.
 * With these, a member rated 合格 by self and leader and fully satisfied
 * masses scores 88 → 合格; 优秀 needs 优秀 from self or leader as well.
 */
export const defaultEvaluation = {
  weights: { self: 0.2, mass: 0.4, leader: 0.4 },
  points: { excellent: 95, qualified: 80, basic: 65, unqualified: 40 },
  satisfaction: { satisfied: 100, basicallySatisfied: 60, dissatisfied: 0 },
  thresholds: { excellent: 90, qualified: 75, basic: 60 },
} as const;

const count = (label: string, hint?: string) => number({ label, hint, int: true, min: 0, max: 20 });

/** Individual parameters of the profile, each overriding the preset's value; all optional. */
export function profileOverridesField() {
  return object({
    label: '制度参数（个别调整）',
    hint: '一般留空；只在本单位的制度与所选制度个别不同的地方填写',
    fields: {
      memberPledgesMin: count('在职党员承诺项数下限', '不规定项数的制度留空'),
      memberPledgesMax: count('在职党员承诺项数上限'),
      orgPledgesMin: count('组织承诺项数下限'),
      orgPledgesMax: count('组织承诺项数上限'),
      recordCadence: select({ label: '记实周期', options: cadences }),
      checkCadence: select({ label: '检查周期', options: checkCadences }),
      bulletinCadence: select({ label: '党员践诺通报周期', options: bulletinCadences }),
      leaderReviewCadence: select({ label: '领导点评周期', options: reviewCadences }),
      memberReviewers: select({ label: '由谁点评党员', options: memberReviewers }),
      panelShare: number({ label: '群众评议主体占党员数的比例', hint: '如 0.8', min: 0.1, max: 1 }),
    },
  });
}

const slideSeconds = (label: string) => number({ label, hint: '秒；留空按“每页停留秒数”', int: true, min: 3, max: 600 });
const clock = (label: string, hint: string) =>
  text({ label, hint, pattern: ['^([01][0-9]|2[0-3]):[0-5][0-9]$', '应写成“时:分”，如 22:00'] });

/** The display screens' rotation (走廊、大厅的显示屏): seconds per slide and an optional night dimming window; all optional. */
function screenField() {
  return object({
    label: '显示屏轮播',
    hint: '走廊、大厅显示屏的轮播设置；一般留空，即每页停留 15 秒、夜间不调暗',
    fields: {
      seconds: number({ label: '每页停留秒数', hint: '默认 15 秒', int: true, min: 3, max: 600 }),
      durations: object({
        label: '各页停留秒数',
        hint: '只填与“每页停留秒数”不同的页',
        fields: {
          overall: slideSeconds('总体完成率'),
          orgs: slideSeconds('各支部完成率'),
          categories: slideSeconds('分类别完成率'),
          closed: slideSeconds('最近销号'),
          due: slideSeconds('即将到期'),
          bulletin: slideSeconds('最新通报'),
          honours: slideSeconds('光荣榜'),
        },
      }),
      dimFrom: clock('夜间调暗开始时间', '如 22:00；与结束时间都填写才调暗'),
      dimTo: clock('夜间调暗结束时间', '如 06:30'),
    },
  });
}

export const siteFields = {
  schemaVersion: number({ label: '内容格式版本', hint: '由系统维护，请勿修改', int: true, min: 1, max: 1, required: true }),
  name: text({ label: '党组织全称', hint: '公开栏顶部显示的名称，如“某某中学党总支”', required: true }),
  shortName: text({ label: '简称' }),
  url: text({
    label: '公开栏网址',
    hint: '公开栏对外的地址，如 http://10.0.0.5/gongkai/；打印的公开承诺书上的二维码、订阅、网站地图和公开数据都用它。留空时打印材料不带二维码',
    pattern: ['^https?:\\/\\/[^\\s\\/]+(\\/\\S*)?$', '应为完整的网址，如 http://10.0.0.5/gongkai/'],
  }),
  topOrg: relation({ label: '顶层组织', hint: '公开栏所属的最上级党组织', to: ['orgs'], required: true }),
  upperOrg: object({
    label: '上级党组织',
    hint: '本公开栏最上级组织的上级党组织：审定备案组织承诺、其书记点评本组织书记（篇一、二、五）',
    fields: {
      name: text({ label: '上级党组织名称', hint: '如“县教育局党委”', required: true, max: 60 }),
      secretary: text({ label: '上级党组织书记', hint: '姓名，如“王某”；点评本组织书记的人', max: 30 }),
    },
  }),
  shard: object({
    label: '上报编号',
    hint: '县、省汇总各单位公开栏时识别本单位：所在县区的行政区划代码和本单位的单位代码，由上级统一分配；不参加汇总的留空',
    fields: {
      region: text({
        label: '行政区划代码',
        hint: '6 位数字（GB/T 2260），如 130102',
        required: true,
        pattern: ['^[1-9][0-9]{5}$', '应为 6 位数字的行政区划代码，如 130102'],
      }),
      unit: text({
        label: '单位代码',
        hint: '县区内唯一，由小写字母、数字和连字符组成，如 shiyan-zhongxue',
        required: true,
        pattern: ['^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$', '应由小写字母、数字和连字符组成，以字母或数字开头和结尾，不超过 40 个字符'],
      }),
    },
  }),
  shareInternalCounts: boolean({
    label: '向上级汇总考核评比和评议等次统计',
    hint: '只上报数字（各支部考核评比的各项比率和名次、各等次人数），不含任何姓名；默认上报。取消勾选后内部版摘要注明不上报',
    default: true,
  }),
  currentRound: relation({ label: '当前轮次', hint: '首页和统计显示的轮次；新建的承诺默认放在这一轮', to: ['rounds'], required: true }),
  asOf: date({ label: '数据截止日期', hint: '留空则按生成网站的当天计算；填写后所有统计按这一天计算，便于复核' }),
  profile: select({
    label: '执行的制度',
    hint: '本单位依照哪一种“承诺践诺评诺”制度；决定检查哪些规则、按什么周期检查。留空为“承诺示诺践诺评诺奖诺（篇三）”',
    options: profileIds,
  }),
  profileOverrides: profileOverridesField(),
  timeZone: text({
    label: '时区',
    hint: '计算“今天”所用的时区；一般留空，即按北京时间。境外单位填写国际通用的时区名称',
    pattern: ['^[A-Za-z_]+([/][A-Za-z0-9_+-]+)*$', '应为国际通用的时区名称（“区域/城市”的形式）'],
  }),
  cadence: select({ label: '记实周期（旧设置）', hint: '一般留空，按所执行的制度确定；填写时覆盖制度中的记实周期', options: cadences }),
  description: text({ label: '公开栏说明', multiline: true }),
  contact: object({
    label: '监督联系方式',
    required: true,
    fields: {
      name: text({ label: '联系人或部门', required: true }),
      phone: text({ label: '电话' }),
      email: text({ label: '电子邮箱' }),
      address: text({ label: '地址或意见箱位置' }),
    },
  }),
  evaluation: object({
    label: '评诺计分办法',
    required: true,
    fields: {
      weights: object({
        label: '三部分权重',
        hint: '自评、群众评议、领导点评的权重，三者之和为 1',
        required: true,
        fields: {
          self: weight('自我评价权重', '默认 0.2'),
          mass: weight('群众评议权重', '默认 0.4'),
          leader: weight('领导点评权重', '默认 0.4'),
        },
      }),
      points: object({
        label: '等次折算分',
        required: true,
        fields: {
          excellent: score('优秀折算分'),
          qualified: score('合格折算分'),
          basic: score('基本合格折算分'),
          unqualified: score('不合格折算分'),
        },
      }),
      satisfaction: object({
        label: '满意度折算分',
        required: true,
        fields: {
          satisfied: score('满意'),
          basicallySatisfied: score('基本满意'),
          dissatisfied: score('不满意'),
        },
      }),
      thresholds: object({
        label: '等次分数线',
        hint: '综合得分达到该分数即为该等次，低于“基本合格”线为不合格',
        required: true,
        fields: {
          excellent: score('优秀分数线'),
          qualified: score('合格分数线'),
          basic: score('基本合格分数线'),
        },
      }),
    },
  }),
  screen: screenField(),
};

export const siteSchema = shapeOf(siteFields).superRefine((site, ctx) => {
  for (const [what, min, max] of [
    ['memberPledges', site.profileOverrides?.memberPledgesMin, site.profileOverrides?.memberPledgesMax],
    ['orgPledges', site.profileOverrides?.orgPledgesMin, site.profileOverrides?.orgPledgesMax],
  ] as const) {
    if (min !== undefined && max !== undefined && min > max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['profileOverrides', `${what}Min`],
        params: { rule: 'range' },
        message: `下限 ${min} 大于上限 ${max}：下限应不大于上限。`,
      });
    }
  }
  const w = site.evaluation.weights;
  if (Math.abs(w.self + w.mass + w.leader - 1) > 1e-6) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['evaluation', 'weights'],
      params: { rule: 'weights-sum' },
      message: `三部分权重之和应为 1，现在是 ${+(w.self + w.mass + w.leader).toFixed(4)}。`,
    });
  }
  const t = site.evaluation.thresholds;
  if (!(t.excellent > t.qualified && t.qualified > t.basic)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['evaluation', 'thresholds'],
      params: { rule: 'thresholds-order' },
      message: '等次分数线应满足：优秀 > 合格 > 基本合格。',
    });
  }
  if (site.timeZone && !isTimeZone(site.timeZone)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['timeZone'],
      params: { rule: 'time-zone' },
      message: `时区“${site.timeZone}”不是可用的时区名称，应写成 Asia/Shanghai 这样的名称（留空即按北京时间）。`,
    });
  }
});

export type Site = z.output<typeof siteSchema>;
