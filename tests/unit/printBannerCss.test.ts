import { describe, expect, test } from 'vitest';
import { printBannerCss } from '../../src/lib/printBannerCss.ts';

describe('printBannerCss', () => {
  test('puts the banner in the top margin box of every page, the page number where {page} stands', () => {
    expect(printBannerCss('内部资料 · 第 {page} 页')).toContain('content: "内部资料 · 第 " counter(page) " 页";');
    expect(printBannerCss('内部资料')).toMatch(/^@page \{\n {2}margin-top: 16mm;\n {2}@top-center \{\n {4}content: "内部资料";/);
  });

  test('a quote, a backslash or a line break in the words cannot end the string or the rule', () => {
    const css = printBannerCss('a"} body{display:none} \\\n{page}');
    expect(css).toContain('content: "a\\"} body{display:none} \\\\ " counter(page) "";');
    // With its strings taken out, the sheet is the one rule and its margin box, whatever the words.
    const skeleton = css.replace(/"(?:[^"\\]|\\.)*"/g, 'S');
    expect(skeleton).toBe(printBannerCss('x').replace(/"x"/, 'S').replace('S;', 'S counter(page) S;'));
  });
});
