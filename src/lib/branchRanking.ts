/**
 * 考核评比: the branches of the board side by side, at the end of each finished
 * stage of a round and for the whole round. One function builds the rows; the
 * internal ranking page, its CSV and `npm run export -- ranking` all read them.
 *
 * Under a profile with the activity's own stages (篇三/四: 承诺、示诺、践诺、评诺、
 * 奖诺; 阶段考核评比工作在各实施阶段结束时开展, lines 60, 104) the stages are the
 * round's (src/lib/roundStages.ts): each one that has ended by `asOf`, and the one
 * running on `asOf`, marked as such and counted as of `asOf`. Otherwise stages
 * follow the record cadence in `site.json`: `month` → the round's
 * quarters (q1–q4, three-month blocks from its first month); `semester` → its
 * semesters, kept simple: the spring semester runs from the round's start (or
 * from 1 February after an autumn semester) to 31 August, the autumn semester
 * from 1 September to 31 January; both end early where the round does. A stage
 * is listed once it has ended by `asOf`; the whole round always is, as of
 * `asOf` (or the round's end, if earlier).
 */
import { profileResolver, siteProfile } from './profiles.ts';
import { completionRate, onTimeRate, type Rate } from './completionRates.ts';
import type { ContentIndex } from './contentIndex.ts';
import { isoDate, parts, type IsoDate } from './dates.ts';
import { branchResults } from './evaluationResults.ts';
import type { Entry, Evaluation, Pledge, Site } from './model.ts';
import { isApproved, isClosed } from './pledgeStatus.ts';
import { finishedBy, owedRecordPeriods, roundHalves, roundQuarters, type RoundDates } from './roundPeriods.ts';
import { WHOLE_ROUND_KEY } from '../schemas/round.ts';
import { stagesOf, stageState, type RoundStage } from './roundStages.ts';

export interface Stage {
  /** `q1`…`q4`, `2025-spring`/`2025-autumn`, an activity stage's id (`chengnuo`), or `round` for the whole round. */
  key: string;
  kind: 'quarter' | 'semester' | 'activity' | 'round';
  /** The calendar year a semester starts in (for its label). */
  year?: number;
  /** An activity stage's name (承诺, 示诺 …). */
  title?: string;
  start: IsoDate;
  /** The figures are taken as of this day: the stage's last day, or `asOf` for the whole round and a running stage. */
  end: IsoDate;
  /** An activity stage running on `asOf`: its own last day, later than `end`. */
  running?: { until: IsoDate };
}

/** Checks by the upper organisation (上级党组织) within a stage: how many, by which method, how many affirmed the branch. */
export interface UpperChecks {
  count: number;
  /** 经常性督查 */
  regular: number;
  /** 随机检查 */
  random: number;
  /** Checks that affirmed the branch's work (获得肯定): such a branch is first in line for commendation (篇三/四 lines 63, 107). */
  affirmed: number;
}

export interface RankingRow {
  org: string;
  name: string;
  /** Approved pledges of the org's own members and the org itself, as of the stage's end. */
  completion: Rate;
  onTime: Rate;
  /** Record periods (months or semesters) owed within the stage, and those with a record. */
  records: Rate;
  /** The branch's own quarterly checks held for the quarters ending within the stage, of those owed. */
  checks: Rate;
  /** Checks by the upper organisation dated within the stage (not counted in `checks` nor in the rank). */
  upperChecks: UpperChecks;
  /** Bulletins issued for the periods (half-years; quarters for an org that pledged) ending within the stage. */
  bulletins: Rate;
  /** Members in the round's evaluation of those expected (R16's rule); null before the branch is evaluated and the round is over, and for stages other than the whole round. */
  coverage: Rate | null;
  /** Evaluators against the smallest panel (R10); null without an evaluation. */
  panel: { size: number; required: number | null; ok: boolean } | null;
  /** Mean combined score of the evaluated members (src/lib/evaluationResults.ts); null without one. */
  averageScore: number | null;
  /** 1 for the best; equal figures share a rank (1, 2, 2, 4). */
  rank: number;
}

export interface StageRanking {
  stage: Stage;
  rows: RankingRow[];
}

/** The semesters of a round, as described in the file header. */
export function roundSemesters(round: RoundDates): Stage[] {
  const out: Stage[] = [];
  let start = round.start;
  while (start <= round.end) {
    const { year, month } = parts(start);
    // A stage starts on the round's first day, 1 September or 1 February: only one starting in Sep–Dec is autumn.
    const autumn = month >= 9;
    const natural = autumn ? isoDate(year + 1, 1, 31) : isoDate(year, 8, 31);
    const end = natural < round.end ? natural : round.end;
    out.push({ key: `${year}-${autumn ? 'autumn' : 'spring'}`, kind: 'semester', year, start, end });
    start = autumn ? isoDate(year + 1, 2, 1) : isoDate(year, 9, 1);
  }
  return out;
}

/** The activity stages ended or running on `asOf`; a running one is counted as of `asOf`. */
function activityStages(stages: readonly RoundStage[], asOf: IsoDate): Stage[] {
  return stages.flatMap((s): Stage[] => {
    const state = stageState(s, asOf);
    if (state === 'upcoming') return [];
    const base = { key: s.id, kind: 'activity' as const, title: s.title, start: s.start };
    return [state === 'ended' ? { ...base, end: s.end } : { ...base, end: asOf, running: { until: s.end } }];
  });
}

/**
 * The stages of a round to rank by on `asOf`, then the whole round: the activity's own stages where `activity` lists
 * them (ended ones, and the running one), else the finished quarters (`month`) or semesters.
 */
export function rankingStages(
  round: RoundDates,
  cadence: Site['cadence'],
  asOf: IsoDate,
  activity: readonly RoundStage[] | null = null,
): Stage[] {
  const whole: Stage = { key: WHOLE_ROUND_KEY, kind: 'round', start: round.start, end: asOf < round.end ? asOf : round.end };
  if (activity) return [...activityStages(activity, asOf), whole];
  const stages: Stage[] =
    cadence === 'semester'
      ? roundSemesters(round)
      : roundQuarters(round).map((q) => ({ key: q.key, kind: 'quarter' as const, start: q.start, end: q.end }));
  return [...finishedBy(stages, asOf), whole];
}

const rate = (done: number, total: number): Rate => ({ done, total, rate: total === 0 ? null : done / total });

/** Share of owed record periods, ending within the stage, that have a ledger record (R6's periods, up to check-off). */
function recordRate(pledges: readonly Entry<Pledge>[], cadence: 'month' | 'semester', stage: Stage): Rate {
  let done = 0;
  let total = 0;
  for (const p of pledges) {
    const d = p.data;
    if (!isApproved(d, stage.end) || !d.review.date) continue;
    // A checked-off pledge owes no record after its check-off.
    const until = isClosed(d, stage.end) && d.closed?.date ? d.closed.date : stage.end;
    const dates = (d.records ?? []).map((r) => r.date);
    for (const per of owedRecordPeriods(cadence, d.review.date, until)) {
      if (per.end < stage.start) continue;
      total += 1;
      if (dates.some((x) => x >= per.start && x <= per.end)) done += 1;
    }
  }
  return rate(done, total);
}

/** Better first: higher is better, a missing figure is worst. */
export function compareFigures(a: (number | null)[], b: (number | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? -Infinity;
    const y = b[i] ?? -Infinity;
    if (x !== y) return y - x;
  }
  return 0;
}

const rankKey = (r: Omit<RankingRow, 'rank'>) => [r.completion.rate, r.onTime.rate, r.records.rate, r.averageScore];

/**
 * The 考核评比 of `roundId`: for each finished stage and the whole round, one row per org of the board's tree
 * (`site.topOrg` and below) that has members of its own or pledges in the round, a 党总支 or 党委 included.
 * Each org counts only its own members' pledges and its own org pledges, not its sub-branches'.
 * Checks and bulletins are counted by the period they name, as the content stands on `asOf`; an org owes them
 * as in the audit (R7, R8): a branch, or any org that pledged. A check by the upper organisation is not the
 * branch's own quarterly check: it is listed per stage by its date (method, affirmed) and left out of the rank.
 * Ranked by completion rate, then on-time rate, then record-keeping, then average score; rows keep that order
 * (ties by tree order). The stages are the site profile's (see the file header).
 * @example branchRanking(index, site, '2025', '2025-12-26') // [{ stage: { key: 'chengnuo', … }, rows }, …, { stage: { key: 'round', … }, rows }]
 */
export function branchRanking(index: ContentIndex, site: Site, roundId: string, asOf: IsoDate): StageRanking[] {
  const model = index.model;
  const round = model.rounds.find((r) => r.id === roundId);
  if (!round) return [];
  // Each org's own profile: its record cadence and panel share (an org may follow another preset than the site).
  const profileOf = profileResolver(site, index.org);
  const pledgesBy = new Map<string, Entry<Pledge>[]>();
  for (const p of model.pledges) {
    if (p.round !== roundId) continue;
    const owner = p.data.owner;
    const org = index.member.get(owner)?.data.org ?? owner;
    pledgesBy.set(org, [...(pledgesBy.get(org) ?? []), p]);
  }
  const orgPledged = new Set(model.pledges.filter((p) => p.round === roundId && index.org.has(p.data.owner)).map((p) => p.data.owner));
  const top = site.topOrg;
  const tree = index.org.has(top) ? index.subtree(top) : model.orgs.map((o) => o.id);
  const orgs = tree.filter((id) => (index.membersOf.get(id)?.length ?? 0) > 0 || (pledgesBy.get(id)?.length ?? 0) > 0);
  const roundChecks = model.checks.filter((c) => c.round === roundId && c.data.date <= asOf);
  const checks = roundChecks.filter((c) => c.data.by !== 'upper');
  const upper = roundChecks.filter((c) => c.data.by === 'upper');
  const bulletins = model.bulletins.filter((b) => b.round === roundId && b.data.date <= asOf);
  const quarters = roundQuarters(round.data);
  const halves = roundHalves(round.data);
  // Semester bulletins name their season (spring/autumn); a round holds at most one of each.
  const semesters = roundSemesters(round.data).map((x) => ({
    key: x.key.endsWith('autumn') ? 'autumn' : 'spring',
    start: x.start,
    end: x.end,
  }));
  const evaluationOf = new Map<string, Entry<Evaluation>>();
  for (const e of model.evaluations) {
    if (e.round !== roundId || e.data.date > asOf) continue;
    const prev = evaluationOf.get(e.data.org);
    if (!prev || e.data.date >= prev.data.date) evaluationOf.set(e.data.org, e);
  }
  const roundOver = round.data.end <= asOf;

  const held = (owed: { key: string }[], done: Set<string>) => rate(owed.filter((p) => done.has(p.key)).length, owed.length);
  const inStage =
    (stage: Stage) =>
    <T extends { start: IsoDate; end: IsoDate }>(ps: T[]) =>
      ps.filter((p) => p.end >= stage.start && p.end <= stage.end);

  const rowOf = (org: string, stage: Stage): Omit<RankingRow, 'rank'> => {
    const own = pledgesBy.get(org) ?? [];
    const keepsLedger = index.org.get(org)?.data.level === 'branch' || orgPledged.has(org);
    const within = inStage(stage);
    const checked = new Set<string>(checks.filter((c) => c.data.org === org).map((c) => c.data.quarter));
    const bulletined = new Set<string>(bulletins.filter((b) => b.data.org === org).map((b) => b.data.period));
    // What R7 and R8 owe under the org's profile: checks only where it checks quarterly; members' bulletins each
    // half-year or semester, and (篇四) the org's own pledges each quarter besides.
    const profile = profileOf(org);
    const owedChecks = keepsLedger && profile.checkCadence === 'quarter' ? within(quarters) : [];
    const memberPeriods = profile.bulletinCadence === 'semester' ? semesters : halves;
    const orgQuarters = profile.orgBulletinCadence === 'quarter' && orgPledged.has(org) ? quarters : [];
    const owedBulletins = keepsLedger ? within([...orgQuarters, ...memberPeriods]) : [];
    let coverage: Rate | null = null;
    let panel: RankingRow['panel'] = null;
    let averageScore: number | null = null;
    if (stage.kind === 'round') {
      const e = evaluationOf.get(org);
      const expected = (index.membersOf.get(org) ?? []).filter(
        (m) =>
          (m.data.status ?? 'active') === 'active' ||
          (pledgesBy.get(org) ?? []).some((p) => p.data.owner === m.id && isApproved(p.data, asOf)),
      );
      if (e) {
        const listed = new Set(e.data.members.map((m) => m.member));
        coverage = rate(expected.filter((m) => listed.has(m.id)).length, expected.length);
        const results = branchResults(index, e, site.evaluation, profileOf(e.data.org));
        panel = {
          size: results.panelSize,
          required: results.panelRequired,
          ok:
            results.panelRequired === null
              ? profileOf(e.data.org).panelKinds.every((k) => results.panel.some((p) => p.key === k))
              : results.panelSize >= results.panelRequired,
        };
        averageScore = results.averageScore;
      } else if (roundOver) {
        coverage = rate(0, expected.length);
      }
    }
    const upperHere = upper.filter((c) => c.data.org === org && c.data.date >= stage.start && c.data.date <= stage.end);
    return {
      org,
      name: index.org.get(org)?.data.name ?? org,
      completion: completionRate(own, stage.end),
      onTime: onTimeRate(own, stage.end),
      records: recordRate(own, profileOf(org).recordCadence, stage),
      checks: held(owedChecks, checked),
      upperChecks: {
        count: upperHere.length,
        regular: upperHere.filter((c) => c.data.method === 'regular').length,
        random: upperHere.filter((c) => c.data.method === 'random').length,
        affirmed: upperHere.filter((c) => c.data.affirmed === true).length,
      },
      bulletins: held(owedBulletins, bulletined),
      coverage,
      panel,
      averageScore,
    };
  };

  const profile = siteProfile(site);
  return rankingStages(round.data, profile.recordCadence, asOf, stagesOf(round.data, profile)).map((stage) => {
    const rows = orgs.map((o) => rowOf(o, stage));
    const sorted = rows.map((r, i) => ({ r, i })).sort((a, b) => compareFigures(rankKey(a.r), rankKey(b.r)) || a.i - b.i);
    const ranked: RankingRow[] = [];
    for (const [n, { r }] of sorted.entries()) {
      const prev = ranked[n - 1];
      const rank = prev && compareFigures(rankKey(prev), rankKey(r)) === 0 ? prev.rank : n + 1;
      ranked.push({ ...r, rank });
    }
    return { stage, rows: ranked };
  });
}
