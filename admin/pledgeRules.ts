/**
 * The pledge rules that span several fields (R4: an approved pledge has a
 * category, measures and a deadline; R15: a check-off names its verifier and
 * date; only approved pledges are checked off; records in date order; an
 * approval names who and when, a return says why). Decap
 * widgets check one field at a time, so the admin runs the site's own schema
 * before every save and refuses the save with the schema's Chinese message.
 */
import { REVIEW_DECIDED, pledgeSchema } from '../src/schemas/pledge.ts';
import { fileData } from './contentFormat.ts';

/** The schema's rules that span several fields (the ones Decap's per-field widgets cannot check). */
export const crossFieldRules: ReadonlySet<string> = new Set(['R4', 'R15', 'closed-unapproved', 'records-order', REVIEW_DECIDED]);

/** The cross-field rule messages a pledge form breaks (of `rules`, by default all of them); empty when it may be saved. */
export function pledgeRuleErrors(data: Record<string, unknown>, rules: ReadonlySet<string> = crossFieldRules): string[] {
  const { body: _body, ...front } = data;
  const result = pledgeSchema.safeParse(fileData(front));
  if (result.success) return [];
  // Field-level problems (types, ranges, patterns) are the widgets' job and shown at the field.
  return result.error.issues.filter((i) => i.code === 'custom' && rules.has(String(i.params?.rule))).map((i) => i.message);
}
