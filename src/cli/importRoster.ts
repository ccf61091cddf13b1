/**
 * `npm run import -- roster.xlsx [--dry-run] [--content DIR]`
 * (`npm run import -- records 记实表.xlsx` imports a month's records instead: src/cli/importRecords.ts.)
 * Creates or updates member files from a roster with Chinese headers
 * (姓名, 所在支部, 职务, 岗位, 状态; optional 编号, 设岗). Nothing is written
 * when any row is bad, or when the roster is over its limits (5,000 member
 * rows, 200 characters a cell, 10 MB, 50 MB unpacked — counted while the
 * file is read: src/loader/readWorkbook.ts); --dry-run shows what would change.
 */
import { readFileSync, writeFileSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { planRoster } from '../loader/planRoster.ts';
import { readContentTree, normalizeText, splitFrontMatter } from '../loader/readContentTree.ts';
import { stringifyMarkdown } from '../lib/parseContentFile.ts';
import { validateContent } from '../loader/validateContent.ts';
import { readTable, TableError } from '../loader/readTable.ts';
import { type CliIo, isMain, processIo } from './cliIo.ts';

const kindLabel = { create: '新建', update: '更新', same: '不变' } as const;

/** `npm run import` with arguments `args` (`records …` for a month's sheet), writing to `io`; returns the exit code. */
export async function importCommand(args: string[], io: CliIo = processIo): Promise<number> {
  if (args[0] === 'records') {
    const { importRecords } = await import('./importRecords.ts');
    try {
      return await importRecords(args.slice(1), io);
    } catch (err) {
      io.err(
        `导入记实时出现意外错误，没有写入任何文件：请把这条消息和所用的命令告诉维护人员（技术信息：${String((err as Error)?.message ?? err).slice(0, 200)}）。\n`,
      );
      return 1;
    }
  }
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, content: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) {
    io.err(
      '用法：npm run import -- 名册.xlsx [--dry-run]\n表头：姓名、所在支部、职务、岗位、状态（可加 编号、设岗）\n导入每月的记实表：npm run import -- records 记实表.xlsx [--dry-run]\n',
    );
    return 2;
  }
  if (!existsSync(file)) {
    io.err(`找不到文件：${file}\n`);
    return 2;
  }
  const dir = resolve(values.content ?? io.env.CONTENT_DIR ?? 'content');
  const { model } = validateContent(readContentTree(dir).entries);
  if (!model) {
    io.err('现有内容有错误，请先运行 npm run check 并改正。\n');
    return 1;
  }
  let rows: string[][];
  try {
    rows = await readTable(file);
  } catch (err) {
    if (err instanceof TableError) io.err(`没有写入任何文件：${err.message}\n`);
    else io.err(`无法读取“${file}”：请确认它是 .xlsx 或 .csv 文件。\n`);
    return 1;
  }
  const plan = planRoster(
    rows,
    model.members.map((m) => ({ id: m.id, data: m.data })),
    model.orgs.map((o) => ({ id: o.id, name: o.data.name })),
  );
  if (plan.errors.length) {
    io.out(`名册有 ${plan.errors.length} 处问题，没有写入任何文件：\n`);
    // A roster of thousands of bad rows is one mistake repeated: the first 50 say what it is.
    for (const e of plan.errors.slice(0, 50)) io.out(e.row ? `  第 ${e.row} 行「${e.column}」：${e.message}\n` : `  ${e.message}\n`);
    if (plan.errors.length > 50) io.out(`  ……还有 ${plan.errors.length - 50} 处问题没有列出。\n`);
    return 1;
  }
  for (const c of plan.changes) {
    io.out(`  第 ${c.row} 行 ${kindLabel[c.kind]} members/${c.id}.md${c.kind === 'update' ? `(${c.changed.join('、')})` : ''}\n`);
  }
  const todo = plan.changes.filter((c) => c.kind !== 'same');
  if (values['dry-run']) {
    io.out(
      `预览：将新建 ${todo.filter((c) => c.kind === 'create').length} 人，更新 ${todo.filter((c) => c.kind === 'update').length} 人（未写入，去掉 --dry-run 后执行）。\n`,
    );
    return 0;
  }
  // A link in members/ (or members/ itself as one) would be written through, to a file outside the content:
  // the whole import is refused before anything is written, as the check refuses the link.
  const linked = [join(dir, 'members'), ...todo.map((c) => join(dir, 'members', `${c.id}.md`))].filter((p) =>
    lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink(),
  );
  if (linked.length) {
    io.err(
      `没有写入任何文件：${linked.map((p) => `“${p}”`).join('、')}是符号链接（快捷方式），导入不会写到它指向的地方。请先删除它（npm run check 会列出所有符号链接）。\n`,
    );
    return 1;
  }
  mkdirSync(join(dir, 'members'), { recursive: true });
  for (const c of todo) {
    const path = join(dir, 'members', `${c.id}.md`);
    const body = existsSync(path) ? (splitFrontMatter(normalizeText(readFileSync(path, 'utf8')))?.body ?? '') : '';
    writeFileSync(path, stringifyMarkdown(c.data, body));
  }
  io.out(
    `已写入：新建 ${todo.filter((c) => c.kind === 'create').length} 人，更新 ${todo.filter((c) => c.kind === 'update').length} 人。\n`,
  );
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = await importCommand(process.argv.slice(2));
