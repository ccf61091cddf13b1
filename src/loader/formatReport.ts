/** Prints check results for people: errors grouped by file, findings grouped by rule. */
import { auditRules } from '../lib/audit/runAudit.ts';
import { ruleTitle } from '../lib/audit/ruleTitle.ts';
import type { ContentModel } from '../lib/model.ts';
import { siteProfile } from '../lib/profiles.ts';
import { groupBy } from '../lib/groupBy.ts';
import type { Problem } from '../lib/problem.ts';
import type { Acknowledgement } from './readAcknowledged.ts';

/** The report as lines of text. */
export function formatReport(r: {
  errors: Problem[];
  findings: Problem[];
  files: number;
  asOf?: string;
  acknowledged?: { explained: { finding: Problem; reason: string }[]; stale: Acknowledgement[] };
  /** The checked content: its site's profile titles each rule with its own numbers. */
  model?: ContentModel;
}): string {
  const profile = r.model && siteProfile(r.model.site.data);
  const lines: string[] = [];
  const reasons = new Map(r.acknowledged?.explained.map((x) => [x.finding, x.reason]));
  if (r.errors.length) {
    lines.push(`内容有 ${r.errors.length} 处错误，必须改正后才能发布（已发布的网站不受影响）：`, '');
    for (const [file, list] of groupBy(r.errors, (p) => p.file)) {
      lines.push(file);
      for (const p of list) lines.push(`  ${p.field ? `${p.field}  ` : ''}[${p.rule}] ${p.message}`);
      lines.push('');
    }
  }
  if (r.findings.length) {
    const told = reasons.size ? `（其中 ${reasons.size} 条已在 acknowledged.json 中说明）` : '';
    lines.push(`制度落实审计（截至 ${r.asOf}）：${r.findings.length} 条提示${told}，不影响发布：`, '');
    const byRule = groupBy(r.findings, (p) => p.rule);
    for (const rule of auditRules) {
      const list = byRule.get(rule.id);
      if (!list) continue;
      lines.push(`${rule.id} ${(profile && ruleTitle(rule.id, profile)) || rule.title}（${list.length} 条）`);
      for (const p of list) {
        lines.push(`  ${p.file}${p.field ? `  ${p.field}` : ''}  ${p.message}`);
        const why = reasons.get(p);
        if (why) lines.push(`    已说明：${why}`);
      }
      lines.push('');
    }
  }
  const stale = r.acknowledged?.stale ?? [];
  if (stale.length) {
    lines.push(`acknowledged.json 中有 ${stale.length} 条说明已没有对应的提示（问题可能已经解决），可以删除：`);
    for (const a of stale) lines.push(`  ${a.rule}  ${a.file}${a.field ? `  ${a.field}` : ''}`);
    lines.push('');
  }
  if (!r.errors.length) lines.push(`检查了 ${r.files} 个文件，没有错误。${r.findings.length ? '' : '审计未发现问题。'}`);
  else lines.push(`检查了 ${r.files} 个文件，发现 ${r.errors.length} 处错误。`);
  return lines.join('\n');
}
