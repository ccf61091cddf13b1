/**
 * Chinese typography: no half-width , : ; ( ) next to a Chinese character in what a person reads — the interface
 * strings (src/i18n/zh-CN.json), the Chinese string and template literals of src/ and admin/ (the messages of
 * `npm run check` and the other CLIs, the CMS labels and hints, the pages' own text) and the README outside code.
 * Comments are English prose and are not scanned; regular expressions are code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { halfWidthPunctuation } from '../../src/lib/halfWidthPunctuation.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';

const root = join(import.meta.dirname, '..', '..');

/**
 * Format examples that must be typed with half-width characters: the time pattern 时:分 (22:00) and the
 * front-matter line 字段名: 值.
 */
const allowed = ['时:分', '字段名: 值'];

/** A piece of text a person may read, with the line it starts on. */
interface Piece {
  line: number;
  text: string;
}

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && ext.test(d.name))
    .map((d) => relative(root, join(d.parentPath, d.name)).split('\\').join('/'))
    .filter((f) => !f.includes('node_modules/'));
}

const placeholder = '\u0000';

/** The string literals, template literals (each `${…}` as one neutral character) and JSX text of TypeScript source. */
function literalsOf(code: string, tsx: boolean, firstLine = 1): Piece[] {
  const sf = ts.createSourceFile(tsx ? 'x.tsx' : 'x.ts', code, ts.ScriptTarget.Latest, true, tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Piece[] = [];
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + firstLine;
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push({ line: lineOf(n.getStart(sf)), text: n.text });
    else if (ts.isTemplateExpression(n)) {
      out.push({ line: lineOf(n.getStart(sf)), text: n.head.text + n.templateSpans.map((s) => placeholder + s.literal.text).join('') });
    } else if (n.kind === ts.SyntaxKind.JsxText) out.push({ line: lineOf(n.getStart(sf)), text: (n as ts.JsxText).text });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** An .astro file: its front matter and scripts as TypeScript, its markup line by line without comments and styles. */
function piecesOfAstro(source: string): Piece[] {
  const out: Piece[] = [];
  let body = source;
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (front) {
    out.push(...literalsOf(front[1], false, 2));
    body = source.slice(0, front[0].length).replace(/[^\n]/g, ' ') + source.slice(front[0].length);
  }
  // Blank out what is not text while keeping line numbers: comments, styles; scripts are scanned as TypeScript.
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  body = body.replace(/<script\b[^>]*>([\s\S]*?)<\/script>/g, (all, code: string, at: number) => {
    out.push(...literalsOf(code, false, source.slice(0, at).split('\n').length));
    return blank(all);
  });
  body = body
    .replace(/<style\b[\s\S]*?<\/style>/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank);
  body.split('\n').forEach((text, i) => out.push({ line: i + 1, text }));
  return out;
}

/** README.md without fenced code blocks and inline code. */
function piecesOfMarkdown(source: string): Piece[] {
  let fenced = false;
  return source.split('\n').map((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return { line: i + 1, text: '' };
    }
    const text = fenced ? '' : line.replace(/`[^`]*`/g, placeholder);
    // An English paragraph (the summary for GitHub) glosses Chinese terms in half-width parentheses: English typography.
    const english = (text.match(/[A-Za-z]/g)?.length ?? 0) > 3 * (text.match(/[\u4e00-\u9fff]/g)?.length ?? 0);
    return { line: i + 1, text: english ? '' : text };
  });
}

function report(file: string, pieces: Piece[]): string[] {
  const hits: string[] = [];
  for (const p of pieces) {
    for (const h of halfWidthPunctuation(p.text, allowed)) {
      const line = p.line + (p.text.slice(0, h.index).match(/\n/g)?.length ?? 0);
      hits.push(`${file}:${line}: ${h.snippet.replaceAll(placeholder, '${…}').replaceAll('\n', '⏎')}`);
    }
  }
  return hits;
}

describe('full-width punctuation next to Chinese', () => {
  test('the detector flags half-width , : ; ( ) next to Chinese and mixed pairs, and spares code, dates and the allowed examples', () => {
    expect(halfWidthPunctuation('内容有错误,请先改正')).toHaveLength(1);
    expect(halfWidthPunctuation('用法:npm run check')).toHaveLength(1);
    expect(halfWidthPunctuation('完成进度(%)').map((h) => h.index)).toEqual([4]);
    expect(halfWidthPunctuation('完成进度（%)').map((h) => h.index)).toEqual([4, 6]);
    expect(halfWidthPunctuation('“学习”;下一项')).toHaveLength(1);
    expect(halfWidthPunctuation('内容有错误，请运行 npm run check -- --strict（见 content/site.json）')).toEqual([]);
    expect(halfWidthPunctuation('截止 2025-12-31 (UTC), R1–R16: f(x, y)')).toEqual([]);
    expect(halfWidthPunctuation('应写成“时:分”，如 22:00', allowed)).toEqual([]);
    expect(halfWidthPunctuation('应写成“时:分”，如 22:00')).toHaveLength(1);
  });

  test('src/i18n/zh-CN.json: every value', () => {
    const file = 'src/i18n/zh-CN.json';
    const source = readFileSync(join(root, file), 'utf8');
    const messages = JSON.parse(source) as Record<string, string>;
    expect(Object.keys(messages).length).toBeGreaterThan(100);
    const lines = source.split('\n');
    const pieces = Object.entries(messages).map(([key, text]) => ({
      line: lines.findIndex((l) => l.includes(JSON.stringify(key))) + 1,
      text,
    }));
    expect(report(file, pieces)).toEqual([]);
  });

  test('src/**/*.{ts,tsx,astro} and admin/**/*.ts: the Chinese string and template literals and the markup text', () => {
    const files = [...filesUnder('src', /\.(ts|tsx|astro)$/), ...filesUnder('admin', /\.tsx?$/)];
    expect(files).toContain('src/lib/audit/ledgerRules.ts');
    expect(files).toContain('src/pages/index.astro');
    expect(files).toContain('admin/locale/zhHans.ts');
    const hits: string[] = [];
    for (const f of files) {
      const source = readFileSync(join(root, f), 'utf8');
      hits.push(...report(f, f.endsWith('.astro') ? piecesOfAstro(source) : literalsOf(source, f.endsWith('.tsx'))));
    }
    expect(hits).toEqual([]);
  }, 60_000);

  test('the messages of npm run check as printed: errors of broken content and the audit findings of the sample', () => {
    const PLEDGE = 'pledges/2026/li-work.md';
    const pledge = tinyFiles[PLEDGE];
    const broken: Record<string, string>[] = [
      { [PLEDGE]: pledge.replace('title: 上好公开课', 'title: "上好公开课') },
      { 'members/li.md': '' },
      { 'site.json': '{ "name": "x", }' },
      { 'members/li.md': '---\nname: 李明\norg: b1\nstatus: working\n---\n' },
      { [PLEDGE]: pledge.replace('deadline: 2026-06-30', 'deadline: 2026-02-30') },
      { [PLEDGE]: pledge.replace('owner: li', 'owner: wang') },
      { [PLEDGE]: pledge.replace('progress: 10', 'progress: 150') },
      { 'members/li.md': '---\nname: 李明\norg: b1\nstatu: active\n---\n' },
      { 'members/li.md': '---\norg: b1\nstatus: active\n---\n' },
      { 'members/李明.md': '---\nname: 李明\norg: b1\nstatus: active\n---\n' },
      { 'pledges/x.md': pledge },
      { [PLEDGE]: pledge.replace('deadline: 2026-06-30', 'deadline: 2027-01-15') },
      { [PLEDGE]: pledge.replace('---\n认真', 'closed:\n  date: 2026-03-01\n---\n认真') },
      { 'members/li.md': 'name: 李明\n' },
      { 'pledges/2030/li-x.md': pledge },
    ];
    const messages: string[] = [];
    for (const changes of broken) {
      const dir = tinyContent(changes);
      const r = checkContent(dir, '2026-12-31', dir);
      expect(r.errors.length + r.findings.length, JSON.stringify(changes)).toBeGreaterThan(0);
      messages.push(...[...r.errors, ...r.findings].map((p) => p.message));
    }
    // The sample late in its round owes records, checks, bulletins and reviews: most audit rules speak.
    const sample = checkContent(join(root, 'content'), '2026-03-31', root);
    expect(new Set(sample.findings.map((f) => f.rule)).size).toBeGreaterThan(3);
    messages.push(...sample.findings.map((f) => f.message));
    const hits = messages.flatMap((m) => halfWidthPunctuation(m, allowed).map((h) => `${h.snippet}    ← ${m}`));
    expect(hits).toEqual([]);
  }, 60_000);

  test('README.md outside code', () => {
    const source = readFileSync(join(root, 'README.md'), 'utf8');
    expect(report('README.md', piecesOfMarkdown(source))).toEqual([]);
  });

  test('the scanners find what they should: a literal, a template, markup text and README prose', () => {
    expect(report('x.ts', literalsOf("const a = '名册有误,请改正'; const r = /第(\\d+)行/;", false))).toEqual(['x.ts:1: 名册有误,请改正']);
    expect(report('x.ts', literalsOf('const a = `共 ${n} 项(已销号 ${m} 项)`;', false))).toHaveLength(2);
    expect(report('x.astro', piecesOfAstro("---\nconst a = 'ok';\n---\n<p>说明(见下)</p>\n<!-- 注释(英文) -->\n"))).toHaveLength(2);
    expect(
      report(
        'README.md',
        piecesOfMarkdown('运行 `npm run check:strict` 即可\n```\n命令:npm\n```\n说明:见下\nThe board (公开栏), in English.\n'),
      ),
    ).toEqual(['README.md:5: 说明:见下']);
  });
});
