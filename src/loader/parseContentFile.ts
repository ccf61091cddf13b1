/**
 * Parsing and writing one content file, with no file-system access, so the
 * checker, the generators and the CMS (in the browser) read and write files
 * the same way: YAML front matter read with js-yaml's CORE_SCHEMA (dates stay
 * strings), BOM and CRLF accepted, every failure a `Problem`, never a throw.
 */
import yaml from 'js-yaml';
import type { Problem } from '../lib/problem.ts';

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

/**
 * A Markdown file with front matter, as the generators, the roster import and
 * the CMS write it: keys in the order given, dates and other strings that YAML
 * would read as something else quoted, long lines never folded.
 */
export function stringifyMarkdown(front: Record<string, unknown>, body?: string): string {
  const text = body?.replace(/\s+$/, '') ?? '';
  return `---\n${yaml.dump(front, { lineWidth: -1, noRefs: true })}---\n${text ? `${text}\n` : ''}`;
}
