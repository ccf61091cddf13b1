import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../src/lib/renderMarkdown.ts';

describe('renderMarkdown', () => {
  test.each([
    ['a script tag', '承诺<script>alert(1)</script>内容'],
    ['an event handler', '<img src="x.png" onerror="alert(1)">'],
    ['a javascript: link', '[点我](javascript:alert(1))'],
    ['an iframe', '<iframe src="http://example.com"></iframe>'],
    ['an inline handler on a div', '<div onclick="alert(1)">点</div>'],
    ['a data: URL script', '<a href="data:text/html,<script>alert(1)</script>">x</a>'],
    ['a style tag', '<style>body{display:none}</style>'],
  ])('never lets %s through as live markup', (_, input) => {
    const html = renderMarkdown(input);
    expect(html).not.toMatch(/<script|<iframe|<style|\son\w+=|javascript:|href="data:/i);
  });

  test('keeps ordinary Markdown', () => {
    expect(renderMarkdown('**表扬** 刘洋同志\n\n- 一\n- 二')).toBe(
      '<p><strong>表扬</strong> 刘洋同志</p>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>',
    );
  });

  test('renders plain text as escaped paragraphs', () => {
    expect(renderMarkdown('第一段\n\n第二段')).toBe('<p>第一段</p>\n<p>第二段</p>');
  });

  test('renders nothing for an empty body', () => {
    expect(renderMarkdown(undefined)).toBe('');
    expect(renderMarkdown('  \n')).toBe('');
  });
});
