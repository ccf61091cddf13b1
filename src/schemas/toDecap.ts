/**
 * Turns field tables into Decap CMS collection definitions (widgets, labels,
 * hints, validation) so the CMS and the schema come from one source.
 */
import type { CollectionDef } from './collections.ts';
import type { DecapField, Field } from './fieldTypes.ts';
import { labelOf, visibilities } from './options.ts';

const visibilityLabel = (v: string) => labelOf(visibilities, v);

/** The same widget with nothing required inside it. */
function optional(f: DecapField): DecapField {
  const out: DecapField = { ...f, required: false };
  if (Array.isArray(f.fields)) out.fields = (f.fields as DecapField[]).map(optional);
  if (f.field) out.field = optional(f.field as DecapField);
  return out;
}

/** The Decap widget for one field. */
export function toDecapField(name: string, f: Field): DecapField {
  const m = f.meta;
  const base: DecapField = { name, label: m.label, widget: 'string', required: m.required };
  if (m.hint) base.hint = m.hint;
  // Decap marks every field it does not require “(选填)”; one the rules require in a state says that state instead
  // (the admin's field wrapper puts it where Decap's mark was).
  if (m.requiredWhen) base.required_note = `${m.requiredWhen}必填`;
  if (m.default !== undefined) base.default = m.default;
  switch (m.kind) {
    case 'string':
    case 'text':
      // The file id: the admin's `fileId` widget shows an existing file's name and asks for it only for a new file.
      // A new file needs its id, which the form derives (`id_from`) or asks for: never marked 选填.
      if (m.fileId)
        return {
          ...base,
          widget: 'fileId',
          required: false,
          required_note: '',
          ...(m.idFrom && { id_from: m.idFrom }),
          ...(m.pattern && { pattern: [...m.pattern] }),
        };
      base.widget = m.kind;
      if (m.pattern) base.pattern = [...m.pattern];
      return base;
    case 'number':
      return {
        ...base,
        widget: 'number',
        value_type: 'float',
        ...(m.min !== undefined && { min: m.min }),
        ...(m.max !== undefined && { max: m.max }),
      };
    case 'boolean':
      return { ...base, widget: 'boolean' };
    case 'date':
      // The admin's `day` widget: YYYY-MM-DD typed or picked, no time and no time zone.
      return { ...base, widget: 'day', pattern: ['^\\d{4}-\\d{2}-\\d{2}$', '请写成 年-月-日，如 2026-03-15'] };
    case 'select':
      // Options that explain themselves are shown all at once, each with its line (the admin's `choices` widget).
      if (m.options?.some((o) => o.hint))
        return { ...base, widget: 'choices', options: m.options.map((o) => ({ label: o.label, value: o.value, hint: o.hint ?? '' })) };
      return { ...base, widget: 'select', options: m.options?.map((o) => ({ label: o.label, value: o.value })) };
    case 'relation':
      // The round of a per-round file is its folder: the admin's `round` widget shows it, and asks for it only
      // when a new file is made (cmsConfig adds the rounds as options).
      if (m.folderRound) return { ...base, widget: 'round', required: false, required_note: '' };
      // The admin's own `ref` widget (admin/widgets): one picker over every target collection, by name.
      return { ...base, widget: 'ref', collections: [...(m.to ?? [])] };
    case 'object': {
      const fields = toDecapFields(m.fields ?? {});
      // Decap checks the required children of an optional group even when the group is left empty; the content
      // check still requires them once the group is filled in.
      return { ...base, widget: 'object', collapsed: !m.required, fields: m.required ? fields : fields.map(optional) };
    }
    case 'list': {
      const bounds = { ...(m.min !== undefined && { min: m.min }), ...(m.max !== undefined && { max: m.max }) };
      if (m.fields) {
        // A collapsed item shows its own words: the table's summary, or else its first two fields.
        const summary =
          m.summary ??
          Object.keys(m.fields)
            .slice(0, 2)
            .map((k) => `{{fields.${k}}}`)
            .join(' · ');
        return { ...base, widget: 'list', ...bounds, summary, fields: toDecapFields(m.fields) };
      }
      if (m.options)
        return { ...base, widget: 'select', multiple: true, options: m.options.map((o) => ({ label: o.label, value: o.value })) };
      if (m.item?.meta.kind === 'relation') {
        return { ...base, widget: 'ref', collections: [...(m.item.meta.to ?? [])], multiple: true };
      }
      return { ...base, widget: 'list', ...bounds, ...(m.summary && { summary: m.summary }), field: toDecapField('item', m.item as Field) };
    }
  }
}

/** The Decap widgets of a field table, in table order. */
export function toDecapFields(fields: Record<string, Field>): DecapField[] {
  return Object.entries(fields).map(([name, f]) => toDecapField(name, f));
}

/**
 * The name of the admin's file format for a folder collection (registered by admin/contentFormat.ts): front
 * matter read and written as `npm run check` reads it, plus derived `view_` words for lists.
 */
export function formatName(collection: string): string {
  return `pb-${collection}`;
}

/** The Decap collection for one content folder. */
export function toDecapCollection(def: CollectionDef, contentDir = 'content'): Record<string, unknown> {
  const fields = toDecapFields(def.fields).map((f) =>
    f.name === 'visibility' && !f.hint ? { ...f, hint: `不选时：${visibilityLabel(def.defaultVisibility)}` } : f,
  );
  if (def.body) fields.push({ name: 'body', label: def.body.label, hint: def.body.hint, widget: 'markdown', required: false });
  if (def.file) {
    return {
      name: def.name,
      label: def.label,
      files: [{ name: def.name, label: def.labelSingular, file: `${contentDir}/${def.file}`, fields }],
    };
  }
  const cms = def.cms;
  return {
    name: def.name,
    label: def.label,
    label_singular: def.labelSingular,
    folder: `${contentDir}/${def.name}`,
    create: true,
    extension: 'md',
    format: formatName(def.name),
    ...(cms && {
      identifier_field: cms.identifier,
      slug: cms.slug,
      summary: cms.summary,
      ...(cms.sortable && { sortable_fields: cms.sortable }),
      ...(cms.filters && { view_filters: cms.filters }),
      ...(cms.groups && { view_groups: cms.groups }),
    }),
    // Per-round files go into <folder>/<round>/; the round field picks the folder.
    ...(def.perRound && { path: '{{round}}/{{slug}}' }),
    fields,
  };
}
