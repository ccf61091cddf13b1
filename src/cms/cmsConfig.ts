/**
 * The Decap CMS configuration, generated from the field tables in
 * `src/schemas` (never a hand-copied field list). The admin entry script
 * passes it to `CMS.init({ config })` with `load_config_file: false`.
 */
import { collections } from '../schemas/collections.ts';
import { toDecapCollection } from '../schemas/toDecap.ts';
import type { PublishMode } from './backendFromEnv.ts';
import { withProfiles } from './withProfiles.ts';
import type { Profile } from '../lib/profiles.ts';

export interface CmsConfigOptions {
  /** Decap backend block, e.g. a Forgejo backend (src/cms/backendFromEnv.ts). */
  backend: Record<string, unknown>;
  /**
   * `editorial_workflow` (草稿 → 审核中 → 就绪 → 发布) where the backend has it; `simple` (every save is published)
   * for Decap's Gitea backend, which refuses the workflow, and for decap-server when CMS_PUBLISH_MODE asks for it.
   * Left out, Decap's own default: `simple`, which every backend accepts.
   */
  publishMode?: PublishMode;
  /** Enables Decap's local backend (`decap-server`); never in a production build. */
  localBackend?: boolean | { url?: string; allowed_hosts?: string[] };
  /** Content folder, relative to the repository root. */
  contentDir?: string;
  /** The rounds a new per-round file may go into. (That a deadline is inside its round is a save rule: admin/saveRules.ts.) */
  rounds?: { id: string; title: string; start: string; end: string }[];
  /** The round a new per-round file goes into unless the secretary picks another (site.json `currentRound`). */
  currentRound?: string;
  /** The rule profiles in use (the site's and any an org names): what the CMS offers and its hints follow them. */
  profiles?: Profile[];
}

type DecapCollection = Record<string, unknown> & { name: string; fields?: Record<string, unknown>[] };

/** Fields of a pledge's review that only an organisation's pledge has. */
const orgOnly = ['filedOn'];

/** Fields of a pledge that only a member's pledge has: 依岗承诺 is a member's pledge on the post set for them. */
const memberOnly = ['onPost'];

/** Collections in the order a secretary uses them: the admin opens on the first. */
const byUse = [
  'pledges',
  'org-pledges',
  'members',
  'checks',
  'bulletins',
  'reviews',
  'evaluations',
  'commendations',
  'orgs',
  'rounds',
  'site',
];

/** Fills the rounds into the `round` widget of per-round collections: a new file goes into the current round by default. */
function withRoundOptions(cols: DecapCollection[], o: CmsConfigOptions): DecapCollection[] {
  const options = (o.rounds ?? []).map((r) => ({ label: r.title, value: r.id }));
  return cols.map((c) => ({
    ...c,
    fields: c.fields?.map((f) => (f.widget === 'round' ? { ...f, options, ...(o.currentRound && { default: o.currentRound }) } : f)),
  }));
}

/**
 * Pledges are one folder, listed in two views so that organisation pledges are never mixed into the members'
 * list: member pledges in `pledges` (owner → members), organisation pledges (党组织承诺) in `org-pledges` (owner →
 * orgs). A new pledge gets its view's `ownerKind`; a file is listed by the `view_kind` the admin derives.
 */
function withOrgPledges(cols: DecapCollection[]): DecapCollection[] {
  return cols.flatMap((c) => {
    if (c.name !== 'pledges') return [c];
    const kind = (value: 'member' | 'org') => ({ name: 'ownerKind', label: '承诺主体', widget: 'hidden', default: value, required: false });
    const fields = c.fields ?? [];
    // view_kind is what the admin reads a file as (ownerKind, or else whether the owner is an org), so files
    // written by hand or imported, which carry no ownerKind, still land in the right list.
    // 报上级备案日期 is an organisation's: a member's pledge is not filed with the upper organisation.
    const withoutOrgOnly = (f: Record<string, unknown>) =>
      f.name === 'review' ? { ...f, fields: (f.fields as Record<string, unknown>[]).filter((x) => !orgOnly.includes(String(x.name))) } : f;
    const member = {
      ...c,
      filter: { field: 'view_kind', value: 'member' },
      fields: fields.map((f) =>
        f.name === 'ownerKind'
          ? kind('member')
          : f.name === 'owner'
            ? { ...f, label: '承诺党员', hint: '作出承诺的党员', collections: ['members'] }
            : withoutOrgOnly(f),
      ),
    };
    const org = {
      ...c,
      name: 'org-pledges',
      label: '党组织承诺',
      label_singular: '党组织承诺',
      filter: { field: 'view_kind', value: 'org' },
      fields: fields
        .filter((f) => !memberOnly.includes(String(f.name)))
        .map((f) =>
          f.name === 'ownerKind'
            ? kind('org')
            : f.name === 'owner'
              ? { ...f, label: '作出承诺的党组织', hint: '党组织承诺一般为 3—5 项', collections: ['orgs'] }
              : f,
        ),
    };
    return [member, org];
  });
}

/**
 * Decap gives a collection with a `path` (our per-round folders) an entry-relative media folder, so it would list
 * and upload media beside the entries in content/…/<round>/. All media live in the one media folder instead
 * (an absolute folder is taken as it is), the only place the CMS API lets uploads go.
 */
function withSharedMedia(c: DecapCollection): DecapCollection {
  return c.path ? { ...c, media_folder: '/public/uploads', public_folder: '/uploads' } : c;
}

/** The whole Decap config object. */
export function cmsConfig(o: CmsConfigOptions): Record<string, unknown> {
  return {
    backend: o.backend,
    ...(o.localBackend && { local_backend: o.localBackend }),
    locale: 'zh_Hans',
    // Review before publish where the backend supports it; decap-server's file mode falls back to simple publishing by itself.
    publish_mode: o.publishMode ?? 'simple',
    media_folder: 'public/uploads',
    public_folder: '/uploads',
    collections: withProfiles(
      withOrgPledges(withRoundOptions(collections.map((c) => toDecapCollection(c, o.contentDir ?? 'content')) as DecapCollection[], o)),
      o.profiles,
    )
      .map(withSharedMedia)
      .sort((a, b) => byUse.indexOf(a.name) - byUse.indexOf(b.name)),
  };
}
