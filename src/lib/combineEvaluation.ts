/**
 * Year-end evaluation (民主评诺): one result per member from self-evaluation,
 * the mass panel's satisfaction tallies and the leader review.
 */
import type { MemberEvaluation, Site } from './model.ts';

export type Grade = 'excellent' | 'qualified' | 'basic' | 'unqualified';
export type EvaluationSettings = Site['evaluation'];
export type Part = 'self' | 'mass' | 'leader';

export interface EvaluationResult {
  /** `final` once a grade stands; `pending` while a part is missing and nothing overrides. */
  status: 'final' | 'pending';
  missing: Part[];
  /** Weighted score 0–100 of the three parts, when all are present. */
  score?: number;
  /** The grade the score gives. */
  computed?: Grade;
  /** The grade that stands. */
  grade?: Grade;
  /** Why `grade` differs from `computed`: R13, or the branch's override. */
  basis: 'score' | 'R13' | 'override' | 'none';
  reason?: string;
}

/** The mass part as a 0–100 score, or undefined when nobody voted. */
export function massScore(mass: MemberEvaluation['mass'], settings: EvaluationSettings): number | undefined {
  if (!mass) return undefined;
  const s = mass.satisfied ?? 0;
  const b = mass.basicallySatisfied ?? 0;
  const d = mass.dissatisfied ?? 0;
  const votes = s + b + d;
  if (votes === 0) return undefined;
  const pts = settings.satisfaction;
  return (s * pts.satisfied + b * pts.basicallySatisfied + d * pts.dissatisfied) / votes;
}

/** The grade a 0–100 score earns under the thresholds. */
export function gradeOfScore(score: number, settings: EvaluationSettings): Grade {
  const t = settings.thresholds;
  // Compare at two decimals so 74.999999 from float weights does not miss a 75 threshold.
  const s = Math.round(score * 100) / 100;
  if (s >= t.excellent) return 'excellent';
  if (s >= t.qualified) return 'qualified';
  if (s >= t.basic) return 'basic';
  return 'unqualified';
}

/** True when the member's attitude to rectification was passive or a refusal (R13). */
export function rectificationRefused(e: MemberEvaluation): boolean {
  return e.rectification?.attitude === 'passive' || e.rectification?.attitude === 'refused';
}

/**
 * Combines the three parts. Order of precedence: R13 (passive or refused
 * rectification is 不合格, where the profile has that rule) over a manual
 * `final` override (kept with its reason) over the weighted score.
 * @example combineEvaluation({ member: 'a', self: { grade: 'qualified' }, mass: { satisfied: 30 }, leader: { by: 's', grade: 'qualified' } }, defaults)
 *   // → { status: 'final', score: 88, computed: 'qualified', grade: 'qualified', basis: 'score', missing: [] }
 */
export function combineEvaluation(
  e: MemberEvaluation,
  settings: EvaluationSettings,
  o: { rectificationRule?: boolean } = {},
): EvaluationResult {
  const mass = massScore(e.mass, settings);
  const missing: Part[] = [];
  if (!e.self) missing.push('self');
  if (mass === undefined) missing.push('mass');
  if (!e.leader) missing.push('leader');
  let score: number | undefined;
  let computed: Grade | undefined;
  if (missing.length === 0 && e.self && e.leader && mass !== undefined) {
    const w = settings.weights;
    score = w.self * settings.points[e.self.grade] + w.mass * mass + w.leader * settings.points[e.leader.grade];
    computed = gradeOfScore(score, settings);
  }
  const base = { missing, score, computed };
  // R13 is the rule of 篇一/二/五; under 篇三/四 (rectificationRule false) the attitude does not fix the grade.
  if ((o.rectificationRule ?? true) && rectificationRefused(e)) {
    const how = e.rectification?.attitude === 'refused' ? '拒不整改' : '整改态度消极';
    return { ...base, status: 'final', grade: 'unqualified', basis: 'R13', reason: `${how}，按规定定为不合格。` };
  }
  if (e.final) return { ...base, status: 'final', grade: e.final.grade, basis: 'override', reason: e.final.reason };
  if (computed) return { ...base, status: 'final', grade: computed, basis: 'score' };
  return { ...base, status: 'pending', basis: 'none' };
}

/**
 * The smallest panel for a branch of `members` members: ceil(share × members), 80% unless the profile says
 * otherwise; computed in whole thousandths so that 0.8 × 5 is 4, not 4.000000000000001.
 */
export function panelRequirement(members: number, share = 0.8): number {
  return Math.ceil((Math.round(share * 1000) * members) / 1000);
}
