/**
 * Rule profiles: the five seed texts are four variants of one system (篇一 and
 * 篇二 are the same text). A profile is the set of parameters the audit, the
 * pages and the CMS read; a branch names its preset in `site.json`
 * (`profile`), may override single parameters (`profileOverrides`), and an
 * org may name a preset of its own (`orgs/<id>.md` `profile`), so that a
 * 党委 can run a school branch and a community branch side by side.
 * Line numbers cite ../shared/seed/000_a15b05bfe1be74dd.simplified.txt.
 */
import type { Org, Site } from './model.ts';

export type ProfileId = 'school-semester' | 'five-stages' | 'provincial' | 'monthly';
export type StageName = '承诺' | '示诺' | '践诺' | '评诺' | '奖诺' | '考核评比';
/** The kinds of evaluator a 双向述职 panel is made of (篇三 line 56, 篇四 line 100): 党员代表、人大代表和群众代表. */
export type PanelKind = 'partyReps' | 'npcDeputies' | 'masses';

export interface Profile {
  id: ProfileId;
  /** Approved pledges per active member: a range, or null where the text sets no number. */
  memberPledges: { min: number; max: number } | null;
  /** Organisations pledge too (篇三/四), filed with the upper organisation; R2 applies. */
  orgsPledge: boolean;
  /** Pledges of an organisation that pledges: a range, or null where the text sets no number (篇三) or orgs do not pledge. */
  orgPledges: { min: number; max: number } | null;
  /** Organisation pledges are approved and filed by the upper organisation (报上级审定备案). */
  orgPledgesFiledUpward: boolean;
  recordCadence: 'month' | 'semester';
  checkCadence: 'quarter' | 'none';
  /** How often members' fulfilment is bulletined (R8). */
  bulletinCadence: 'half-year' | 'semester';
  /** How often an organisation's own pledges are bulletined, where the text says. */
  orgBulletinCadence: 'quarter' | null;
  leaderReviewCadence: 'half-year' | 'year';
  memberReviewers: 'secretary' | 'secretary-or-supervisor';
  /** The mass panel's least size as a share of the branch's own members (R10), or null where the text sets none (篇三/四). */
  panelShare: number | null;
  /** A 非公企业 panel invites the non-party investor, a 社会组织 panel the non-party head (R10, 篇五 only). */
  panelInvitees: boolean;
  /** The kinds of evaluator the year-end panel must have (R10, 篇三/四's 双向述职); empty where the text names none as required. */
  panelKinds: readonly PanelKind[];
  /** The year-end evaluation is 双向述职: the branch and each member report (述职) before the panel (篇三/四). */
  twoWayReport: boolean;
  /** The upper organisation's secretary reviews the branch secretary, the top org's too (R12, 篇一/二/五). */
  upperReviewsSecretary: boolean;
  /** Members without a post are given one (设岗定责) and pledge on it (R17). */
  postRule: boolean;
  /** Passive or refused rectification is 不合格 (R13). */
  rectificationRule: boolean;
  stages: StageName[];
}

export const presets: Readonly<Record<ProfileId, Profile>> = {
  // 篇一 (lines 1–11) and 篇二 (lines 13–25): four areas, no number (5, 18); the branch approves members' pledges (6, 19);
  // no org pledges, no checks; 销号 (21); a year-end evaluation with an 80% panel (9, 23); the secretary reviews members,
  // the upper secretary the branch secretary (10, 24); poor performers rectify, passive → 不合格 (11, 25). Schools keep
  // their ledger each semester and commend each semester (the DOMAIN reading of these school texts).
  'school-semester': {
    id: 'school-semester',
    memberPledges: null,
    orgsPledge: false,
    orgPledges: null,
    orgPledgesFiledUpward: false,
    recordCadence: 'semester',
    checkCadence: 'none',
    bulletinCadence: 'semester',
    orgBulletinCadence: null,
    leaderReviewCadence: 'year',
    memberReviewers: 'secretary',
    panelShare: 0.8,
    panelInvitees: false,
    panelKinds: [],
    twoWayReport: false,
    upperReviewsSecretary: true,
    postRule: false,
    rectificationRule: true,
    stages: ['承诺', '践诺', '评诺'],
  },
  // 篇三 (lines 26–64): 承诺、示诺、践诺、评诺、奖诺 (28–29); members 2–3 (34); 无职党员设岗定责、依岗承诺 (35); the branch's
  // pledges go to the upper organisation to be approved and filed, with no number (36); 每月一记实，每季度一调度 (44); 每半年通报 (45); the secretary reviews the branch and the team,
  // team members their supervised members (48); 原则上每半年1次 (51); at year end 双向述职, then 部分党员代表、人大代表和群众代表
  // evaluate, with no size rule (41, 56); 考核评比 by stage and overall (59–64).
  'five-stages': {
    id: 'five-stages',
    memberPledges: { min: 2, max: 3 },
    orgsPledge: true,
    orgPledges: null,
    orgPledgesFiledUpward: true,
    recordCadence: 'month',
    checkCadence: 'quarter',
    bulletinCadence: 'half-year',
    orgBulletinCadence: null,
    leaderReviewCadence: 'half-year',
    memberReviewers: 'secretary-or-supervisor',
    panelShare: null,
    panelInvitees: false,
    panelKinds: ['partyReps', 'npcDeputies', 'masses'],
    twoWayReport: true,
    upperReviewsSecretary: false,
    postRule: true,
    rectificationRule: false,
    stages: ['承诺', '示诺', '践诺', '评诺', '奖诺', '考核评比'],
  },
  // 篇四 (lines 65–111): as 篇三 in themed rounds (71); retired and frail members pledge voluntarily (75); org pledges filed
  // upward (76–77); 先锋岗 desk signs, 共产党员户 (79–80); 每月一记实，每季度一调度 (89); org pledges bulletined each
  // quarter, members each half-year (90); reviews as 篇三 (93, 96); 考核评比 (103–108).
  provincial: {
    id: 'provincial',
    memberPledges: { min: 2, max: 3 },
    orgsPledge: true,
    orgPledges: { min: 3, max: 5 },
    orgPledgesFiledUpward: true,
    recordCadence: 'month',
    checkCadence: 'quarter',
    bulletinCadence: 'half-year',
    orgBulletinCadence: 'quarter',
    leaderReviewCadence: 'half-year',
    memberReviewers: 'secretary-or-supervisor',
    panelShare: null,
    panelInvitees: false,
    panelKinds: ['partyReps', 'npcDeputies', 'masses'],
    twoWayReport: true,
    upperReviewsSecretary: false,
    postRule: true,
    rectificationRule: false,
    stages: ['承诺', '示诺', '践诺', '评诺', '奖诺', '考核评比'],
  },
  // 篇五 (lines 112–134): four areas, no number (120–121); 无职党员推行设岗定责、依岗承诺 (121: DOMAIN.md's R17 row names
  // 篇三/四 only, the text has it too); voluntary for retired and frail (121); full-process tracking and
  // 销号 (123); a year-end evaluation with an 80% panel whose composition it names (126); the secretary reviews members
  // (127); passive rectification → 不合格 (128). Monthly records, quarterly checks and half-yearly bulletins as DOMAIN reads it.
  monthly: {
    id: 'monthly',
    memberPledges: null,
    orgsPledge: false,
    orgPledges: null,
    orgPledgesFiledUpward: false,
    recordCadence: 'month',
    checkCadence: 'quarter',
    bulletinCadence: 'half-year',
    orgBulletinCadence: null,
    leaderReviewCadence: 'year',
    memberReviewers: 'secretary',
    panelShare: 0.8,
    panelInvitees: true,
    panelKinds: [],
    twoWayReport: false,
    upperReviewsSecretary: true,
    postRule: true,
    rectificationRule: true,
    stages: ['承诺', '践诺', '评诺'],
  },
};

/** The preset a site that names none follows: the five-stage system (篇三), which the software first followed. */
export const defaultProfileId: ProfileId = 'five-stages';

/** A preset with the site's overrides applied. */
export function applyOverrides(base: Profile, site: Pick<Site, 'profileOverrides' | 'cadence'>): Profile {
  const o = site.profileOverrides ?? {};
  const range = (r: Profile['memberPledges'], min?: number, max?: number) =>
    min === undefined && max === undefined ? r : { min: min ?? r?.min ?? 0, max: max ?? r?.max ?? Math.max(min ?? 0, 99) };
  return {
    ...base,
    memberPledges: range(base.memberPledges, o.memberPledgesMin, o.memberPledgesMax),
    orgPledges: range(base.orgPledges, o.orgPledgesMin, o.orgPledgesMax),
    recordCadence: o.recordCadence ?? site.cadence ?? base.recordCadence,
    checkCadence: o.checkCadence ?? base.checkCadence,
    bulletinCadence: o.bulletinCadence ?? base.bulletinCadence,
    leaderReviewCadence: o.leaderReviewCadence ?? base.leaderReviewCadence,
    memberReviewers: o.memberReviewers ?? base.memberReviewers,
    panelShare: o.panelShare ?? base.panelShare,
  };
}

/** The site's own profile. */
export function siteProfile(site: Site): Profile {
  return applyOverrides(presets[(site.profile as ProfileId | undefined) ?? defaultProfileId], site);
}

/**
 * The profile that governs each org: its own `profile`, else its nearest ancestor's, else the site's. The
 * site's overrides apply to every preset (they are the branch's own wording of its rules).
 */
export function profileResolver(
  site: Site,
  orgs: ReadonlyMap<string, { data: Pick<Org, 'parent'> & { profile?: string } }>,
): (orgId: string | undefined) => Profile {
  const base = siteProfile(site);
  const cache = new Map<string, Profile>();
  const of = (id: string | undefined, depth = 0): Profile => {
    if (!id || depth > 64) return base;
    const hit = cache.get(id);
    if (hit) return hit;
    const org = orgs.get(id);
    const own = org?.data.profile as ProfileId | undefined;
    const p = own && presets[own] ? applyOverrides(presets[own], site) : of(org?.data.parent, depth + 1);
    cache.set(id, p);
    return p;
  };
  return of;
}

/** The audit rules a profile has (a rule it does not have is never reported for its orgs). */
export function rulesOf(p: Profile): string[] {
  const has: Record<string, boolean> = {
    R2: p.orgsPledge,
    R7: p.checkCadence !== 'none',
    R10: p.panelShare !== null || p.panelInvitees || p.panelKinds.length > 0,
    R13: p.rectificationRule,
    R14: p.leaderReviewCadence === 'half-year',
    R17: p.postRule,
  };
  return ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16', 'R17'].filter(
    (r) => has[r] ?? true,
  );
}
