/** Same-name members told apart: the one rule behind every name the admin shows. */
import { describe, expect, test } from 'vitest';
import { memberLabels } from '../../src/lib/memberLabels.ts';

const orgs = [
  { id: 'b1', name: '第一支部' },
  { id: 'b2', name: '第二支部' },
];

describe('memberLabels', () => {
  test('names a member alone while no one else bears the name', () => {
    const labels = memberLabels(
      [
        { id: 'li-ming', name: '李明', org: 'b1' },
        { id: 'zhang-san', name: '张三', org: 'b2' },
      ],
      orgs,
    );
    expect([...labels]).toEqual([
      ['li-ming', '李明'],
      ['zhang-san', '张三'],
    ]);
  });

  test('adds the branch when the name repeats in two branches, and leaves the others alone', () => {
    const labels = memberLabels(
      [
        { id: 'wang-li', name: '王丽', org: 'b1' },
        { id: 'wang-li-2', name: '王丽', org: 'b2' },
        { id: 'li-ming', name: '李明', org: 'b1' },
      ],
      orgs,
    );
    expect(Object.fromEntries(labels)).toEqual({ 'wang-li': '王丽 · 第一支部', 'wang-li-2': '王丽 · 第二支部', 'li-ming': '李明' });
  });

  test('adds the file id when the name repeats in one branch', () => {
    const labels = memberLabels(
      [
        { id: 'wang-li', name: '王丽', org: 'b1' },
        { id: 'wang-li-2', name: '王丽', org: 'b1' },
        { id: 'wang-li-3', name: '王丽', org: 'b2' },
      ],
      orgs,
    );
    expect(Object.fromEntries(labels)).toEqual({
      'wang-li': '王丽 · 第一支部 · 编号 wang-li',
      'wang-li-2': '王丽 · 第一支部 · 编号 wang-li-2',
      'wang-li-3': '王丽 · 第二支部',
    });
  });

  test('names every branch when asked (pickers), still adding the id to namesakes of one branch', () => {
    const labels = memberLabels(
      [
        { id: 'li-ming', name: '李明', org: 'b1' },
        { id: 'wang-li', name: '王丽', org: 'b1' },
        { id: 'wang-li-2', name: '王丽', org: 'b1' },
      ],
      orgs,
      { withOrg: true },
    );
    expect(Object.fromEntries(labels)).toEqual({
      'li-ming': '李明 · 第一支部',
      'wang-li': '王丽 · 第一支部 · 编号 wang-li',
      'wang-li-2': '王丽 · 第一支部 · 编号 wang-li-2',
    });
  });

  test('gives every member a label of their own, even across two branches of one name or with no branch', () => {
    const members = [
      { id: 'a', name: '王丽', org: 'x1' },
      { id: 'b', name: '王丽', org: 'x2' },
      { id: 'c', name: '赵六' },
      { id: 'd', name: '赵六' },
    ];
    const labels = memberLabels(members, [
      { id: 'x1', name: '同名支部' },
      { id: 'x2', name: '同名支部' },
    ]);
    expect(new Set(labels.values()).size).toBe(members.length);
    expect(labels.get('c')).toBe('赵六 · 编号 c');
  });
});
