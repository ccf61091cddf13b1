/**
 * The CMS config and the zod schemas are derived from the same field tables
 * by different code (toDecap vs toZod). This walks both independently and
 * fails on any disagreement: a missing field, a required flag, an option, a
 * bound or a pattern.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'astro/zod';
import { collections } from '../../src/schemas/collections.ts';
import { toDecapCollection } from '../../src/schemas/toDecap.ts';
import type { Field } from '../../src/schemas/fieldTypes.ts';

type DecapField = Record<string, any>;

function unwrap(s: z.ZodTypeAny): { inner: z.ZodTypeAny; optional: boolean } {
  let optional = false;
  let cur = s;
  for (;;) {
    if (cur instanceof z.ZodOptional) {
      optional = true;
      cur = cur._def.innerType;
    } else if (cur instanceof z.ZodEffects) cur = cur._def.schema;
    else return { inner: cur, optional };
  }
}

function compare(zod: z.ZodTypeAny, d: DecapField, path: string, problems: string[], cmsOptional = false, inOptionalGroup = false): void {
  const { inner, optional } = unwrap(zod);
  // Inside an optional group nothing is required in the CMS (Decap cannot say "required once the group is filled
  // in"); the file id and the round are never required by the form (a file's name and folder give them).
  const expected = inOptionalGroup || cmsOptional ? false : !optional;
  if (d.required !== expected) problems.push(`${path}: required ${d.required} vs zod optional ${optional}`);
  const childOptional = inOptionalGroup || optional;
  if (inner instanceof z.ZodObject) {
    if (d.widget !== 'object') problems.push(`${path}: zod object but widget ${d.widget}`);
    compareShape(inner, d.fields ?? [], path, problems, {}, childOptional);
  } else if (inner instanceof z.ZodEnum) {
    if (!['select', 'choices'].includes(d.widget)) problems.push(`${path}: enum but widget ${d.widget}`);
    const values = (d.options ?? []).map((o: { value: string }) => o.value);
    if (JSON.stringify(values) !== JSON.stringify(inner.options)) problems.push(`${path}: options ${values} vs ${inner.options}`);
  } else if (inner instanceof z.ZodNumber) {
    if (d.widget !== 'number') problems.push(`${path}: number but widget ${d.widget}`);
    for (const c of inner._def.checks) {
      if (c.kind === 'min' && d.min !== c.value) problems.push(`${path}: min ${d.min} vs ${c.value}`);
      if (c.kind === 'max' && d.max !== c.value) problems.push(`${path}: max ${d.max} vs ${c.value}`);
    }
  } else if (inner instanceof z.ZodArray) {
    const el = unwrap(inner._def.type).inner;
    if (el instanceof z.ZodObject) {
      if (d.widget !== 'list') problems.push(`${path}: list of objects but widget ${d.widget}`);
      compareShape(el, d.fields ?? [], `${path}[]`, problems, {}, inOptionalGroup);
    } else if (el instanceof z.ZodEnum) {
      if (!d.multiple || JSON.stringify(d.options.map((o: { value: string }) => o.value)) !== JSON.stringify(el.options)) {
        problems.push(`${path}: multi-select options disagree`);
      }
    } else if (d.widget !== 'list' && !(d.widget === 'ref' && d.multiple)) {
      problems.push(`${path}: list but widget ${d.widget}`);
    }
    if (inner._def.minLength && d.min !== inner._def.minLength.value) problems.push(`${path}: list min disagrees`);
  } else if (inner instanceof z.ZodUnion) {
    if (d.widget !== 'day') problems.push(`${path}: date but widget ${d.widget}`);
  } else if (inner instanceof z.ZodString) {
    if (!['string', 'text', 'ref', 'round', 'fileId'].includes(d.widget)) problems.push(`${path}: string but widget ${d.widget}`);
    const regex = inner._def.checks.find((c) => c.kind === 'regex');
    if (regex && d.pattern?.[0] !== (regex as { regex: RegExp }).regex.source) problems.push(`${path}: pattern disagrees`);
    if (!regex && d.pattern) problems.push(`${path}: CMS has a pattern the schema lacks`);
  } else if (inner instanceof z.ZodBoolean) {
    if (d.widget !== 'boolean') problems.push(`${path}: boolean but widget ${d.widget}`);
  } else {
    problems.push(`${path}: unhandled zod type ${inner.constructor.name}`);
  }
}

function compareShape(
  obj: z.ZodObject<z.ZodRawShape>,
  fields: DecapField[],
  path: string,
  problems: string[],
  table: Record<string, Field> = {},
  inOptionalGroup = false,
): void {
  const byName = new Map(fields.filter((f) => f.name !== 'body').map((f) => [f.name, f]));
  for (const [key, schema] of Object.entries(obj.shape)) {
    const d = byName.get(key);
    if (!d) problems.push(`${path}.${key}: in the schema, missing from the CMS`);
    else compare(schema, d, `${path}.${key}`, problems, Boolean(table[key]?.meta.fileId || table[key]?.meta.folderRound), inOptionalGroup);
    byName.delete(key);
  }
  for (const key of byName.keys()) problems.push(`${path}.${key}: in the CMS, missing from the schema`);
}

describe('toDecapCollection', () => {
  test.each(collections.map((c) => [c.name, c] as const))('the %s collection agrees with its schema', (_, def) => {
    const col = toDecapCollection(def) as { name: string; fields?: DecapField[]; files?: { fields: DecapField[] }[] };
    const fields = col.fields ?? col.files?.[0].fields ?? [];
    const problems: string[] = [];
    compareShape(unwrap(def.schema).inner as z.ZodObject<z.ZodRawShape>, fields, def.name, problems, def.fields);
    expect(problems).toEqual([]);
  });

  test('names each collection after its content folder', () => {
    const names = collections.map((c) => (toDecapCollection(c) as { name: string }).name);
    expect(names).toEqual([
      'site',
      'rounds',
      'orgs',
      'members',
      'pledges',
      'checks',
      'bulletins',
      'reviews',
      'evaluations',
      'commendations',
    ]);
    for (const c of collections.filter((c) => !c.file)) {
      expect((toDecapCollection(c) as { folder: string }).folder).toBe(`content/${c.name}`);
    }
  });

  test('labels every field in Chinese', () => {
    const labels: string[] = [];
    const walk = (fs: DecapField[]) => fs.forEach((f) => (labels.push(f.label), f.fields && walk(f.fields), f.field && walk([f.field])));
    for (const c of collections) {
      const col = toDecapCollection(c) as { fields?: DecapField[]; files?: { fields: DecapField[] }[] };
      walk(col.fields ?? col.files?.[0].fields ?? []);
    }
    expect(labels.filter((l) => !/[\u4e00-\u9fff]/.test(l))).toEqual([]);
  });

  test('detects a disagreement when a CMS field drifts', () => {
    const def = collections.find((c) => c.name === 'pledges')!;
    const col = toDecapCollection(def) as { fields: DecapField[] };
    const records = col.fields.find((f) => f.name === 'records')!;
    records.fields.find((f: DecapField) => f.name === 'progress').max = 150;
    const problems: string[] = [];
    compareShape(unwrap(def.schema).inner as z.ZodObject<z.ZodRawShape>, col.fields, 'pledges', problems, def.fields);
    expect(problems).toEqual(['pledges.records[].progress: max 150 vs 100']);
  });
});
