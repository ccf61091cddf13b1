/**
 * The whole of a month's spreadsheet import, planned before anything is
 * written (`npm run import -- records`): each row is matched back to its
 * pledge file by the path the export wrote, refused when the path is not a
 * pledge of the content folder, when the pledge belongs to another org than
 * the one exported, or (by planRecords) when the file changed since the
 * export (its SHA-256 differs) or is gone; then planRecords
 * (src/lib/planRecords.ts) checks every filled row and the pledge files as
 * they would be. Anything wrong anywhere means nothing is written.
 */
import { join } from 'node:path';
import type { ContentIndex } from '../lib/contentIndex.ts';
import { contentLimits } from '../schemas/contentLimits.ts';
import type { IsoDate, Period } from '../lib/dates.ts';
import { orgOfOwner, sheetPeriod } from '../lib/monthSheetRows.ts';
import { ownerLabels } from '../lib/ownerLabels.ts';
import type { NewRecord } from '../lib/appendRecord.ts';
import { checkRecordInput } from '../lib/recordInput.ts';
import { headerOf } from './monthSheetLayout.ts';
import { planRecords, type PlannedRow } from '../lib/planRecords.ts';
import type { SheetInfo, SheetRow } from './readMonthSheet.ts';
import { readBoundedFile, sha256 } from './readBoundedFile.ts';
import { ID_PATTERN } from './readContentTree.ts';

export interface SheetWrite {
  /** The file on disk. */
  file: string;
  /** The file relative to the content folder, as the sheet has it. */
  path: string;
  /** Its bytes when checked, and the bytes to write. */
  before: Buffer;
  after: Buffer;
  label: string;
  record: NewRecord;
}

export interface SheetImport {
  period?: Period;
  problems: string[];
  writes: SheetWrite[];
  /** Rows left empty. */
  empty: number;
  /** Rows refused because their pledge file changed since the export. */
  stale: number;
}

const PLEDGE_PATH = /^pledges\/([^/\\]+)\/([^/\\]+)\.md$/;
const BOM = '\uFEFF';

/** Plans the import of `rows` (read from a sheet exported with `info`) into the content folder `dir`. */
export function planSheetImport(info: SheetInfo, rows: readonly SheetRow[], index: ContentIndex, dir: string, today: IsoDate): SheetImport {
  const out: SheetImport = { problems: [], writes: [], empty: 0, stale: 0 };
  const current = index.model.site.data.currentRound;
  if (info.round !== current) {
    out.problems.push(`表格是轮次“${info.round.slice(0, 20)}”导出的，现在的轮次是“${current}”：请重新导出本轮的表格。`);
    return out;
  }
  if (info.org && !index.org.has(info.org)) {
    out.problems.push(`表格导出时选定的组织“${info.org.slice(0, 40)}”已不存在：请重新导出。`);
    return out;
  }
  const p = sheetPeriod(index, info.period, today, info.org || undefined);
  if ('error' in p) {
    out.problems.push(`表格的记实期间：${p.error}`);
    return out;
  }
  const period = p.period;
  out.period = period;
  const label = ownerLabels(index.model.members, index.model.orgs);
  const orgName = (id: string) => index.org.get(id)?.data.name ?? id;
  const planned: PlannedRow[] = [];
  const files = new Map<string, { file: string; before: Buffer; bom: boolean; label: string; row: SheetRow }>();
  for (const row of rows) {
    const pledge = PLEDGE_PATH.exec(row.path);
    const entry = pledge ? index.pledge.get(`${pledge[1]}/${pledge[2]}`) : undefined;
    const name = entry ? label(entry.data.owner) : row.name;
    const title = entry?.data.title ?? row.title;
    const rowLabel = name || title ? `第 ${row.row} 行（${name}：${title.slice(0, 40)}）` : `第 ${row.row} 行`;
    const problem = (message: string) => out.problems.push(`${rowLabel}：${message}`);
    const filled = !checkRecordInput(row.input, period, today).empty;
    if (!row.path) {
      if (filled) problem(`这一行没有「${headerOf('path')}」，不是导出时的承诺：请只在导出的行里填写。`);
      continue;
    }
    if (!pledge || !ID_PATTERN.test(pledge[1]) || !ID_PATTERN.test(pledge[2])) {
      problem(
        `「${headerOf('path')}」“${row.path.slice(0, 60)}”不是内容文件夹 pledges/ 下的承诺文件，整份表格没有写入：请使用导出的表格，不要改动隐藏的列。`,
      );
      continue;
    }
    if (!filled) {
      out.empty += 1;
      continue;
    }
    if (entry && info.org && orgOfOwner(index, entry.data.owner) !== info.org) {
      problem(`这项承诺属于${orgName(orgOfOwner(index, entry.data.owner))}，不属于表格导出时选定的${orgName(info.org)}，没有写入。`);
      continue;
    }
    if (entry && entry.round !== current) {
      problem(`这项承诺属于轮次“${entry.round}”，不是本轮（${current}）的承诺，没有写入。`);
      continue;
    }
    const file = join(dir, 'pledges', pledge[1], `${pledge[2]}.md`);
    const read = readBoundedFile(file, contentLimits.fileBytes);
    if ('refused' in read) {
      problem(`承诺文件 ${row.path} ${read.refused}，没有写入。`);
      continue;
    }
    let text: string | undefined;
    let stale = false;
    if ('bytes' in read) {
      if (!/^[0-9a-f]{64}$/.test(row.hash)) {
        problem(`缺少导出时的「${headerOf('hash')}」，无法确认承诺文件没有被改过，没有写入：请使用导出的表格，不要改动隐藏的列。`);
        continue;
      }
      stale = sha256(read.bytes) !== row.hash;
      text = read.bytes.toString('utf8');
      files.set(row.path, { file, before: read.bytes, bom: text.startsWith(BOM), label: rowLabel, row });
    }
    if (stale) out.stale += 1;
    // planRecords reads the text without a byte-order mark; it is put back when the file is written.
    planned.push({ label: rowLabel, path: row.path, text: text?.replace(/^\uFEFF/, ''), stale, input: row.input });
  }
  const plan = planRecords(planned, period, today);
  out.problems.push(...plan.problems.map((x) => x.message));
  out.empty += plan.empty;
  for (const w of plan.writes) {
    const f = files.get(w.path)!;
    const record = checkRecordInput(f.row.input, period, today);
    out.writes.push({
      file: f.file,
      path: w.path,
      before: f.before,
      after: Buffer.from((f.bom ? BOM : '') + w.text, 'utf8'),
      label: f.label,
      record: (record.empty ? undefined : record.record)!,
    });
  }
  return out;
}
