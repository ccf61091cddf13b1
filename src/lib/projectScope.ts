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
 * - A round's visibility reaches every file filed under it (pledges, checks,
 *   bulletins, reviews, evaluations, commendations): a file of a round the
 *   scope does not show is not shown, whatever its own visibility says. A file
 *   filed under a folder with no round file keeps its own (the content check
 *   reports the missing round).
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
  const rounds = visible(model.rounds, 'rounds', scope);
  const hiddenRounds = new Set(model.rounds.map((r) => r.id).filter((id) => !rounds.some((r) => r.id === id)));
  /** The files of a type the scope shows: visible themselves, and not filed under a round the scope does not show. */
  const shown = <T extends { visibility?: 'public' | 'internal' | 'private' }>(entries: Entry<T>[], collection: CollectionName) =>
    visible(entries, collection, scope).filter((e) => e.round === undefined || !hiddenRounds.has(e.round));
  const orgs = visible(model.orgs, 'orgs', scope);
  const members = visible(model.members, 'members', scope);
  const owners = new Set([...orgs, ...members].map((e) => e.id));
  const pledges = shown(model.pledges, 'pledges')
    .filter((p) => isApproved(p.data, asOf) && owners.has(p.data.owner))
    .map((p) => {
      const { note: _dropped, ...review } = p.data.review;
      return { ...p, data: { ...p.data, review } };
    });
  const kept = new Set(pledges.map((p) => p.id));
  const keepRefs = (refs: string[] | undefined, round: string | undefined) => refs?.filter((r) => kept.has(pledgeRef(r, round)));
  return {
    site: model.site,
    rounds,
    orgs,
    members,
    pledges,
    checks: shown(model.checks, 'checks').map((c) => ({ ...c, data: { ...c.data, urged: keepRefs(c.data.urged, c.round) } })),
    bulletins: shown(model.bulletins, 'bulletins')
      .filter((b) => b.data.date <= asOf)
      .map((b) => ({ ...b, data: { ...b.data, pledges: keepRefs(b.data.pledges, b.round) } })),
    reviews: scope === 'internal' ? shown(model.reviews, 'reviews') : [],
    evaluations: scope === 'internal' ? shown(model.evaluations, 'evaluations') : [],
    commendations: shown(model.commendations, 'commendations').filter((c) => c.data.date <= asOf && owners.has(c.data.subject)),
  };
}
