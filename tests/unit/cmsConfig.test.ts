import { describe, expect, test } from 'vitest';
import { backendFromEnv } from '../../src/cms/backendFromEnv.ts';
import { cmsConfig } from '../../src/cms/cmsConfig.ts';
import { randomUUID } from '../../admin/randomUUID.ts';
import { collections } from '../../src/schemas/collections.ts';
import type { Field } from '../../src/schemas/fieldTypes.ts';

describe('cmsConfig', () => {
  test('is Chinese, lists one collection per content folder, and enables the local backend only when asked', () => {
    const prod = cmsConfig({ backend: { name: 'forgejo' }, publishMode: 'editorial_workflow' });
    expect(prod.locale).toBe('zh_Hans');
    expect(prod).not.toHaveProperty('local_backend');
    const names = (prod.collections as { name: string }[]).map((c) => c.name);
    expect(names.filter((n) => n !== 'org-pledges').sort()).toEqual(collections.map((c) => c.name).sort());
    expect(
      cmsConfig({ backend: { name: 'forgejo' }, publishMode: 'editorial_workflow', localBackend: { url: 'http://localhost:8081/api/v1' } })
        .local_backend,
    ).toEqual({ url: 'http://localhost:8081/api/v1' });
  });

  test('names new files from ASCII fields only', () => {
    for (const c of cmsConfig({ backend: { name: 'forgejo' }, publishMode: 'editorial_workflow' }).collections as {
      slug?: string;
      name: string;
    }[]) {
      if (!c.slug) continue;
      const fields = [...c.slug.matchAll(/\{\{fields\.(\w+)\}\}/g)].map((m) => m[1]);
      expect(
        fields.every((f) => ['id', 'owner', 'category', 'org', 'quarter', 'subject', 'period'].includes(f)),
        `${c.name}: ${c.slug}`,
      ).toBe(true);
    }
  });
});

describe('cmsConfig with each backend', () => {
  const lan = {
    CMS_REPO: 'dangzongzhi/gongkai',
    CMS_BASE_URL: 'https://git.school.lan',
    CMS_APP_ID: 'abc',
    SITE: 'https://board.school.lan',
  };

  test.each([
    ['forgejo', 'editorial_workflow', { name: 'forgejo', api_root: 'https://git.school.lan/api/v1' }],
    ['gitea', 'simple', { name: 'gitea', base_url: 'https://git.school.lan', api_root: 'https://git.school.lan/api/v1' }],
    [
      'gitlab',
      'editorial_workflow',
      { name: 'gitlab', base_url: 'https://git.school.lan', api_root: 'https://git.school.lan/api/v4', auth_type: 'pkce' },
    ],
  ])('%s: the backend block from the environment, published with %s, no local backend', (name, mode, block) => {
    const r = backendFromEnv({ CMS_BACKEND: name, ...lan });
    const config = cmsConfig({ backend: r.backend!, publishMode: r.publishMode! });
    expect(config.publish_mode).toBe(mode);
    expect(config.backend).toMatchObject({ ...block, repo: 'dangzongzhi/gongkai', branch: 'main', app_id: 'abc' });
    expect(config).not.toHaveProperty('local_backend');
  });

  test('the Gitea config never asks for the workflow Decap’s Gitea backend refuses (the check can fail)', () => {
    const gitea = backendFromEnv({ CMS_BACKEND: 'gitea', ...lan });
    const ok = cmsConfig({ backend: gitea.backend!, publishMode: gitea.publishMode! });
    const wrong = cmsConfig({ backend: gitea.backend!, publishMode: 'editorial_workflow' });
    const refusedByGitea = (c: Record<string, unknown>) =>
      (c.backend as { name: string }).name === 'gitea' && c.publish_mode === 'editorial_workflow';
    expect(refusedByGitea(ok)).toBe(false);
    expect(refusedByGitea(wrong)).toBe(true);
  });

  test('the local backend takes the publish mode it is given (CMS_PUBLISH_MODE)', () => {
    expect(cmsConfig({ backend: { name: 'git-gateway' }, publishMode: 'simple', localBackend: true }).publish_mode).toBe('simple');
    expect(cmsConfig({ backend: { name: 'git-gateway' }, publishMode: 'editorial_workflow', localBackend: true }).publish_mode).toBe(
      'editorial_workflow',
    );
  });

  test('without a publish mode, Decap’s own default (simple), which every backend accepts', () => {
    expect(cmsConfig({ backend: { name: 'proxy' } }).publish_mode).toBe('simple');
  });
});

type Col = {
  name: string;
  folder?: string;
  filter?: { field: string; value: string };
  fields?: DecapField[];
  files?: { fields: DecapField[] }[];
};
type DecapField = {
  name: string;
  widget: string;
  collections?: string[];
  fields?: DecapField[];
  field?: DecapField;
  options?: { value: string }[];
  default?: unknown;
};

/** Every relation of a field table, by path: the collections the schema lets it point at. */
function schemaTargets(fields: Record<string, Field>, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, f] of Object.entries(fields)) {
    const path = `${prefix}${k}`;
    const to = f.meta.to ?? f.meta.item?.meta.to;
    if (to) out.set(path, [...to].sort());
    if (f.meta.fields) for (const [p, t] of schemaTargets(f.meta.fields, `${path}.`)) out.set(p, t);
  }
  return out;
}

/** Every relation of a CMS collection's fields, by path: the collections its picker offers. */
function cmsTargets(fields: DecapField[], prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of fields) {
    const path = `${prefix}${f.name}`;
    if (f.widget === 'ref') out.set(path, [...(f.collections ?? [])].sort());
    if (f.widget === 'round') out.set(path, ['rounds']);
    if (f.fields) for (const [p, t] of cmsTargets(f.fields, `${path}.`)) out.set(p, t);
  }
  return out;
}

/** What the generated config lets each relation of each content folder point at (views of one folder merged). */
function configTargets(config: Record<string, unknown>): Map<string, Map<string, string[]>> {
  const byFolder = new Map<string, Map<string, string[]>>();
  for (const c of config.collections as Col[]) {
    const folder = c.folder ? c.folder.replace(/^content\//, '') : c.name;
    const merged = byFolder.get(folder) ?? new Map<string, string[]>();
    for (const [p, t] of cmsTargets(c.fields ?? c.files?.[0].fields ?? []))
      merged.set(p, [...new Set([...(merged.get(p) ?? []), ...t])].sort());
    byFolder.set(folder, merged);
  }
  return byFolder;
}

describe('relations', () => {
  const config = cmsConfig({ backend: { name: 'forgejo' }, publishMode: 'editorial_workflow' });

  test.each(collections.map((c) => [c.name, c] as const))(
    '%s: every relation offers in the CMS exactly the targets the schema allows',
    (name, def) => {
      expect(configTargets(config).get(name)).toEqual(schemaTargets(def.fields));
    },
  );

  test('a review may be of a member or of an organisation, and a pledge’s owner is either, in two lists', () => {
    expect(configTargets(config).get('reviews')?.get('subject')).toEqual(['members', 'orgs']);
    const views = (config.collections as Col[]).filter((c) => c.folder === 'content/pledges');
    expect(views.map((v) => [v.name, v.filter?.value, v.fields?.find((f) => f.name === 'owner')?.collections])).toEqual([
      ['pledges', 'member', ['members']],
      ['org-pledges', 'org', ['orgs']],
    ]);
  });

  test('fails when a relation’s targets drift (the check can fail)', () => {
    const drifted = structuredClone(config);
    const reviews = (drifted.collections as Col[]).find((c) => c.name === 'reviews')!;
    reviews.fields!.find((f) => f.name === 'subject')!.collections = ['members'];
    expect(configTargets(drifted).get('reviews')).not.toEqual(schemaTargets(collections.find((c) => c.name === 'reviews')!.fields));
  });
});

describe('rounds in the CMS', () => {
  test('a new per-round file defaults to the current round; the admin opens on 承诺事项', () => {
    const config = cmsConfig({
      backend: { name: 'forgejo' },
      publishMode: 'editorial_workflow',
      currentRound: '2026',
      rounds: [
        { id: '2025', title: '2025年度', start: '2025-01-01', end: '2025-12-31' },
        { id: '2026', title: '2026年度', start: '2026-01-01', end: '2026-12-31' },
      ],
    });
    const cols = config.collections as Col[];
    expect(cols[0].name).toBe('pledges');
    const round = cols[0].fields!.find((f) => f.name === 'round')!;
    expect(round).toMatchObject({ widget: 'round', default: '2026', options: [{ value: '2025' }, { value: '2026' }] });
    expect((cols[0] as { slug?: string }).slug).toBe('{{fields.owner}}-{{fields.category}}');
  });
});

describe('randomUUID', () => {
  test('makes RFC 4122 version-4 UUIDs without a secure context', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomUUID()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('organisation pledges in the CMS', () => {
  const cols = cmsConfig({ backend: { name: 'forgejo' }, publishMode: 'editorial_workflow' }).collections as {
    name: string;
    folder?: string;
    filter?: unknown;
    fields: { name: string; widget: string; default?: string }[];
  }[];
  const member = cols.find((c) => c.name === 'pledges')!;
  const org = cols.find((c) => c.name === 'org-pledges')!;

  test('are edited in their own view of the same folder, with the owner chosen among orgs', () => {
    expect(org.folder).toBe(member.folder);
    expect(org.filter).toEqual({ field: 'view_kind', value: 'org' });
    expect(member.filter).toEqual({ field: 'view_kind', value: 'member' });
  });

  test('报上级备案日期 (the filing of an organisation pledge) is on the organisation pledge only', () => {
    const reviewOf = (c: typeof member) =>
      (c.fields.find((f) => f.name === 'review') as unknown as { fields: { name: string }[] }).fields.map((f) => f.name);
    expect(reviewOf(org)).toContain('filedOn');
    expect(reviewOf(member)).not.toContain('filedOn');
  });

  test('依岗承诺 (a member’s pledge on the post set for them) is on the member pledge only', () => {
    expect(member.fields.find((f) => f.name === 'onPost')).toMatchObject({ widget: 'boolean', label: '依岗承诺' });
    expect(org.fields.map((f) => f.name)).not.toContain('onPost');
  });

  test('each view marks the pledges it creates', () => {
    expect(member.fields.find((f) => f.name === 'ownerKind')).toMatchObject({ widget: 'hidden', default: 'member' });
    expect(org.fields.find((f) => f.name === 'ownerKind')).toMatchObject({ widget: 'hidden', default: 'org' });
  });
});

describe('what the form says about each field', () => {
  const cols = cmsConfig({ backend: { name: 'forgejo' }, publishMode: 'editorial_workflow' }).collections as {
    name: string;
    fields: Record<string, unknown>[];
  }[];
  const field = (collection: string, ...path: string[]) => {
    let fields = cols.find((c) => c.name === collection)!.fields;
    let found: Record<string, unknown> | undefined;
    for (const name of path) {
      found = fields.find((f) => f.name === name);
      fields = (found?.fields as Record<string, unknown>[]) ?? [];
    }
    return found!;
  };

  test.each([
    [['category'], '审核通过时必填'],
    [['measures'], '审核通过时必填'],
    [['deadline'], '审核通过时必填'],
    [['review', 'by'], '审核通过时必填'],
    [['review', 'note'], '退回时必填'],
    [['closed', 'verifiedBy'], '销号时必填'],
  ])('a pledge field required in a state (%s) says that state instead of 选填', (path, note) => {
    expect(field('pledges', ...path)).toMatchObject({ required: false, required_note: note });
  });

  test('a new member or org derives its id from the name; the id is never marked optional', () => {
    expect(field('members', 'id')).toMatchObject({ widget: 'fileId', required_note: '', id_from: 'name' });
    expect(field('orgs', 'id')).toMatchObject({ widget: 'fileId', required_note: '', id_from: 'name' });
    expect(field('members', 'post')).not.toHaveProperty('required_note');
  });

  test('公开范围 shows its three choices, each explained, and says the default', () => {
    const visibility = field('pledges', 'visibility') as { widget: string; options: { label: string; hint: string }[]; hint: string };
    expect(visibility.widget).toBe('choices');
    expect(visibility.options.map((o) => o.label)).toEqual(['公开', '仅组织内部', '不公开']);
    expect(visibility.options.every((o) => o.hint.length > 0)).toBe(true);
    expect(visibility.hint).toBe('不选时：公开');
    expect((field('reviews', 'visibility') as { hint: string }).hint).toBe('不选时：仅组织内部');
  });
});
