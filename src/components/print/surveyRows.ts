/**
 * What the 满意度测评表 of one branch lists: the members to be evaluated and the
 * panel categories an evaluator ticks. Plain data in, plain data out.
 */
import type { ContentIndex } from '../../lib/contentIndex.ts';
import type { Member, Org } from '../../lib/model.ts';
import type { Profile } from '../../lib/profiles.ts';
import { panelFields } from '../../schemas/evaluation.ts';

export interface SurveyRow {
  id: string;
  name: string;
  post?: string;
  /** Retired or frail members are listed too, marked, so the branch can decide on the day. */
  status: NonNullable<Member['status']>;
}

export interface PanelCategory {
  key: keyof typeof panelFields;
  label: string;
  /** Why this category must be present (a 非公企业's investor, a 社会组织's head). */
  note?: string;
}

/**
 * Every member of exactly this org (not its sub-branches), the secretary first, then the
 * committee, then the others in content order.
 */
export function surveyRows(index: ContentIndex, orgId: string): SurveyRow[] {
  const secretary = index.secretaryOf(orgId);
  const rank = (m: { id: string; data: Member }) => (m.id === secretary ? 0 : m.data.roles?.includes('committee') ? 1 : 2);
  return [...(index.membersOf.get(orgId) ?? [])]
    .map((m, i) => ({ m, i }))
    .sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i)
    .map(({ m }) => ({ id: m.id, name: m.data.name, post: m.data.post ?? m.data.assignedPost, status: m.data.status ?? 'active' }));
}

/** The categories that must invite someone: the unit type that requires them. */
const requiredFor: Partial<Record<keyof typeof panelFields, NonNullable<Org['unitType']>>> = {
  investors: 'enterprise',
  orgHeads: 'social-org',
};

/** The kinds only a 双向述职 panel has (篇三/四): a form of 篇一/二/五 does not offer them. */
const twoWayOnly: readonly (keyof typeof panelFields)[] = ['partyReps', 'npcDeputies'];

/**
 * The panel categories of the evaluation schema an evaluator ticks on the form, labelled as the schema labels them.
 * A profile that names its panel's kinds (篇三/四: 党员代表、人大代表和群众代表) gets exactly those. Otherwise every
 * other category that applies to the unit type: a 非公企业 branch's form names its non-party investor, a 社会组织
 * branch's its non-party head (each with the schema's note); other branches have neither.
 */
export function panelCategories(unitType: Org['unitType'], profile: Pick<Profile, 'panelKinds'> = { panelKinds: [] }): PanelCategory[] {
  if (profile.panelKinds.length > 0) return profile.panelKinds.map((key) => ({ key, label: panelFields[key].meta.label }));
  return (Object.keys(panelFields) as (keyof typeof panelFields)[]).flatMap((key) => {
    const f = panelFields[key].meta;
    const only = requiredFor[key];
    if (twoWayOnly.includes(key) || (only && only !== unitType)) return [];
    return [{ key, label: f.label, note: only ? f.hint : undefined }];
  });
}
