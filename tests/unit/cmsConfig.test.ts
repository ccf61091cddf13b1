import { describe, expect, test } from 'vitest';
import { backendFromEnv } from '../../admin/backendFromEnv.ts';
import { cmsConfig } from '../../admin/cmsConfig.ts';
import { randomUUID } from '../../admin/randomUUID.ts';
import { datePattern } from '../../admin/datePattern.ts';
import { collections } from '../../src/schemas/collections.ts';

describe('backendFromEnv', () => {
  test('builds a Gitea backend for a campus LAN, with the API root derived from the base URL', () => {
    const r = backendFromEnv({ CMS_BACKEND: 'gitea', CMS_REPO: 'dangzongzhi/gongkai', CMS_BASE_URL: 'http://git.school.lan/', CMS_APP_ID: 'abc' });
    expect(r).toEqual({
      errors: [],
      backend: { name: 'gitea', repo: 'dangzongzhi/gongkai', branch: 'main', base_url: 'http://git.school.lan/', api_root: 'http://git.school.lan/api/v1', app_id: 'abc' },
    });
  });

  test('uses PKCE for GitLab with an application id', () => {
    expect(backendFromEnv({ CMS_BACKEND: 'gitlab', CMS_REPO: 'a/b', CMS_APP_ID: 'x', CMS_BRANCH: 'publish' }).backend).toEqual({ name: 'gitlab', repo: 'a/b', branch: 'publish', app_id: 'x', auth_type: 'pkce' });
  });

  test.each([
    [{ CMS_BACKEND: 'gitea', CMS_REPO: 'a/b', CMS_BASE_URL: 'http://g' }, /CMS_APP_ID/],
    [{ CMS_BACKEND: 'github' }, /CMS_REPO/],
    [{ CMS_BACKEND: 'github', CMS_REPO: 'not a repo' }, /所有者\/仓库名/],
    [{ CMS_BACKEND: 'svn', CMS_REPO: 'a/b' }, /不认识/],
  ])('names what is missing or wrong, in Chinese: %j', (env, message) => {
    const r = backendFromEnv(env);
    expect(r.backend).toBeUndefined();
    expect(r.errors.join('\n')).toMatch(message);
  });

  test('configures no backend when none is asked for', () => {
    expect(backendFromEnv({})).toEqual({ errors: [] });
  });
});

describe('cmsConfig', () => {
  test('is Chinese, lists one collection per content folder, and enables the local backend only when asked', () => {
    const prod = cmsConfig({ backend: { name: 'gitea' } });
    expect(prod.locale).toBe('zh_Hans');
    expect(prod).not.toHaveProperty('local_backend');
    const names = (prod.collections as { name: string }[]).map((c) => c.name);
    expect(names.filter((n) => n !== 'org-pledges')).toEqual(collections.map((c) => c.name));
    expect(cmsConfig({ backend: { name: 'gitea' }, localBackend: { url: 'http://localhost:8081/api/v1' } }).local_backend).toEqual({ url: 'http://localhost:8081/api/v1' });
  });

  test('names new files from ASCII fields only', () => {
    for (const c of cmsConfig({ backend: { name: 'gitea' } }).collections as { slug?: string; name: string }[]) {
      if (!c.slug) continue;
      const fields = [...c.slug.matchAll(/\{\{fields\.(\w+)\}\}/g)].map((m) => m[1]);
      expect(fields.every((f) => ['id', 'owner', 'category', 'org', 'quarter', 'subject'].includes(f)), `${c.name}: ${c.slug}`).toBe(true);
    }
  });
});

describe('randomUUID', () => {
  test('makes RFC 4122 version-4 UUIDs without a secure context', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomUUID()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('datePattern', () => {
  test.each([
    ['2025-01-01', true],
    ['2025-12-31', true],
    ['2025-02-28', true],
    ['2024-12-31', false],
    ['2026-01-01', false],
    ['2026-03-01', false],
  ])('a calendar-year round accepts %s: %s', (date, ok) => {
    expect(new RegExp(datePattern([{ start: '2025-01-01', end: '2025-12-31' }])).test(date)).toBe(ok);
  });

  test.each([
    ['2025-09-01', true],
    ['2025-08-31', false],
    ['2026-08-31', true],
    ['2026-09-01', false],
    ['2026-02-29', false],
    ['2024-02-29', true],
  ])('school-year and leap-year rounds accept %s: %s', (date, ok) => {
    const re = new RegExp(datePattern([{ start: '2025-09-01', end: '2026-08-31' }, { start: '2024-02-10', end: '2024-03-05' }]));
    expect(re.test(date)).toBe(ok);
  });

  test('the pledge deadline carries the pattern with a Chinese message', () => {
    const config = cmsConfig({ backend: { name: 'gitea' }, rounds: [{ title: '2025', start: '2025-01-01', end: '2025-12-31' }] });
    const pledges = (config.collections as { name: string; fields: { name: string; pattern?: string[] }[] }[]).find((c) => c.name === 'pledges')!;
    expect(pledges.fields.find((f) => f.name === 'deadline')?.pattern?.[1]).toContain('2025-01-01 至 2025-12-31');
  });
});

describe('organisation pledges in the CMS', () => {
  const cols = cmsConfig({ backend: { name: 'gitea' } }).collections as { name: string; folder?: string; filter?: unknown; fields: { name: string; widget: string; collection?: string; default?: string }[] }[];
  const member = cols.find((c) => c.name === 'pledges')!;
  const org = cols.find((c) => c.name === 'org-pledges')!;

  test('are edited in their own view of the same folder, with the owner chosen among orgs', () => {
    expect(org.folder).toBe(member.folder);
    expect(org.filter).toEqual({ field: 'ownerKind', value: 'org' });
    expect(org.fields.find((f) => f.name === 'owner')?.collection).toBe('orgs');
    expect(member.fields.find((f) => f.name === 'owner')?.collection).toBe('members');
  });

  test('each view marks the pledges it creates', () => {
    expect(member.fields.find((f) => f.name === 'ownerKind')).toMatchObject({ widget: 'hidden', default: 'member' });
    expect(org.fields.find((f) => f.name === 'ownerKind')).toMatchObject({ widget: 'hidden', default: 'org' });
  });
});
