/** What every audit rule reads: the indexed content and the as-of date. */
import type { ContentIndex } from '../contentIndex.ts';
import type { IsoDate } from '../dates.ts';
import type { Problem } from '../problem.ts';

export interface AuditContext {
  index: ContentIndex;
  asOf: IsoDate;
}

export type AuditRule = (ctx: AuditContext) => Problem[];

/** A finding of rule `rule` about `file`. */
export function finding(rule: string, file: string, field: string, message: string): Problem {
  return { file, field, rule, severity: 'finding', message };
}
