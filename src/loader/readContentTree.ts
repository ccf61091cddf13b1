/**
 * Reads a content folder from disk: finds the files of every collection,
 * ignores OS and editor junk, accepts Windows Notepad files (BOM, CRLF) and
 * parses front matter and JSON. Every failure becomes a `Problem` naming the
 * file; nothing here throws on bad content.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { collections, type CollectionDef, type CollectionName } from '../schemas/collections.ts';
import type { Problem } from '../lib/problem.ts';
import { normalizeText, parseJson, parseMarkdown } from './parseContentFile.ts';

export { normalizeText, parseJson, parseMarkdown, splitFrontMatter } from './parseContentFile.ts';

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
 * Reads every content file under `contentDir` (or only the collections named in `only`).
 * @example readContentTree('/repo/content') // → { entries: [...], problems: [] }
 */
export function readContentTree(
  contentDir: string,
  root = process.cwd(),
  only?: readonly CollectionName[],
): { entries: RawEntry[]; problems: Problem[] } {
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  for (const def of collections) {
    if (only && !only.includes(def.name)) continue;
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
