/**
 * R6–R9: the ledger rhythm — monthly records, quarterly checks, half-yearly
 * bulletins — and overdue pledges.
 */
import { describe, expect, test } from 'vitest';
import type { AuditRule } from '../../src/lib/audit/auditContext.ts';
import { auditR6, auditR7, auditR8, auditR9 } from '../../src/lib/audit/ledgerRules.ts';
import type { ContentModel } from '../../src/lib/model.ts';
import { bulletin, check, index, org, pledge, round, site } from '../fixtures/model.ts';

function run(rule: AuditRule, parts: Partial<ContentModel>, asOf: string) {
  return rule({ index: index(parts), asOf });
}

/** The same under the provincial profile (篇四), whose org pledges are bulletined each quarter. */
function runProvincial(rule: AuditRule, parts: Partial<ContentModel>, asOf: string) {
  return run(rule, { ...parts, site: site({ profile: 'provincial' }) }, asOf);
}

const record = (date: string) => ({ date, note: '进展', progress: 10 });

const B1 = 'content/orgs/b1.md';
const TOP = 'content/orgs/top.md';

describe('auditR6', () => {
  test('flags a pledge with no records for March, April and May as of 31 May', () => {
    const p = pledge('p1', 'm1');

    const findings = run(auditR6, { pledges: [p] }, '2026-05-31');

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R6', file: p.file, field: 'records', severity: 'finding' });
    expect(findings[0].message).toContain('承诺p1');
    expect(findings[0].message).toContain('2026-03、2026-04、2026-05');
    expect(findings[0].message).toContain('月份');
  });

  test('does not owe May before May has ended', () => {
    const p = pledge('p1', 'm1');

    const findings = run(auditR6, { pledges: [p] }, '2026-05-30');

    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('2026-03、2026-04');
    expect(findings[0].message).not.toContain('2026-05');
  });

  test('does not owe the month the pledge was approved in when approved in its second half (20 February)', () => {
    const p = pledge('p1', 'm1');

    const findings = run(auditR6, { pledges: [p] }, '2026-03-31');

    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/记实：2026-03。$/);
  });

  test('owes the month the pledge was approved in when approved in its first half (10 February)', () => {
    const p = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-02-10' } });

    expect(run(auditR6, { pledges: [p] }, '2026-02-27')).toEqual([]);
    const findings = run(auditR6, { pledges: [p] }, '2026-03-31');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/记实：2026-02、2026-03。$/);
  });

  test('a record in the approval month after the approval pays it', () => {
    const p = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-02-10' }, records: [record('2026-02-26')] });

    expect(run(auditR6, { pledges: [p] }, '2026-02-28')).toEqual([]);
  });

  test('owes nothing before the first full month after approval has ended', () => {
    expect(run(auditR6, { pledges: [pledge('p1', 'm1')] }, '2026-03-30')).toEqual([]);
  });

  test('passes a pledge with a record in every owed month', () => {
    const p = pledge('p1', 'm1', { records: [record('2026-03-01'), record('2026-04-15'), record('2026-05-31')] });

    expect(run(auditR6, { pledges: [p] }, '2026-05-31')).toEqual([]);
  });

  test('lists only the months in the gap', () => {
    const p = pledge('p1', 'm1', { records: [record('2026-03-10'), record('2026-05-10')] });

    const findings = run(auditR6, { pledges: [p] }, '2026-06-30');

    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/记实：2026-04、2026-06。$/);
  });

  test('does not check a pledge closed by the as-of date', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-03-15', verifiedBy: 'sec' } });

    expect(run(auditR6, { pledges: [p] }, '2026-06-30')).toEqual([]);
  });

  test('checks a pledge whose check-off is dated after the as-of date', () => {
    const p = pledge('p1', 'm1', { closed: { date: '2026-07-15', verifiedBy: 'sec' } });

    expect(run(auditR6, { pledges: [p] }, '2026-06-30')).toHaveLength(1);
  });

  test('does not check a pledge that is not approved', () => {
    const p = pledge('p1', 'm1', { review: { status: 'submitted' } });

    expect(run(auditR6, { pledges: [p] }, '2026-06-30')).toEqual([]);
  });

  describe('with the semester cadence', () => {
    const semesterSite = site({ cadence: 'semester' });
    const p = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date: '2026-01-10' } });

    test('owes the spring semester once it ends on 31 August (the autumn term starts on 1 September)', () => {
      const findings = run(auditR6, { site: semesterSite, pledges: [p] }, '2026-08-31');

      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ rule: 'R6', file: p.file, field: 'records' });
      expect(findings[0].message).toContain('承诺p1');
      expect(findings[0].message).toContain('学期');
      expect(findings[0].message).toContain('2026-spring');
    });

    test('does not owe the spring semester on 30 August', () => {
      expect(run(auditR6, { site: semesterSite, pledges: [p] }, '2026-08-30')).toEqual([]);
    });

    test('does not owe monthly records', () => {
      const withSpring = pledge('p1', 'm1', { review: p.data.review, records: [record('2026-06-01')] });

      expect(run(auditR6, { site: semesterSite, pledges: [withSpring] }, '2026-08-31')).toEqual([]);
    });

    test('does not owe the semester the pledge was approved in when approved in its second half (10 January)', () => {
      const findings = run(auditR6, { site: semesterSite, pledges: [p] }, '2026-08-31');

      expect(findings[0].message).toMatch(/记实：2026-spring。$/);
    });

    test('owes the autumn semester of a pledge approved in September, once it ends on 31 January', () => {
      const september = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date: '2025-09-10' } }, '2025');
      const parts = { site: site({ cadence: 'semester', currentRound: '2025' }), rounds: [round('2025')], pledges: [september] };

      expect(run(auditR6, parts, '2026-01-30')).toEqual([]);
      const findings = run(auditR6, parts, '2026-01-31');
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toMatch(/学期的践诺记实：2025-autumn。$/);
    });

    test.each([
      ['2025-11-16', ['2025-autumn']],
      ['2025-11-17', []],
    ])("approved on %s (the autumn semester's middle day is 16 November) owes %j by 31 January", (date, owed) => {
      const q = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date } }, '2025');
      const findings = run(
        auditR6,
        { site: site({ cadence: 'semester', currentRound: '2025' }), rounds: [round('2025')], pledges: [q] },
        '2026-01-31',
      );

      expect(findings.map((f) => f.message.replace(/^.*践诺记实：|。$/g, ''))).toEqual(owed.length ? [owed.join('、')] : []);
    });
  });

  describe('in a leap year', () => {
    const leap = { site: site({ currentRound: '2024' }), rounds: [round('2024')] };
    // Approved in January's second half: January is not owed, February is the first month.
    const p = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date: '2024-01-20' } }, '2024');

    test('owes February once it ends on 29 February', () => {
      const findings = run(auditR6, { ...leap, pledges: [p] }, '2024-02-29');

      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ rule: 'R6', file: p.file });
      expect(findings[0].message).toContain('承诺p1');
      expect(findings[0].message).toContain('2024-02');
    });

    test('does not owe February on 28 February', () => {
      expect(run(auditR6, { ...leap, pledges: [p] }, '2024-02-28')).toEqual([]);
    });

    test.each([
      ['2024-02-15', ['2024-02']],
      ['2024-02-16', []],
    ])('approved on %s (the middle day of a 29-day February is the 15th) owes %j by 29 February', (date, owed) => {
      const q = pledge('p1', 'm1', { review: { status: 'approved', by: 'sec', date } }, '2024');
      const findings = run(auditR6, { ...leap, pledges: [q] }, '2024-02-29');

      expect(findings.map((f) => f.message.replace(/^.*践诺记实：|。$/g, ''))).toEqual(owed.length ? [owed.join('、')] : []);
    });

    test('accepts a record dated 29 February', () => {
      const withRecord = pledge('p1', 'm1', { review: p.data.review, records: [record('2024-02-29')] }, '2024');

      expect(run(auditR6, { ...leap, pledges: [withRecord] }, '2024-02-29')).toEqual([]);
    });
  });
});

describe('auditR7', () => {
  test('owes the first quarter on the day it ends, 31 March', () => {
    const findings = run(auditR7, {}, '2026-03-31');

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R7', file: B1, severity: 'finding' });
    expect(findings[0].message).toContain('b1支部');
    expect(findings[0].message).toContain('q1（2026-01-01 至 2026-03-31）');
  });

  test('does not owe the first quarter on 30 March', () => {
    expect(run(auditR7, {}, '2026-03-30')).toEqual([]);
  });

  test('an upper organisation’s 随机检查 does not stand in for the branch’s own quarterly check', () => {
    const checks = [check('c1', { quarter: 'q1' }), check('c2', { quarter: 'q2', date: '2026-06-10', by: 'upper', method: 'random' })];
    const findings = run(auditR7, { checks }, '2026-06-30');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('q2（2026-04-01 至 2026-06-30）')]);
  });

  test('passes a branch with a check for every finished quarter', () => {
    const checks = [check('c1', { quarter: 'q1' }), check('c2', { quarter: 'q2', date: '2026-06-30' })];

    expect(run(auditR7, { checks }, '2026-06-30')).toEqual([]);
  });

  test('lists the missing quarter only', () => {
    const checks = [check('c1', { quarter: 'q1' }), check('c3', { quarter: 'q3', date: '2026-09-30' })];

    const findings = run(auditR7, { checks }, '2026-09-30');

    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('q2（2026-04-01 至 2026-06-30）');
    expect(findings[0].message).not.toContain('q1');
    expect(findings[0].message).not.toContain('q3');
  });

  test('does not count a check of another org', () => {
    const checks = [check('c1', { quarter: 'q1', org: 'top' })];

    const findings = run(auditR7, { checks }, '2026-03-31');

    expect(findings.map((f) => f.file)).toEqual([B1]);
  });

  test('does not count a check of another round', () => {
    const checks = [check('c1', { quarter: 'q1' }, '2025')];

    expect(run(auditR7, { checks }, '2026-03-31')).toHaveLength(1);
  });

  test('requires checks of a general branch once it owns pledges', () => {
    const findings = run(auditR7, { pledges: [pledge('o1', 'top')], checks: [check('c1')] }, '2026-03-31');

    expect(findings).toEqual([expect.objectContaining({ rule: 'R7', file: TOP })]);
    expect(findings[0].message).toContain('top支部');
  });
});

describe('auditR8', () => {
  test('owes the first half-year bulletin on 30 June', () => {
    const findings = run(auditR8, {}, '2026-06-30');

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R8', file: B1, severity: 'finding' });
    expect(findings[0].message).toContain('b1支部');
    expect(findings[0].message).toContain('h1');
  });

  test('does not owe the first half-year bulletin on 29 June', () => {
    expect(run(auditR8, {}, '2026-06-29')).toEqual([]);
  });

  test('passes a branch with a bulletin for every finished half-year', () => {
    const bulletins = [bulletin('bh1'), bulletin('bh2', { period: 'h2', date: '2026-12-31' })];

    expect(run(auditR8, { bulletins }, '2026-12-31')).toEqual([]);
  });

  test('lists the missing half-year', () => {
    const findings = run(auditR8, { bulletins: [bulletin('bh1')] }, '2026-12-31');

    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/通报：h2。$/);
  });

  test('does not let a year bulletin stand in for a half-year', () => {
    const findings = run(auditR8, { bulletins: [bulletin('by', { period: 'year' })] }, '2026-06-30');

    expect(findings).toHaveLength(1);
  });

  test('requires quarterly bulletins of an org that owns pledges (篇四)', () => {
    const pledges = [pledge('o1', 'b1'), pledge('o2', 'b1'), pledge('o3', 'b1')];

    const findings = runProvincial(auditR8, { pledges, bulletins: [bulletin('bh1')] }, '2026-06-30');

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R8', file: B1 });
    expect(findings[0].message).toContain('b1支部');
    expect(findings[0].message).toContain('q1、q2');
  });

  test('passes an org that owns pledges with a bulletin for every finished quarter', () => {
    const pledges = [pledge('o1', 'b1')];
    const bulletins = [bulletin('bq1', { period: 'q1', date: '2026-04-05' }), bulletin('bq2', { period: 'q2' })];

    // The quarters cover the org's own pledges; the members' half-year bulletin is owed as well (篇四 line 90).
    expect(runProvincial(auditR8, { pledges, bulletins }, '2026-06-30').map((f) => f.message)).toEqual(['b1支部缺少以下期间的通报：h1。']);
    expect(runProvincial(auditR8, { pledges, bulletins: [...bulletins, bulletin('bh1')] }, '2026-06-30')).toEqual([]);
  });

  test('owes the first quarter bulletin of a pledging org on 31 March, not on 30 March', () => {
    const pledges = [pledge('o1', 'b1')];

    expect(runProvincial(auditR8, { pledges }, '2026-03-30')).toEqual([]);
    expect(runProvincial(auditR8, { pledges }, '2026-03-31')).toEqual([expect.objectContaining({ rule: 'R8', file: B1 })]);
  });

  test('requires quarterly bulletins of a general branch that owns pledges', () => {
    const findings = runProvincial(auditR8, { pledges: [pledge('o1', 'top')], bulletins: [bulletin('bh1')] }, '2026-06-30');

    expect(findings).toEqual([expect.objectContaining({ rule: 'R8', file: TOP })]);
    expect(findings[0].message).toContain('q1、q2');
  });

  test('does not count a bulletin of another org', () => {
    const findings = run(auditR8, { bulletins: [bulletin('bh1', { org: 'top' })] }, '2026-06-30');

    expect(findings.map((f) => f.file)).toEqual([B1]);
  });

  test('does not require bulletins of a general branch that owns no pledges', () => {
    const orgs = [org('top', { level: 'general-branch', parent: undefined, secretary: 'topsec' })];

    expect(run(auditR8, { orgs }, '2026-12-31')).toEqual([]);
  });
});

describe('auditR9', () => {
  const due = { deadline: '2026-06-30' };

  test('flags an overdue pledge without a rectification', () => {
    const p = pledge('p1', 'm1', due);

    const findings = run(auditR9, { pledges: [p] }, '2026-07-01');

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R9', file: p.file, field: 'rectification', severity: 'finding' });
    expect(findings[0].message).toContain('承诺p1');
    expect(findings[0].message).toContain('2026-06-30');
  });

  test('does not treat the deadline day itself as overdue', () => {
    expect(run(auditR9, { pledges: [pledge('p1', 'm1', due)] }, '2026-06-30')).toEqual([]);
  });

  test('passes a pledge closed on time', () => {
    const p = pledge('p1', 'm1', { ...due, closed: { date: '2026-06-30', verifiedBy: 'sec' } });

    expect(run(auditR9, { pledges: [p] }, '2026-08-01')).toEqual([]);
  });

  test('passes a pledge closed late', () => {
    const p = pledge('p1', 'm1', { ...due, closed: { date: '2026-07-20', verifiedBy: 'sec' } });

    expect(run(auditR9, { pledges: [p] }, '2026-08-01')).toEqual([]);
  });

  test.each(['2026-07-01', '2026-07-31'])('passes a pledge under rectification as of %s (deadline inclusive)', (asOf) => {
    const p = pledge('p1', 'm1', { ...due, rectification: { note: '限期完成', deadline: '2026-07-31' } });

    expect(run(auditR9, { pledges: [p] }, asOf)).toEqual([]);
  });

  test('passes a rectification with no deadline of its own', () => {
    const p = pledge('p1', 'm1', { ...due, rectification: { note: '限期完成' } });

    expect(run(auditR9, { pledges: [p] }, '2026-12-31')).toEqual([]);
  });

  test('flags a pledge whose rectification deadline has passed', () => {
    const p = pledge('p1', 'm1', { ...due, rectification: { note: '限期完成', deadline: '2026-07-31' } });

    const findings = run(auditR9, { pledges: [p] }, '2026-08-01');

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'R9', file: p.file, field: 'rectification.deadline' });
    expect(findings[0].message).toContain('承诺p1');
    expect(findings[0].message).toContain('2026-07-31');
  });

  test('does not flag a pledge that is not approved', () => {
    const p = pledge('p1', 'm1', { ...due, review: { status: 'draft' } });

    expect(run(auditR9, { pledges: [p] }, '2026-08-01')).toEqual([]);
  });
});
