/**
 * Reads a content folder from disk: finds the files of every collection,
 * ignores OS and editor junk, accepts Windows Notepad files (BOM, CRLF) and
 * parses front matter and JSON. Every failure becomes a `Problem` naming the
 * file; nothing here throws on bad content. Symbolic links are refused and
 * never followed; file sizes, the number of files and their total size are
 * bounded (src/schemas/contentLimits.ts), each checked before the file is read.
 */
import type { Dirent } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { collections, type CollectionDef, type CollectionName } from '../schemas/collections.ts';
import { contentLimits, formatBytes, formatCount, type ContentLimits } from '../schemas/contentLimits.ts';
import { problem, type Problem } from '../lib/problem.ts';
import { parseJson, parseMarkdown } from '../lib/parseContentFile.ts';
import { readContentFile, symlinkMessage } from './readContentFile.ts';
import { listDir } from './listDir.ts';

export { normalizeText, parseJson, parseMarkdown, splitFrontMatter } from '../lib/parseContentFile.ts';

/** A file read and parsed, not yet validated. */
export interface RawEntry {
  collection: CollectionName;
  id: string;
  round?: string;
  file: string;
  data: unknown;
  body?: string;
}

/** Valid file names: what becomes an id and a URL. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const JUNK = [/^\./, /^~\$/, /~$/, /^#.*#$/, /\.(swp|swo|tmp|bak|orig)$/i, /^(thumbs\.db|desktop\.ini|ehthumbs\.db)$/i];

/** True for files no person meant as content: `.DS_Store`, `Thumbs.db`, `._x.md`, `x.md~`, `.x.md.swp` … */
export function isJunk(name: string): boolean {
  return JUNK.some((re) => re.test(name));
}

/** How a path is shown: relative to the repository root when inside it. */
export function displayPath(abs: string, root = process.cwd()): string {
  const rel = relative(root, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
}

/** How much of the folder has been read so far, against the limits on the whole folder. */
interface Budget {
  limits: ContentLimits;
  files: number;
  bytes: number;
  /** Set once a limit on the whole folder is passed: nothing more is read. */
  stopped: boolean;
}

/**
 * The entries of `dir`, counted against the folder's budget (junk, files and folders alike); undefined, with the
 * problem said once, when the folder holds more than allowed. Only one entry past the limit is ever listed.
 */
function listWithin(dir: string, budget: Budget, contentDir: string, root: string, problems: Problem[]): Dirent[] | undefined {
  const entries = listDir(dir, budget.limits.files - budget.files);
  budget.files += entries.length;
  if (budget.files <= budget.limits.files) return entries;
  budget.stopped = true;
  problems.push(
    problem({
      file: displayPath(contentDir, root),
      rule: 'too-many-files',
      message: `内容文件夹里的文件和文件夹超过 ${formatCount(budget.limits.files)} 个，已停止检查（一个县 10,000 名党员约有 44,000 个文件）：请检查是否误放了其他文件。`,
    }),
  );
  return undefined;
}

/** Reads a file within the folder's byte budget; the text, or undefined with the problem said. */
function readWithin(path: string, file: string, budget: Budget, contentDir: string, root: string, problems: Problem[]): string | undefined {
  const read = readContentFile(path, budget.limits.fileBytes);
  budget.bytes += read.bytes;
  if ('refused' in read) {
    problems.push(problem({ file, rule: read.refused.rule, message: read.refused.message }));
    return undefined;
  }
  if (budget.bytes > budget.limits.totalBytes) {
    budget.stopped = true;
    problems.push(
      problem({
        file: displayPath(contentDir, root),
        rule: 'content-too-large',
        message: `内容文件夹的文件合计超过 ${formatBytes(budget.limits.totalBytes)}，已停止检查（一个县 10,000 名党员约 32 MB）：请检查是否误放了大文件。`,
      }),
    );
    return undefined;
  }
  return read.text;
}

function readCollection(def: CollectionDef, contentDir: string, root: string, out: RawEntry[], problems: Problem[], budget: Budget): void {
  const dir = join(contentDir, def.name);
  const visit = (abs: string, round: string | undefined, depth: number) => {
    for (const entry of listWithin(abs, budget, contentDir, root, problems) ?? []) {
      if (budget.stopped) return;
      const name = entry.name;
      if (isJunk(name)) continue;
      const path = join(abs, name);
      const file = displayPath(path, root);
      const expectDir = def.perRound && depth === 0;
      // Dirent types come from the folder listing, so a link is seen as a link and never followed, dangling or not.
      if (entry.isSymbolicLink()) {
        problems.push(problem({ file, rule: 'symlink', message: symlinkMessage(name) }));
        continue;
      }
      if (entry.isDirectory()) {
        if (!expectDir) {
          problems.push(problem({ file, rule: 'layout', message: `“${def.name}”下不应再建文件夹。` }));
        } else if (!ID_PATTERN.test(name)) {
          problems.push(
            problem({
              file,
              rule: 'id',
              message: `轮次文件夹名“${name}”只能用小写字母、数字和连字符（如 2026）。`,
            }),
          );
        } else {
          visit(path, name, 1);
        }
        continue;
      }
      if (!entry.isFile()) {
        problems.push(
          problem({
            file,
            rule: 'file-type',
            message: '这不是普通文件（可能是管道或设备）：内容文件夹里只能放 .md 文件。请删除它。',
          }),
        );
        continue;
      }
      if (!name.endsWith('.md')) {
        problems.push(problem({ file, rule: 'file-type', message: '不认识的文件：内容文件应以 .md 结尾。' }));
        continue;
      }
      if (expectDir) {
        problems.push(
          problem({
            file,
            rule: 'layout',
            message: `${def.label}应放在轮次文件夹里，如 ${def.name}/2026/${name}。`,
          }),
        );
        continue;
      }
      const stem = name.slice(0, -3);
      if (!ID_PATTERN.test(stem)) {
        problems.push(
          problem({
            file,
            rule: 'id',
            message: `文件名“${stem}”只能用小写字母、数字和连字符（它会成为网址，不能用中文或空格）。`,
          }),
        );
        continue;
      }
      const text = readWithin(path, file, budget, contentDir, root, problems);
      if (text === undefined) continue;
      const parsed = parseMarkdown(text, file, budget.limits);
      if (parsed.problem) {
        problems.push(parsed.problem);
        continue;
      }
      out.push({ collection: def.name, id: round ? `${round}/${stem}` : stem, round, file, data: parsed.data, body: parsed.body });
    }
  };
  visit(dir, undefined, 0);
}

/**
 * Reads every content file under `contentDir` (or only the collections named in `only`).
 * @example readContentTree('/repo/content') // → { entries: [...], problems: [] }
 */
export function readContentTree(
  contentDir: string,
  root = process.cwd(),
  only?: readonly CollectionName[],
  limits: ContentLimits = contentLimits,
): { entries: RawEntry[]; problems: Problem[] } {
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  const budget: Budget = { limits, files: 0, bytes: 0, stopped: false };
  // The top level holds site.json and the collection folders; a link there (to a folder or a file) is refused too.
  const top = new Map((listWithin(contentDir, budget, contentDir, root, problems) ?? []).map((e) => [e.name, e]));
  const links = new Set([...top.values()].filter((e) => e.isSymbolicLink()).map((e) => e.name));
  if (!only) {
    for (const name of links)
      problems.push(
        problem({
          file: displayPath(join(contentDir, name), root),
          rule: 'symlink',
          message: symlinkMessage(name),
        }),
      );
  }
  for (const def of collections) {
    if (budget.stopped) break;
    if (only && !only.includes(def.name)) continue;
    const name = def.file ?? def.name;
    if (links.has(name)) continue;
    if (def.file) {
      const path = join(contentDir, def.file);
      const file = displayPath(path, root);
      if (!top.has(def.file)) {
        problems.push(problem({ file, rule: 'missing', message: `缺少站点设置文件 ${def.file}。` }));
        continue;
      }
      const text = readWithin(path, file, budget, contentDir, root, problems);
      if (text === undefined) continue;
      const parsed = parseJson(text, file, limits);
      if (parsed.problem) problems.push(parsed.problem);
      else entries.push({ collection: def.name, id: def.name, file, data: parsed.data });
      continue;
    }
    readCollection(def, contentDir, root, entries, problems, budget);
  }
  return { entries, problems };
}
