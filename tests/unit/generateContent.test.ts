import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { generateContent } from '../../src/bench/gen/generateContent.ts';
import { writeGenerated } from '../../src/bench/gen.ts';
import { checkContent } from '../../src/loader/checkContent.ts';
import { combineEvaluation } from '../../src/lib/combineEvaluation.ts';
import { indexContent } from '../../src/lib/contentIndex.ts';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { presets, type ProfileId } from '../../src/lib/profiles.ts';
import { semestersOverlapping } from '../../src/lib/dates.ts';

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

    const graded = new Map(
      model.evaluations.flatMap((e) =>
        e.data.members.map((m) => [m.member, combineEvaluation(m, model.site.data.evaluation).grade] as const),
      ),
    );
    const honoured = model.commendations.filter((c) => idx.member.has(c.data.subject));
    expect(honoured.length).toBeGreaterThanOrEqual(branches.length);
    for (const c of honoured) expect(graded.get(c.data.subject)).toBe('excellent');
    for (const b of branches)
      expect(honoured.filter((c) => idx.member.get(c.data.subject)!.data.org === b.id).length).toBeLessThanOrEqual(3);
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

/** The rules each preset does not have (src/lib/profiles.ts): their findings must never appear in its tree. */
const absent: Record<ProfileId, string[]> = {
  'school-semester': ['R2', 'R7', 'R14'],
  'five-stages': ['R13'],
  provincial: ['R13'],
  monthly: ['R2', 'R14'],
};

describe.each(Object.keys(presets) as ProfileId[])('generateContent --profile %s', (profileId) => {
  const profile = presets[profileId];
  const dir = mkdtempSync(join(tmpdir(), `gen-${profileId}-`));
  writeGenerated(dir, 200, 11, undefined, profileId);
  const result = checkContent(dir, '2000-01-01', dir);
  const model = result.model!;
  const idx = indexContent(model);
  const orgIds = new Set(model.orgs.map((o) => o.id));

  test("writes a valid tree that names the preset and reports only the preset's rules, each for a small share", () => {
    expect(result.errors).toEqual([]);
    expect(model.site.data.profile).toBe(profileId);
    expect(model.members.length).toBe(200);
    const byRule = new Map<string, number>();
    for (const f of result.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    for (const rule of absent[profileId]) expect(byRule.get(rule) ?? 0, rule).toBe(0);
    // The generator plants a few gaps (overdue pledges, missing approvals), but only a few.
    expect(byRule.get('R9') ?? 0).toBeGreaterThan(0);
    const pledges = idx.roundPledges.length;
    for (const [rule, n] of byRule) expect(n, rule).toBeLessThanOrEqual(0.12 * (model.members.length + pledges));
    expect(result.findings.length).toBeLessThan(0.25 * (model.members.length + pledges));
  });

  test('pledges per member follow the preset: its range, or one to four across the four areas', () => {
    const counts = model.members.filter((m) => m.data.status === 'active').map((m) => (idx.pledgesOf.get(m.id) ?? []).length);
    const range = profile.memberPledges ?? { min: 1, max: 4 };
    expect(counts.every((c) => c >= range.min && c <= range.max)).toBe(true);
    if (!profile.memberPledges) expect(new Set(counts).size).toBeGreaterThanOrEqual(3);
    for (const m of model.members) {
      const cats = (idx.pledgesOf.get(m.id) ?? []).map((p) => p.data.category);
      expect(new Set(cats).size).toBe(cats.length);
    }
  });

  test("organisation pledges only where the preset has them, approved by the parent org's secretary (the top org's by the upper organisation) and filed upward", () => {
    const orgPledges = idx.roundPledges.filter((p) => orgIds.has(p.data.owner));
    if (!profile.orgsPledge) {
      expect(orgPledges).toEqual([]);
      return;
    }
    // 篇三 names no number; the tree gives 3–5, as 篇四 does.
    const range = profile.orgPledges ?? { min: 3, max: 5 };
    for (const o of model.orgs) {
      const n = (idx.pledgesOf.get(o.id) ?? []).length;
      expect(n, o.id).toBeGreaterThanOrEqual(range.min);
      expect(n, o.id).toBeLessThanOrEqual(range.max);
    }
    const upper = model.site.data.upperOrg?.name;
    expect(upper).toBeTruthy();
    for (const p of orgPledges.filter((x) => x.data.review.status === 'approved')) {
      const parent = idx.org.get(p.data.owner)!.data.parent;
      if (parent) expect(p.data.review.by).toBe(idx.secretaryOf(parent));
      else expect([p.data.review.by, p.data.review.outsideBy]).toEqual([undefined, upper]);
      expect(p.data.review.filedOn! >= p.data.review.date!).toBe(true);
    }
  });

  test("checks, bulletins, records and mid-year reviews follow the preset's cadences", () => {
    const branches = model.orgs.filter((o) => o.data.level === 'branch');
    if (profile.checkCadence === 'quarter') for (const b of branches) expect(model.checks.some((c) => c.data.org === b.id)).toBe(true);
    else expect(model.checks).toEqual([]);

    const periods = new Set(model.bulletins.map((b) => b.data.period));
    if (profile.bulletinCadence === 'semester') expect([...periods].sort()).toEqual(['spring']);
    else expect(periods.has('h1')).toBe(true);
    if (profile.orgBulletinCadence === 'quarter') {
      const pledging = model.orgs.filter((o) => idx.pledgesOf.has(o.id));
      const quarterly = pledging.filter((o) =>
        ['q1', 'q2', 'q3'].every((q) => model.bulletins.some((b) => b.data.org === o.id && b.data.period === q)),
      );
      expect(quarterly.length).toBeGreaterThan(pledging.length / 2);
    } else for (const q of ['q1', 'q2', 'q3', 'q4']) expect(periods.has(q as never)).toBe(false);

    // Records: one per month (now and then two), or one per semester and the check-off.
    const withRecords = idx.roundPledges.filter((p) => p.data.records?.length);
    expect(withRecords.length).toBeGreaterThan(idx.roundPledges.length / 2);
    for (const p of withRecords) {
      const dates = p.data.records!.filter((r) => r.progress < 100).map((r) => r.date);
      if (profile.recordCadence === 'semester') {
        for (const s of semestersOverlapping('2026-01-01', '2026-12-31'))
          expect(dates.filter((d) => d >= s.start && d <= s.end).length).toBeLessThanOrEqual(1);
      }
    }
    if (profile.recordCadence === 'month')
      expect(withRecords.reduce((n, p) => n + p.data.records!.length, 0) / withRecords.length).toBeGreaterThan(5);

    const midYear = model.reviews.filter((r) => r.data.period === 'h1');
    if (profile.leaderReviewCadence === 'half-year')
      for (const b of branches) expect(midYear.some((r) => r.data.subject === b.id)).toBe(true);
    else expect(midYear).toEqual([]);
  });
});

describe('npm run gen --profile', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  test('refuses an unknown preset in Chinese, naming the four, with exit code 2 and nothing written', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gen-cli-')), 'tree');
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/bench/gen.ts', '--profile', 'weekly', '--members', '10', '--out', out], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('未知的制度“weekly”');
    for (const id of Object.keys(presets)) expect(r.stderr).toContain(id);
    expect(existsSync(out)).toBe(false);
  });

  test('writes the named preset', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gen-cli-')), 'tree');
    const r = spawnSync(
      join(root, 'node_modules/.bin/tsx'),
      ['src/bench/gen.ts', '--profile', 'monthly', '--members', '30', '--out', out],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('monthly');
    expect(checkContent(out, '2000-01-01', out).model!.site.data.profile).toBe('monthly');
  });
});
