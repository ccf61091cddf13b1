/**
 * The CMS follows the branch's rule profiles (src/lib/profiles.ts): the profiles in use are the site's and any an
 * org names. What no profile in use asks for is not offered (quarterly checks under 篇一/二, organisation pledges
 * where organisations do not pledge), and the hints say the branch's own cadences and numbers: 每学期一记账 for a
 * school, 每月一记实 elsewhere. Collections and fields that hold content are never renamed, only relabelled.
 */
import type { Profile } from '../lib/profiles.ts';
import { hasActivityStages } from '../lib/roundStages.ts';

type Field = Record<string, unknown> & { name: string; fields?: Field[] };
type Collection = Record<string, unknown> & { name: string; fields?: Field[] };

const unique = <T>(xs: T[]) => [...new Set(xs)];
const range = (r: { min: number; max: number }) => (r.min === r.max ? `${r.min} 项` : `${r.min}—${r.max} 项`);

/** The hint of the ledger: the record cadences of the profiles in use. */
function recordHint(ps: Profile[]): string {
  const words = unique(
    ps.map((p) => (p.recordCadence === 'month' ? '每月一记实' : '每学期一记账（秋季学期从 9 月 1 日起，春季学期从 2 月 1 日起）')),
  );
  return `按本单位执行的制度：${words.join('；或')}`;
}

/** The hint of a bulletin's period: what the profiles in use bulletin, and when. */
function periodHint(ps: Profile[]): string {
  const words = unique(
    ps.flatMap((p) => [
      p.bulletinCadence === 'half-year' ? '党员践诺情况每半年通报一次（上半年、下半年）' : '每学期通报一次（春季学期、秋季学期）',
      ...(p.orgBulletinCadence === 'quarter' ? ['组织承诺每季度通报一次'] : []),
    ]),
  );
  return `本单位的制度要求：${words.join('；')}`;
}

function mapFields(fields: Field[] | undefined, edit: (f: Field) => Field): Field[] | undefined {
  return fields?.map((f) => edit({ ...f, ...(f.fields && { fields: mapFields(f.fields, edit) }) }));
}

/** `cols` as the profiles in use want them; unchanged when none are known. */
export function withProfiles<C extends Record<string, unknown> & { name: string }>(input: C[], profiles: Profile[] | undefined): C[] {
  const cols = input as unknown as Collection[];
  if (!profiles?.length) return input;
  return adjust(cols, profiles) as unknown as C[];
}

function adjust(cols: Collection[], profiles: Profile[]): Collection[] {
  const checks = profiles.some((p) => p.checkCadence === 'quarter');
  const orgsPledge = profiles.some((p) => p.orgsPledge);
  const orgRanges = profiles
    .filter((p) => p.orgsPledge)
    .map((p) => p.orgPledges)
    .filter((r): r is { min: number; max: number } => r !== null);
  const filedUpward = profiles.some((p) => p.orgPledgesFiledUpward);
  const commend = profiles.some((p) => p.stages.includes('奖诺'));
  const byStage = profiles.some(hasActivityStages);
  // 设岗定责、依岗承诺 is 篇三/四's (R17); the 共产党员户 plaque is 篇四's alone.
  const postRule = profiles.some((p) => p.postRule);
  const households = profiles.some((p) => p.id === 'provincial');
  return cols
    .filter((c) => (c.name !== 'checks' || checks) && (c.name !== 'org-pledges' || orgsPledge))
    .map((c) => {
      const edit = (f: Field): Field => {
        if (c.name.endsWith('pledges') && f.name === 'records') return { ...f, hint: recordHint(profiles) };
        if (c.name === 'org-pledges' && f.name === 'owner' && orgRanges.length)
          return { ...f, hint: `党组织承诺一般为 ${unique(orgRanges.map(range)).join('或')}` };
        if (c.name.endsWith('pledges') && f.name === 'filedOn' && !filedUpward)
          return { ...f, hint: '本单位的制度不要求组织承诺报上级备案，一般留空' };
        if (c.name === 'bulletins' && f.name === 'period') return { ...f, hint: periodHint(profiles) };
        // 篇一/二/五 name no 示诺 or 奖诺: their 考核评比 goes by semesters or quarters, whatever a round lists.
        if (c.name === 'rounds' && f.name === 'stages' && !byStage)
          return { ...f, hint: '本单位执行的制度不按实施阶段考核评比（按学期或季度），一般不填' };
        if (c.name === 'pledges' && f.name === 'onPost' && !postRule)
          return { ...f, hint: '本单位的制度没有设岗定责、依岗承诺，一般不勾选' };
        if (c.name === 'members' && f.name === 'household' && !households)
          return { ...f, hint: '本单位的制度没有悬挂“共产党员户”标牌，一般不勾选' };
        return f;
      };
      const relabel = c.name === 'commendations' ? { label: commend ? '表彰（奖诺）' : '表彰（评先评优）' } : {};
      return { ...c, ...relabel, fields: mapFields(c.fields, edit) };
    });
}
