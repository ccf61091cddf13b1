/**
 * Appends one ledger record (践诺记实) to a pledge file's text, touching
 * nothing else: the new item's lines go after the last line of the `records:`
 * list (or a new `records:` list goes just before the closing `---`), in the
 * file's own line ends and indentation. The result is read back with the
 * content parser and must equal the old data plus exactly this record;
 * anything else (a flow-style list, an odd layout) is refused rather than
 * rewritten, so a file written by hand is never reformatted behind the
 * secretary's back.
 */
import yaml from 'js-yaml';
import { parseMarkdown } from './parseContentFile.ts';
import { frontmatterOutline } from './frontmatterOutline.ts';

export interface NewRecord {
  date: string;
  note: string;
  progress: number;
}

export type Appended = { ok: true; text: string } | { ok: false; message: string };

/** The YAML lines of one list item, as the content writer (stringifyMarkdown) writes it, indented by `indent`. */
function itemLines(record: NewRecord, indent: string): string[] {
  const dumped = yaml.dump([{ date: record.date, note: record.note, progress: record.progress }], { lineWidth: -1, noRefs: true });
  return dumped
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => indent + l);
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** @example appendRecord('---\ntitle: x\nrecords:\n- date: ...\n---\n', { date: '2025-12-20', note: '…', progress: 80 }) */
export function appendRecord(text: string, record: NewRecord): Appended {
  const before = parseMarkdown(text, '');
  if (before.problem) return { ok: false, message: `文件格式有误，不能自动追加记实：${before.problem.message}` };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const outline = frontmatterOutline(lines);
  if (outline.end < 0) return { ok: false, message: '文件开头缺少字段区，不能自动追加记实。' };
  const span = outline.keys.get('records');
  let out: string[];
  if (!span) {
    out = [...lines.slice(0, outline.end), 'records:', ...itemLines(record, ''), ...lines.slice(outline.end)];
  } else {
    const [start, end] = span;
    const head = lines[start].replace(/\s+#.*$/, '').trimEnd();
    if (/^records\s*:\s*\[\s*\]$/.test(head)) {
      out = [...lines.slice(0, start), 'records:', ...itemLines(record, ''), ...lines.slice(start + 1)];
    } else if (!/^records\s*:$/.test(head)) {
      return { ok: false, message: '“践诺台账”不是逐行列出的格式，不能自动追加记实：请在后台的承诺编辑页中添加。' };
    } else {
      let last = start;
      for (let i = start + 1; i < end; i++) if (lines[i].trim() && !lines[i].trimStart().startsWith('#')) last = i;
      const dash = lines
        .slice(start + 1, end)
        .map((l) => /^(\s*)- /.exec(l))
        .find(Boolean);
      out = [...lines.slice(0, last + 1), ...itemLines(record, dash?.[1] ?? ''), ...lines.slice(last + 1)];
    }
  }
  const next = out.join(eol);
  const after = parseMarkdown(next, '');
  const old = before.data as { records?: unknown[] };
  const expected = { ...old, records: [...(old.records ?? []), { date: record.date, note: record.note, progress: record.progress }] };
  if (after.problem || !sameData(after.data, expected) || after.body !== before.body) {
    return { ok: false, message: '这个文件的写法特殊，自动追加记实后内容会走样，没有写入：请在后台的承诺编辑页中添加。' };
  }
  return { ok: true, text: next };
}
