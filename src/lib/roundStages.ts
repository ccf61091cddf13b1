/**
 * The activity's own stages (实施阶段) of a round, for 考核评比 by stage (篇三 lines 59–64, 篇四 lines 103–108:
 * 阶段考核评比工作在各实施阶段结束时开展). A round may list its stages (`rounds/<id>.md` `stages`); under the
 * five-stage presets (篇三, 篇四) a round that lists none gets the default split below. Presets whose texts name
 * only 承诺、践诺、评诺 (篇一/二, 篇五) have no stages to compare by: their ranking keeps quarters or semesters.
 *
 * The default split, for a calendar-year round: 承诺 the first month (members propose, the branch reviews; the
 * samples approve pledges by late February), 示诺 the second month (the approved pledges go up on the board),
 * 践诺 from the third month to the end of the eleventh (the ledger year: monthly records, quarterly checks),
 * 评诺 the first two thirds of the last month, rounded down (1–20 December: self-evaluation, the panel and 双向述职
 * before the holidays; the samples evaluate between 19 and 28 December) and 奖诺 the rest of it (21–31 December:
 * commendations follow the results). Months count
 * from the round's first day, so a round starting on 15 March has 承诺 from 15 March to 14 April. A round shorter
 * than four months has no month for 践诺: its days are split in the same proportions (1 : 1 : 9 : ⅔ : ⅓).
 */
import type { Profile } from './profiles.ts';
import { addDays, daysBetween, daysInMonth, isoDate, parts, type IsoDate } from './dates.ts';
import { idForName } from './idForName.ts';
import { WHOLE_ROUND_KEY } from '../schemas/round.ts';

/** One stage of a round: an ASCII id (a URL anchor, a CSV row), its name and its days, both ends inclusive. */
export interface RoundStage {
  id: string;
  title: string;
  start: IsoDate;
  end: IsoDate;
}

/** A round's dates and, where it lists them, its stages (a stage's id may be left out: `withStageIds` gives one). */
export interface RoundWithStages {
  start: IsoDate;
  end: IsoDate;
  stages?: readonly (Omit<RoundStage, 'id'> & { id?: string })[];
}

/** The five stages of 篇三 and 篇四 (lines 28–29, 69–70), with the ids the default split gives them. */
const defaultStageNames: readonly { id: string; title: string }[] = [
  { id: 'chengnuo', title: '承诺' },
  { id: 'shinuo', title: '示诺' },
  { id: 'jiannuo', title: '践诺' },
  { id: 'pingnuo', title: '评诺' },
  { id: 'jiangnuo', title: '奖诺' },
];

/** `date` moved by whole months, the day kept where the month has it (31 January + 1 month = 28 February). */
function monthsAfter(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(date);
  const m = month - 1 + months;
  const y = year + Math.floor(m / 12);
  const mm = (((m % 12) + 12) % 12) + 1;
  return isoDate(y, mm, Math.min(day, daysInMonth(y, mm)));
}

/** The five stages by the month rule of the file header; null when the round has no third month for 践诺. */
function byMonths(start: IsoDate, end: IsoDate): IsoDate[] | null {
  const second = monthsAfter(start, 1);
  const third = monthsAfter(start, 2);
  // The last month: the month before the day after the round ends.
  const last = monthsAfter(addDays(end, 1), -1);
  if (last <= third) return null;
  const lastDays = daysBetween(last, end) + 1;
  const awards = addDays(last, Math.floor((lastDays * 2) / 3));
  return [start, second, third, last, awards];
}

/** The five stages by days, in the proportions of a year (1 : 1 : 9 : ⅔ : ⅓); null when the round has under 5 days. */
function byDays(start: IsoDate, end: IsoDate): IsoDate[] | null {
  const days = daysBetween(start, end) + 1;
  if (days < 5) return null;
  const shares = [0, 1 / 12, 2 / 12, 11 / 12, 35 / 36];
  // Each stage keeps at least one day: a boundary is never before the previous one plus a day, nor so late that
  // the stages after it have none.
  const offsets: number[] = [];
  for (const [i, s] of shares.entries()) {
    const lo = i === 0 ? 0 : offsets[i - 1] + 1;
    const hi = days - (shares.length - i);
    offsets.push(Math.min(Math.max(Math.round(days * s), lo), hi));
  }
  return offsets.map((o) => addDays(start, o));
}

/**
 * The default stages of a round: 承诺、示诺、践诺、评诺、奖诺 over its days, as the file header describes.
 * @example defaultStages({ start: '2025-01-01', end: '2025-12-31' })[2] // { id: 'jiannuo', title: '践诺', start: '2025-03-01', end: '2025-11-30' }
 */
export function defaultStages(round: { start: IsoDate; end: IsoDate }): RoundStage[] {
  const starts = byMonths(round.start, round.end) ?? byDays(round.start, round.end);
  if (!starts) return [];
  return defaultStageNames.map((s, i) => ({ ...s, start: starts[i], end: i + 1 < starts.length ? addDays(starts[i + 1], -1) : round.end }));
}

/** Whether a profile's texts have the activity's own stages (示诺 and 奖诺 besides 承诺、践诺、评诺). */
export function hasActivityStages(profile: Pick<Profile, 'stages'>): boolean {
  return profile.stages.includes('示诺') && profile.stages.includes('奖诺');
}

/**
 * The stages 考核评比 compares branches by: the round's own list (in date order), or the default split when it
 * lists none; null under a profile without such stages (篇一/二, 篇五), whose ranking keeps quarters or semesters.
 * @example stagesOf({ start: '2025-01-01', end: '2025-12-31' }, presets['five-stages']).map((s) => s.title) // ['承诺', '示诺', '践诺', '评诺', '奖诺']
 * @example stagesOf({ start: '2025-01-01', end: '2025-12-31' }, presets.monthly) // null
 */
export function stagesOf(round: RoundWithStages, profile: Pick<Profile, 'id' | 'stages'>): RoundStage[] | null {
  if (!hasActivityStages(profile)) return null;
  if (round.stages && round.stages.length > 0)
    return withStageIds(round.stages).sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  return defaultStages(round);
}

/**
 * The listed stages, each with its id: its own, else the default one for the five names (承诺 → chengnuo), else one
 * made from its name (pinyin). A secretary names a stage and never types an id; hand-written ids are kept.
 * @example withStageIds([{ title: '践诺', start: '2025-03-01', end: '2025-11-30' }])[0].id // 'jiannuo'
 */
export function withStageIds(stages: NonNullable<RoundWithStages['stages']>): RoundStage[] {
  const taken = new Set<string>([WHOLE_ROUND_KEY, ...stages.flatMap((s) => (s.id ? [s.id] : []))]);
  return stages.map((s) => {
    if (s.id) return { ...s, id: s.id };
    const known = defaultStageNames.find((d) => d.title === s.title.trim())?.id;
    const id = known && !taken.has(known) ? known : idForName(s.title, taken, 'stage');
    taken.add(id);
    return { ...s, id };
  });
}

/** Where a stage stands on `asOf`: ended, running (started, not ended) or upcoming. */
export function stageState(stage: { start: IsoDate; end: IsoDate }, asOf: IsoDate): 'ended' | 'running' | 'upcoming' {
  if (stage.end <= asOf) return 'ended';
  return stage.start <= asOf ? 'running' : 'upcoming';
}
