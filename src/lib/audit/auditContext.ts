/** What every audit rule reads: the indexed content and the as-of date. */
import type { ContentIndex } from '../contentIndex.ts';
import type { IsoDate } from '../dates.ts';
import { problem, type Problem } from '../problem.ts';
import { profileResolver, type Profile } from '../profiles.ts';

export interface AuditContext {
  index: ContentIndex;
  asOf: IsoDate;
  /** The profile governing an org (its own, its nearest ancestor's, else the site's); filled in on first use. */
  profileOf?: (orgId: string | undefined) => Profile;
}

/** The profile that governs `orgId` (see src/lib/profiles.ts). */
export function profileFor(ctx: AuditContext, orgId: string | undefined): Profile {
  ctx.profileOf ??= profileResolver(ctx.index.model.site.data, ctx.index.org);
  return ctx.profileOf(orgId);
}

/** The profile that governs a member's or an org's obligations: the member's branch, or the org itself. */
export function profileOfOwner(ctx: AuditContext, owner: string): Profile {
  return profileFor(ctx, ctx.index.member.get(owner)?.data.org ?? owner);
}

export type AuditRule = (ctx: AuditContext) => Problem[];

/** A finding of rule `rule` about `file`. */
export function finding(rule: string, file: string, field: string, message: string): Problem {
  return problem({ file, field, rule, severity: 'finding', message });
}
