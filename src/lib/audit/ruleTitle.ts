/** Each audit rule's short Chinese title as a profile applies it, with that profile's numbers and cadences. */
import { t } from '../../i18n/t.ts';
import type { Profile } from '../profiles.ts';

const range = (r: { min: number; max: number }) => (r.min === r.max ? `${r.min}` : `${r.min}—${r.max}`);

/**
 * The title of rule `id` under `p`, or undefined for an unknown id.
 * @example ruleTitle('R1', presets.monthly) // '在职党员从学习、工作、自律、服务等方面作出承诺（离退休、年老体弱党员自愿）'
 */
export function ruleTitle(id: string, p: Profile): string | undefined {
  switch (id) {
    case 'R1':
      return p.memberPledges ? t('rule.R1.number', { range: range(p.memberPledges) }) : t('rule.R1.areas');
    case 'R2':
      return `${p.orgPledges ? t('rule.R2.number', { range: range(p.orgPledges) }) : t('rule.R2')}${p.orgPledgesFiledUpward ? t('rule.R2.filed') : ''}`;
    case 'R6':
      return t(p.recordCadence === 'month' ? 'rule.R6.month' : 'rule.R6.semester');
    case 'R8':
      return `${t(p.bulletinCadence === 'half-year' ? 'rule.R8.halfYear' : 'rule.R8.semester')}${p.orgBulletinCadence === 'quarter' ? t('rule.R8.orgQuarter') : ''}`;
    case 'R10':
      return [
        p.panelShare !== null ? t('rule.R10.share', { percent: Math.round(p.panelShare * 100) }) : '',
        p.panelInvitees ? t('rule.R10.invitees') : '',
        p.panelKinds.length ? t('rule.R10.kinds', { kinds: p.panelKinds.map((k) => t(`rule.R10.kind.${k}`)).join('、') }) : '',
      ]
        .filter(Boolean)
        .join('；');
    case 'R11':
      return `${t('rule.R11')}${p.twoWayReport ? t('rule.R11.twoWay') : ''}`;
    case 'R12':
      return `${t(p.memberReviewers === 'secretary' ? 'rule.R12.secretary' : 'rule.R12.supervisor')}${p.upperReviewsSecretary ? t('rule.R12.upper') : ''}`;
    case 'R14':
      return t(p.leaderReviewCadence === 'half-year' ? 'rule.R14.halfYear' : 'rule.R14.year');
    case 'R3':
    case 'R4':
    case 'R5':
    case 'R7':
    case 'R9':
    case 'R13':
    case 'R15':
    case 'R16':
    case 'R17':
      return t(`rule.${id}`);
    default:
      return undefined;
  }
}
