/** A profile in plain Chinese, for the 公开说明 page. */
import type { PanelKind, Profile, ProfileId } from './profiles.ts';

const presetNames: Record<ProfileId, string> = {
  'school-semester': '学校党支部“承诺践诺评诺”制度（篇一、篇二）',
  'five-stages': '“承诺、示诺、践诺、评诺、奖诺”制度（篇三）',
  provincial: '建立健全承诺、示诺、践诺、评诺制度的意见（篇四）',
  monthly: '党员“承诺践诺评诺”制度的意见（篇五）',
};

const kindNames: Record<PanelKind, string> = { partyReps: '党员代表', npcDeputies: '人大代表', masses: '群众代表' };

/** The panel's rule in plain Chinese: its least size, the invitees it must include, the kinds it is made of. */
function panelText(p: Profile): string {
  const parts = [
    p.twoWayReport ? '年终结合双向述职，党支部和党员述职后接受评议' : '',
    p.panelKinds.length ? `评议主体为${p.panelKinds.map((k) => kindNames[k]).join('、')}` : '',
    p.panelShare !== null ? `评议主体不少于本支部党员数的 ${Math.round(p.panelShare * 100)}%` : '',
    p.panelInvitees ? '非公企业党组织邀请非中共党员的出资人、社会组织党组织邀请非中共党员的负责人参加' : '',
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '不规定评议主体的人数和构成';
}

/**
 * A profile in plain Chinese, one line per parameter, for the 公开说明 page.
 * @example describeProfile(presets.monthly)[0] // { label: '执行的制度', value: '党员“承诺践诺评诺”制度的意见（篇五）' }
 */
export function describeProfile(p: Profile): { label: string; value: string }[] {
  const range = (r: { min: number; max: number } | null, none: string) =>
    r ? (r.min === r.max ? `${r.min} 项` : `${r.min}—${r.max} 项`) : none;
  return [
    { label: '执行的制度', value: presetNames[p.id] },
    { label: '工作环节', value: p.stages.join('、') },
    {
      label: '党员承诺',
      value: `在职党员${range(p.memberPledges, '从学习、工作、自律、服务等方面承诺，不规定项数')}；离退休、年老体弱党员自愿承诺`,
    },
    {
      label: '组织承诺',
      value: p.orgsPledge
        ? `党组织作出组织承诺${p.orgPledges ? ` ${range(p.orgPledges, '')}` : '，不规定项数'}${p.orgPledgesFiledUpward ? '，报上级党组织审定备案' : ''}`
        : '不要求党组织作出组织承诺',
    },
    {
      label: '践诺记实',
      // R6 owes the period of approval when the pledge was approved in its first half (src/lib/roundPeriods.ts).
      value:
        p.recordCadence === 'month'
          ? '每月一记实（承诺在上半月审核通过的，当月也要记实）'
          : '每学期一记账（秋季学期从 9 月 1 日起，春季学期从 2 月 1 日起；承诺在学期前一半审核通过的，当学期也要记账）',
    },
    { label: '检查调度', value: p.checkCadence === 'quarter' ? '每季度一检查（调度）' : '不要求定期检查' },
    {
      label: '通报',
      value: `${p.bulletinCadence === 'half-year' ? '党员践诺情况每半年通报一次' : '每学期通报表扬'}${p.orgBulletinCadence === 'quarter' ? '；组织承诺每季度通报一次' : ''}`,
    },
    {
      label: '领导点评',
      value: `${p.leaderReviewCadence === 'half-year' ? '原则上每半年一次' : '年终评诺时点评一次'}；${p.memberReviewers === 'secretary' ? '由支部书记点评党员' : '由支部书记点评本支部和班子成员，分管班子成员点评分管党员'}${p.upperReviewsSecretary ? '，上级党组织书记点评支部书记（最上级组织的书记也由上级党组织书记点评）' : ''}`,
    },
    { label: '群众评议', value: panelText(p) },
    ...(p.postRule ? [{ label: '设岗定责', value: '无职党员由支部设岗定责、依岗承诺' }] : []),
    {
      label: '整改',
      value: p.rectificationRule ? '对践诺表现不佳的限期整改；整改态度消极或拒不整改的，评为不合格' : '对践诺表现不佳的督促整改',
    },
  ];
}
