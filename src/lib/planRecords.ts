/**
 * The whole of one month's recording, planned before anything is written
 * (本月记实 in the admin, `npm run import -- records`): each filled row is
 * checked (src/lib/recordInput.ts), appended to its pledge file's text
 * (src/lib/appendRecord.ts) and the result checked by the pledge schema, the
 * same rules as a save in the editor. Any problem anywhere means nothing is
 * written: the caller writes `writes` only when `problems` is empty.
 */
import { appendRecord } from './appendRecord.ts';
import type { IsoDate, Period } from './dates.ts';
import { checkRecordInput, type RecordInput } from './recordInput.ts';
import { pledgeFields, pledgeSchema } from '../schemas/pledge.ts';
import { issueToProblem } from './issueMessage.ts';
import { parseMarkdown } from './parseContentFile.ts';

export interface PlannedRow {
  /** How the row is named in a message: 第 3 行（王芳：义务辅导学困生）. */
  label: string;
  /** The pledge file's path. */
  path: string;
  /** Its text now; undefined when the file no longer exists. */
  text: string | undefined;
  /** True when the file changed since the page was loaded or the sheet exported. */
  stale?: boolean;
  input: RecordInput;
}

export interface RecordPlan {
  writes: { path: string; text: string }[];
  problems: { path: string; label: string; message: string }[];
  /** Rows left empty (nothing to write). */
  empty: number;
}

export function planRecords(rows: readonly PlannedRow[], period: Period, today: IsoDate): RecordPlan {
  const plan: RecordPlan = { writes: [], problems: [], empty: 0 };
  const seen = new Map<string, string>();
  for (const row of rows) {
    const problem = (message: string) => plan.problems.push({ path: row.path, label: row.label, message: `${row.label}：${message}` });
    const checked = checkRecordInput(row.input, period, today);
    if (checked.empty) {
      plan.empty += 1;
      continue;
    }
    if (row.text === undefined) {
      problem(`承诺文件 ${row.path} 已不存在（可能被删除或改名），没有写入。`);
      continue;
    }
    if (row.stale) {
      problem(`承诺文件 ${row.path} 在您打开之后已被别人修改，没有写入。`);
      continue;
    }
    if (seen.has(row.path)) {
      problem(`与${seen.get(row.path)}是同一项承诺：同一期只记一条，请合并成一行。`);
      continue;
    }
    seen.set(row.path, row.label);
    if (!checked.record) {
      for (const m of checked.problems) problem(m);
      continue;
    }
    const appended = appendRecord(row.text, checked.record);
    if (!appended.ok) {
      problem(appended.message);
      continue;
    }
    // The same schema a save in the editor is checked by (admin/saveRules.ts), on the file as it will be.
    const parsed = parseMarkdown(appended.text, row.path);
    const result = pledgeSchema.safeParse(parsed.data);
    if (!result.success) {
      for (const issue of result.error.issues) problem(issueToProblem(issue, row.path, pledgeFields, parsed.data).message);
      continue;
    }
    plan.writes.push({ path: row.path, text: appended.text });
  }
  return plan;
}
