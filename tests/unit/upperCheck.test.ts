import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/loader/checkContent.ts';
import { tinyContent } from '../fixtures/tinyContent.ts';

const FILE = 'checks/2026/b1-q1-upper.md';
/** A check of b1 in the first quarter with `extra` front-matter lines. */
const checkText = (...extra: string[]) =>
  ['---', 'org: b1', 'quarter: q1', 'date: 2026-03-05', ...extra, '---', '检查情况。', ''].join('\n');

function errorsOf(text: string) {
  const dir = tinyContent({ [FILE]: text });
  return checkContent(dir, '2026-03-10', dir).errors;
}

describe('a check by the upper organisation (checks/<round>/<id>.md `by`, `method`, `affirmed`)', () => {
  test.each([
    ['a branch’s own check, as before', checkText()],
    ['a branch’s own check saying so', checkText('by: branch')],
    ['an upper random check, affirmed', checkText('by: upper', 'method: random', 'affirmed: true')],
    ['an upper regular check (经常性督查), not affirmed', checkText('by: upper', 'method: regular', 'affirmed: false')],
  ])('accepts %s', (_, text) => {
    expect(errorsOf(text)).toEqual([]);
  });

  test.each([
    [
      'an upper check without its method',
      checkText('by: upper'),
      'method',
      'upper-method',
      /上级党组织的检查要写明检查方式：经常性督查（regular）或随机检查（random）/,
    ],
    ['a method on the branch’s own check', checkText('method: random'), 'method', 'upper-only', /检查方式只用于上级党组织的检查/],
    [
      '获得肯定 on the branch’s own check',
      checkText('by: branch', 'affirmed: true'),
      'affirmed',
      'upper-only',
      /获得肯定只用于上级党组织的检查/,
    ],
    ['an unknown checker', checkText('by: county'), 'by', 'enum', /county/],
    ['an unknown method', checkText('by: upper', 'method: phone'), 'method', 'enum', /phone/],
  ])('names %s by file, field, rule and a Chinese message', (_, text, field, rule, message) => {
    const hit = errorsOf(text).find((e) => e.field === field);
    expect(hit).toMatchObject({ file: FILE, field, rule, severity: 'error' });
    expect(hit!.message).toMatch(message);
  });
});
