/** `npm run check` as a person runs it: exit codes, printed paths and messages, --json, --strict. */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { checkCommand } from '../../src/cli/check.ts';
import { todayIn } from '../../src/lib/dates.ts';
import { presets, rulesOf } from '../../src/lib/profiles.ts';
import { tinyContent, tinyFiles } from '../fixtures/tinyContent.ts';

const root = new URL('../..', import.meta.url).pathname;

/** The command as a process: what a person gets (exit code, no stack trace), and a time zone set before start-up. */
function spawnCheck(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/check.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The command's logic in-process (the same function the script runs), unless the case needs its own process. */
function runCheck(args: string[], env: Record<string, string> = {}) {
  if (Object.keys(env).length) return spawnCheck(args, env);
  let out = '';
  let err = '';
  const code = checkCommand(args, { out: (s) => void (out += s), err: (s) => void (err += s), env: process.env });
  return { code, out, err };
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
    const r = spawnCheck(['--content', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('pledges/2026/li-work.md');
    expect(r.out).toContain('records[0].progress  [max] 「完成进度（%）」不能大于 100，现在是 150。');
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
    expect(parsed.errors).toEqual([
      {
        file: expect.stringContaining('members/li.md'),
        field: 'org',
        rule: 'ref',
        severity: 'error',
        message: expect.stringContaining('b9'),
      },
    ]);
    expect(parsed.findings).toEqual([]);
  });

  test('--json gives each finding an audit rule id of the sample’s profile (篇三: no R13)', () => {
    const { findings } = JSON.parse(runCheck(['--json']).out) as { findings: { rule: string; severity: string }[] };
    const rules = new Set(rulesOf(presets['five-stages']));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => !rules.has(f.rule))).toEqual([]);
    expect(findings.every((f) => f.severity === 'finding')).toBe(true);
  });

  test('--strict makes unexplained findings fail', () => {
    expect(runCheck(['--content', tinyContent({}), '--strict']).code).toBe(1);
  });

  test('the sample passes --strict: each of its few findings is explained in content/acknowledged.json', () => {
    const r = runCheck(['--strict']);
    expect(r.code, r.out).toBe(0);
    const json = JSON.parse(runCheck(['--json']).out) as { findings: unknown[]; acknowledged: unknown[]; staleAcknowledgements: unknown[] };
    expect(json.acknowledged).toHaveLength(json.findings.length);
    expect(json.staleAcknowledgements).toEqual([]);
  });

  test('a YAML syntax error is named with its line, never a stack trace', () => {
    const dir = tinyContent({ 'members/li.md': '---\nname: 李明\n  org: b1\nstatus: active\n---\n' });
    const r = runCheck(['--content', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/members\/li\.md\n {2}\[yaml\] 字段区（YAML）第 3 行/);
    expect(r.err).toBe('');
  });
});

describe('npm run check: the as-of date', () => {
  /** tiny content with site.json changed by `edit`. */
  const withSite = (edit: (site: Record<string, unknown>) => void) => {
    const site = JSON.parse(tinyFiles['site.json'] as string) as Record<string, unknown>;
    edit(site);
    return tinyContent({ 'site.json': JSON.stringify(site, null, 2) });
  };

  test("without --as-of, site.json's asOf is used and the output says so", () => {
    const r = runCheck([]);
    expect(r.out.split('\n')[0]).toBe('统计截止日期：2025-12-26（site.json 的 asOf）');
    expect(r.out).toContain('制度落实审计（截至 2025-12-26）');
  });

  test("--as-of wins over site.json's asOf: the audit counts at that day and the output names it and its source", () => {
    const r = runCheck(['--as-of', '2025-10-01']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('统计截止日期：2025-10-01（命令行 --as-of）');
    expect(r.out).toContain('制度落实审计（截至 2025-10-01）');
    const site = JSON.parse(runCheck(['--json']).out) as { asOf: string; asOfSource: string; findings: unknown[] };
    const cli = JSON.parse(runCheck(['--json', '--as-of', '2025-10-01']).out) as { asOf: string; asOfSource: string; findings: unknown[] };
    expect([site.asOf, site.asOfSource]).toEqual(['2025-12-26', 'site']);
    expect([cli.asOf, cli.asOfSource]).toEqual(['2025-10-01', 'cli']);
    // Not only the label: the audit itself counts at the earlier day.
    expect(cli.findings).not.toEqual(site.findings);
  });

  test('a malformed --as-of is refused in Chinese with exit 2', () => {
    const r = runCheck(['--as-of', '2025-02-30']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--as-of “2025-02-30”不是有效的日期');
    expect(r.out).toBe('');
  });

  test("without any asOf, today is taken in Asia/Shanghai whatever the machine's zone, and the output says 今天 with the zone", () => {
    const dir = withSite((s) => delete s.asOf);
    const before = todayIn('Asia/Shanghai', new Date());
    const r = runCheck(['--content', dir, '--json'], { TZ: 'UTC' });
    const after = todayIn('Asia/Shanghai', new Date());
    const parsed = JSON.parse(r.out) as { asOf: string; asOfSource: string; timeZone: string };
    expect(parsed.asOfSource).toBe('today');
    expect(parsed.timeZone).toBe('Asia/Shanghai');
    expect([before, after]).toContain(parsed.asOf);
    const human = runCheck(['--content', dir], { TZ: 'UTC' });
    expect(human.out.split('\n')[0]).toMatch(/^统计截止日期：\d{4}-\d{2}-\d{2}（今天，Asia\/Shanghai）$/);
  });

  test("site.json's timeZone decides today's date when it is set", () => {
    const dir = withSite((s) => {
      delete s.asOf;
      s.timeZone = 'Pacific/Kiritimati';
    });
    const before = todayIn('Pacific/Kiritimati', new Date());
    const r = runCheck(['--content', dir]);
    const after = todayIn('Pacific/Kiritimati', new Date());
    const line = r.out.split('\n')[0];
    expect([before, after].map((d) => `统计截止日期：${d}（今天，Pacific/Kiritimati）`)).toContain(line);
  });

  test("an unknown time zone fails the check, naming site.json's timeZone field", () => {
    const dir = withSite((s) => (s.timeZone = 'Asia/Beijing'));
    const r = runCheck(['--content', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/site\.json\n {2}timeZone {2}\[time-zone\] 时区“Asia\/Beijing”不是可用的时区名称/);
  });
});

describe('npm run check: findings the branch has explained (acknowledged.json)', () => {
  // The tiny tree has three findings: R1 on li and on sec, R3 on sec.
  const ack = (findings: unknown[]) => JSON.stringify({ findings }, null, 2);
  const all = [
    { rule: 'R1', file: 'members/li.md', reason: '李明下半年调入，第二项承诺在补报中。' },
    { rule: 'R1', file: 'members/sec.md', reason: '书记的承诺正报上级审核。' },
    { rule: 'R3', file: 'members/sec.md', reason: '同上。' },
    { rule: 'R2', file: 'orgs/top.md', reason: '党总支的组织承诺已报上级党组织，正在审定。' },
  ];

  test('--strict passes when every finding is explained, and each is still shown with its reason', () => {
    const dir = tinyContent({ 'acknowledged.json': ack(all) });
    expect(runCheck(['--content', dir]).out).toContain('R1 ');
    const r = runCheck(['--content', dir, '--strict']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('4 条提示（其中 4 条已在 acknowledged.json 中说明）');
    expect(r.out).toContain('已说明：李明下半年调入，第二项承诺在补报中。');
    const json = JSON.parse(runCheck(['--content', dir, '--json']).out) as {
      findings: unknown[];
      acknowledged: { rule: string; reason: string }[];
    };
    expect(json.findings).toHaveLength(4);
    expect(json.acknowledged.map((a) => a.rule).sort()).toEqual(['R1', 'R1', 'R2', 'R3']);
  });

  test('--strict fails on a finding nobody explained; an explanation that matches nothing is named as removable', () => {
    const dir = tinyContent({ 'acknowledged.json': ack([...all.slice(0, 2), { rule: 'R9', file: 'members/li.md', reason: '旧说明。' }]) });
    const r = runCheck(['--content', dir, '--strict']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/有 1 条说明已没有对应的提示.*可以删除/);
    expect(r.out).toMatch(/R9 {2}.*members\/li\.md/);
  });

  test('a field narrows an explanation to that field', () => {
    const dir = tinyContent({
      'acknowledged.json': ack([...all.slice(0, 2), { rule: 'R3', file: 'members/sec.md', field: 'records', reason: '字段不符。' }]),
    });
    expect(runCheck(['--content', dir, '--strict']).code).toBe(1);
  });

  test('a bad acknowledged.json is a content error naming the file, the field and the rule, in Chinese', () => {
    const dir = tinyContent({ 'acknowledged.json': ack([{ rule: 'R99', file: 'members/li.md', reason: '' }]) });
    const r = runCheck(['--content', dir, '--json']);
    expect(r.code).toBe(1);
    const { errors } = JSON.parse(r.out) as { errors: { file: string; field: string; rule: string; message: string }[] };
    expect(errors.map((e) => [e.file.endsWith('/acknowledged.json'), e.field, e.rule])).toEqual([
      [true, 'findings[0].rule', 'enum'],
      [true, 'findings[0].reason', 'required'],
    ]);
    expect(errors[0].message).toContain('R16');
    expect(runCheck(['--content', tinyContent({ 'acknowledged.json': '{"findings": 3}' })]).out).toContain(
      'acknowledged.json\n  findings  [required]',
    );
  });
});
