/** Each audit rule's short Chinese title as a profile applies it, with that profile's numbers and cadences. */
import type { Profile } from '../profiles.ts';

const range = (r: { min: number; max: number }) => (r.min === r.max ? `${r.min} 项` : `${r.min}—${r.max} 项`);
const kindNames = { partyReps: '党员代表', npcDeputies: '人大代表', masses: '群众代表' } as const;

/**
 * The title of rule `id` under `p`, or undefined for an unknown id.
 * @example ruleTitle('R1', presets.monthly) // '在职党员从学习、工作、自律、服务等方面作出承诺（离退休、年老体弱党员自愿）'
 */
export function ruleTitle(id: string, p: Profile): string | undefined {
  switch (id) {
    case 'R1':
      return `在职党员${p.memberPledges ? `承诺 ${range(p.memberPledges)}` : '从学习、工作、自律、服务等方面作出承诺'}（离退休、年老体弱党员自愿）`;
    case 'R2':
      return `党组织作出组织承诺${p.orgPledges ? ` ${range(p.orgPledges)}` : ''}${p.orgPledgesFiledUpward ? '，报上级党组织审定备案' : ''}`;
    case 'R3':
      return '书记、班子成员、领导干部带头承诺';
    case 'R4':
      return '公开的承诺有类别、措施和本轮内的完成时限';
    case 'R5':
      return '只公开审核通过的承诺';
    case 'R6':
      return p.recordCadence === 'month' ? '每月一记实' : '每学期一记账';
    case 'R7':
      return '每季度一检查（调度）';
    case 'R8':
      return `${p.bulletinCadence === 'half-year' ? '党员践诺情况每半年通报一次' : '每学期通报表扬'}${p.orgBulletinCadence === 'quarter' ? '，组织承诺每季度通报一次' : ''}`;
    case 'R9':
      return '逾期未销号须督促整改';
    case 'R10':
      return [
        p.panelShare !== null ? `群众评议主体不少于本支部党员数的 ${Math.round(p.panelShare * 100)}%` : '',
        p.panelInvitees ? '非公企业、社会组织党组织邀请非中共党员的出资人、负责人参加' : '',
        p.panelKinds.length ? `年终评议有${p.panelKinds.map((k) => kindNames[k]).join('、')}参加` : '',
      ]
        .filter(Boolean)
        .join('；');
    case 'R11':
      return `自评、群众评议、领导点评齐全${p.twoWayReport ? '；年终双向述职，支部和党员先述职、再接受评议' : ''}`;
    case 'R12':
      return `${p.memberReviewers === 'secretary' ? '支部书记点评党员' : '支部书记或分管班子成员点评党员'}${p.upperReviewsSecretary ? '，上级党组织书记点评支部书记' : ''}`;
    case 'R13':
      return '整改态度消极或拒不整改定为不合格，并作出组织处置';
    case 'R14':
      return p.leaderReviewCadence === 'half-year' ? '领导点评原则上每半年一次' : '年终评诺时领导点评';
    case 'R15':
      return '销号写明核实人和日期';
    case 'R16':
      return '应参加评议的党员都在本支部的评诺中';
    case 'R17':
      return '无职党员设岗定责、依岗承诺';
    default:
      return undefined;
  }
}
