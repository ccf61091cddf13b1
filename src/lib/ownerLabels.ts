/**
 * How a pledge's owner is named where two members may share a name: the
 * name alone when it is the only one, else the name and the member's branch
 * (王丽（高中部党支部）), and the id as well when the branch has two of them.
 * An organisation that pledges is named by its own name.
 */
import type { Entry, Member, Org } from './model.ts';

/**
 * The label of each owner id (member or org).
 * @example ownerLabels(members, orgs)('wang-li-2') // → '王丽（高中部党支部）'
 */
export function ownerLabels(members: readonly Pick<Entry<Member>, 'id' | 'data'>[], orgs: readonly Pick<Entry<Org>, 'id' | 'data'>[]): (owner: string) => string {
  const orgName = new Map(orgs.map((o) => [o.id, o.data.name]));
  const byName = new Map<string, number>();
  const byNameOrg = new Map<string, number>();
  const key = (m: Pick<Entry<Member>, 'data'>) => `${m.data.name}\u0000${m.data.org}`;
  for (const m of members) {
    byName.set(m.data.name, (byName.get(m.data.name) ?? 0) + 1);
    byNameOrg.set(key(m), (byNameOrg.get(key(m)) ?? 0) + 1);
  }
  const labels = new Map<string, string>();
  for (const m of members) {
    const name = m.data.name;
    const org = orgName.get(m.data.org) ?? m.data.org;
    if ((byName.get(name) ?? 0) < 2) labels.set(m.id, name);
    else if ((byNameOrg.get(key(m)) ?? 0) < 2) labels.set(m.id, `${name}（${org}）`);
    else labels.set(m.id, `${name}（${org}，编号 ${m.id}）`);
  }
  return (owner) => labels.get(owner) ?? orgName.get(owner) ?? owner;
}
