/**
 * 共产党员户 (篇四) is a member's household: `household: true` on a member is content, the same key on an
 * organisation (whose schema refuses unknown keys) is refused with a message saying whose mark it is. Likewise
 * 依岗承诺 (`onPost`) is a member's pledge: an organisation's pledge marked so is refused.
 */
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';

const ORG = 'orgs/b1.md';
const orgWith = (extra: string) => tinyFiles[ORG].replace(/---\n$/, `${extra}\n---\n`);

function errorsOf(changes: Record<string, string>) {
  const dir = tinyContent(changes);
  return checkContent(dir, '2026-03-10', dir).errors;
}

describe('the household key', () => {
  test('is accepted on a member, and so is an on-post pledge', () => {
    const member = tinyFiles['members/li.md'].replace('status: active', 'status: active\nhousehold: true');
    const pledge = tinyFiles['pledges/2026/li-work.md'].replace('owner: li', 'owner: li\nonPost: true');
    expect(errorsOf({ 'members/li.md': member, 'pledges/2026/li-work.md': pledge })).toEqual([]);
  });

  test('on an org file is refused by file and field, saying the mark belongs to a member’s household', () => {
    const errors = errorsOf({ [ORG]: orgWith('household: true') });
    expect(errors).toEqual([expect.objectContaining({ file: ORG, field: 'household', rule: 'member-only', severity: 'error' })]);
    expect(errors[0].message).toMatch(/共产党员户/);
    expect(errors[0].message).toMatch(/党员家庭/);
    expect(errors[0].message).toMatch(/content\/members\//);
    expect(errors[0].message).not.toMatch(/拼写有误/);
  });

  test('beside a misspelt key on an org file, names both', () => {
    const errors = errorsOf({ [ORG]: orgWith('household: true\nlevle: branch') });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'household', rule: 'member-only' });
    expect(errors[0].message).toMatch(/“levle”.*拼写有误/);
  });

  test('a misspelt key alone keeps the usual message', () => {
    expect(errorsOf({ [ORG]: orgWith('levle: branch') })).toEqual([expect.objectContaining({ field: '', rule: 'unknown-key' })]);
  });
});

describe('the onPost key', () => {
  test('on an organisation’s pledge is refused by file and field: 依岗承诺 is a member’s', () => {
    const file = 'pledges/2026/b1-work.md';
    const text = `---\nowner: b1\nownerKind: org\nonPost: true\ncategory: service\ntitle: 开展送教上门\nmeasures:\n  - 每月一次\ndeadline: 2026-12-31\nreview:\n  status: approved\n  by: sec\n  date: 2026-02-20\n---\n`;
    const errors = errorsOf({ [file]: text });
    expect(errors).toEqual([expect.objectContaining({ file, field: 'onPost', rule: 'on-post', severity: 'error' })]);
    expect(errors[0].message).toMatch(/无职党员.*党组织/);
  });
});
