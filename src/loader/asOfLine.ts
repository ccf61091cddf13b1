/** The line every command prints to say which as-of date it used and where it came from. */
import type { AsOfSource, IsoDate } from '../lib/dates.ts';
import { t } from '../i18n/t.ts';

/** `统计截止日期：2025-12-26（site.json 的 asOf）`, `（命令行 --as-of）` or `（今天，Asia/Shanghai）`. */
export function asOfLine(asOf: IsoDate, source: AsOfSource, timeZone: string): string {
  return t('time.asOf', { date: asOf, source: t(`time.source.${source}`, { zone: timeZone }) });
}
