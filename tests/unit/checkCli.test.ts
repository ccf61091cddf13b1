/** `npm run check` as a person runs it: exit codes, printed paths and messages, --json, --strict. */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';

const root = new URL('../..', import.meta.url).pathname;

function runCheck(args: string[]) {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/check.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run check', () => {
  test('exits 0 on the bundled sample and prints findings grouped by rule', () => {
    const r = runCheck([]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^R1 /m);
    expect(r.out).toMatch(/没有错误/);
  });

  test('exits 1 on a content error, naming the file relative to the root, the field, the rule and a Chinese message', () => {
    const dir = tinyContent({ 'pledges/2026/li-work.md': tinyFiles['pledges/2026/li-work.md'].replace('progress: 10', 'progress: 150') });
    const r = runCheck(['--content', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('pledges/2026/li-work.md');
    expect(r.out).toContain('records[0].progress  [max] 「完成进度(%)」不能大于 100,现在是 150。');
    expect(r.out + r.err).not.toMatch(/at .*\.ts:\d+|Error:|ZodError/);
  });

  test('prints paths relative to the repository root for content inside it', () => {
    const r = runCheck(['--json']);
    const { findings } = JSON.parse(r.out) as { findings: { file: string }[] };
    expect(findings.every((f) => f.file.startsWith('content/'))).toBe(true);
  });

  test('--json prints errors and findings with file, field, rule, severity and message', () => {
    const dir = tinyContent({ 'members/li.md': '---\nname: 李明\norg: b9\nstatus: active\n---\n' });
    const r = runCheck(['--content', dir, '--json']);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out) as { errors: Record<string, string>[]; findings: unknown[] };
    expect(parsed.errors).toEqual([{ file: expect.stringContaining('members/li.md'), field: 'org', rule: 'ref', severity: 'error', message: expect.stringContaining('b9') }]);
    expect(parsed.findings).toEqual([]);
  });

  test('--json uses audit rule ids R1…R15 exactly', () => {
    const { findings } = JSON.parse(runCheck(['--json']).out) as { findings: { rule: string; severity: string }[] };
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => `R${i + 1}`)));
    expect(findings.every((f) => f.severity === 'finding')).toBe(true);
  });

  test('--strict makes findings fail', () => {
    expect(runCheck(['--strict']).code).toBe(1);
  });

  test('a YAML syntax error is named with its line, never a stack trace', () => {
    const dir = tinyContent({ 'members/li.md': '---\nname: 李明\n  org: b1\nstatus: active\n---\n' });
    const r = runCheck(['--content', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/members\/li\.md\n {2}\[yaml\] 字段区（YAML）第 3 行/);
    expect(r.err).toBe('');
  });
});
