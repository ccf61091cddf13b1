import { describe, expect, test } from 'vitest';
import { finding } from '../../src/lib/audit/auditContext.ts';
import { parseJson, parseMarkdown } from '../../src/lib/parseContentFile.ts';
import { problem } from '../../src/lib/problem.ts';

describe('problem', () => {
  test('makes a content error about the whole file when no field or severity is given', () => {
    expect(problem({ file: 'content/site.json', rule: 'missing', message: '缺少站点设置文件 site.json。' })).toEqual({
      file: 'content/site.json',
      field: '',
      rule: 'missing',
      severity: 'error',
      message: '缺少站点设置文件 site.json。',
    });
  });

  test('keeps the field and severity it is given', () => {
    const p = problem({ file: 'a.md', field: 'records[2].progress', rule: 'R6', severity: 'finding', message: 'm' });
    expect(p).toMatchObject({ field: 'records[2].progress', severity: 'finding' });
  });

  test('puts the fields in the order --json prints them, whatever order it is given them in', () => {
    const p = problem({ message: 'm', severity: 'finding', rule: 'R1', field: 'f', file: 'a.md' });
    expect(JSON.stringify(p)).toBe('{"file":"a.md","field":"f","rule":"R1","severity":"finding","message":"m"}');
  });

  test('is what the audit and the parsers return', () => {
    expect(finding('R1', 'a.md', 'f', 'm')).toEqual(problem({ file: 'a.md', field: 'f', rule: 'R1', severity: 'finding', message: 'm' }));
    expect(JSON.stringify(parseMarkdown('', 'a.md').problem)).toBe(
      JSON.stringify(problem({ file: 'a.md', rule: 'empty', message: '文件是空的。请删除它，或填写内容后再保存。' })),
    );
    expect(parseJson('[]', 'site.json').problem).toEqual(
      problem({ file: 'site.json', rule: 'json', message: '文件应为一个 JSON 对象（以 { 开头，以 } 结尾）。' }),
    );
  });
});
