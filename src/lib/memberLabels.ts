/**
 * How the admin names a member wherever a name appears (lists, pickers,
 * previews, 本月记实): the name alone while no one else bears it; with the
 * branch when the name repeats; with the file id as well when it repeats in
 * one branch. Every member gets a label no other member has.
 */

export interface NamedMember {
  id: string;
  name: string;
  org?: string;
}

export interface NamedOrg {
  id: string;
  name: string;
}

/** The parts of a label joined as the admin shows them: 王丽 · 第一支部 · 编号 wang-li-2. */
const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

/**
 * A distinct label for each member, by id. `withOrg` names every member's branch (a picker, where the branch tells
 * people apart at a glance); otherwise the branch is named only for a name that repeats.
 *
 * @example memberLabels([{ id: 'wang-li', name: '王丽', org: 'b1' }, { id: 'wang-li-2', name: '王丽', org: 'b2' }, { id: 'li', name: '李明', org: 'b1' }], [{ id: 'b1', name: '第一支部' }, { id: 'b2', name: '第二支部' }])
 * // Map { 'wang-li' => '王丽 · 第一支部', 'wang-li-2' => '王丽 · 第二支部', 'li' => '李明' }
 */
export function memberLabels(
  members: readonly NamedMember[],
  orgs: readonly NamedOrg[],
  o: { withOrg?: boolean } = {},
): Map<string, string> {
  const orgName = new Map(orgs.map((x) => [x.id, x.name]));
  const count = (key: (m: NamedMember) => string) => {
    const n = new Map<string, number>();
    for (const m of members) n.set(key(m), (n.get(key(m)) ?? 0) + 1);
    return (m: NamedMember) => n.get(key(m)) ?? 0;
  };
  const byName = count((m) => m.name);
  const byNameAndOrg = count((m) => `${m.name}\n${m.org ?? ''}`);
  const out = new Map<string, string>();
  for (const m of members) {
    const org = m.org ? (orgName.get(m.org) ?? m.org) : undefined;
    if (byNameAndOrg(m) > 1) out.set(m.id, joined(m.name, org, `编号 ${m.id}`));
    else if (byName(m) > 1 || o.withOrg) out.set(m.id, joined(m.name, org));
    else out.set(m.id, m.name);
  }
  // Two branches of one name (or a member named like another's label) could still leave two alike: the id decides.
  const seen = count((m) => out.get(m.id) ?? '');
  for (const m of members)
    if (seen(m) > 1 && !out.get(m.id)!.includes(`编号 ${m.id}`)) out.set(m.id, joined(out.get(m.id), `编号 ${m.id}`));
  return out;
}
