/**
 * The 内容更新日期 in the footer: the date of what is built (the commit), not of the clock, so that the same commit always builds the same
 * site (reproducible builds). SOURCE_DATE_EPOCH when set, else the time of the commit checked out in `dir`, else
 * none; either instant is a date in the site's time zone (`timeZone`, Asia/Shanghai when none), as "today" is.
 */
import { execFileSync } from 'node:child_process';
import { todayIn, type IsoDate } from '../lib/dates.ts';

/** @example builtOn('content', 'Asia/Shanghai', { SOURCE_DATE_EPOCH: '1772407800' }) // → '2026-03-02' */
export function builtOn(dir: string, timeZone: string | undefined, env: NodeJS.ProcessEnv = process.env): IsoDate | undefined {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch)) return todayIn(timeZone, new Date(epoch * 1000));
  try {
    const seconds = execFileSync('git', ['log', '-1', '--format=%ct'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^\d+$/.test(seconds) ? todayIn(timeZone, new Date(Number(seconds) * 1000)) : undefined;
  } catch {
    return undefined;
  }
}
