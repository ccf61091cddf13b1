/**
 * `content/acknowledged.json`: the audit findings a branch knows of and has explained (已说明的审计提示),
 * e.g. `{ "findings": [{ "rule": "R10", "file": "content/evaluations/2025/jiaoshi-er.md", "reason": "……" }] }`.
 * An explained finding is still shown, with its reason, but `check --strict` passes over it. The file is
 * optional; a bad one is a content error naming the file, the field and the rule, and explains nothing.
 */
import { join } from 'node:path';
import { auditRules } from '../lib/audit/runAudit.ts';
import { problem, type Problem } from '../lib/problem.ts';
import { listDir } from './listDir.ts';
import { parseJson, displayPath } from './readContentTree.ts';
import { readContentFile } from './readContentFile.ts';

export const ACKNOWLEDGED_FILE = 'acknowledged.json';

/** One explained finding: every finding of `rule` on `file` (and on `field`, when given). */
export interface Acknowledgement {
  rule: string;
  file: string;
  field?: string;
  reason: string;
}

const MAX_BYTES = 256 * 1024;

/** The explanations in `contentDir`, or the problems that make the file unusable (then none apply). */
export function readAcknowledged(contentDir: string, root = process.cwd()): { list: Acknowledgement[]; problems: Problem[] } {
  const path = join(contentDir, ACKNOWLEDGED_FILE);
  const file = displayPath(path, root);
  const present = listDir(contentDir, 10_000).some((e) => e.name === ACKNOWLEDGED_FILE);
  if (!present) return { list: [], problems: [] };
  const error = (field: string, rule: string, message: string): Problem => problem({ file, field, rule, message });
  const read = readContentFile(path, MAX_BYTES);
  if ('refused' in read) return { list: [], problems: [error('', read.refused.rule, read.refused.message)] };
  const parsed = parseJson(read.text, file);
  if (parsed.problem) return { list: [], problems: [parsed.problem] };
  const data = parsed.data as { findings?: unknown };
  if (!data || typeof data !== 'object' || !Array.isArray(data.findings)) {
    return {
      list: [],
      problems: [error('findings', 'required', '应有“findings”列表，每一项写明规则（rule）、文件（file）和说明（reason）。')],
    };
  }
  const rules = new Set(auditRules.map((r) => r.id));
  // A file may be named as `npm run check` prints it or relative to the content folder: members/li.md.
  const base = `${displayPath(contentDir, root)}/`;
  const inContent = (f: string) => (f === '' || f.startsWith(base) ? f : `${base}${f.replace(/^\.?\//, '')}`);
  const problems: Problem[] = [];
  const list: Acknowledgement[] = [];
  data.findings.forEach((raw: unknown, i: number) => {
    const at = `findings[${i}]`;
    const x = (raw ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof x[k] === 'string' ? (x[k] as string).trim() : '');
    if (!rules.has(str('rule')))
      problems.push(error(`${at}.rule`, 'enum', `规则应为 ${[...rules].join('、')} 之一，现为“${str('rule') || '空'}”。`));
    if (!str('file'))
      problems.push(error(`${at}.file`, 'required', '请写明提示所在的文件，与 npm run check 显示的一样，如 content/members/li-ming.md。'));
    if (!str('reason')) problems.push(error(`${at}.reason`, 'required', '请写明这条提示为什么已知、支部打算怎样处理。'));
    if (x.field !== undefined && typeof x.field !== 'string')
      problems.push(error(`${at}.field`, 'type', '字段（field）应为文字，如 records，或者不写。'));
    list.push({
      rule: str('rule'),
      file: inContent(str('file')),
      reason: str('reason'),
      ...(typeof x.field === 'string' && x.field ? { field: x.field } : {}),
    });
  });
  return problems.length ? { list: [], problems } : { list, problems: [] };
}

/** True when `a` explains the finding `f`. */
export function explains(a: Acknowledgement, f: Problem): boolean {
  return a.rule === f.rule && a.file === f.file && (a.field === undefined || a.field === f.field);
}

/** The findings split into explained (with the reason) and open ones, and the explanations that match nothing. */
export function applyAcknowledged(findings: Problem[], list: Acknowledgement[]) {
  const explained: { finding: Problem; reason: string }[] = [];
  const open: Problem[] = [];
  const used = new Set<Acknowledgement>();
  for (const f of findings) {
    const a = list.find((x) => explains(x, f));
    if (a) {
      used.add(a);
      explained.push({ finding: f, reason: a.reason });
    } else open.push(f);
  }
  return { explained, open, stale: list.filter((a) => !used.has(a)) };
}
