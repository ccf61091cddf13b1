/**
 * The roll-up's registry (src/lib/parseRegistry.ts): a good one parses; each bad input of issue 23 is refused with a
 * Chinese message naming the shard and the line it is on, and nothing of a bad registry is kept.
 */
import { describe, expect, test } from 'vitest';
import {
  arrayElementLines,
  formatRegistryProblem,
  parseRegistry,
  regionPrefix,
  type RegistryProblem,
} from '../../src/lib/parseRegistry.ts';

const shard = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  name: `单位${id.slice(-1)}`,
  repo: `shards/${id.split('/')[1]}`,
  ...more,
});

function registry(shards: unknown[], more: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ schemaVersion: 1, level: 'county', name: '青山县委组织部', region: '130102', hosts: ['git.qingshan.example'], shards, ...more }, null, 2)}\n`;
}

function problems(text: string): RegistryProblem[] {
  const r = parseRegistry(text);
  expect('problems' in r, JSON.stringify(r)).toBe(true);
  return 'problems' in r ? r.problems : [];
}

describe('parseRegistry', () => {
  test('reads a good registry: ids split into region and unit, lines of each shard', () => {
    const text = registry([
      shard('130102/shiyan-zhongxue', { township: '城关镇', board: 'http://10.0.0.5/gongkai/' }),
      shard('130102/qingshan-cun', { repo: 'https://git.qingshan.example/qingshan/gongkai.git' }),
    ]);
    const r = parseRegistry(text);
    if (!('registry' in r)) throw new Error(JSON.stringify(r));
    expect(r.registry.shards.map((s) => [s.region, s.unit, s.line])).toEqual([
      ['130102', 'shiyan-zhongxue', 10],
      ['130102', 'qingshan-cun', 17],
    ]);
    expect(text.split('\n')[9]).toContain('{');
    expect(text.split('\n')[10]).toContain('130102/shiyan-zhongxue');
  });

  test('a malformed id names its position and line', () => {
    const [p] = problems(registry([shard('130102/shiyan-zhongxue'), shard('130102/Shiyan_2')]));
    expect(p).toMatchObject({ shard: '第 2 个单位', line: 15 });
    expect(p.message).toContain('格式不对');
    expect(formatRegistryProblem('shards.json', p)).toBe(`shards.json 第 15 行（第 2 个单位）：${p.message}。`);
  });

  test('a duplicate id names both lines', () => {
    const [p] = problems(registry([shard('130102/a'), shard('130102/b'), shard('130102/a')]));
    expect(p).toMatchObject({ shard: '130102/a', line: 20 });
    expect(p.message).toBe('编号重复：第 10 行已有同一编号的单位');
  });

  test('a region code outside the registry’s region is refused; a province holds its counties', () => {
    const [p] = problems(registry([shard('130103/a')]));
    expect(p).toMatchObject({ shard: '130103/a', line: 10 });
    expect(p.message).toContain('不属于本级（130102）');
    const county = (id: string) => shard(id, { board: 'http://10.0.0.9/huizong/' });
    const province = parseRegistry(registry([county('130102/a'), county('139901/b')], { level: 'province', region: '130000' }));
    expect('registry' in province).toBe(true);
    expect(problems(registry([county('140102/a')], { level: 'province', region: '130000' }))[0].message).toContain('不属于本级');
    expect(problems(registry([shard('130102/a')], { level: 'province', region: '130000' }))[0].message).toContain(
      '省级登记表的每个县都要填 board',
    );
    expect([regionPrefix('130000'), regionPrefix('130100'), regionPrefix('130102')]).toEqual(['13', '1301', '130102']);
  });

  test('a git URL outside the configured hosts, another scheme, SSH or a password in it is refused', () => {
    const cases: [string, string][] = [
      ['https://github.com/x/y.git', '不在 hosts'],
      ['ftp://git.qingshan.example/x.git', '只能用 http 或 https'],
      ['git@git.qingshan.example:x/y.git', '不能用 SSH'],
      ['https://u:p@git.qingshan.example/x.git', '不能写用户名或密码'],
      ['file:///etc', '只能用 http 或 https'],
    ];
    for (const [repo, says] of cases) {
      const [p] = problems(registry([shard('130102/a', { repo })]));
      expect(p.message, repo).toContain(says);
      expect(p.shard).toBe('130102/a');
    }
    // A folder, also a Windows one, is not a URL.
    for (const repo of ['shards/a', 'C:\\shards\\a', '../a'])
      expect('registry' in parseRegistry(registry([shard('130102/a', { repo })])), repo).toBe(true);
  });

  test('a shard with neither repository nor board, or a bad board address, is refused', () => {
    expect(problems(registry([{ id: '130102/a', name: '甲' }]))[0].message).toContain('至少要填一个');
    expect(problems(registry([shard('130102/a', { board: 'javascript:alert(1)' })]))[0].message).toContain('只能用 http 或 https');
  });

  test('the registry itself: JSON, version, level, name, region, hosts, cut-off, size', () => {
    expect(problems('{\n  "schemaVersion": 1,\n  "shards": [\n')[0]).toMatchObject({
      shard: '',
      message: expect.stringContaining('不是有效的 JSON'),
    });
    const p = problems(registry([], { schemaVersion: 2, level: 'city', name: ' ', region: '13', hosts: 'x', cutoff: '2025-13-01' }));
    expect(p.map((x) => x.message.split('（')[0])).toEqual(['schemaVersion', 'level', 'name', 'region', 'hosts', 'cutoff']);
    expect(problems(registry([], { shards: {} }))[0].message).toContain('应为列表');
    expect(problems(' '.repeat(5 * 1024 * 1024))[0].message).toContain('文件太大');
    expect(problems(registry(Array.from({ length: 10_001 }, (_, i) => shard(`130102/u${i}`))))[0].message).toContain('最多 10000');
  });

  test('line numbers skip braces inside strings and nested objects', () => {
    const text = '{"name": "{[", "shards": [\n{"id": "a", "x": {"y": [1]}},\n\n  {"id": "}"}\n], "other": [{}]}';
    expect(arrayElementLines(text, 'shards')).toEqual([2, 4]);
  });
});
