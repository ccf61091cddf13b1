/** The id a new member or org is named after: the one rule of `npm run import` and the admin. */
import { describe, expect, test } from 'vitest';
import { idForName } from '../../src/lib/idForName.ts';
import { ID_PATTERN } from '../../src/loader/readContentTree.ts';

describe('idForName', () => {
  test.each([
    ['张三', 'zhang-san'],
    ['吕刚', 'lv-gang'],
    ['欧阳娜娜', 'ou-yang-na-na'],
    [' 王丽 ', 'wang-li'],
    ['Li Ming', 'li-ming'],
    ['第一教师党支部（初中部）', 'di-yi-jiao-shi-dang-zhi-bu-chu-zhong-bu'],
    ['2024级党支部', '2024-ji-dang-zhi-bu'],
  ])('derives %s → %s', (name, id) => {
    expect(idForName(name, new Set())).toBe(id);
  });

  test('keeps a character the pinyin dictionary lacks (𠮷) as its code point, so the id is valid and not just the surname', () => {
    expect(idForName('王𠮷', new Set())).toBe('wang-u20bb7');
    expect(idForName('𠮷', new Set())).toBe('u20bb7');
    expect(idForName('王𠮷', new Set())).toMatch(ID_PATTERN);
  });

  test('adds -2, -3 … while the id is taken, and leaves the taken set alone', () => {
    const taken = new Set(['wang-li', 'wang-li-2']);
    expect(idForName('王丽', taken)).toBe('wang-li-3');
    expect(taken).toEqual(new Set(['wang-li', 'wang-li-2']));
  });

  test('falls back to the given word for a name with no letters at all, and keeps long names short', () => {
    expect(idForName('（）', new Set(), 'org')).toBe('org');
    const long = idForName('中'.repeat(80), new Set());
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(ID_PATTERN);
  });
});
