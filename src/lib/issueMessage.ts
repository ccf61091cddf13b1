/**
 * Turns zod issues into Chinese messages that name the field by its label,
 * say what rule was broken and what value was found.
 */
import type { z } from 'astro/zod';
import type { Field } from '../schemas/fieldTypes.ts';
import { memberFields } from '../schemas/member.ts';
import { fieldPath, problem, type Problem } from './problem.ts';
import { quoteList, quoteValue } from '../schemas/quoteValue.ts';

const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  float: '小数',
  boolean: '是或否（true / false）',
  array: '列表（每项一行，以“- ”开头）',
  object: '一组字段',
  date: '日期',
  null: '空值',
};

/** The rule code of a member's own key written in another file (`household` on an org). */
export const MEMBER_ONLY_RULE = 'member-only';

/**
 * Keys of a member file that people are likely to write on another file, with what to say instead of “是否拼写有误”:
 * a 共产党员户 is a member's household (篇四), never an organisation.
 */
const memberOnly: Record<string, string> = {
  household: `「${memberFields.household.meta.label}」（household）是党员家庭的标记，只能写在该党员自己的文件里（content/members/ 下），党组织和其他文件不能标为共产党员户。`,
};

/** The field definition at a path of a field table (list indices skipped). */
export function fieldAt(fields: Record<string, Field>, path: readonly (string | number)[]): Field | undefined {
  let table: Record<string, Field> | undefined = fields;
  let found: Field | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (found?.meta.item) found = found.meta.item;
      continue;
    }
    found = table?.[seg];
    table = found?.meta.fields;
  }
  return found;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, seg) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined), data);
}

/** A value as a message quotes it: cut to about 100 characters, whatever it holds. */
function show(v: unknown): string {
  return quoteValue(v);
}

/** How many items a list has, when the value is one. */
function itemCount(v: unknown): string {
  return Array.isArray(v) ? `，现在有 ${v.length} 项` : '';
}

/** How many characters a text has, when the value is one. */
function charCount(v: unknown): string {
  return typeof v === 'string' ? `（现在有 ${v.trim().length} 个字）` : '';
}

/** One zod issue as a `Problem`. */
export function issueToProblem(issue: z.ZodIssue, file: string, fields: Record<string, Field>, data: unknown): Problem {
  const field = fieldPath(issue.path);
  const def = fieldAt(fields, issue.path);
  const label = def ? `「${def.meta.label}」` : `「${field}」`;
  const value = valueAt(data, issue.path);
  const out = (rule: string, message: string): Problem => problem({ file, field, rule, message });
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined' || issue.received === 'null') return out('required', `${label}必须填写。`);
      if (def?.meta.kind === 'date') return out('date', `${label}应为日期，写成 年-月-日（如 2026-03-15），现在是 ${show(value)}。`);
      return out('type', `${label}应为${typeNames[issue.expected] ?? issue.expected}，现在是 ${show(value)}。`);
    case 'invalid_union':
      if (def?.meta.kind === 'date') return out('date', `${label}应为日期，写成 年-月-日（如 2026-03-15），现在是 ${show(value)}。`);
      return out('type', `${label}的值 ${show(value)} 不符合要求。`);
    case 'invalid_enum_value': {
      const options = def?.meta.options ?? def?.meta.item?.meta.options ?? [];
      const list = options.map((o) => `${o.value}（${o.label}）`).join('、');
      return out('enum', `${label}的值 ${show(issue.received)} 不在可选范围内，可选：${list}。`);
    }
    case 'unrecognized_keys': {
      const misplaced = field ? undefined : issue.keys.find((k) => Object.hasOwn(memberOnly, k));
      if (misplaced) {
        const rest = issue.keys.filter((k) => k !== misplaced);
        return problem({
          file,
          field: misplaced,
          rule: MEMBER_ONLY_RULE,
          message: `${memberOnly[misplaced]}${rest.length ? `另有不认识的字段 ${quoteList(rest)}，是否拼写有误？` : ''}`,
        });
      }
      const known = Object.keys(field ? (def?.meta.fields ?? {}) : fields).join('、');
      return out(
        'unknown-key',
        `不认识的字段 ${quoteList(issue.keys)}，是否拼写有误？${label === '「」' ? '' : `${label}中`}可用的字段有：${known}。`,
      );
    }
    case 'too_small':
      if (issue.type === 'array') return out('min', `${label}至少要有 ${issue.minimum} 项。`);
      if (issue.type === 'string') return out('required', `${label}必须填写。`);
      return out('min', `${label}不能小于 ${issue.minimum}，现在是 ${show(value)}。`);
    case 'too_big':
      if (issue.type === 'array') return out('max', `${label}最多 ${issue.maximum} 项${itemCount(value)}。`);
      if (issue.type === 'string') return out('max', `${label}太长了，最多 ${issue.maximum} 个字${charCount(value)}。`);
      return out('max', `${label}不能大于 ${issue.maximum}，现在是 ${show(value)}。`);
    case 'invalid_string':
      return out('pattern', `${label}${issue.message}（现在是 ${show(value)}）。`);
    case 'custom':
      return out(String(issue.params?.rule ?? 'custom'), issue.message);
    default:
      return out(issue.code, `${label}不符合要求。`);
  }
}
