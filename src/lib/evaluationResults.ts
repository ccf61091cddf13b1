/**
 * 评诺 results of one branch in one round, as rows: what the internal results
 * page shows and what `npm run export -- results` writes, from one function.
 */
import { combineEvaluation, panelRequirement, type EvaluationResult, type Grade, type Part } from './combineEvaluation.ts';
import type { ContentIndex } from './contentIndex.ts';
import type { IsoDate } from './dates.ts';
import type { Entry, Evaluation, Member, Pledge, Site } from './model.ts';
import { isApproved } from './pledgeStatus.ts';
import type { Profile } from './profiles.ts';
import { panelFields } from '../schemas/evaluation.ts';

export interface MemberResultRow {
  member: string;
  name: string;
  status: Member['status'];
  selfGrade?: Grade;
  selfSummary?: string;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  votes: number;
  /** (满意 + 基本满意) ÷ votes; null when nobody voted. */
  satisfaction: number | null;
  leaderGrade?: Grade;
  leaderBy?: string;
  leaderName?: string;
  leaderComment?: string;
  /** The weighted score, rounded to one decimal. */
  score?: number;
  result: EvaluationResult;
  rectification?: Evaluation['members'][number]['rectification'];
  /** The member's own 述职 at the year-end 双向述职 (篇三/四). */
  report?: Evaluation['members'][number]['report'];
  /** The 组织处置 that followed a final 不合格 (validateContent refuses one on any other result). */
  disposal?: Evaluation['members'][number]['disposal'];
}

export interface BranchResults {
  evaluation: Entry<Evaluation>;
  org: string;
  orgName: string;
  round: string;
  date: IsoDate;
  /** Evaluators by type (only the types present), and in all. */
  panel: { key: keyof typeof panelFields; label: string; count: number }[];
  panelSize: number;
  /** Members of the branch itself (not its sub-branches), and the smallest panel for them (R10); null where the profile sets no size (篇三/四). */
  memberCount: number;
  panelRequired: number | null;
  rows: MemberResultRow[];
  /** Members by final grade; `pending` while a part is missing. */
  byGrade: Record<Grade | 'pending', number>;
  /** The branch's own 述职 at the year-end 双向述职 (篇三/四), where the content has one. */
  orgReport?: Evaluation['orgReport'];
  /** The branch's own evaluation (by 党员代表/群众代表), where the content has one. */
  orgResult?: Evaluation['orgResult'] & { votes: number; satisfaction: number | null };
  /** Mean combined score of the members with one, or null. */
  averageScore: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function satisfactionOf(m: { satisfied?: number; basicallySatisfied?: number; dissatisfied?: number } | undefined) {
  const satisfied = m?.satisfied ?? 0;
  const basicallySatisfied = m?.basicallySatisfied ?? 0;
  const dissatisfied = m?.dissatisfied ?? 0;
  const votes = satisfied + basicallySatisfied + dissatisfied;
  return { satisfied, basicallySatisfied, dissatisfied, votes, satisfaction: votes ? (satisfied + basicallySatisfied) / votes : null };
}

/** The results of one evaluation file. */
export function branchResults(
  index: ContentIndex,
  e: Entry<Evaluation>,
  settings: Site['evaluation'],
  profile: Pick<Profile, 'panelShare' | 'rectificationRule'> = { panelShare: 0.8, rectificationRule: true },
): BranchResults {
  const nameOf = (id: string) => index.member.get(id)?.data.name ?? id;
  const rows: MemberResultRow[] = e.data.members.map((m) => {
    const result = combineEvaluation(m, settings, profile);
    return {
      member: m.member,
      name: nameOf(m.member),
      status: index.member.get(m.member)?.data.status ?? 'active',
      selfGrade: m.self?.grade,
      selfSummary: m.self?.summary,
      ...satisfactionOf(m.mass),
      leaderGrade: m.leader?.grade,
      leaderBy: m.leader?.by,
      leaderName: m.leader ? (m.leader.by ? nameOf(m.leader.by) : m.leader.outsideBy) : undefined,
      leaderComment: m.leader?.comment,
      score: result.score === undefined ? undefined : round1(result.score),
      result,
      rectification: m.rectification,
      report: m.report,
      disposal: m.disposal,
    };
  });
  const byGrade: BranchResults['byGrade'] = { excellent: 0, qualified: 0, basic: 0, unqualified: 0, pending: 0 };
  for (const r of rows) byGrade[r.result.grade ?? 'pending'] += 1;
  const panel = (Object.keys(panelFields) as (keyof typeof panelFields)[])
    .map((key) => ({ key, label: panelFields[key].meta.label, count: e.data.panel[key] ?? 0 }))
    .filter((p) => p.count > 0);
  const memberCount = index.membersOf.get(e.data.org)?.length ?? 0;
  const scored = rows.filter((r) => r.result.score !== undefined);
  return {
    evaluation: e,
    org: e.data.org,
    orgName: index.org.get(e.data.org)?.data.name ?? e.data.org,
    round: e.round ?? '',
    date: e.data.date,
    panel,
    panelSize: panel.reduce((a, p) => a + p.count, 0),
    memberCount,
    panelRequired: profile.panelShare === null ? null : panelRequirement(memberCount, profile.panelShare),
    rows,
    byGrade,
    orgReport: e.data.orgReport,
    orgResult: e.data.orgResult && { ...e.data.orgResult, ...satisfactionOf(e.data.orgResult) },
    averageScore: scored.length ? round1(scored.reduce((a, r) => a + (r.result.score ?? 0), 0) / scored.length) : null,
  };
}

export interface Candidate {
  member: string;
  name: string;
  /** Titles of the member's pledges in the round, all checked off on time. */
  pledges: string[];
}

/**
 * Commendation candidates (奖诺 suggestions): members graded 优秀 whose
 * approved pledges in the round were all checked off (销号) on or before
 * their deadline, by `asOf`. At least one pledge. The branch decides.
 */
export function commendationCandidates(results: BranchResults, pledgesOfRound: readonly Entry<Pledge>[], asOf: IsoDate): Candidate[] {
  const byOwner = new Map<string, Entry<Pledge>[]>();
  for (const p of pledgesOfRound) {
    if (!isApproved(p.data, asOf)) continue;
    const list = byOwner.get(p.data.owner);
    if (list) list.push(p);
    else byOwner.set(p.data.owner, [p]);
  }
  const onTime = (p: Entry<Pledge>) =>
    Boolean(p.data.closed?.date && p.data.closed.date <= asOf && p.data.deadline && p.data.closed.date <= p.data.deadline);
  return results.rows
    .filter((r) => r.result.grade === 'excellent')
    .flatMap((r) => {
      const own = byOwner.get(r.member) ?? [];
      return own.length > 0 && own.every(onTime) ? [{ member: r.member, name: r.name, pledges: own.map((p) => p.data.title) }] : [];
    });
}

/** Which parts are missing, in Chinese, for a row. */
export const partLabels: Record<Part, string> = { self: '自我评价', mass: '群众评议', leader: '领导点评' };
