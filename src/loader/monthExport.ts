/**
 * `npm run export -- month <period>`: the month's spreadsheet of a content
 * folder, from its owed pledges (src/lib/monthSheetRows.ts) and the SHA-256
 * of each pledge file's bytes as they are now.
 */
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { contentLimits } from '../schemas/contentLimits.ts';
import type { IsoDate, Period } from '../lib/dates.ts';
import type { ContentIndex } from '../lib/contentIndex.ts';
import { monthSheetRows, sheetPeriod } from '../lib/monthSheetRows.ts';
import { readBoundedFile, sha256 } from './readBoundedFile.ts';
import { readPledgeIndex, todayOf } from './readPledgeIndex.ts';
import { monthSheet } from './writeMonthSheet.ts';

export type MonthExport = { workbook?: ExcelJS.Workbook; rows: number; period: Period; orgName?: string } | { error: string };

/** The workbook for period `key` of the content folder `dir`, limited to `org` (an id or a name) when given. */
export async function monthExport(dir: string, key: string, o: { org?: string; today?: string; now?: Date }): Promise<MonthExport> {
  const read = readPledgeIndex(dir);
  if ('error' in read) return read;
  const { index } = read;
  const day = todayOf(index, o.today, o.now ?? new Date());
  if ('error' in day) return day;
  let org: string | undefined;
  if (o.org !== undefined) {
    const named = [...index.org.values()].filter((x) => x.data.name === o.org);
    org = index.org.has(o.org) ? o.org : named.length === 1 ? named[0].id : undefined;
    if (!org)
      return {
        error: `找不到组织“${o.org.slice(0, 40)}”：--org 后写组织编号（如 ${[...index.org.keys()][0] ?? 'diyi-zhibu'}）或组织全称。`,
      };
  }
  return monthWorkbookOf(index, dir, key, day.today, org);
}

/**
 * The workbook for period `key` of the content `index` read from `dir` (whose pledge files' bytes are hashed as
 * they are now), as of `today`, limited to the org `org` (an id) when given. The internal build's download
 * (src/data/downloads.ts) passes the content as that build shows it.
 */
export async function monthWorkbookOf(index: ContentIndex, dir: string, key: string, today: IsoDate, org?: string): Promise<MonthExport> {
  const p = sheetPeriod(index, key, today, org);
  if ('error' in p) return { error: `没有导出：${p.error}` };
  const rows = monthSheetRows(index, p.period, today, org);
  const orgName = org ? index.org.get(org)!.data.name : undefined;
  if (rows.length === 0) return { rows: 0, period: p.period, orgName };
  const hashes = new Map<string, string>();
  for (const r of rows) {
    const bytes = readBoundedFile(join(dir, ...r.path.split('/')), contentLimits.fileBytes);
    if (!('bytes' in bytes)) return { error: `承诺文件 ${r.path} 读取失败（可能刚被移走或改动），没有导出：请重新运行。` };
    hashes.set(r.path, sha256(bytes.bytes));
  }
  const workbook = await monthSheet(rows, (r) => hashes.get(r.path)!, {
    period: p.period,
    round: index.model.site.data.currentRound,
    org: org ? { id: org, name: orgName! } : undefined,
    today: today,
  });
  return { workbook, rows: rows.length, period: p.period, orgName };
}
