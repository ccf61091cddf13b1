/**
 * The validated content model for the pages: the one the content guard
 * checked before the build (see src/loader/contentCache.ts). Reading it from
 * there, rather than through `astro:content`, keeps Astro from bundling the
 * whole content store into the server build — at 10,000 members that bundle
 * alone took 5 GiB. In the dev server the folder is checked again when a
 * file has changed.
 */
import { contentDir } from '../loader/contentDir.ts';
import type { ContentModel } from '../lib/model.ts';
import type { Problem } from '../lib/problem.ts';
import { formatReport } from '../loader/formatReport.ts';
import { checkedContent } from '../loader/contentCache.ts';

/** The audit findings of `npm run check` on the same content, as of the same date: computed once, by the content check. */
export function loadFindings(): (Problem & { reason?: string })[] {
  loadModel();
  const result = checkedContent(contentDir(), { revalidate: import.meta.env.DEV });
  const reasons = new Map(result.acknowledged?.explained.map((x) => [x.finding, x.reason]));
  return result.findings.map((f) => (reasons.has(f) ? { ...f, reason: reasons.get(f) } : f));
}

/** The whole model (all scopes); project it with `projectScope` before showing it. */
export function loadModel(): ContentModel {
  const result = checkedContent(contentDir(), { revalidate: import.meta.env.DEV });
  if (!result.model || result.errors.length) throw new Error(formatReport({ ...result, findings: [] }));
  return result.model;
}
