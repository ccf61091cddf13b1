/**
 * One ledger record as a secretary types it on 本月记实 or in the
 * spreadsheet: date, 进展情况 and 完成进度, checked before anything is
 * written. A row with neither words nor progress is empty and changes nothing.
 */
import { isIsoDate, type IsoDate, type Period } from './dates.ts';
import type { NewRecord } from './appendRecord.ts';

export interface RecordInput {
  date?: string;
  note?: string;
  /** As typed: a number, or text from a form or a cell. */
  progress?: string | number | null;
}

export type CheckedInput = { empty: true } | { empty: false; record?: NewRecord; problems: string[] };

/** How a period is named in a message: 2025-12（2025-12-01 至 2025-12-31）. */
export function periodText(period: Period): string {
  return `${period.key}（${period.start} 至 ${period.end}）`;
}

/** Checks one row against the period it is recorded for and today's date (Asia/Shanghai, given by the caller). */
export function checkRecordInput(input: RecordInput, period: Period, today: IsoDate): CheckedInput {
  const note = (input.note ?? '').trim();
  const rawProgress = input.progress === null || input.progress === undefined ? '' : String(input.progress).trim();
  if (!note && !rawProgress) return { empty: true };
  const problems: string[] = [];
  const date = (input.date ?? '').trim();
  if (!date) problems.push('请填写记实日期。');
  else if (!isIsoDate(date)) problems.push(`记实日期应写成 年-月-日（如 ${period.start}），现在是“${date.slice(0, 20)}”。`);
  else if (date < period.start || date > period.end) problems.push(`记实日期 ${date} 不在 ${periodText(period)}之内。`);
  else if (date > today) problems.push(`记实日期 ${date} 晚于今天（${today}），不能预先记实。`);
  if (!note) problems.push('填了完成进度，请写明进展情况。');
  let progress = NaN;
  if (!rawProgress) problems.push('请填写完成进度（0 到 100）。');
  else {
    progress = Number(rawProgress.replace(/[%％]$/, ''));
    if (!Number.isFinite(progress) || !/^[-+]?\d+(\.\d+)?[%％]?$/.test(rawProgress))
      problems.push(`完成进度应是 0 到 100 的数，不是“${rawProgress.slice(0, 20)}”。`);
    else if (progress < 0 || progress > 100) problems.push(`完成进度应在 0 到 100 之间，不是 ${progress}。`);
  }
  if (problems.length) return { empty: false, problems };
  return { empty: false, problems, record: { date, note, progress } };
}
