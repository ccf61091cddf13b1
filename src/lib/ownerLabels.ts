/**
 * How a pledge's owner is named where two members may share a name (the month's spreadsheet): the admin's one
 * rule (src/lib/memberLabels.ts: the name alone, with the branch when it repeats, with the id as well when the
 * branch has two), and an organisation that pledges by its own name.
 */
import { memberLabels } from './memberLabels.ts';
import type { Entry, Member, Org } from './model.ts';

/**
 * The label of each owner id (member or org).
 * @example ownerLabels(members, orgs)('wang-li-2') // → '王丽 · 高中部党支部'
 */
export function ownerLabels(
  members: readonly Pick<Entry<Member>, 'id' | 'data'>[],
  orgs: readonly Pick<Entry<Org>, 'id' | 'data'>[],
): (owner: string) => string {
  const orgName = new Map(orgs.map((o) => [o.id, o.data.name]));
  const labels = memberLabels(
    members.map((m) => ({ id: m.id, name: m.data.name, org: m.data.org })),
    orgs.map((o) => ({ id: o.id, name: o.data.name })),
  );
  return (owner) => labels.get(owner) ?? orgName.get(owner) ?? owner;
}
