import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { generateContent } from '../../src/gen/generateContent.ts';
import { writeGenerated } from '../../src/cli/gen.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { combineEvaluation } from '../../src/lib/combineEvaluation.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function digest(members: number, seed: number): string {
  const h = createHash('sha256');
  for (const [path, text] of generateContent({ members, seed })) h.update(path).update(text);
  return h.digest('hex');
}

describe('generateContent', () => {
  test('is deterministic for a seed and differs between seeds', () => {
    expect(digest(120, 7)).toBe(digest(120, 7));
    expect(digest(120, 7)).not.toBe(digest(120, 8));
  });

  test('writes a valid tree with realistic distributions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    writeGenerated(dir, 500, 3);
    const result = checkContent(dir, '2000-01-01', dir);
    expect(result.errors).toEqual([]);
    const idx = indexContent(result.model!);
    expect(result.model!.members.length).toBe(500);
    const branches = result.model!.orgs.filter((o) => o.data.level === 'branch');
    for (const b of branches) {
      const n = idx.membersOf.get(b.id)!.length;
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(79);
    }
    const active = result.model!.members.filter((m) => m.data.status === 'active');
    const counts = active.map((m) => (idx.pledgesOf.get(m.id) ?? []).length);
    expect(counts.every((c) => c === 2 || c === 3)).toBe(true);
    const perPledge = idx.roundPledges.reduce((n, p) => n + (p.data.records?.length ?? 0), 0) / idx.roundPledges.length;
    expect(perPledge).toBeGreaterThan(5);
    expect(result.findings.some((f) => f.rule === 'R9')).toBe(true);
  });

  test('writes the year end for the internal build: evaluation text, rectification, commendations of members graded 优秀 and of branches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    writeGenerated(dir, 600, 5);
    const result = checkContent(dir, '2000-01-01', dir);
    expect(result.errors).toEqual([]);
    const model = result.model!;
    const idx = indexContent(model);
    const branches = model.orgs.filter((o) => o.data.level === 'branch');
    expect(model.evaluations.length).toBe(branches.length);
    const rows = model.evaluations.flatMap((e) => e.data.members);
    // Every member's evaluation reads like a branch's own: a self summary and a leader comment.
    expect(rows.every((m) => m.self?.summary && m.leader?.comment)).toBe(true);
    expect(new Set(rows.map((m) => m.leader?.comment)).size).toBeGreaterThan(3);
    expect(rows.some((m) => m.rectification?.required && m.rectification.attitude === 'passive')).toBe(true);
    expect(rows.some((m) => m.final?.reason)).toBe(true);
    expect(model.evaluations.some((e) => e.data.orgResult?.comment)).toBe(true);
    // Each branch is reviewed, as its members are.
    for (const b of branches) expect(model.reviews.some((r) => r.data.subject === b.id)).toBe(true);
    expect(result.findings.filter((f) => f.rule === 'R12')).toEqual([]);

    const graded = new Map(model.evaluations.flatMap((e) => e.data.members.map((m) => [m.member, combineEvaluation(m, model.site.data.evaluation).grade] as const)));
    const honoured = model.commendations.filter((c) => idx.member.has(c.data.subject));
    expect(honoured.length).toBeGreaterThanOrEqual(branches.length);
    for (const c of honoured) expect(graded.get(c.data.subject)).toBe('excellent');
    for (const b of branches) expect(honoured.filter((c) => idx.member.get(c.data.subject)!.data.org === b.id).length).toBeLessThanOrEqual(3);
    const branchHonours = model.commendations.filter((c) => idx.org.has(c.data.subject));
    expect(branchHonours.length).toBeGreaterThan(0);
    expect(branchHonours.length).toBeLessThan(branches.length);
    expect(new Set(model.commendations.map((c) => c.data.title)).size).toBeGreaterThanOrEqual(3);
    for (const c of model.commendations) expect(c.data.date <= result.asOf!).toBe(true);
  });

  test('leaves out what has not happened by the as-of date: no evaluation or commendation before the year end', () => {
    const files = [...generateContent({ members: 120, seed: 2, asOf: '2026-11-30' })].map(([path]) => path);
    expect(files.some((f) => f.startsWith('evaluations/'))).toBe(false);
    expect(files.some((f) => f.startsWith('commendations/'))).toBe(false);
    expect(files.some((f) => f.startsWith('reviews/'))).toBe(true);
  });
});
