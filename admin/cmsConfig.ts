/**
 * The Decap CMS configuration, generated from the field tables in
 * `src/schemas` (never a hand-copied field list). The admin entry script
 * passes it to `CMS.init({ config })` with `load_config_file: false`.
 */
import { collections } from '../src/schemas/collections.ts';
import { toDecapCollection } from '../src/schemas/toDecap.ts';

export interface CmsConfigOptions {
  /** Decap backend block, e.g. `{ name: 'git-gateway' }` or a Gitea backend. */
  backend: Record<string, unknown>;
  /** Enables Decap's local backend (`decap-server`); never in a production build. */
  localBackend?: boolean | { url?: string; allowed_hosts?: string[] };
  /** Content folder, relative to the repository root. */
  contentDir?: string;
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
    collections: collections.map((c) => toDecapCollection(c, o.contentDir ?? 'content')),
  };
}
