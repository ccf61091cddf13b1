/**
 * The field-table vocabulary. Each builder returns a `Field`: one description
 * of a content field from which both the zod schema (for Astro and
 * `npm run check`) and the Decap CMS widget are derived, so the two can never
 * be written twice and drift apart.
 */
import { z } from 'astro/zod';
import { contentLimits } from './contentLimits.ts';
import { controlCharMessage, findControlChar } from './controlChars.ts';
import { isIsoDate, toIsoDate } from './calendar.ts';
import { quoteValue } from './quoteValue.ts';

/** One option of an enumeration: the stored English slug and its Chinese label. */
export interface Option {
  value: string;
  label: string;
  /** One line saying what choosing it means (the CMS shows it beside the choice). */
  hint?: string;
}

/** The Decap CMS field definition a `Field` turns into (see Decap's widget docs). */
export type DecapField = Record<string, unknown> & { name: string; label: string; widget: string };

/** Which collections a relation may point at. */
export type RelationTarget = 'members' | 'orgs' | 'pledges' | 'rounds';

/** What a field is, for messages and the CMS. */
export interface FieldMeta {
  kind: 'string' | 'text' | 'number' | 'boolean' | 'date' | 'select' | 'relation' | 'list' | 'object';
  label: string;
  hint?: string;
  required: boolean;
  /**
   * The state in which a field the schema leaves optional is required by a rule across fields (`审核通过时`, `销号时`):
   * the CMS says “审核通过时必填” where it would say 选填.
   */
  requiredWhen?: string;
  options?: readonly Option[];
  min?: number;
  max?: number;
  pattern?: readonly [string, string];
  to?: readonly RelationTarget[];
  /** Child fields of an object, or of each item of a list of objects. */
  fields?: Record<string, Field>;
  /** Item field of a list of scalars. */
  item?: Field;
  default?: unknown;
  /** The id a new file is named after: an existing file's id is its file name, so files need not carry it. */
  fileId?: boolean;
  /** The field a new file's id is derived from (a member's or org's name). */
  idFrom?: string;
  /** The round of a per-round file, which its folder gives; a file may repeat it, never contradict it. */
  folderRound?: boolean;
  /** How the CMS shows a collapsed item of a list (a Decap template over the item's fields). */
  summary?: string;
}

/** A field: its zod schema plus what the CMS and the messages need to know. */
export interface Field<Z extends z.ZodTypeAny = z.ZodTypeAny> {
  zod: Z;
  meta: FieldMeta;
}

type Opt<Z extends z.ZodTypeAny, R> = R extends true ? Z : z.ZodOptional<Z>;

interface Common<R extends boolean> {
  label: string;
  hint?: string;
  required?: R;
  /** Required only in this state, by a rule across fields (see FieldMeta.requiredWhen). */
  requiredWhen?: string;
}

function finish<Z extends z.ZodTypeAny, R extends boolean>(
  zod: Z,
  meta: Omit<FieldMeta, 'required'>,
  required: R | undefined,
): Field<Opt<Z, R>> {
  const out = required ? zod : zod.optional();
  return { zod: out as Opt<Z, R>, meta: { ...meta, required: Boolean(required) } };
}

/** What every builder passes on from its options: label, hint and the state a field is required in. */
function common(o: Common<boolean>): Pick<FieldMeta, 'label' | 'hint' | 'requiredWhen'> {
  return { label: o.label, hint: o.hint, ...(o.requiredWhen && { requiredWhen: o.requiredWhen }) };
}

/** The rule code of text holding a control character (or a line break in one-line text). */
export const CONTROL_CHAR_RULE = 'control-char';

/** A string schema with no control character (see src/schemas/controlChars.ts), named by `label` in the message. */
type CleanString = z.ZodEffects<z.ZodString, string, string>;

function withoutControlChars(s: z.ZodString, label: string, multiline: boolean): CleanString {
  return s.superRefine((v, ctx) => {
    const found = findControlChar(v, multiline);
    if (found)
      ctx.addIssue({ code: z.ZodIssueCode.custom, params: { rule: CONTROL_CHAR_RULE }, message: controlCharMessage(label, found) });
  });
}

/**
 * A one-line string, or multi-line text. `pattern` is `[regex, Chinese explanation]`. Every text field is
 * bounded (`contentLimits.lineChars` or `.textChars` unless `max` says less) and refuses control characters.
 */
export function text<R extends boolean = false>(
  o: Common<R> & { pattern?: readonly [string, string]; multiline?: boolean; max?: number },
): Field<Opt<CleanString, R>> {
  let s = z
    .string()
    .trim()
    .min(o.required ? 1 : 0);
  s = s.max(o.max ?? (o.multiline ? contentLimits.textChars : contentLimits.lineChars));
  if (o.pattern) s = s.regex(new RegExp(o.pattern[0]), { message: o.pattern[1] });
  return finish(
    withoutControlChars(s, o.label, Boolean(o.multiline)),
    { kind: o.multiline ? 'text' : 'string', ...common(o), pattern: o.pattern, max: o.max },
    o.required,
  );
}

/** An id naming another entry: one line, bounded, no control character. */
function idString(label: string): CleanString {
  return withoutControlChars(z.string().trim().min(1).max(contentLimits.idChars), label, false);
}

/**
 * The ASCII id a new file is named after (members, orgs, rounds): `zhang-san.md`. `from` names the field a new file's
 * id is derived from (src/lib/idForName.ts), as `npm run import` derives it; without it the id is typed.
 */
export function idField(label: string, example: string, from?: string): Field<z.ZodOptional<CleanString>> {
  const hint = from
    ? `文件编号，也是网址的一部分：按姓名或名称的拼音自动生成（重名时加 -2、-3），可以修改，只能用小写字母、数字和连字符；建立后不能修改`
    : `文件编号，也是网址的一部分：只能用小写字母、数字和连字符，如 ${example}；建立后不能修改`;
  const f = text({ label, hint, pattern: ['^[a-z0-9][a-z0-9-]*$', '只能用小写字母、数字和连字符'] });
  if (from) return { ...f, meta: { ...f.meta, fileId: true, idFrom: from } };
  return { ...f, meta: { ...f.meta, fileId: true } };
}

/** The round of a per-round file. Its folder gives it; the CMS asks for it only when making a new file. */
export function roundField(): Field<z.ZodOptional<CleanString>> {
  const f = relation({ label: '轮次', hint: '新建时选择，文件保存在该轮次的文件夹中；已有文件的轮次由所在文件夹决定', to: ['rounds'] });
  return { ...f, meta: { ...f.meta, folderRound: true } };
}

/** A whole or decimal number within `[min, max]`. */
export function number<R extends boolean = false>(
  o: Common<R> & { min?: number; max?: number; int?: boolean; default?: number },
): Field<Opt<z.ZodNumber, R>> {
  let n = z.number();
  if (o.int) n = n.int();
  if (o.min !== undefined) n = n.min(o.min);
  if (o.max !== undefined) n = n.max(o.max);
  return finish(n, { kind: 'number', ...common(o), min: o.min, max: o.max, default: o.default }, o.required);
}

/** Yes or no. */
export function boolean<R extends boolean = false>(o: Common<R> & { default?: boolean }): Field<Opt<z.ZodBoolean, R>> {
  return finish(z.boolean(), { kind: 'boolean', ...common(o), default: o.default }, o.required);
}

/** The rule code carried by a date that is not a real `YYYY-MM-DD` day. */
export const DATE_RULE = 'date';

/**
 * A calendar date, stored as `YYYY-MM-DD`. Accepts the string (what the
 * strict checker reads) or a `Date` (what Astro's YAML parser makes of an
 * unquoted date) and always yields the string.
 */
export function date<R extends boolean = false>(o: Common<R>): Field<Opt<z.ZodType<string, z.ZodTypeDef, unknown>, R>> {
  const d = z.union([z.string(), z.date()]).transform((v, ctx) => {
    const s = v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : toIsoDate(v)) : v.trim();
    if (!isIsoDate(s)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        params: { rule: DATE_RULE },
        message: `日期${quoteValue(String(v))}不对：应写成 年-月-日（如 2026-03-15），并且是日历上真实存在的一天。`,
      });
      return z.NEVER;
    }
    return s;
  });
  return finish(d as z.ZodType<string, z.ZodTypeDef, unknown>, { kind: 'date', ...common(o) }, o.required);
}

/** One value out of a fixed list of English slugs. */
export function select<const V extends readonly [Option, ...Option[]], R extends boolean = false>(
  o: Common<R> & { options: V; default?: V[number]['value'] },
): Field<Opt<z.ZodEnum<[V[number]['value'], ...V[number]['value'][]]>, R>> {
  const values = o.options.map((x) => x.value) as [V[number]['value'], ...V[number]['value'][]];
  return finish(z.enum(values), { kind: 'select', ...common(o), options: o.options, default: o.default }, o.required);
}

/** Several values out of a fixed list. */
export function multiSelect<const V extends readonly [Option, ...Option[]], R extends boolean = false>(
  o: Common<R> & { options: V },
): Field<Opt<z.ZodArray<z.ZodEnum<[V[number]['value'], ...V[number]['value'][]]>>, R>> {
  const values = o.options.map((x) => x.value) as [V[number]['value'], ...V[number]['value'][]];
  const item: Field = { zod: z.enum(values), meta: { kind: 'select', label: o.label, options: o.options, required: true } };
  // Each option at most once: a longer list can only repeat one.
  return finish(z.array(z.enum(values)).max(values.length), { kind: 'list', ...common(o), options: o.options, item }, o.required);
}

/** The id of another entry; that it exists is checked across files. */
export function relation<R extends boolean = false>(o: Common<R> & { to: readonly RelationTarget[] }): Field<Opt<CleanString, R>> {
  return finish(idString(o.label), { kind: 'relation', ...common(o), to: o.to }, o.required);
}

type Shape<T extends Record<string, Field>> = { [K in keyof T]: T[K]['zod'] };

/** Builds the zod object of a field table. Unknown keys are refused, so a misspelt key is never silently dropped. */
export function shapeOf<T extends Record<string, Field>>(fields: T): z.ZodObject<Shape<T>, 'strict'> {
  const shape = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.zod])) as Shape<T>;
  return z.object(shape).strict();
}

/** A group of fields. */
export function object<T extends Record<string, Field>, R extends boolean = false>(
  o: Common<R> & { fields: T },
): Field<Opt<z.ZodObject<Shape<T>, 'strict'>, R>> {
  return finish(shapeOf(o.fields), { kind: 'object', ...common(o), fields: o.fields }, o.required);
}

/** A list of groups of fields (records, panel members …); at most `contentLimits.listItems` unless `max` says. */
export function list<T extends Record<string, Field>, R extends boolean = false>(
  o: Common<R> & { fields: T; min?: number; max?: number; summary?: string },
): Field<Opt<z.ZodArray<z.ZodObject<Shape<T>, 'strict'>>, R>> {
  const max = o.max ?? contentLimits.listItems;
  let a = z.array(shapeOf(o.fields)).max(max);
  if (o.min !== undefined) a = a.min(o.min);
  return finish(a, { kind: 'list', ...common(o), fields: o.fields, min: o.min, max, summary: o.summary }, o.required);
}

/** A list of short texts (measures, findings …); at most `contentLimits.textItems` unless `max` says. */
export function textList<R extends boolean = false>(
  o: Common<R> & { itemLabel: string; min?: number; max?: number },
): Field<Opt<z.ZodArray<CleanString>, R>> {
  const max = o.max ?? contentLimits.textItems;
  let a = z.array(withoutControlChars(z.string().trim().min(1).max(contentLimits.lineChars), o.itemLabel, false)).max(max);
  if (o.min !== undefined) a = a.min(o.min);
  const item: Field = { zod: z.string(), meta: { kind: 'string', label: o.itemLabel, required: true } };
  // A collapsed item shows its own words, not the item label again.
  return finish(a, { kind: 'list', ...common(o), item, min: o.min, max, summary: '{{fields.item | truncate(40)}}' }, o.required);
}

/** A list of ids of other entries. */
export function relationList<R extends boolean = false>(
  o: Common<R> & { to: readonly RelationTarget[]; itemLabel: string },
): Field<Opt<z.ZodArray<CleanString>, R>> {
  const item: Field = { zod: z.string(), meta: { kind: 'relation', label: o.itemLabel, to: o.to, required: true } };
  const max = contentLimits.refItems;
  return finish(z.array(idString(o.itemLabel)).max(max), { kind: 'list', ...common(o), item, to: o.to, max }, o.required);
}
