/**
 * Every audit rule, under every preset that has it, on a realistic branch: each preset's example tree
 * (examples/<preset>/; 篇三 reads the 篇四 community branch under the five-stage preset) passes the whole audit with
 * no finding; one small mistake then makes exactly that rule fire, on the file the mistake is about, and nothing
 * else. Under a preset that does not have the rule, the same kind of mistake raises no finding at all.
 * The pairs come from `rulesOf`, so a new rule or preset without a case here fails.
 */
import { describe, expect, test } from 'vitest';
import { auditRules } from '../../src/lib/audit/runAudit.ts';
import { panelRequirement } from '../../src/lib/combineEvaluation.ts';
import { presets, rulesOf, type ProfileId } from '../../src/lib/profiles.ts';
import { pledgeRef } from '../../src/lib/pledgeRef.ts';
import { ContentTree, type TreeEntry } from '../fixtures/exampleTree.ts';

/** A clean branch under each preset. */
const baselines: Record<ProfileId, () => ContentTree> = {
  'school-semester': () => ContentTree.load('examples/school-semester'),
  'five-stages': () => {
    const t = ContentTree.load('examples/provincial');
    t.site.profile = 'five-stages';
    return t;
  },
  provincial: () => ContentTree.load('examples/provincial'),
  monthly: () => ContentTree.load('examples/monthly'),
};
const profileIds = Object.keys(presets) as ProfileId[];
const ruleIds = auditRules.map((r) => r.id);

// What the mistakes are made on: the branch, its plain members (no role, not a secretary), their pledges.
const topOrg = (t: ContentTree) => t.get('orgs', t.site.topOrg);
const memberFile = (t: ContentTree, id: string) => t.get('members', id).file;
const leads = (t: ContentTree, id: string) =>
  Boolean(t.get('members', id).data.roles?.length) || t.all('orgs').some((o) => o.data.secretary === id);
const plainActive = (t: ContentTree) => t.all('members').filter((m) => m.data.status === 'active' && !leads(t, m.id));
const pledgesOf = (t: ContentTree, owner: string) => t.all('pledges').filter((p) => p.round === t.round && p.data.owner === owner);
const evaluation = (t: ContentTree) => {
  const [e, ...more] = t.all('evaluations').filter((x) => x.round === t.round);
  if (!e || more.length) throw new Error(`${t.dir}: expected one evaluation`);
  return e;
};
/** The first plain active member in the evaluation: their entry and its index. */
const plainEntry = (t: ContentTree) => {
  const e = evaluation(t);
  const plain = new Set(plainActive(t).map((m) => m.id));
  const i = e.data.members.findIndex((m) => plain.has(m.member));
  return { e, i, entry: e.data.members[i] };
};
/** The first member pledge due last (at the round's end): in the baselines, checked off with a record in every owed period. */
const lastDue = (t: ContentTree): TreeEntry<'pledges'> => {
  const members = new Set(t.all('members').map((m) => m.id));
  const list = t.all('pledges').filter((p) => p.round === t.round && members.has(p.data.owner));
  return list.reduce((a, b) => ((b.data.deadline ?? '') > (a.data.deadline ?? '') ? b : a));
};
/** Deletes a pledge with the references to it in checks (urged) and bulletins (pledges); returns its file. */
const dropPledge = (t: ContentTree, id: string): string => {
  const other = (ref: string, round?: string) => pledgeRef(ref, round ?? '') !== id;
  for (const c of t.all('checks')) if (c.data.urged) c.data.urged = c.data.urged.filter((r) => other(r, c.round));
  for (const b of t.all('bulletins')) if (b.data.pledges) b.data.pledges = b.data.pledges.filter((r) => other(r, b.round));
  return t.remove('pledges', id);
};
/** A day in the year after the as-of date, for a rectification that is still running. */
const nextYear = (t: ContentTree) => `${Number(t.site.asOf!.slice(0, 4)) + 1}-06-30`;

interface RuleCase {
  /** The mistake, for the test's name. */
  mistake: string;
  /** A still clean variant of the branch that the mistake needs (checked to have no finding). */
  prepare?: (t: ContentTree) => void;
  /** Makes the mistake; returns the files the rule must report, one finding each. */
  make: (t: ContentTree) => string[];
  /** The same kind of mistake where a preset does not have the rule, when `make` does not apply there. */
  elsewhere?: (t: ContentTree) => void;
}

const cases: Record<string, RuleCase> = {
  R1: {
    mistake: 'a member withdraws one pledge below the least number',
    make: (t) => {
      const [m] = plainActive(t)
        .map((x) => ({ id: x.id, n: pledgesOf(t, x.id).length }))
        .sort((a, b) => a.n - b.n || a.id.localeCompare(b.id));
      dropPledge(t, pledgesOf(t, m.id)[0].id);
      return [memberFile(t, m.id)];
    },
  },
  R2: {
    mistake: 'the branch withdraws one of its organisation pledges',
    make: (t) => {
      dropPledge(t, pledgesOf(t, t.site.topOrg)[0].id);
      return [topOrg(t).file];
    },
    elsewhere: (t) => {
      // A single organisation pledge, fewer than 3–5, approved, filed upward and checked off.
      const org = topOrg(t);
      const sec = org.data.secretary!;
      const last = lastDue(t);
      t.addToRound('pledges', `${org.id}-huodong`, {
        owner: org.id,
        ownerKind: 'org',
        category: 'service',
        title: '每季度组织一次党员志愿服务日',
        measures: ['每季度第一个周六集中开展', '活动后在公开栏公布参加人数'],
        deadline: last.data.deadline,
        review: { status: 'approved', by: sec, date: last.data.review.date, filedOn: last.data.review.date },
        closed: { date: last.data.deadline, verifiedBy: sec, note: '四次志愿服务日均已开展。' },
      });
    },
  },
  R3: {
    mistake: 'a retired committee member has no approved pledge',
    make: (t) => {
      const m = t.all('members').find((x) => x.data.status === 'retired')!;
      m.data.roles = ['committee'];
      for (const p of pledgesOf(t, m.id)) dropPledge(t, p.id);
      return [m.file];
    },
  },
  R4: {
    mistake: 'a pledge is submitted without measures or deadline',
    make: (t) => [
      t.addToRound('pledges', 'r4-submitted', {
        owner: plainActive(t)[0].id,
        ownerKind: 'member',
        category: 'study',
        title: '每月读一本业务书',
        review: { status: 'submitted' },
      }),
    ],
  },
  R5: {
    mistake: 'a pledge sent back for revision is marked public',
    make: (t) => [
      t.addToRound('pledges', 'r5-returned', {
        owner: plainActive(t)[0].id,
        ownerKind: 'member',
        category: 'study',
        title: '每月读一本业务书',
        measures: ['每月写一篇读书笔记'],
        deadline: lastDue(t).data.deadline,
        review: { status: 'revise', note: '请写明读哪些书。' },
        visibility: 'public',
      }),
    ],
  },
  R6: {
    mistake: 'an open pledge under rectification misses its last record',
    // R6 watches open pledges only, and in these finished rounds every pledge is checked off: one is first reopened
    // under a rectification that is still running (clean: not overdue, every owed month recorded).
    prepare: (t) => {
      const p = lastDue(t);
      delete p.data.closed;
      p.data.rectification = { note: '尚未完成，限期补齐。', deadline: nextYear(t) };
    },
    make: (t) => {
      const p = lastDue(t);
      p.data.records = p.data.records!.slice(0, -1);
      return [p.file];
    },
  },
  R7: {
    mistake: 'the branch misses its last quarterly check',
    make: (t) => {
      const checks = t.all('checks').filter((c) => c.round === t.round);
      const last = checks.reduce((a, b) => (b.data.quarter > a.data.quarter ? b : a));
      t.remove('checks', last.id);
      return [topOrg(t).file];
    },
    elsewhere: (t) => {
      // The branch checks only in its first quarter.
      const org = topOrg(t).id;
      t.addToRound('checks', `${org}-q1`, { org, quarter: 'q1', date: lastDue(t).data.review.date!, findings: ['承诺全部公开，台账按时记实。'] });
    },
  },
  R8: {
    mistake: 'the branch misses its first half-year (or semester) bulletin',
    make: (t) => {
      const b = t.all('bulletins').find((x) => x.round === t.round && (x.data.period === 'h1' || x.data.period === 'autumn'))!;
      t.remove('bulletins', b.id);
      return [topOrg(t).file];
    },
  },
  R9: {
    mistake: 'a pledge past its deadline is neither checked off nor rectified',
    make: (t) => {
      const p = lastDue(t);
      delete p.data.closed;
      return [p.file];
    },
  },
  R10: {
    mistake: 'one mass evaluator fewer than 80% of the members',
    make: (t) => {
      const e = evaluation(t);
      const members = t.all('members').filter((m) => m.data.org === e.data.org).length;
      const panel = e.data.panel as Record<string, number | undefined>;
      const sizeOf = () => Object.values(panel).reduce<number>((a, b) => a + (b ?? 0), 0);
      // Evaluators stay away, one at a time from the biggest group, until one is missing (the examples have no spare).
      while (sizeOf() >= panelRequirement(members, presets[t.site.profile as ProfileId].panelShare)) {
        const biggest = Object.keys(panel).reduce((a, b) => ((panel[b] ?? 0) > (panel[a] ?? 0) ? b : a));
        panel[biggest]! -= 1;
      }
      // Their votes go too.
      for (const m of e.data.members) {
        const mass = m.mass ?? {};
        const over = (mass.satisfied ?? 0) + (mass.basicallySatisfied ?? 0) + (mass.dissatisfied ?? 0) - sizeOf();
        if (over > 0) mass.satisfied = (mass.satisfied ?? 0) - over;
      }
      return [e.file];
    },
  },
  R11: {
    mistake: 'a member’s self-assessment is missing',
    make: (t) => {
      const { e, entry } = plainEntry(t);
      delete entry.self;
      return [e.file];
    },
  },
  R12: {
    mistake: 'a plain member reviews another',
    make: (t) => {
      const plain = plainActive(t);
      const r = t.all('reviews').find((x) => x.round === t.round && plain.some((m) => m.id === x.data.subject))!;
      const subject = t.get('members', r.data.subject).data;
      r.data.reviewer = plain.find((m) => m.id !== r.data.subject && m.id !== subject.supervisor)!.id;
      return [r.file];
    },
  },
  R13: {
    mistake: 'a member who refuses to rectify is kept 合格 by hand',
    make: (t) => {
      const { e, entry } = plainEntry(t);
      entry.rectification = { required: true, attitude: 'refused', done: false };
      entry.final = { grade: 'qualified', reason: '支部研究后保留合格。' };
      return [e.file];
    },
  },
  R14: {
    mistake: 'a member’s last leader review is missing',
    make: (t) => {
      const plain = plainActive(t);
      const subject = plain.find((m) => t.all('reviews').some((r) => r.data.subject === m.id))!;
      const last = t
        .all('reviews')
        .filter((r) => r.round === t.round && r.data.subject === subject.id)
        .reduce((a, b) => (b.data.date > a.data.date ? b : a));
      t.remove('reviews', last.id);
      return [subject.file];
    },
  },
  R15: {
    mistake: 'a member checks off their own pledge',
    make: (t) => {
      const p = lastDue(t);
      p.data.closed!.verifiedBy = p.data.owner;
      return [p.file];
    },
  },
  R16: {
    mistake: 'an active member is left out of the evaluation',
    make: (t) => {
      const { e, i } = plainEntry(t);
      e.data.members.splice(i, 1);
      return [e.file];
    },
  },
};

const has = profileIds.flatMap((preset) => rulesOf(presets[preset]).map((rule) => ({ rule, preset, mistake: cases[rule]?.mistake })));
const lacks = profileIds.flatMap((preset) =>
  ruleIds.filter((rule) => !rulesOf(presets[preset]).includes(rule)).map((rule) => ({ rule, preset, mistake: cases[rule]?.mistake })),
);
const clean = { errors: [], findings: [] };

test('every audit rule has a mistake here and belongs to some preset; every preset’s rules are audit rules', () => {
  expect(Object.keys(cases).sort()).toEqual([...ruleIds].sort());
  expect(new Set(has.map((x) => x.rule))).toEqual(new Set(ruleIds));
  for (const p of profileIds) expect(ruleIds).toEqual(expect.arrayContaining(rulesOf(presets[p])));
  // Some rules are not in every preset, so the silent half below is not empty.
  expect(lacks.length).toBeGreaterThan(0);
});

describe.each(profileIds)('the %s baseline', (preset) => {
  test('names its preset and passes the whole audit with no error and no finding', () => {
    const t = baselines[preset]();
    expect(t.site.profile).toBe(preset);
    expect(t.check()).toEqual(clean);
  });
});

test.each(has)('$rule under $preset: $mistake — exactly that rule fires, on that file', ({ rule, preset }) => {
  const c = cases[rule];
  const t = baselines[preset]();
  if (c.prepare) {
    c.prepare(t);
    expect(t.check(), 'the prepared branch is still clean').toEqual(clean);
  }
  const files = c.make(t);
  const r = t.check();
  expect(r.errors).toEqual([]);
  expect(r.findings.map((f) => `${f.rule} ${f.file}`)).toEqual(files.map((f) => `${rule} ${f}`));
});

test.each(lacks)('$rule is not a rule of $preset: the same kind of mistake raises no finding', ({ rule, preset }) => {
  const c = cases[rule];
  const t = baselines[preset]();
  const before = JSON.stringify(t.entries);
  c.prepare?.(t);
  if (c.elsewhere) c.elsewhere(t);
  else c.make(t);
  expect(JSON.stringify(t.entries), 'the mistake changed the branch').not.toBe(before);
  expect(t.check()).toEqual(clean);
});
