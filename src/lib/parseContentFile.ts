/**
 * Parsing and writing one content file, with no file-system access, so the
 * checker, the generators and the CMS (in the browser) read and write files
 * the same way: YAML front matter read with js-yaml's CORE_SCHEMA (dates stay
 * strings), BOM and CRLF accepted, every failure a `Problem`, never a throw.
 * Hostile text fails here, cheaply: a YAML anchor or alias, nesting or an
 * item count no content needs, a body over its limit, a control character
 * in the body.
 */
import yaml from 'js-yaml';
import { contentLimits, formatCount, type ContentLimits } from '../schemas/contentLimits.ts';
import { findControlChar } from '../schemas/controlChars.ts';
import { problem, type Problem } from './problem.ts';
import { maskControlChars } from './maskControlChars.ts';
import { valueShape, type ShapeFinding } from './valueShape.ts';

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
  [/non-printable characters/, '含有无效的字符'],
];

/** Why the YAML listener stopped a parse: the rule and the message. */
class YamlRefused extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** The line a js-yaml state is at, counted in the whole file (the front matter starts on line 2). */
const stateLine = (state: { line: number }) => state.line + 2;

/**
 * Watches js-yaml build the front matter and stops it at the first anchor (`&a`), which is what any alias (`*a`)
 * needs: content never repeats a value by reference, and a few lines of nested aliases make a tree of billions of
 * items for whatever walks it next. It also stops at a depth or a node count that no content reaches.
 */
function yamlListener(limits: ContentLimits): (event: yaml.EventType, state: yaml.State) => void {
  let nodes = 0;
  return (event, s) => {
    // js-yaml 4.3 keeps these on its state; its type declarations do not list them.
    const state = s as yaml.State & { depth: number; anchorMap: Record<string, unknown> };
    if (event === 'open') {
      nodes += 1;
      if (nodes > limits.nodes)
        throw new YamlRefused(
          'too-many-items',
          `字段区的内容太多（超过 ${formatCount(limits.nodes)} 项，到第 ${stateLine(state)} 行为止），一个文件不会有这么多内容：请检查是否粘贴了多余的内容。`,
        );
      if (state.depth > limits.depth)
        throw new YamlRefused(
          'too-deep',
          `字段区第 ${stateLine(state)} 行附近嵌套太深（超过 ${limits.depth} 层），内容文件不需要这么多层：请检查缩进和括号。`,
        );
      return;
    }
    for (const name in state.anchorMap) {
      throw new YamlRefused(
        'yaml-alias',
        `字段区第 ${stateLine(state)} 行附近用了 YAML 锚点“&${name.slice(0, 40)}”或别名“*${name.slice(0, 40)}”：内容文件不允许使用它们（它们会让检查和生成网站耗尽内存）。请把值直接写出来。`,
      );
    }
  };
}

/** The message for a parsed value whose shape is refused (see valueShape.ts). */
function shapeMessage(found: ShapeFinding, what: string): { rule: string; message: string } {
  switch (found.kind) {
    case 'shared':
      return { rule: 'yaml-alias', message: `${what}中同一个值被引用了多次（YAML 别名）：内容文件不允许这样写，请把值直接写出来。` };
    case 'deep':
      return { rule: 'too-deep', message: `${what}嵌套太深（超过 ${found.depth} 层），内容文件不需要这么多层：请检查括号。` };
    case 'many':
      return {
        rule: 'too-many-items',
        message: `${what}的内容太多（超过 ${formatCount(found.count)} 项），一个文件不会有这么多内容：请检查是否粘贴了多余的内容。`,
      };
  }
}

function yamlMessage(err: yaml.YAMLException, lineOffset: number): string {
  const reason = yamlReasons.find(([re]) => re.test(err.reason))?.[1] ?? '格式有误';
  const line = (err.mark?.line ?? 0) + 1 + lineOffset;
  const col = (err.mark?.column ?? 0) + 1;
  // js-yaml's reason can quote the text (an unknown tag, an alias name): keep the message short whatever it holds.
  const detail = err.reason.length > 100 ? `${err.reason.slice(0, 100)}…` : err.reason;
  return `字段区（YAML）第 ${line} 行第 ${col} 列附近${reason}（${detail}）。请检查缩进、冒号后的空格和引号。`;
}

/** Splits `---\nfront matter\n---\nbody`. Returns null when there is no front matter. */
export function splitFrontMatter(text: string): { front: string; body: string } | null {
  if (!text.startsWith('---\n')) return null;
  const end = text.indexOf('\n---', 3);
  if (end < 0) return null;
  const after = text.indexOf('\n', end + 4);
  return { front: text.slice(4, end + 1), body: after < 0 ? '' : text.slice(after + 1) };
}

/** The first line of `text` at `index`, counted from 1. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/** A body over its limit, or holding a control character (tab and line breaks are fine), as a problem. */
function bodyProblem(body: string, bodyStartLine: number, limits: ContentLimits): { rule: string; message: string } | undefined {
  if (body.length > limits.bodyChars) {
    return {
      rule: 'body-too-long',
      message: `正文太长：有 ${formatCount(body.length)} 个字，最多 ${formatCount(limits.bodyChars)} 个字。请精简正文，或把长篇材料作为附件（PDF）上传。`,
    };
  }
  const found = findControlChar(body, true);
  if (found) {
    const line = bodyStartLine + lineAt(body, found.index) - 1;
    return {
      rule: 'control-char',
      message: `正文第 ${line} 行含有不可见的控制字符（${found.code}），常见于从网页、Word 或其他软件复制来的文字：请删除它后再保存。`,
    };
  }
  return undefined;
}

/** Parses one Markdown-with-front-matter file; `limits` are `contentLimits` unless a test says otherwise. */
export function parseMarkdown(
  text: string,
  file: string,
  limits: ContentLimits = contentLimits,
): { data?: unknown; body?: string; problem?: Problem } {
  const refuse = (rule: string, message: string, field = ''): { problem: Problem } => ({
    problem: problem({ file, field, rule, message }),
  });
  const clean = normalizeText(text);
  if (clean.trim() === '') return refuse('empty', '文件是空的。请删除它，或填写内容后再保存。');
  const parts = splitFrontMatter(clean);
  if (!parts) return refuse('frontmatter', '文件开头缺少字段区：第一行应为 ---，字段写完后再单独一行 ---。');
  // The body is checked first: it is the cheap test, and a file refused for it is never parsed.
  const badBody = bodyProblem(parts.body, lineAt(clean, clean.length - parts.body.length), limits);
  if (badBody) return refuse(badBody.rule, badBody.message, 'body');
  const masked = maskControlChars(parts.front);
  let data: unknown;
  try {
    // CORE_SCHEMA keeps `2026-02-30` a string, so impossible dates are caught instead of silently rolled over.
    const options: yaml.LoadOptions & { maxDepth: number } = {
      schema: yaml.CORE_SCHEMA,
      filename: file,
      listener: yamlListener(limits),
      maxDepth: limits.depth + 5,
    };
    data = yaml.load(masked.text, options);
  } catch (err) {
    if (err instanceof YamlRefused) return refuse(err.rule, err.message);
    if (err instanceof yaml.YAMLException) return refuse('yaml', yamlMessage(err, 1));
    // Anything else (a stack overflow on input no listener foresaw) is still this file's problem, not a crash.
    return refuse('yaml', '字段区无法读取：格式有误或内容过于复杂。请检查缩进、冒号后的空格和引号。');
  }
  if (data === null || data === undefined) return refuse('empty', '字段区是空的，没有填写任何字段。');
  if (typeof data !== 'object' || Array.isArray(data)) return refuse('frontmatter', '字段区应为“字段名: 值”的形式。');
  const shape = valueShape(data, limits.depth, limits.nodes);
  if (shape) {
    const refused = shapeMessage(shape, '字段区');
    return refuse(refused.rule, refused.message);
  }
  return { data: masked.restore(data), body: parts.body };
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `第 ${line} 行第 ${pos - before.lastIndexOf('\n')} 列`;
}

/** Parses a JSON file; `limits` are `contentLimits` unless a test says otherwise. */
export function parseJson(text: string, file: string, limits: ContentLimits = contentLimits): { data?: unknown; problem?: Problem } {
  const clean = normalizeText(text);
  const refuse = (rule: string, message: string): { problem: Problem } => ({ problem: problem({ file, rule, message }) });
  if (clean.trim() === '') return refuse('empty', '文件是空的。');
  const masked = maskControlChars(clean);
  try {
    const data: unknown = JSON.parse(masked.text);
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return refuse('json', '文件应为一个 JSON 对象（以 { 开头，以 } 结尾）。');
    const shape = valueShape(data, limits.depth, limits.nodes);
    if (shape) {
      const refused = shapeMessage(shape, '文件');
      return refuse(refused.rule, refused.message);
    }
    return { data: masked.restore(data) };
  } catch (err) {
    const pos = /position (\d+)/.exec(String((err as Error).message));
    const where = pos ? `${lineCol(clean, Number(pos[1]))}附近` : '';
    return refuse('json', `不是有效的 JSON：${where}格式有误。常见原因：最后一项后面多了逗号、缺少引号或括号不配对。`);
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
