/**
 * The month's spreadsheet rows (src/lib/monthSheetRows.ts) and owner labels (src/lib/ownerLabels.ts) on small
 * models: owed pledges only, by org, told-apart names, the last record, and the periods that may be recorded.
 */
import { describe, expect, test } from 'vitest';
import { monthSheetRows, sheetPeriod } from '../../src/lib/monthSheetRows.ts';
import { ownerLabels } from '../../src/lib/ownerLabels.ts';
import { index, member, org, pledge, withMembers } from '../fixtures/model.ts';

const record = (date: string, progress = 10) => ({ date, note: `${date} 的进展`, progress });
const december = { key: '2026-12', start: '2026-12-01', end: '2026-12-31' };

describe('ownerLabels', () => {
  const orgs = [org('b1', { name: '初中部党支部' }), org('b2', { name: '高中部党支部' })];

  test('names a member by name alone when nobody shares it', () => {
    expect(ownerLabels([member('li', { name: '李明' })], orgs)('li')).toBe('李明');
  });

  test('adds the branch when two members of different branches share a name', () => {
    const label = ownerLabels([member('wang-li', { name: '王丽', org: 'b1' }), member('wang-li-2', { name: '王丽', org: 'b2' })], orgs);
    expect([label('wang-li'), label('wang-li-2')]).toEqual(['王丽 · 初中部党支部', '王丽 · 高中部党支部']);
  });

  test('adds the id as well when they share the branch too', () => {
    const label = ownerLabels([member('wang-li', { name: '王丽' }), member('wang-li-2', { name: '王丽' })], orgs);
    expect([label('wang-li'), label('wang-li-2')]).toEqual(['王丽 · 初中部党支部 · 编号 wang-li', '王丽 · 初中部党支部 · 编号 wang-li-2']);
  });

  test('names an org that pledges by its own name', () => {
    expect(ownerLabels([], orgs)('b2')).toBe('高中部党支部');
  });
});

describe('monthSheetRows', () => {
  const members = withMembers(member('li', { name: '李明' }), member('wang', { name: '王芳', org: 'b2' }));
  const orgs = [
    org('top', { level: 'general-branch', parent: undefined }),
    org('b1', { name: '第一支部', order: 1 }),
    org('b2', { name: '第二支部', order: 2 }),
  ];

  test('lists the open pledges with no December record, with the last record, by org', () => {
    const pledges = [
      pledge('wang-work', 'wang', { records: [record('2026-11-20', 80)] }),
      pledge('li-work', 'li', { records: [record('2026-10-10', 50), record('2026-11-25', 70)] }),
      pledge('li-study', 'li', { records: [record('2026-12-05')] }),
      pledge('li-done', 'li', { closed: { date: '2026-11-30', verifiedBy: 'sec', note: '完成' } }),
    ];
    const rows = monthSheetRows(index({ members, orgs, pledges }), december, '2026-12-31');
    expect(rows.map((r) => [r.path, r.name, r.orgName, r.last?.date, r.last?.progress])).toEqual([
      ['pledges/2026/li-work.md', '李明', '第一支部', '2026-11-25', 70],
      ['pledges/2026/wang-work.md', '王芳', '第二支部', '2026-11-20', 80],
    ]);
  });

  test('keeps to one org when asked', () => {
    const pledges = [pledge('wang-work', 'wang'), pledge('li-work', 'li'), pledge('b2-service', 'b2')];
    expect(monthSheetRows(index({ members, orgs, pledges }), december, '2026-12-31', 'b2').map((r) => r.path)).toEqual([
      'pledges/2026/b2-service.md',
      'pledges/2026/wang-work.md',
    ]);
  });

  test('tells apart two members of the same name', () => {
    const twins = withMembers(member('li', { name: '李明' }), member('li-2', { name: '李明', org: 'b2' }));
    const rows = monthSheetRows(
      index({ members: twins, orgs, pledges: [pledge('li-work', 'li'), pledge('li-2-work', 'li-2')] }),
      december,
      '2026-12-31',
    );
    expect(rows.map((r) => r.name)).toEqual(['李明 · 第一支部', '李明 · 第二支部']);
  });
});

describe('sheetPeriod', () => {
  const ix = index();

  test.each([
    ['2026-12', '2026-12-31', { period: december }],
    ['2027-01', '2027-01-31', { error: expect.stringContaining('2027-01 不在本轮（2026年度，2026-01-01 至 2026-12-31）之内') }],
    ['2026-12', '2026-11-30', { error: expect.stringContaining('2026-12 还没有开始（今天是 2026-11-30）') }],
    ['2026-13', '2026-12-31', { error: expect.stringContaining('“2026-13”不是月份') }],
    ['2026-autumn', '2026-12-31', { error: expect.stringContaining('2026-autumn 是学期，但各组织每月一记实：请写成月份，如 2026-09') }],
  ])('%s on %s', (key, today, want) => {
    expect(sheetPeriod(ix, key, today)).toEqual(want);
  });

  test('takes semesters for an org under a school profile, and refuses a month there', () => {
    const mixed = index({
      orgs: [org('top', { level: 'general-branch', parent: undefined }), org('b1'), org('school', { profile: 'school-semester' })],
    });
    expect(sheetPeriod(mixed, '2026-autumn', '2026-12-31', 'school')).toEqual({
      period: { key: '2026-autumn', start: '2026-09-01', end: '2027-01-31' },
    });
    expect(sheetPeriod(mixed, '2026-12', '2026-12-31', 'school')).toEqual({
      error: expect.stringContaining('2026-12 是月份，但这个组织每学期一记账'),
    });
  });
});
