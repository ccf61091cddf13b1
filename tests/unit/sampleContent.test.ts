/** The bundled sample reads like a real branch: every state a board meets, and only the few findings a well-run branch has. */
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { fulfilmentOf, reviewStateOf } from '../../src/lib/pledgeStatus.ts';
import { roundHalves } from '../../src/lib/roundPeriods.ts';
import { rulesOf, siteProfile } from '../../src/lib/profiles.ts';

const root = new URL('../..', import.meta.url).pathname;
const result = checkContent(`${root}content`, '2000-01-01', root);
const model = result.model!;
const idx = indexContent(model);
const asOf = result.asOf!;

describe('the sample branch', () => {
  test('has no content errors and a fixed asOf in the second half of its round', () => {
    expect(result.errors).toEqual([]);
    expect(model.site.data.asOf).toBe(asOf);
    const [, h2] = roundHalves(idx.round!.data);
    expect(asOf >= h2.start && asOf <= h2.end).toBe(true);
  });

  test('is a 党总支 with two teachers’ branches and one retirees’ branch, about 40 members', () => {
    const top = idx.org.get(model.site.data.topOrg)!;
    expect(top.data.level).toBe('general-branch');
    const branches = idx.children.get(top.id)!.map((id) => idx.org.get(id)!.data.name);
    expect(branches.filter((n) => n.includes('教师') && !n.includes('离退休')).length).toBe(2);
    expect(branches.filter((n) => n.includes('离退休')).length).toBe(1);
    expect(model.members.length).toBeGreaterThanOrEqual(36);
    expect(model.members.length).toBeLessThanOrEqual(45);
    const statuses = new Set(model.members.map((m) => m.data.status));
    expect(statuses).toEqual(new Set(['active', 'retired', 'frail']));
    expect(model.members.some((m) => m.data.assignedPost && !m.data.post)).toBe(true);
    expect(model.members.some((m) => m.data.roles?.includes('leading-cadre'))).toBe(true);
  });

  test('has pledges in all four areas, all review states and all fulfilment states', () => {
    const pledges = idx.roundPledges.map((p) => p.data);
    expect(new Set(pledges.map((p) => p.category))).toEqual(new Set(['study', 'work', 'discipline', 'service']));
    expect(new Set(pledges.map((p) => reviewStateOf(p, asOf)))).toEqual(new Set(['draft', 'submitted', 'revise', 'resubmit', 'approved']));
    expect(new Set(pledges.map((p) => fulfilmentOf(p, asOf)).filter(Boolean))).toEqual(
      new Set(['not-started', 'in-progress', 'overdue', 'closed', 'closed-late', 'rectifying']),
    );
  });

  // Rule coverage lives in the fixtures (tests/unit/rulesByPreset.test.ts: every rule fires and passes under every
  // preset that has it). The sample is a well-run branch: only a few findings, each explained by the branch.
  test('has only a few findings, each explained in content/acknowledged.json with a reason, and no stale explanation', () => {
    const explained = result.acknowledged!.explained;
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.length).toBeLessThanOrEqual(8);
    expect(result.open, JSON.stringify(result.open, null, 1)).toEqual([]);
    expect(result.acknowledged!.stale).toEqual([]);
    for (const { reason } of explained) expect(reason).toMatch(/[\u4e00-\u9fff]/);
  });

  test('its findings come only from rules of its own profile (篇三)', () => {
    const rules = new Set(rulesOf(siteProfile(model.site.data)));
    expect(result.findings.filter((f) => !rules.has(f.rule))).toEqual([]);
  });
});
