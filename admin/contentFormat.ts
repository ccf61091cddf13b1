/**
 * How the admin reads and writes a content file: the same front-matter
 * parser as `npm run check` (js-yaml CORE_SCHEMA: dates stay strings) and the
 * same writer as the generators and the roster import. Reading also derives
 * `view_<field>` words for the lists — a member's name and org for an id, the
 * Chinese label for a slug, and `view_kind` (member or org pledge) for files
 * that carry no `ownerKind` — which are never written back. A file the parser
 * refuses is marked `view_unreadable`, and the admin refuses to save over it
 * (admin/saveRules.ts), so a broken file is never replaced by an empty form.
 */
import type CMS from 'decap-cms-app';
import { parseMarkdown, stringifyMarkdown } from '../src/lib/parseContentFile.ts';
import { collections, type CollectionDef } from '../src/schemas/collections.ts';
import type { Field } from '../src/schemas/fieldTypes.ts';
import { formatName } from '../src/schemas/toDecap.ts';
import { ledgerWords } from './ledgerWords.ts';
import { isOrg, labelOf } from './siteFacts.ts';

/** Keys the admin derives when it reads a file; never written. */
export const VIEW_PREFIX = 'view_';

type Data = Record<string, unknown>;

/** Adds `view_` words beside the relations and selections of a field table's data (and of its lists' items). */
function addViewWords(fields: Record<string, Field>, data: Data): Data {
  const out: Data = { ...data };
  for (const [key, field] of Object.entries(fields)) {
    const value = data[key];
    if (typeof value === 'string') {
      if (field.meta.kind === 'relation' && !field.meta.folderRound) out[`${VIEW_PREFIX}${key}`] = labelOf(value, field.meta.to);
      if (field.meta.kind === 'select') out[`${VIEW_PREFIX}${key}`] = field.meta.options?.find((o) => o.value === value)?.label ?? value;
    } else if (Array.isArray(value) && field.meta.kind === 'list' && field.meta.fields) {
      const itemFields = field.meta.fields;
      out[key] = value.map((item) =>
        item && typeof item === 'object' && !Array.isArray(item) ? addViewWords(itemFields, item as Data) : item,
      );
    }
  }
  return out;
}

/** Adds the `view_` words a collection's list summaries, groups and collapsed items show. */
export function withViewWords(def: CollectionDef, data: Data): Data {
  const out = addViewWords(def.fields, data);
  if (def.name === 'pledges') {
    out[`${VIEW_PREFIX}kind`] = data.ownerKind ?? (isOrg(data.owner) ? 'org' : 'member');
    Object.assign(out, ledgerWords(data));
  }
  return out;
}

/** Whether a form value stands for “nothing”: what a cleared field leaves (null, '', '  ', an empty group). */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  return typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

/**
 * The file's data: the form's data without what the admin derived (at any depth) and without what a cleared
 * field leaves behind (null, empty text, an emptied group), so a cleared field is absent from the file — exactly
 * the data the save rules check and `writeEntry` writes.
 */
export function fileData(data: Data): Data {
  const clean = (v: unknown): unknown => (Array.isArray(v) ? v.map(clean) : v && typeof v === 'object' ? fileData(v as Data) : v);
  const out: Data = {};
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith(VIEW_PREFIX)) continue;
    const c = clean(v);
    if (!isEmpty(c)) out[k] = c;
  }
  return out;
}

/** Reads a file of a folder collection into the form's data (front matter plus `body`). */
export function readEntry(def: CollectionDef, text: string): Data {
  const parsed = parseMarkdown(text, '');
  // Listed (a pledge in the members' list) and never saved over: see saveBlockers.
  if (parsed.problem)
    return {
      body: text,
      [`${VIEW_PREFIX}unreadable`]: parsed.problem.message,
      ...(def.name === 'pledges' && { [`${VIEW_PREFIX}kind`]: 'member' }),
    };
  return withViewWords(def, { ...(parsed.data as Data), body: (parsed.body ?? '').replace(/\s+$/, '') });
}

/**
 * Puts keys in field-table order (then any others as they came), at every depth: Decap's form data comes back
 * in the order its widgets touched it, and a file should read the same way whoever wrote it.
 */
export function inTableOrder(fields: Record<string, Field>, data: Data): Data {
  const order = Object.keys(fields);
  const keys = Object.keys(data).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
  });
  return Object.fromEntries(
    keys.map((k) => {
      const v = data[k];
      const meta = fields[k]?.meta;
      if (meta?.kind === 'object' && meta.fields && v && typeof v === 'object' && !Array.isArray(v))
        return [k, inTableOrder(meta.fields, v as Data)];
      if (meta?.kind === 'list' && meta.fields && Array.isArray(v)) {
        const itemFields = meta.fields;
        return [
          k,
          v.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? inTableOrder(itemFields, item as Data) : item)),
        ];
      }
      return [k, v];
    }),
  );
}

/** Writes the form's data back as the file. */
export function writeEntry(def: CollectionDef, data: Data): string {
  const { body, ...front } = fileData(data);
  return stringifyMarkdown(inTableOrder(def.fields, front), typeof body === 'string' ? body : '');
}

/** Registers one format per folder collection (its field table decides the `view_` words). */
export function registerContentFormats(cms: typeof CMS): void {
  for (const def of collections) {
    if (def.file) continue;
    cms.registerCustomFormat(formatName(def.name), 'md', {
      fromFile: (text: string) => readEntry(def, text),
      toFile: (data: Data) => writeEntry(def, data),
    });
  }
}
