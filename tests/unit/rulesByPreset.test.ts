/**
 * The rule-by-profile matrix: every audit rule R1–R17, under every preset, on a realistic branch. Each preset's
 * example tree (examples/<preset>/; 篇三 reads the 篇四 community branch under the five-stage preset) passes the
 * whole audit with no finding; one small mistake then makes exactly that rule fire, on the file the mistake is
 * about, and nothing else, where the preset has it; where it does not, the same kind of mistake raises no finding
 * at all. The expected matrix is the table `expected` below, written out by hand from ../shared/DOMAIN.md and the
 * seed texts (and held against `rulesOf`), so a reader can check one against the other.
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
  'R2 项数': {
    mistake: 'the branch withdraws one of its organisation pledges, below 3',
    make: (t) => {
      dropPledge(t, pledgesOf(t, t.site.topOrg)[0].id);
      return [topOrg(t).file];
    },
    elsewhere: (t) => {
      // A single organisation pledge, fewer than 3–5, approved by the upper organisation, filed upward and checked off.
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
        review: { status: 'approved', outsideBy: t.site.upperOrg!.name, date: last.data.review.date, filedOn: last.data.review.date },
        closed: { date: last.data.deadline, verifiedBy: sec, note: '四次志愿服务日均已开展。' },
      });
    },
  },
  'R2 审定': {
    mistake: 'the branch’s own secretary approves its organisation pledge instead of the upper organisation',
    make: (t) => {
      const org = topOrg(t);
      const p = pledgesOf(t, org.id)[0];
      p.data.review = { ...p.data.review, by: org.data.secretary };
      delete p.data.review.outsideBy;
      return [p.file];
    },
    elsewhere: (t) => {
      const org = topOrg(t);
      const last = lastDue(t);
      t.addToRound('pledges', `${org.id}-huodong`, {
        owner: org.id,
        ownerKind: 'org',
        category: 'service',
        title: '每季度组织一次党员志愿服务日',
        measures: ['每季度第一个周六集中开展'],
        deadline: last.data.deadline,
        review: { status: 'approved', by: org.data.secretary, date: last.data.review.date, filedOn: last.data.review.date },
        closed: { date: last.data.deadline, verifiedBy: org.data.secretary!, note: '四次志愿服务日均已开展。' },
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
      const checks = t.all('checks').filter((c) => c.round === t.round && c.data.by !== 'upper');
      const last = checks.reduce((a, b) => (b.data.quarter > a.data.quarter ? b : a));
      t.remove('checks', last.id);
      return [topOrg(t).file];
    },
    elsewhere: (t) => {
      // The branch checks only in its first quarter.
      const org = topOrg(t).id;
      t.addToRound('checks', `${org}-q1`, {
        org,
        quarter: 'q1',
        date: lastDue(t).data.review.date!,
        findings: ['承诺全部公开，台账按时记实。'],
      });
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
  'R10 人数': {
    mistake: 'one mass evaluator fewer than 80% of the members',
    make: (t) => {
      const e = evaluation(t);
      const members = t.all('members').filter((m) => m.data.org === e.data.org).length;
      const panel = e.data.panel as Record<string, number | undefined>;
      const sizeOf = () => Object.values(panel).reduce<number>((a, b) => a + (b ?? 0), 0);
      // Evaluators stay away, one at a time from the biggest group, until one is missing of 80%.
      while (sizeOf() >= panelRequirement(members, 0.8)) {
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
  'R10 出资人': {
    mistake: 'an enterprise branch’s non-party investor is counted among the other evaluators',
    prepare: (t) => {
      topOrg(t).data.unitType = 'enterprise';
      const panel = evaluation(t).data.panel as Record<string, number | undefined>;
      panel.investors = 1;
    },
    make: (t) => {
      const e = evaluation(t);
      const panel = e.data.panel as Record<string, number | undefined>;
      panel.others = (panel.others ?? 0) + 1;
      delete panel.investors;
      return [e.file];
    },
  },
  'R10 代表类别': {
    mistake: 'the panel has no 群众代表 (they are counted among the other evaluators)',
    make: (t) => {
      const e = evaluation(t);
      const panel = e.data.panel as Record<string, number | undefined>;
      panel.others = (panel.others ?? 0) + (panel.masses ?? 0);
      delete panel.masses;
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
  'R11 述职': {
    mistake: 'a member’s 述职 at the year-end evaluation is not recorded',
    make: (t) => {
      const { e, entry } = plainEntry(t);
      delete entry.report;
      return [e.file];
    },
    elsewhere: (t) => {
      // Where the evaluation is no 双向述职 nobody reports: the same member's entry without one is clean; a report
      // recorded there is no mistake either.
      const { entry } = plainEntry(t);
      entry.report = { date: evaluation(t).data.date };
    },
  },
  'R12 党员': {
    mistake: 'a plain member reviews another',
    make: (t) => {
      const plain = plainActive(t);
      const r = t.all('reviews').find((x) => x.round === t.round && plain.some((m) => m.id === x.data.subject))!;
      const subject = t.get('members', r.data.subject).data;
      r.data.reviewer = plain.find((m) => m.id !== r.data.subject && m.id !== subject.supervisor)!.id;
      return [r.file];
    },
  },
  'R12 书记': {
    mistake: 'a team member of the branch, not the upper secretary, reviews the top org’s secretary',
    make: (t) => {
      const e = evaluation(t);
      const sec = topOrg(t).data.secretary!;
      const i = e.data.members.findIndex((m) => m.member === sec);
      e.data.members[i].leader = {
        by: plainActive(t)[0].id,
        grade: e.data.members[i].leader!.grade,
        comment: e.data.members[i].leader!.comment,
      };
      return [e.file];
    },
  },
  'R13 整改': {
    mistake: 'a member who refuses to rectify is kept 合格 by hand',
    make: (t) => {
      const { e, entry } = plainEntry(t);
      entry.rectification = { required: true, attitude: 'refused', done: false };
      entry.final = { grade: 'qualified', reason: '支部研究后保留合格。' };
      // The hand-kept grade is refused, and the 不合格 that stands has no 组织处置 yet: two findings.
      return [e.file, e.file];
    },
  },
  'R13 处置': {
    mistake: 'a member graded 不合格 has no 组织处置 after the round',
    make: (t) => {
      const { e, entry } = plainEntry(t);
      entry.final = { grade: 'unqualified', reason: '支部集体研究，定为不合格。' };
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
  R17: {
    mistake: 'a plain active member has neither a post nor an assigned post',
    make: (t) => {
      const m = plainActive(t)[0];
      delete m.data.post;
      delete m.data.assignedPost;
      return [m.file];
    },
  },
  'R17 依岗': {
    mistake: 'a member without a post is given one, but none of their pledges is made on it',
    make: (t) => {
      const m = plainActive(t)[0];
      delete m.data.post;
      m.data.assignedPost = '楼道环境监督岗';
      for (const p of pledgesOf(t, m.id)) delete p.data.onPost;
      return [m.file];
    },
  },
};

/**
 * The expected matrix: ● the rule fires under that preset, — it does not (DOMAIN.md's R-table and profiles; where
 * the seed text disagrees, the text: 篇五 line 121 has 设岗定责, so R17 is also 篇五's).
 */
const expected = `
  case            school-semester  five-stages  provincial  monthly
  R1                     ●              ●            ●           ●
  R2 项数                —              —            ●           —
  R2 审定                —              ●            ●           —
  R3                     ●              ●            ●           ●
  R4                     ●              ●            ●           ●
  R5                     ●              ●            ●           ●
  R6                     ●              ●            ●           ●
  R7                     —              ●            ●           ●
  R8                     ●              ●            ●           ●
  R9                     ●              ●            ●           ●
  R10 人数               ●              —            —           ●
  R10 出资人             —              —            —           ●
  R10 代表类别           —              ●            ●           —
  R11                    ●              ●            ●           ●
  R11 述职               —              ●            ●           —
  R12 党员               ●              ●            ●           ●
  R12 书记               ●              —            —           ●
  R13 整改               ●              —            —           ●
  R13 处置               ●              —            —           ●
  R14                    —              ●            ●           —
  R15                    ●              ●            ●           ●
  R16                    ●              ●            ●           ●
  R17                    —              ●            ●           ●
  R17 依岗               —              ●            ●           ●
`;
const [header, ...lines] = expected
  .trim()
  .split('\n')
  .map((l) => l.trim().split(/\s{2,}/));
const columns = header.slice(1) as ProfileId[];
const matrix = lines.map(([name, ...marks]) => ({
  name,
  rule: name.split(' ')[0],
  marks: Object.fromEntries(columns.map((p, i) => [p, marks[i] === '●'])) as Record<ProfileId, boolean>,
}));

const has = matrix.flatMap((row) =>
  profileIds.filter((p) => row.marks[p]).map((preset) => ({ name: row.name, rule: row.rule, preset, mistake: cases[row.name]?.mistake })),
);
const lacks = matrix.flatMap((row) =>
  profileIds.filter((p) => !row.marks[p]).map((preset) => ({ name: row.name, rule: row.rule, preset, mistake: cases[row.name]?.mistake })),
);
const clean = { errors: [], findings: [] };

test('the matrix has a column per preset, a case per row, every audit rule R1–R17, and agrees with rulesOf', () => {
  expect([...columns].sort()).toEqual([...profileIds].sort());
  expect(matrix.map((r) => r.name).sort()).toEqual(Object.keys(cases).sort());
  expect([...new Set(matrix.map((r) => r.rule))].sort()).toEqual([...ruleIds].sort());
  expect(ruleIds).toEqual(Array.from({ length: 17 }, (_, i) => `R${i + 1}`));
  for (const p of profileIds) {
    const fired = ruleIds.filter((rule) => matrix.some((r) => r.rule === rule && r.marks[p]));
    expect(fired, p).toEqual(rulesOf(presets[p]));
  }
});

describe.each(profileIds)('the %s baseline', (preset) => {
  test('names its preset and passes the whole audit with no error and no finding', () => {
    const t = baselines[preset]();
    expect(t.site.profile).toBe(preset);
    expect(t.check()).toEqual(clean);
  });
});

test.each(has)('$name under $preset: $mistake — exactly that rule fires, on that file', ({ name, rule, preset }) => {
  const c = cases[name];
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

test.each(lacks)('$name is not a rule of $preset: the same kind of mistake raises no finding', ({ name, preset }) => {
  const c = cases[name];
  const t = baselines[preset]();
  const before = JSON.stringify(t.entries);
  c.prepare?.(t);
  if (c.elsewhere) c.elsewhere(t);
  else c.make(t);
  expect(JSON.stringify(t.entries), 'the mistake changed the branch').not.toBe(before);
  expect(t.check()).toEqual(clean);
});
