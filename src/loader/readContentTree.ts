/**
 * Reads a content folder from disk: finds the files of every collection,
 * ignores OS and editor junk, accepts Windows Notepad files (BOM, CRLF) and
 * parses front matter and JSON. Every failure becomes a `Problem` naming the
 * file; nothing here throws on bad content.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import yaml from 'js-yaml';
import { collections, type CollectionDef, type CollectionName } from '../schemas/collections.ts';
import type { Problem } from '../lib/problem.ts';

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

/** Removes a byte-order mark and turns CRLF/CR line ends into LF. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const yamlReasons: [RegExp, string][] = [
  [/bad indentation/, '缩进不一致'],
  [/duplicated mapping key/, '同一个字段写了两次'],
  [/end of the stream or a document separator is expected/, '多余的内容或缩进错误'],
  [/unexpected end of the stream within a (double|single) quoted scalar/, '引号没有配对'],
  [/can not read a block mapping entry; a multiline key may not be an implicit key/, '冒号后缺少空格或缩进错误'],
  [/incomplete explicit mapping pair/, '冒号使用有误'],
  [/missed comma between flow collection entries/, '方括号或花括号里缺少逗号'],
];

function yamlMessage(err: yaml.YAMLException, lineOffset: number): string {
  const reason = yamlReasons.find(([re]) => re.test(err.reason))?.[1] ?? '格式有误';
  const line = (err.mark?.line ?? 0) + 1 + lineOffset;
  const col = (err.mark?.column ?? 0) + 1;
  return `字段区(YAML)第 ${line} 行第 ${col} 列附近${reason}(${err.reason})。请检查缩进、冒号后的空格和引号。`;
}

/** Splits `---\nfront matter\n---\nbody`. Returns null when there is no front matter. */
export function splitFrontMatter(text: string): { front: string; body: string } | null {
  if (!text.startsWith('---\n')) return null;
  const end = text.indexOf('\n---', 3);
  if (end < 0) return null;
  const after = text.indexOf('\n', end + 4);
  return { front: text.slice(4, end + 1), body: after < 0 ? '' : text.slice(after + 1) };
}

/** Parses one Markdown-with-front-matter file. */
export function parseMarkdown(text: string, file: string): { data?: unknown; body?: string; problem?: Problem } {
  const problem = (rule: string, message: string): { problem: Problem } => ({ problem: { file, field: '', rule, severity: 'error', message } });
  const clean = normalizeText(text);
  if (clean.trim() === '') return problem('empty', '文件是空的。请删除它,或填写内容后再保存。');
  const parts = splitFrontMatter(clean);
  if (!parts) return problem('frontmatter', '文件开头缺少字段区:第一行应为 ---,字段写完后再单独一行 ---。');
  let data: unknown;
  try {
    // CORE_SCHEMA keeps `2026-02-30` a string, so impossible dates are caught instead of silently rolled over.
    data = yaml.load(parts.front, { schema: yaml.CORE_SCHEMA, filename: file });
  } catch (err) {
    if (err instanceof yaml.YAMLException) return problem('yaml', yamlMessage(err, 1));
    throw err;
  }
  if (data === null || data === undefined) return problem('empty', '字段区是空的,没有填写任何字段。');
  if (typeof data !== 'object' || Array.isArray(data)) return problem('frontmatter', '字段区应为“字段名: 值”的形式。');
  return { data, body: parts.body };
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `第 ${line} 行第 ${pos - before.lastIndexOf('\n')} 列`;
}

/** Parses a JSON file. */
export function parseJson(text: string, file: string): { data?: unknown; problem?: Problem } {
  const clean = normalizeText(text);
  const problem = (rule: string, message: string) => ({ problem: { file, field: '', rule, severity: 'error' as const, message } });
  if (clean.trim() === '') return problem('empty', '文件是空的。');
  try {
    const data = JSON.parse(clean);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return problem('json', '文件应为一个 JSON 对象(以 { 开头,以 } 结尾)。');
    return { data };
  } catch (err) {
    const pos = /position (\d+)/.exec(String((err as Error).message));
    const where = pos ? `${lineCol(clean, Number(pos[1]))}附近` : '';
    return problem('json', `不是有效的 JSON:${where}格式有误。常见原因:最后一项后面多了逗号、缺少引号或括号不配对。`);
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function readCollection(def: CollectionDef, contentDir: string, root: string, out: RawEntry[], problems: Problem[]): void {
  const dir = join(contentDir, def.name);
  const visit = (abs: string, round: string | undefined, depth: number) => {
    for (const name of listDir(abs)) {
      if (isJunk(name)) continue;
      const path = join(abs, name);
      const file = displayPath(path, root);
      const isDir = statSync(path).isDirectory();
      const expectDir = def.perRound && depth === 0;
      if (isDir) {
        if (!expectDir) {
          problems.push({ file, field: '', rule: 'layout', severity: 'error', message: `“${def.name}”下不应再建文件夹。` });
        } else if (!ID_PATTERN.test(name)) {
          problems.push({ file, field: '', rule: 'id', severity: 'error', message: `轮次文件夹名“${name}”只能用小写字母、数字和连字符(如 2026)。` });
        } else {
          visit(path, name, 1);
        }
        continue;
      }
      if (!name.endsWith('.md')) {
        problems.push({ file, field: '', rule: 'file-type', severity: 'error', message: '不认识的文件:内容文件应以 .md 结尾。' });
        continue;
      }
      if (expectDir) {
        problems.push({ file, field: '', rule: 'layout', severity: 'error', message: `${def.label}应放在轮次文件夹里,如 ${def.name}/2026/${name}。` });
        continue;
      }
      const stem = name.slice(0, -3);
      if (!ID_PATTERN.test(stem)) {
        problems.push({ file, field: '', rule: 'id', severity: 'error', message: `文件名“${stem}”只能用小写字母、数字和连字符(它会成为网址,不能用中文或空格)。` });
        continue;
      }
      const parsed = parseMarkdown(readFileSync(path, 'utf8'), file);
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
 * Reads every content file under `contentDir`.
 * @example readContentTree('/repo/content') // → { entries: [...], problems: [] }
 */
export function readContentTree(contentDir: string, root = process.cwd()): { entries: RawEntry[]; problems: Problem[] } {
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  for (const def of collections) {
    if (def.file) {
      const path = join(contentDir, def.file);
      const file = displayPath(path, root);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        problems.push({ file, field: '', rule: 'missing', severity: 'error', message: `缺少站点设置文件 ${def.file}。` });
        continue;
      }
      const parsed = parseJson(text, file);
      if (parsed.problem) problems.push(parsed.problem);
      else entries.push({ collection: def.name, id: def.name, file, data: parsed.data });
      continue;
    }
    readCollection(def, contentDir, root, entries, problems);
  }
  return { entries, problems };
}
