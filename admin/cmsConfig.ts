/**
 * The Decap CMS configuration, generated from the field tables in
 * `src/schemas` (never a hand-copied field list). The admin entry script
 * passes it to `CMS.init({ config })` with `load_config_file: false`.
 */
import { collections } from '../src/schemas/collections.ts';
import { toDecapCollection } from '../src/schemas/toDecap.ts';
import { datePattern } from './datePattern.ts';

export interface CmsConfigOptions {
  /** Decap backend block, e.g. `{ name: 'git-gateway' }` or a Gitea backend. */
  backend: Record<string, unknown>;
  /** Enables Decap's local backend (`decap-server`); never in a production build. */
  localBackend?: boolean | { url?: string; allowed_hosts?: string[] };
  /** Content folder, relative to the repository root. */
  contentDir?: string;
  /** The rounds: a pledge deadline must fall inside one of them (R4), which the CMS checks with a pattern. */
  rounds?: { title: string; start: string; end: string }[];
}

/** Adds the round-dates pattern to the pledge deadline field. */
function withDeadlineRule(collections: Record<string, unknown>[], rounds: CmsConfigOptions['rounds']): Record<string, unknown>[] {
  if (!rounds?.length) return collections;
  const spans = rounds.map((r) => `${r.start} 至 ${r.end}`).join('、');
  return collections.map((c) =>
    c.name !== 'pledges'
      ? c
      : { ...c, fields: (c.fields as Record<string, unknown>[]).map((f) => (f.name === 'deadline' ? { ...f, pattern: [datePattern(rounds), `:完成时限须在轮次起止日期之内(${spans})`] } : f)) },
  );
}

type DecapCollection = Record<string, unknown> & { name: string; fields?: Record<string, unknown>[] };

/**
 * Pledges are one folder, but Decap's relation widget points at one collection: member pledges are edited in
 * `pledges` (owner → members), organisation pledges (党组织承诺) in an extra `org-pledges` view of the same folder
 * (owner → orgs), told apart by `ownerKind`, which each view fills in by itself.
 */
function withOrgPledges(cols: DecapCollection[]): DecapCollection[] {
  return cols.flatMap((c) => {
    if (c.name !== 'pledges') return [c];
    const kind = (value: 'member' | 'org') => ({ name: 'ownerKind', label: '承诺主体', widget: 'hidden', default: value, required: false });
    const fields = c.fields ?? [];
    const member = { ...c, fields: fields.map((f) => (f.name === 'ownerKind' ? kind('member') : f)) };
    const org = {
      ...c,
      name: 'org-pledges',
      label: '党组织承诺',
      label_singular: '党组织承诺',
      filter: { field: 'ownerKind', value: 'org' },
      fields: fields.map((f) =>
        f.name === 'ownerKind'
          ? kind('org')
          : f.name === 'owner'
            ? { ...f, label: '作出承诺的党组织', hint: '党组织承诺一般为 3—5 项', collection: 'orgs', search_fields: ['name'], display_fields: ['{{name}}'] }
            : f,
      ),
    };
    return [member, org];
  });
}

/** The whole Decap config object. */
export function cmsConfig(o: CmsConfigOptions): Record<string, unknown> {
  return {
    backend: o.backend,
    ...(o.localBackend && { local_backend: o.localBackend }),
    locale: 'zh_Hans',
    // Review before publish (草稿 → 审核中 → 就绪 → 发布) where the backend supports it; decap-server's file mode falls back to direct publishing.
    publish_mode: 'editorial_workflow',
    media_folder: 'public/uploads',
    public_folder: '/uploads',
    collections: withOrgPledges(withDeadlineRule(collections.map((c) => toDecapCollection(c, o.contentDir ?? 'content')), o.rounds) as DecapCollection[]),
  };
}
