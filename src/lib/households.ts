/**
 * 共产党员户 (篇四): the members whose household hangs the 共产党员户 plaque (`household: true`), by org.
 * Plain data in, plain data out.
 */
import type { ContentIndex } from './contentIndex.ts';

/** The ids of the members of exactly this org (not its sub-branches) whose household is a 共产党员户. */
export function householdsOf(index: ContentIndex, orgId: string): Set<string> {
  return new Set((index.membersOf.get(orgId) ?? []).filter((m) => m.data.household).map((m) => m.id));
}

/** Of `orgIds`, in their order, those with at least one 共产党员户 among their own members. */
export function orgsWithHouseholds(index: ContentIndex, orgIds: readonly string[]): string[] {
  return orgIds.filter((o) => householdsOf(index, o).size > 0);
}
