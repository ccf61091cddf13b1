/**
 * `npm run import -- records 记实表.xlsx [--dry-run] [--content DIR] [--today YYYY-MM-DD]`
 * Appends the records filled in a month's spreadsheet (`npm run export -- month`) to their pledge files:
 * the whole sheet is checked first (src/loader/planSheetImport.ts), and then every file is written or none
 * (src/loader/writeFilesAtomically.ts). `--dry-run` shows what would be written and writes nothing.
 * "Today" — no record may be dated after it — is the date in the site's time zone unless `--today` says.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { NewRecord } from '../lib/appendRecord.ts';
import { sheetLimits } from '../loader/monthSheetLayout.ts';
import { planSheetImport } from '../loader/planSheetImport.ts';
import { readBoundedFile } from '../loader/readBoundedFile.ts';
import { readMonthSheet } from '../loader/readMonthSheet.ts';
import { readPledgeIndex, todayOf } from '../loader/readPledgeIndex.ts';
import { writeFilesAtomically } from '../loader/writeFilesAtomically.ts';
import { type CliIo, processIo } from './cliIo.ts';

const usage =
  '用法：npm run import -- records 记实表.xlsx [--dry-run] [--content 内容目录] [--today 2025-12-31]\n记实表由 npm run export -- month 2025-12 导出，在“记实日期”“进展情况”“完成进度（%）”三列填写。\n';

/** One record as a line: 2025-12-20，完成进度 80%，进展情况…… */
const recordLine = (r: NewRecord) => `${r.date}，完成进度 ${r.progress}%，${r.note.replace(/\s*\n\s*/g, ' ')}`;

/** Runs `import records` with the arguments after `records`; the exit code. */
export async function importRecords(args: string[], io: CliIo = processIo): Promise<number> {
  const out = (s: string) => io.out(`${s}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, content: { type: 'string' }, today: { type: 'string' } },
    });
  } catch {
    io.err(usage);
    return 2;
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.err(usage);
    return 2;
  }
  if (!existsSync(file)) {
    io.err(`找不到文件：${file}\n`);
    return 2;
  }
  const dir = resolve(values.content ?? io.env.CONTENT_DIR ?? 'content');
  const read = readPledgeIndex(dir);
  if ('error' in read) {
    io.err(`现有${read.error}\n`);
    return 1;
  }
  const day = todayOf(read.index, values.today, new Date());
  if ('error' in day) {
    io.err(`${day.error}\n`);
    return 2;
  }
  const bytes = readBoundedFile(file, sheetLimits.fileBytes);
  if (!('bytes' in bytes)) {
    io.err(`没有写入任何文件：“${file}”${'refused' in bytes ? bytes.refused : '读取失败'}。\n`);
    return 1;
  }
  const sheet = await readMonthSheet(bytes.bytes, file);
  const plan =
    'problems' in sheet
      ? { problems: sheet.problems, writes: [], empty: 0, stale: 0, period: undefined }
      : planSheetImport(sheet.info, sheet.rows, read.index, dir, day.today);
  if (plan.problems.length) {
    out(`记实表有 ${plan.problems.length} 处问题，没有写入任何文件：`);
    // A sheet of many bad rows is usually one mistake repeated: the first ones say what it is.
    for (const p of plan.problems.slice(0, sheetLimits.shownProblems)) out(`  ${p}`);
    if (plan.problems.length > sheetLimits.shownProblems)
      out(`  ……还有 ${plan.problems.length - sheetLimits.shownProblems} 处问题没有列出。`);
    if (plan.stale)
      out(
        `这 ${plan.stale} 行的承诺文件在导出之后被修改过（可能已在后台或另一份表格里记实）：请重新运行 npm run export -- month ${plan.period?.key ?? ''} 导出新表，把这几行填写的内容抄过去再导入。`,
      );
    return 1;
  }
  const period = plan.period!;
  const skipped = plan.empty ? `，另有 ${plan.empty} 行留空` : '';
  if (plan.writes.length === 0) {
    out(`记实表里没有填写任何记实（${plan.empty} 行都留空），没有写入任何文件。`);
    return 0;
  }
  const listing = () => {
    for (const w of plan.writes) {
      out(`  ${w.label} → ${w.path}`);
      out(`    ${recordLine(w.record)}`);
    }
  };
  if (values['dry-run']) {
    out(`预览（没有写入）：将为 ${plan.writes.length} 项承诺各追加一条 ${period.key} 的践诺记实${skipped}。去掉 --dry-run 即写入：`);
    listing();
    return 0;
  }
  const written = writeFilesAtomically(plan.writes.map((w) => ({ file: w.file, before: w.before, after: w.after })));
  if (!written.ok) {
    io.err(`${written.message}\n`);
    return 1;
  }
  out(`已写入：为 ${plan.writes.length} 项承诺各追加了一条 ${period.key} 的践诺记实${skipped}：`);
  listing();
  out(`请运行 npm run check${dir === resolve('content') ? '' : ` -- --content ${dir}`} 检查全部内容，确认无误后再发布。`);
  return 0;
}
