import { describe, expect, test } from 'vitest';
import { appendRecord } from '../../src/lib/appendRecord.ts';
import { ledgerPeriodByKey } from '../../src/lib/recordGaps.ts';
import { checkRecordInput } from '../../src/lib/recordInput.ts';
import { planRecords } from '../../src/lib/planRecords.ts';

const pledge = (records: string) =>
  `---\nowner: wang-li\ncategory: study\ntitle: 学习\nmeasures:\n- 读书\ndeadline: '2025-12-31'\nreview:\n  status: approved\n  by: li-si\n  date: '2025-02-20'\n${records}---\n正文\n`;
const december = ledgerPeriodByKey('month', '2025-12')!;

describe('appendRecord', () => {
  test('adds the record after the last one and changes nothing else', () => {
    const before = pledge("records:\n- date: '2025-11-25'\n  note: 上月\n  progress: 40\n");
    const r = appendRecord(before, { date: '2025-12-20', note: '本月', progress: 60 });
    expect(r.ok && r.text).toBe(before.replace('---\n正文', "- date: '2025-12-20'\n  note: 本月\n  progress: 60\n---\n正文"));
  });
  test('keeps CRLF and the list indentation of a hand-written file', () => {
    const before = pledge("records:\n  - date: '2025-11-25'\n    note: 上月\n    progress: 40\n").replace(/\n/g, '\r\n');
    const r = appendRecord(before, { date: '2025-12-20', note: '本月', progress: 60 });
    expect(r.ok && r.text).toContain("    progress: 40\r\n  - date: '2025-12-20'\r\n    note: 本月\r\n    progress: 60\r\n---");
  });
  test('starts a records list when there is none', () => {
    const r = appendRecord(pledge(''), { date: '2025-12-20', note: '第一条', progress: 10 });
    expect(r.ok && r.text).toContain("records:\n- date: '2025-12-20'\n  note: 第一条\n  progress: 10\n---\n正文");
  });
  test('refuses a flow-style list rather than rewriting the file', () => {
    const r = appendRecord(pledge("records: [{date: '2025-11-25', note: x, progress: 1}]\n"), {
      date: '2025-12-20',
      note: 'y',
      progress: 2,
    });
    expect(r.ok).toBe(false);
  });
});

describe('checkRecordInput', () => {
  test.each([
    [{ note: '', progress: '' }, 'empty'],
    [{ note: '有进展', progress: '120' }, '完成进度应在 0 到 100 之间，不是 120'],
    [{ note: '有进展', progress: '-1' }, '完成进度应在 0 到 100 之间，不是 -1'],
    [{ note: '', progress: '30' }, '填了完成进度，请写明进展情况'],
    [{ note: '有进展', progress: '30', date: '2025-11-30' }, '不在 2025-12（2025-12-01 至 2025-12-31）之内'],
    [{ note: '有进展', progress: '30', date: '2025-12-20' }, '晚于今天（2025-12-10）'],
  ])('%o → %s', (input, expected) => {
    const r = checkRecordInput({ date: '2025-12-05', ...input }, december, '2025-12-10');
    if (expected === 'empty') expect(r.empty).toBe(true);
    else expect(!r.empty && r.problems.join('')).toContain(expected);
  });
});

describe('planRecords', () => {
  const text = pledge("records:\n- date: '2025-11-25'\n  note: 上月\n  progress: 40\n");
  test('writes nothing when any row has a problem, and names the row', () => {
    const plan = planRecords(
      [
        { label: '第 1 行（王丽）', path: 'content/pledges/2025/a.md', text, input: { date: '2025-12-05', note: '好', progress: 50 } },
        {
          label: '第 2 行（李明）',
          path: 'content/pledges/2025/b.md',
          text,
          stale: true,
          input: { date: '2025-12-05', note: '好', progress: 50 },
        },
        {
          label: '第 3 行（张伟）',
          path: 'content/pledges/2025/c.md',
          text: undefined,
          input: { date: '2025-12-05', note: '好', progress: 50 },
        },
        { label: '第 4 行（赵强）', path: 'content/pledges/2025/d.md', text, input: {} },
      ],
      december,
      '2025-12-31',
    );
    expect(plan.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^第 2 行（李明）：.*已被别人修改/),
      expect.stringMatching(/^第 3 行（张伟）：.*已不存在/),
    ]);
    expect(plan.empty).toBe(1);
  });
  test('a record dated before the last one is refused by the pledge schema, as in the editor', () => {
    const late = pledge("records:\n- date: '2025-12-25'\n  note: 已记\n  progress: 40\n");
    const plan = planRecords(
      [{ label: '第 1 行（王丽）', path: 'a.md', text: late, input: { date: '2025-12-05', note: '补记', progress: 50 } }],
      december,
      '2025-12-31',
    );
    expect(plan.problems[0]?.message).toContain('早于上一条');
  });
});
