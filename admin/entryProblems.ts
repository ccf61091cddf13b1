/**
 * The save rules (admin/saveRules.ts) over the entry Decap is editing, with
 * the rounds, members and orgs the admin knows: computed once per version of
 * the entry, however many fields ask.
 */
import { saveProblems, type SaveProblem } from './saveRules.ts';
import { facts } from './siteFacts.ts';

/** The part of Decap's entry (an Immutable map) the rules read. */
export interface EntryMap {
  get(key: string): unknown;
  getIn?(path: string[]): unknown;
}

const cache = new WeakMap<object, SaveProblem[]>();

/** Every reason the entry as it stands cannot be saved. */
export function entryProblems(entry: EntryMap): SaveProblem[] {
  const hit = cache.get(entry);
  if (hit) return hit;
  const data = (entry.get('data') as { toJS(): Record<string, unknown> } | undefined)?.toJS() ?? {};
  const f = facts();
  const problems = saveProblems(
    {
      collection: String(entry.get('collection')),
      newRecord: Boolean(entry.get('newRecord')),
      path: entry.get('path') as string | undefined,
      data,
    },
    { rounds: f.rounds, members: f.members.map((m) => m.id), orgs: f.orgs.map((o) => o.id) },
  );
  cache.set(entry, problems);
  return problems;
}
