/**
 * What `npm run verify` checks a public manifest against: each public item's published text
 * (src/lib/publishedItem.ts), recomputed from the repository the way the build computes it — the content read and
 * validated as the content check reads it (only files under the content folder, never through a link), projected
 * to the public scope as of the manifest's date (src/lib/projectScope.ts) — and hashed.
 */
import { createHash } from 'node:crypto';
import type { ManifestKind } from '../lib/buildManifest.ts';
import type { IsoDate } from '../lib/dates.ts';
import type { ContentModel, Entry } from '../lib/model.ts';
import { projectScope } from '../lib/projectScope.ts';
import { isPublicKind, type PublicEntries, type PublicKind, type PublishedContext, publishedItem } from '../lib/publishedItem.ts';
import { readContentTree } from './readContentTree.ts';
import { validateContent } from './validateContent.ts';

const collectionOf: { [K in PublicKind]: (m: ContentModel) => PublicEntries[K][] } = {
  round: (m) => m.rounds,
  org: (m) => m.orgs,
  member: (m) => m.members,
  pledge: (m) => m.pledges,
  bulletin: (m) => m.bulletins,
  commendation: (m) => m.commendations,
};

/**
 * The SHA-256 of what the public board publishes of the item of `kind` from `source` (relative to `root`, with
 * `/`), as of `asOf`; undefined when the repository publishes no such item as of that date (the file is not
 * public, not yet approved, or has an error). Undefined as a whole when `contentDir` has no usable site.json.
 * `contentDir` and `root` are real paths.
 */
export function publishedHashes(
  contentDir: string,
  root: string,
  asOf: IsoDate,
): ((kind: ManifestKind, source: string) => string | undefined) | undefined {
  const { model } = validateContent(readContentTree(contentDir, root).entries);
  if (!model) return undefined;
  const scoped = projectScope(model, 'public', asOf);
  const ids = new Set([...scoped.members, ...scoped.orgs].map((e) => e.id));
  const ctx: PublishedContext = { asOf, shown: (id) => ids.has(id) };
  const entries = new Map<string, Entry<unknown>>();
  for (const kind of Object.keys(collectionOf) as PublicKind[])
    for (const e of collectionOf[kind](scoped)) entries.set(`${kind}\u0000${e.file}`, e);
  return (kind, source) => {
    const entry = isPublicKind(kind) ? entries.get(`${kind}\u0000${source}`) : undefined;
    if (!entry || !isPublicKind(kind)) return undefined;
    return createHash('sha256')
      .update(publishedItem(kind, entry as PublicEntries[typeof kind], ctx))
      .digest('hex');
  };
}
