/**
 * Lookups over the content, built once per model: by id, org children and
 * subtrees, pledges per owner. Every page and rule reads these instead of
 * scanning the arrays again.
 */
import type { ContentModel, Entry, Member, Org, Pledge, Round } from './model.ts';

export interface ContentIndex {
  model: ContentModel;
  /** The round named by `site.currentRound`. */
  round: Entry<Round> | undefined;
  org: Map<string, Entry<Org>>;
  member: Map<string, Entry<Member>>;
  pledge: Map<string, Entry<Pledge>>;
  /** Direct child orgs of an org. */
  children: Map<string, string[]>;
  /** Members whose `org` is exactly this org. */
  membersOf: Map<string, Entry<Member>[]>;
  /** Pledges of the current round, by owner (member or org id). */
  pledgesOf: Map<string, Entry<Pledge>[]>;
  /** Pledges of the current round. */
  roundPledges: Entry<Pledge>[];
  /** The org and all its descendants, in tree order. */
  subtree(orgId: string): string[];
  /** Every member of the org and its descendants. */
  membersUnder(orgId: string): Entry<Member>[];
  /** The secretary of an org: its `secretary` field, else a member of it with the secretary role. */
  secretaryOf(orgId: string): string | undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the index of a model. */
export function indexContent(model: ContentModel): ContentIndex {
  const org = new Map(model.orgs.map((o) => [o.id, o]));
  const member = new Map(model.members.map((m) => [m.id, m]));
  const pledge = new Map(model.pledges.map((p) => [p.id, p]));
  const children = new Map<string, string[]>();
  const byOrder = [...model.orgs].sort((a, b) => (a.data.order ?? 1e9) - (b.data.order ?? 1e9) || a.id.localeCompare(b.id));
  for (const o of byOrder) if (o.data.parent) push(children, o.data.parent, o.id);
  const membersOf = new Map<string, Entry<Member>[]>();
  for (const m of model.members) push(membersOf, m.data.org, m);
  const roundId = model.site.data.currentRound;
  const roundPledges = model.pledges.filter((p) => p.round === roundId);
  const pledgesOf = new Map<string, Entry<Pledge>[]>();
  for (const p of roundPledges) push(pledgesOf, p.data.owner, p);
  const subtrees = new Map<string, string[]>();
  const subtree = (id: string): string[] => {
    let s = subtrees.get(id);
    if (!s) {
      s = [id, ...(children.get(id) ?? []).flatMap(subtree)];
      subtrees.set(id, s);
    }
    return s;
  };
  return {
    model,
    round: model.rounds.find((r) => r.id === roundId),
    org,
    member,
    pledge,
    children,
    membersOf,
    pledgesOf,
    roundPledges,
    subtree,
    membersUnder: (id) => subtree(id).flatMap((o) => membersOf.get(o) ?? []),
    secretaryOf: (id) => org.get(id)?.data.secretary ?? membersOf.get(id)?.find((m) => m.data.roles?.includes('secretary'))?.id,
  };
}
