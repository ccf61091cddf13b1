/** The compliance audit: every rule R1–R17 over the content, as of a date. */
import type { ContentIndex } from '../contentIndex.ts';
import type { IsoDate } from '../dates.ts';
import type { Problem } from '../problem.ts';
import type { AuditRule } from './auditContext.ts';
import { auditR10, auditR11, auditR12, auditR13, auditR14, auditR16 } from './evaluationRules.ts';
import { auditR17 } from './postRules.ts';
import { auditR6, auditR7, auditR8, auditR9 } from './ledgerRules.ts';
import { auditR1, auditR2, auditR3 } from './pledgeCountRules.ts';
import { auditR15, auditR4, auditR5 } from './publicationRules.ts';

/** Each rule's id, its short Chinese title and its check. */
export const auditRules: readonly { id: string; title: string; run: AuditRule }[] = [
  { id: 'R1', title: '党员承诺 2—3 项（离退休、年老体弱党员自愿）', run: auditR1 },
  { id: 'R2', title: '党组织承诺 3—5 项', run: auditR2 },
  { id: 'R3', title: '书记、班子成员、领导干部带头承诺', run: auditR3 },
  { id: 'R4', title: '公开的承诺有类别、措施和本轮内的完成时限', run: auditR4 },
  { id: 'R5', title: '只公开审核通过的承诺', run: auditR5 },
  { id: 'R6', title: '每月一记实（或每学期一记账）', run: auditR6 },
  { id: 'R7', title: '每季度一检查', run: auditR7 },
  { id: 'R8', title: '每半年一通报', run: auditR8 },
  { id: 'R9', title: '逾期未销号须督促整改', run: auditR9 },
  { id: 'R10', title: '群众评议主体不少于党员数的 80%', run: auditR10 },
  { id: 'R11', title: '自评、群众评议、领导点评齐全', run: auditR11 },
  { id: 'R12', title: '由规定的领导点评', run: auditR12 },
  { id: 'R13', title: '整改态度消极或拒不整改定为不合格', run: auditR13 },
  { id: 'R14', title: '领导点评每半年一次', run: auditR14 },
  { id: 'R15', title: '销号写明核实人和日期', run: auditR15 },
  { id: 'R16', title: '应参加评议的党员都在本支部的评诺中', run: auditR16 },
  { id: 'R17', title: '无职党员设岗定责', run: auditR17 },
];

/** Runs every rule; findings come in rule order. */
export function runAudit(index: ContentIndex, asOf: IsoDate): Problem[] {
  return auditRules.flatMap((r) => r.run({ index, asOf }));
}
