/** The admin's save rules carry each problem's field, so one save shows them all, each where it belongs. */
import { describe, expect, test } from 'vitest';
import { saveProblems } from '../../admin/saveRules.ts';
import { pathOf } from '../../admin/widgets/withFieldRules.ts';

const rounds = [{ id: '2025', start: '2025-01-01', end: '2025-12-31' }];
const approved = {
  owner: 'li',
  title: '上好公开课',
  review: { status: 'approved' },
  records: [
    { date: '2025-05-01', note: '开始', progress: 10 },
    { date: '2025-03-01', note: '推进', progress: 20 },
  ],
};

describe('saveProblems', () => {
  test('gives every cross-field problem of an approved pledge at once, each with its path', () => {
    const found = saveProblems(
      { collection: 'pledges', newRecord: false, path: 'content/pledges/2025/li-study.md', data: approved },
      { rounds },
    );
    expect(found.map((p) => [p.path.join('.'), p.decapReports])).toEqual([
      ['category', false],
      ['measures', false],
      ['deadline', false],
      ['review.by', false],
      ['review.date', false],
      ['records.1.date', false],
    ]);
    expect(found.find((p) => p.path.join('.') === 'records.1.date')?.message).toBe(
      '记实日期 2025-03-01 早于上一条的 2025-05-01，请按时间先后排列。',
    );
  });

  test('gives the rules across fields even when a field fails its own rule (zod alone would skip them)', () => {
    const found = saveProblems(
      {
        collection: 'pledges',
        newRecord: true,
        data: {
          round: '2025',
          owner: 'li',
          review: { status: 'approved', by: 'sec', date: '2025-02-20' },
          measures: ['一条'],
          deadline: '2025-06-30',
        },
      },
      { rounds },
    );
    expect(found.map((p) => [p.path.join('.'), p.decapReports])).toEqual([
      ['title', true],
      ['category', false],
    ]);
  });

  test('says which range a deadline outside its round should be in, for the round of the file', () => {
    const twoRounds = [{ id: '2024', start: '2024-01-01', end: '2024-12-31' }, ...rounds];
    const data = {
      ...approved,
      records: [],
      category: 'work',
      measures: ['每学期一节'],
      deadline: '2024-06-30',
      review: { status: 'approved', by: 'sec', date: '2025-02-20' },
    };
    const found = saveProblems(
      { collection: 'pledges', newRecord: false, path: 'content/pledges/2025/li-study.md', data },
      { rounds: twoRounds },
    );
    expect(found).toEqual([
      { path: ['deadline'], message: '完成时限 2024-06-30 不在本轮（2025-01-01 至 2025-12-31）之内。', decapReports: false },
    ]);
  });

  test('marks what Decap reports itself (a required field left empty), so the form does not say it twice', () => {
    const found = saveProblems(
      { collection: 'pledges', newRecord: true, data: { round: '2025', owner: 'li', review: { status: 'draft' } } },
      { rounds },
    );
    expect(found).toEqual([expect.objectContaining({ path: ['title'], decapReports: true })]);
  });

  test('leaves a number out of range to Decap (its range check says it), but not a text too long (Decap does not check it)', () => {
    const data = {
      round: '2025',
      owner: 'li',
      title: '好'.repeat(81),
      review: { status: 'draft' },
      records: [{ date: '2025-03-01', note: '开始', progress: 150 }],
    };
    const found = saveProblems({ collection: 'pledges', newRecord: true, data }, { rounds });
    expect(found.map((p) => [p.path.join('.'), p.decapReports])).toEqual([
      ['title', false],
      ['records.0.progress', true],
    ]);
  });

  test('puts a taken or missing id of a new member at the id field', () => {
    const data = { id: 'wang-li', name: '王丽', org: 'b1', status: 'active' };
    expect(saveProblems({ collection: 'members', newRecord: true, data }, { rounds, members: ['wang-li'] })).toEqual([
      { path: ['id'], message: '“党员编号”wang-li 已被使用：请换一个编号。', decapReports: false },
    ]);
  });
});

describe('pathOf', () => {
  const keys = (id: string) => (id === 'records-field-7' ? ['k1', 'k2', 'k3'] : undefined);

  test.each([
    ['a top-level field', 'category', [], ['category']],
    ['a field of a group', 'by', ['review-field-3'], ['review', 'by']],
    ['a field of the third item of a list', 'date', ['records-field-7', 'k3', undefined], ['records', 2, 'date']],
    ['an item of a list of plain values', 'item', ['records-field-7', 'k2', undefined], ['records', 1]],
  ] as const)('finds %s', (_, name, parents, path) => {
    expect(pathOf(name, [...parents], keys)).toEqual(path);
  });

  test('gives no path for an item its list does not know', () => {
    expect(pathOf('date', ['records-field-7', 'gone', undefined], keys)).toBeUndefined();
  });
});
