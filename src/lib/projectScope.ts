/**
 * Disclosure scopes. A scope decides what exists at all: pages, feeds, JSON
 * and the search index are all built from the projected model, so what a
 * scope leaves out is absent from every file, not hidden.
 *
 * - `public`: approved pledges (without review notes), their ledger, 销号 and
 *   rectification; public checks and bulletins; orgs and members. No leader
 *   reviews, no evaluations, nothing marked internal or private.
 * - `internal`: all of public, plus reviews, evaluations and internal files;
 *   never anything marked private, never review notes on pledges that were
 *   not approved.
 * - Commendations (奖诺) are public from their date (the day the branch
 *   decided), in both scopes, and only for a subject the scope shows.
 */
import { collectionOf } from '../schemas/collections.ts';
import type { CollectionName } from '../schemas/collections.ts';
import type { IsoDate } from './dates.ts';
import type { ContentModel, Entry } from './model.ts';
import { pledgeRef } from './pledgeRef.ts';
import { isApproved } from './pledgeStatus.ts';

export type Scope = 'public' | 'internal';

function visible<T extends { visibility?: 'public' | 'internal' | 'private' }>(
  entries: Entry<T>[],
  collection: CollectionName,
  scope: Scope,
): Entry<T>[] {
  const fallback = collectionOf(collection).defaultVisibility;
  return entries.filter((e) => {
    const v = e.data.visibility ?? fallback;
    return v === 'public' || (scope === 'internal' && v === 'internal');
  });
}

/**
 * The model as the scope may show it, as of `asOf`.
 * @example projectScope(model, 'public', '2025-12-26').pledges // approved pledges only, review notes removed
 */
export function projectScope(model: ContentModel, scope: Scope, asOf: IsoDate): ContentModel {
  const orgs = visible(model.orgs, 'orgs', scope);
  const members = visible(model.members, 'members', scope);
  const owners = new Set([...orgs, ...members].map((e) => e.id));
  const pledges = visible(model.pledges, 'pledges', scope)
    .filter((p) => isApproved(p.data, asOf) && owners.has(p.data.owner))
    .map((p) => {
      const { note: _dropped, ...review } = p.data.review;
      return { ...p, data: { ...p.data, review } };
    });
  const kept = new Set(pledges.map((p) => p.id));
  const keepRefs = (refs: string[] | undefined, round: string | undefined) => refs?.filter((r) => kept.has(pledgeRef(r, round)));
  return {
    site: model.site,
    rounds: visible(model.rounds, 'rounds', scope),
    orgs,
    members,
    pledges,
    checks: visible(model.checks, 'checks', scope).map((c) => ({ ...c, data: { ...c.data, urged: keepRefs(c.data.urged, c.round) } })),
    bulletins: visible(model.bulletins, 'bulletins', scope)
      .filter((b) => b.data.date <= asOf)
      .map((b) => ({ ...b, data: { ...b.data, pledges: keepRefs(b.data.pledges, b.round) } })),
    reviews: scope === 'internal' ? visible(model.reviews, 'reviews', scope) : [],
    evaluations: scope === 'internal' ? visible(model.evaluations, 'evaluations', scope) : [],
    commendations: visible(model.commendations, 'commendations', scope).filter((c) => c.data.date <= asOf && owners.has(c.data.subject)),
  };
}
