/**
 * The rows of 本月记实 for one period: every open pledge of the round that
 * owes a record for it (src/lib/owedPledges.ts, R6's own function), with its
 * owner, status and last record; and the periods she can choose from.
 */
import { t } from '../../src/i18n/t.ts';
import { ledgerPeriodByKey, ledgerPeriodOf, type RecordCadence } from '../../src/lib/recordGaps.ts';
import { monthsOverlapping, semestersOverlapping, type IsoDate, type Period } from '../../src/lib/dates.ts';
import { owedPledges, cadenceOfKey } from '../../src/lib/owedPledges.ts';
import { fulfilmentOf, latestRecord } from '../../src/lib/pledgeStatus.ts';
import type { Entry, Round } from '../../src/lib/model.ts';
import type { LedgerContent, LedgerPledge } from './ledgerContent.ts';

export interface MonthRow {
  pledge: LedgerPledge;
  org: string;
  status: string;
  last?: { date: string; note: string; progress: number };
}

export type MonthView =
  | { ok: true; period: Period; round: Entry<Round>; rows: MonthRow[]; periods: Period[] }
  | { ok: false; message: string; periods: Period[] };

/** The cadences the content's branches keep (the site's first). */
export function cadencesInUse(c: LedgerContent): RecordCadence[] {
  const set = new Set<RecordCadence>([c.cadenceOf('')]);
  for (const p of c.pledges) set.add(c.cadenceOf(p.data.owner));
  return [...set];
}

/** The periods of the round up to today's, newest first: months, or semesters, or both where branches differ. */
export function periodChoices(c: LedgerContent, round: Entry<Round> | undefined, today: IsoDate): Period[] {
  if (!round) return [];
  const last = today < round.data.end ? today : round.data.end;
  if (last < round.data.start) return [];
  const out: Period[] = [];
  for (const cadence of cadencesInUse(c))
    out.push(...(cadence === 'month' ? monthsOverlapping(round.data.start, last) : semestersOverlapping(round.data.start, last)));
  return out.sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : a.key.localeCompare(b.key)));
}

/** The period shown when none is chosen: today's, at the site's own cadence; the round's last once the round is over. */
export function defaultPeriodKey(c: LedgerContent, today: IsoDate): string {
  const round = c.rounds.find((r) => r.id === c.site.currentRound);
  const day = round && today > round.data.end ? round.data.end : today;
  return ledgerPeriodOf(c.cadenceOf(''), day).key;
}

/** The rows for `periodKey` (or a message when it is not a period of the round), restricted to `org` when given. */
export function monthView(c: LedgerContent, periodKey: string, today: IsoDate, org?: string): MonthView {
  const round = c.rounds.find((r) => r.id === c.site.currentRound);
  const periods = periodChoices(c, round, today);
  if (!round) return { ok: false, message: `没有找到当前轮次“${c.site.currentRound}”：请在“轮次”中建立它。`, periods };
  const period = ledgerPeriodByKey(cadenceOfKey(periodKey), periodKey);
  if (period && !cadencesInUse(c).includes(cadenceOfKey(periodKey))) {
    return {
      ok: false,
      message:
        cadenceOfKey(periodKey) === 'month'
          ? '本单位每学期记一次账，请选择学期（如 2025-spring）。'
          : '本单位每月记实，请选择月份（如 2025-12）。',
      periods,
    };
  }
  if (!period) return { ok: false, message: `“${periodKey.slice(0, 20)}”不是月份（如 2025-12）或学期（如 2025-autumn）。`, periods };
  if (period.end < round.data.start || period.start > round.data.end) {
    return {
      ok: false,
      message: `${period.key} 不在本轮（${round.data.title}，${round.data.start} 至 ${round.data.end}）之内：请选择本轮的月份。`,
      periods,
    };
  }
  if (period.start > today) return { ok: false, message: `${period.key} 还没有开始，不能预先记实。`, periods };
  const inRound = c.pledges.filter((p) => p.round === round.id && (!org || c.orgOf(p.data.owner) === org));
  const rows = owedPledges(inRound, c.cadenceOf, period, today).map((p) => {
    const last = latestRecord(p.data, today);
    // The status as the board shows it: as of site.json's asOf where the branch pins one.
    const f = fulfilmentOf(p.data, c.site.asOf && c.site.asOf < today ? c.site.asOf : today);
    return {
      pledge: p,
      org: c.orgOf(p.data.owner),
      status: f ? t(`status.${f}`) : '',
      last: last && { date: last.date, note: last.note, progress: last.progress },
    };
  });
  return { ok: true, period, round, rows, periods };
}
