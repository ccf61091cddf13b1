/**
 * The roll-up one level up (issue 23), over a real git host (git's smart HTTP server, tests/build/gitHttpServer.ts):
 *
 * - a county rolls up two generated units whose repositories it clones over HTTP (the URL path of the roll-up),
 *   and a second run reads again only the unit whose head moved on the host;
 * - the province reads the county roll-up's rollup.json over HTTP, sums its units into one summary of the same
 *   format, and spot-checks units against their repositories: 已核对 when they agree;
 * - a county roll-up whose unit figures were changed (digest made consistent) fails the spot check (核对失败, the
 *   unit named); one whose figures were changed with the old digest kept fails before any spot check; one that
 *   cannot be reached is 未报送 with its last good figures; a county in another region fails;
 * - a province registry entry without the county roll-up's address is refused with its line.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rollupCommand } from '../../src/cli/rollup.ts';
import type { RollupFile } from '../../src/lib/rollupFigures.ts';
import { startStaticServer, type StaticServer } from '../e2e/staticServer.ts';
import { type GitHttpServer, startGitHttpServer } from '../../src/bench/gitHttpServer.ts';
import { git, shardRepo } from './shardRepos.ts';

const work = mkdtempSync(join(tmpdir(), 'rollup-province-'));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
let host: GitHttpServer;
let boards: StaticServer;

/** A generated unit pushed to the git host as `<unit>.git`; its working clone's folder. */
function unitRepo(unit: string, seed: number): string {
  const dir = shardRepo(join(work, 'units', unit), unit, { generated: { members: 10, seed } });
  git(work, 'clone', '-q', '--bare', dir, join(work, 'host', `${unit}.git`));
  git(dir, 'remote', 'add', 'origin', join(work, 'host', `${unit}.git`));
  return dir;
}

async function rollup(registry: object, name: string, extra: string[] = []) {
  const dir = join(work, 'runs', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'shards.json'), `${JSON.stringify(registry, null, 2)}\n`);
  let out = '';
  let err = '';
  const code = await rollupCommand(
    ['--registry', join(dir, 'shards.json'), '--out', join(dir, 'out'), '--work', join(dir, '.work'), '--no-board', ...extra],
    { out: (t) => (out += t), err: (t) => (err += t), env: process.env },
  );
  const file = code === 0 ? (JSON.parse(readFileSync(join(dir, 'out', 'rollup.json'), 'utf8')) as RollupFile) : undefined;
  return { code, out, err, file };
}

const county = (units: string[]) => ({
  schemaVersion: 1,
  level: 'county',
  name: '青山县委组织部',
  region: '130102',
  hosts: ['127.0.0.1'],
  cutoff: '2025-12-26',
  shards: units.map((u) => ({ id: `130102/${u}`, name: `单位${u}`, repo: `${host.origin}/${u}.git` })),
});

const province = (counties: { id: string; name: string; board: string }[]) => ({
  schemaVersion: 1,
  level: 'province',
  name: '某省委组织部',
  region: '130000',
  hosts: ['127.0.0.1'],
  cutoff: '2025-12-26',
  spotChecks: 2,
  shards: counties,
});

let countyFile: RollupFile;

beforeAll(async () => {
  mkdirSync(join(work, 'host'), { recursive: true });
  host = await startGitHttpServer(join(work, 'host'));
  unitRepo('a', 1);
  unitRepo('b', 2);
  const r = await rollup(county(['a', 'b']), 'county');
  expect(r.code, r.err).toBe(0);
  countyFile = r.file as RollupFile;
  // The county roll-up as published, and a copy whose unit figures were changed consistently (digest too).
  mkdirSync(join(work, 'boards'), { recursive: true });
  cpSync(join(work, 'runs', 'county', 'out'), join(work, 'boards', 'qingshan'), { recursive: true });
  const forged = structuredClone(countyFile);
  const a = forged.shards[0];
  if (a.summary) {
    a.summary.totals.overdue += 3;
    a.digest = sha256(`${JSON.stringify(a.summary, null, 2)}\n`);
  }
  mkdirSync(join(work, 'boards', 'forged'), { recursive: true });
  writeFileSync(join(work, 'boards', 'forged', 'rollup.json'), `${JSON.stringify(forged, null, 2)}\n`);
  // And one whose unit figures were changed with the old digest kept.
  const kept = structuredClone(countyFile);
  if (kept.shards[1].summary) kept.shards[1].summary.totals.overdue += 3;
  mkdirSync(join(work, 'boards', 'kept'), { recursive: true });
  writeFileSync(join(work, 'boards', 'kept', 'rollup.json'), `${JSON.stringify(kept, null, 2)}\n`);
  boards = await startStaticServer(join(work, 'boards'));
}, 120_000);

afterAll(async () => {
  await host?.close();
  await boards?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('a county over a git host', () => {
  test('clones its units over HTTP and verifies them from their repositories', () => {
    expect(countyFile.shards.map((s) => [s.id, s.status, s.repo])).toEqual([
      ['130102/a', 'verified', `${host.origin}/a.git`],
      ['130102/b', 'verified', `${host.origin}/b.git`],
    ]);
    expect(countyFile.shards[0].commit).toBe(git(join(work, 'host', 'a.git'), 'rev-parse', 'HEAD'));
  });

  test('a second run reads again only the unit whose head moved on the host', async () => {
    const again = await rollup(county(['a', 'b']), 'county-inc');
    expect(again.out).not.toContain('沿用上次');
    const b = join(work, 'units', 'b');
    const site = join(b, 'content', 'site.json');
    writeFileSync(site, readFileSync(site, 'utf8').replace('"name": "', '"name": "新'));
    git(b, 'commit', '-qam', 'rename');
    git(b, 'push', '-q', 'origin', 'main');
    const third = await rollup(county(['a', 'b']), 'county-inc');
    const lines = third.out.split('\n');
    expect(lines.find((l) => l.includes('130102/a'))).toContain('沿用上次');
    expect(lines.find((l) => l.includes('130102/b'))).not.toContain('沿用上次');
    expect(third.file?.shards[1].commit).toBe(git(b, 'rev-parse', 'HEAD'));
  });
});

describe('the province', () => {
  test('sums a county’s units into one summary and verifies it by spot checks', async () => {
    const r = await rollup(province([{ id: '130102/qingshan', name: '青山县', board: `${boards.origin}/qingshan/` }]), 'province');
    expect(r.code, r.err).toBe(0);
    const row = r.file?.shards[0];
    expect(row?.status, row?.reasons.join('\n')).toBe('verified');
    expect(row?.reasons.join('\n')).toContain('抽查 2 个单位，与其仓库一致');
    const sum = (f: (s: NonNullable<RollupFile['shards'][number]['summary']>) => number) =>
      countyFile.shards.reduce((n, s) => n + (s.summary ? f(s.summary) : 0), 0);
    expect(row?.summary?.totals.completion).toEqual({
      done: sum((s) => s.totals.completion.done),
      total: sum((s) => s.totals.completion.total),
    });
    expect(row?.summary?.totals.members.all).toBe(sum((s) => s.totals.members.all));
    expect(row?.summary?.orgs.map((o) => o.id)).toEqual(['130102/a', '130102/b']);
    expect(row?.summary?.format).toBe('chengnuo-summary');
  });

  test('a county whose unit figures were changed fails the spot check; an unreachable one is 未报送 with its last figures', async () => {
    const forged = await rollup(
      province([{ id: '130102/qingshan', name: '青山县', board: `${boards.origin}/forged/` }]),
      'province-forged',
    );
    expect(forged.file?.shards[0].status).toBe('failed');
    expect(forged.file?.shards[0].reasons.join('\n')).toContain('抽查不符：130102/a 的数字与其仓库不符');
    const kept = await rollup(province([{ id: '130102/qingshan', name: '青山县', board: `${boards.origin}/kept/` }]), 'province-kept');
    expect(kept.file?.shards[0].status).toBe('failed');
    expect(kept.file?.shards[0].reasons.join('\n')).toContain('130102/b 的数字与其指纹不符');
    expect(kept.file?.shards[0].summary).toBeNull();
    const entry = [{ id: '130102/qingshan', name: '青山县', board: `${boards.origin}/qingshan/` }];
    const first = await rollup(province(entry), 'province-away');
    expect(first.file?.shards[0].status).toBe('verified');
    const gone = await rollup(province([{ ...entry[0], board: `${boards.origin}/nowhere/` }]), 'province-away');
    const row = gone.file?.shards[0];
    expect(row?.status).toBe('missing');
    expect(row?.summary?.totals).toEqual(first.file?.shards[0].summary?.totals);
  });

  test('a county of another region fails; an entry without the roll-up’s address is refused with its line', async () => {
    const other = await rollup(
      province([{ id: '130103/qingshan', name: '青山县', board: `${boards.origin}/qingshan/` }]),
      'province-region',
    );
    expect(other.file?.shards[0].status).toBe('failed');
    expect(other.file?.shards[0].reasons.join('\n')).toContain('行政区划代码是 130102，登记表写的是 130103');
    const bad = await rollup({ ...province([]), shards: [{ id: '130102/qingshan', name: '青山县', repo: 'x' }] }, 'province-bad');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/第 \d+ 行（130102\/qingshan）：省级登记表的每个县都要填 board/);
  });
});
