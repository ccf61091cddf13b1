/**
 * `npm run rollup` (issue 23) on real shards: copies of the sample, each its own git repository, one of them built
 * into a real board and served over HTTP, and the tamper and fault cases of the issue, each with its status:
 *
 * - a board built from its repository verifies (已核对): the roll-up recomputes its summary byte for byte;
 * - a summary edited after publishing, a summary and manifest edited consistently, a summary naming a commit the
 *   repository lacks, a board built from a tree with changes not committed, a board answering hostile JSON, a
 *   repository or board naming another shard: 核对失败, with a Chinese reason naming the file or the numbers;
 * - a content change committed after the build: still 已核对 (the board is true to its commit), counted at the head;
 * - a cut-off long after the board's date: 数据过期; a board alone: 未核对;
 * - a shard that cannot be read: 未报送, kept with its last good figures and their date;
 * - incremental: a second run reads again only the shard whose head moved;
 * - a bad registry (a duplicate id): exit 2, the shard and line named, nothing written.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rollupCommand } from '../../src/cli/rollup.ts';
import type { ShardRow } from '../../src/lib/rollupFigures.ts';
import { startStaticServer, type StaticServer } from '../e2e/staticServer.ts';
import { buildSite, root } from './buildSite.ts';
import { git, shardRepo } from './shardRepos.ts';

const work = mkdtempSync(join(tmpdir(), 'rollup-'));
const boards = join(work, 'boards');
let server: StaticServer;
let commitA = '';

/** A copy of the sample as the repository of shard 130102/<unit>, committed. */
const shardRepoOf = (unit: string, name = unit) => shardRepo(join(work, 'shards', name), unit, { from: join(root, 'content') });

/** A copy of a built board under boards/<name>, changed by `edit`, served at server/<name>/. */
function board(name: string, from: string, edit?: (dir: string) => void): string {
  const dir = join(boards, name);
  cpSync(from, dir, { recursive: true });
  edit?.(dir);
  return `${server.origin}/${name}/`;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
/** Rewrites a board's summary with `change`, and its manifest's hash of it too when `manifest`. */
const editSummary = (change: (s: Record<string, any>) => void, manifest: boolean) => (dir: string) => {
  const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  change(s);
  const text = `${JSON.stringify(s, null, 2)}\n`;
  writeFileSync(join(dir, 'summary.json'), text);
  if (manifest) {
    const m = readFileSync(join(dir, 'manifest.json'), 'utf8');
    writeFileSync(join(dir, 'manifest.json'), m.replace(/("summary": \{"url":"[^"]*","sha256":")[0-9a-f]+/, `$1${sha256(text)}`));
  }
};

interface Run {
  code: number;
  out: string;
  err: string;
  rows: ShardRow[];
}

/** `npm run rollup` in-process on a registry of `shards` (cut-off 2025-12-26 unless `asOf`), in the work folder `name`. */
async function rollup(
  name: string,
  shards: Record<string, unknown>[],
  o: { asOf?: string; registry?: string; extra?: string[] } = {},
): Promise<Run> {
  const dir = join(work, 'runs', name);
  mkdirSync(dir, { recursive: true });
  const registry = join(dir, 'shards.json');
  writeFileSync(
    registry,
    o.registry ??
      `${JSON.stringify({ schemaVersion: 1, level: 'county', name: '青山县委组织部', region: '130102', cutoff: '2025-12-26', shards }, null, 2)}\n`,
  );
  let out = '';
  let err = '';
  const code = await rollupCommand(
    // The board built from rollup.json is tests/e2e/rollupBoard.test.ts's.
    [
      '--registry',
      registry,
      '--out',
      join(dir, 'rollup'),
      '--work',
      join(dir, '.rollup'),
      '--no-board',
      ...(o.asOf ? ['--as-of', o.asOf] : []),
      ...(o.extra ?? []),
    ],
    { out: (t) => (out += t), err: (t) => (err += t), env: process.env },
  );
  const file = join(dir, 'rollup', 'rollup.json');
  const rows = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).shards as ShardRow[]) : [];
  return { code, out, err, rows };
}

const only = async (name: string, shard: Record<string, unknown>, o?: { asOf?: string }) => {
  const r = await rollup(name, [{ id: '130102/a', name: '甲中学', ...shard }], o);
  expect(r.code, r.err).toBe(0);
  return r.rows[0];
};

let repoA = '';
let boardA = '';
let dirtyBoard = '';
let repoDirty = '';

beforeAll(async () => {
  mkdirSync(boards, { recursive: true });
  server = await startStaticServer(boards);
  repoA = shardRepoOf('a');
  commitA = git(repoA, 'rev-parse', 'HEAD');
  const built = buildSite({ contentDir: join(repoA, 'content'), site: 'http://10.0.0.5/gongkai/' });
  expect(built.code, built.out).toBe(0);
  boardA = built.outDir;
  // A board built while a content file had a change not committed.
  repoDirty = shardRepoOf('a', 'dirty');
  const pledge = join(repoDirty, 'content/pledges/2025/bai-yulan-service.md');
  writeFileSync(pledge, readFileSync(pledge, 'utf8').replace('每周两次', '每周三次'));
  const dirty = buildSite({ contentDir: join(repoDirty, 'content') });
  expect(dirty.code, dirty.out).toBe(0);
  dirtyBoard = dirty.outDir;
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run rollup', () => {
  test('a board built from its repository is verified, byte for byte, and counted at the cut-off', async () => {
    const row = await only('good', { repo: repoA, board: board('good', boardA) });
    expect(row.status, row.reasons.join('\n')).toBe('verified');
    expect(row.statusLabel).toBe('已核对');
    expect(row.commit).toBe(commitA);
    expect(row.dataDate).toBe('2025-12-26');
    expect(row.summary?.totals).toEqual(JSON.parse(readFileSync(join(boardA, 'summary.json'), 'utf8')).totals);
    expect(row.digest).toBe(sha256(`${JSON.stringify(row.summary, null, 2)}\n`));
  });

  test('a summary edited after publishing fails against its manifest', async () => {
    const url = board(
      'edited',
      boardA,
      editSummary((s) => (s.totals.completion.done += 5), false),
    );
    const row = await only('edited', { repo: repoA, board: url });
    expect(row.status).toBe('failed');
    expect(row.reasons.join('\n')).toContain('摘要与核对清单中的指纹不符');
  });

  test('a summary and manifest edited consistently fail against the repository, naming the numbers', async () => {
    const url = board(
      'consistent',
      boardA,
      editSummary((s) => (s.totals.completion.done += 5), true),
    );
    const row = await only('consistent', { repo: repoA, board: url });
    expect(row.status).toBe('failed');
    // The manifest agrees with the edited summary: only the repository tells.
    expect(row.reasons.join('\n')).not.toContain('指纹不符');
    expect(row.reasons.join('\n')).toMatch(/公布的摘要与仓库不一致.*totals\.completion\.done：公布 \d+，仓库 \d+/);
  });

  test('a summary naming a commit the repository lacks fails', async () => {
    const url = board(
      'unknown',
      boardA,
      editSummary((s) => (s.provenance.commit = 'f'.repeat(40)), true),
    );
    const row = await only('unknown', { repo: repoA, board: url });
    expect(row.status).toBe('failed');
    expect(row.reasons.join('\n')).toContain('公布的摘要所依据的提交 fffffff 不在仓库中');
  });

  test('a board built from a tree with changes not committed fails', async () => {
    const row = await only('dirty', { repo: repoDirty, board: board('dirty', dirtyBoard) });
    expect(row.status).toBe('failed');
    expect(row.reasons.join('\n')).toContain('有未提交改动');
  });

  test('hostile answers from a board fail, naming summary.json; nothing else fails', async () => {
    const cases: [string, (dir: string) => void, string][] = [
      ['not-json', (d) => writeFileSync(join(d, 'summary.json'), '{"format": "chengnuo-summary", '), '不是有效的 JSON'],
      [
        'shape',
        (d) => writeFileSync(join(d, 'summary.json'), '{"format": "chengnuo-summary", "schemaVersion": 1, "orgs": 3}'),
        '不是上报摘要的格式',
      ],
      ['huge', (d) => writeFileSync(join(d, 'summary.json'), `"${'x'.repeat(5 * 1024 * 1024)}"`), '太大'],
      ['future', editSummary((s) => (s.schemaVersion = 2), true), '是第 2 版格式'],
    ];
    const rows = await Promise.all(
      cases.map(([name, edit]) => only(`hostile-${name}`, { repo: repoA, board: board(`hostile-${name}`, boardA, edit) })),
    );
    rows.forEach((row, i) => {
      expect(row.status, cases[i][0]).toBe('failed');
      expect(row.reasons.join('\n'), cases[i][0]).toContain(cases[i][2]);
      expect(row.reasons.join('\n'), cases[i][0]).toContain('summary.json');
    });
  });

  test('a repository or a board of another shard fails against the registry', async () => {
    const r = await rollup('other-id', [{ id: '130102/b', name: '乙中学', repo: repoA, board: board('other-id', boardA) }]);
    expect(r.rows[0].status).toBe('failed');
    expect(r.rows[0].reasons.join('\n')).toContain('仓库 site.json 的上报编号是“130102/a”，与登记表不符');
    expect(r.rows[0].reasons.join('\n')).toContain('公开栏摘要的上报编号是“130102/a”，与登记表不符');
  });

  test('a content change committed after the build still verifies the board, and is counted at the head', async () => {
    const repo = shardRepoOf('a', 'later');
    const pledge = join(repo, 'content/pledges/2025/bai-yulan-service.md');
    writeFileSync(
      pledge,
      readFileSync(pledge, 'utf8').replace(/\n---\n/, "\nclosed:\n  date: '2025-12-20'\n  verifiedBy: zhou-jianguo\n---\n"),
    );
    git(repo, 'commit', '-qam', 'closed after the build');
    const row = await only('later', { repo, board: board('later', boardA) });
    expect(row.status, row.reasons.join('\n')).toBe('verified');
    expect(row.commit).toBe(git(repo, 'rev-parse', 'HEAD'));
    const published = JSON.parse(readFileSync(join(boardA, 'summary.json'), 'utf8'));
    expect(row.summary?.totals.completion.done).toBe(published.totals.completion.done + 1);
  });

  test('a board alone is not verified; a cut-off far after the board’s date is stale', async () => {
    const alone = await only('alone', { board: board('alone', boardA) });
    expect(alone.status).toBe('unverified');
    expect(alone.statusLabel).toBe('未核对');
    const stale = await only('stale', { repo: repoA, board: board('stale', boardA) }, { asOf: '2026-06-30' });
    expect(stale.status).toBe('stale');
    expect(stale.reasons.join('\n')).toContain('数据截止于 2025-12-26');
  });

  test('a shard that cannot be read is 未报送, kept with its last good figures and their date', async () => {
    const repo = shardRepoOf('a', 'goes-away');
    const first = await rollup('away', [{ id: '130102/a', name: '甲中学', repo }]);
    expect(first.rows[0].status).toBe('verified');
    rmSync(repo, { recursive: true, force: true });
    const closed = `http://127.0.0.1:${server.port}/nowhere/`;
    const second = await rollup('away', [{ id: '130102/a', name: '甲中学', repo, board: closed }]);
    const row = second.rows[0];
    expect(row.status).toBe('missing');
    expect(row.statusLabel).toBe('未报送');
    expect(row.reasons.join('\n')).toContain('找不到登记表中写的仓库文件夹');
    // No folder of this machine is named in what the roll-up publishes.
    expect(JSON.stringify(second.rows)).not.toContain(work);
    expect(row.summary?.totals).toEqual(first.rows[0].summary?.totals);
    expect(row.dataDate).toBe(first.rows[0].dataDate);
    expect(row.commit).toBe(first.rows[0].commit);
  });

  test('a second run reads again only the shard whose head moved', async () => {
    const a = shardRepoOf('a', 'inc-a');
    const b = shardRepoOf('b', 'inc-b');
    const shards = [
      { id: '130102/a', name: '甲中学', repo: a },
      { id: '130102/b', name: '乙中学', repo: b },
    ];
    const first = await rollup('inc', shards);
    expect(first.out).not.toContain('沿用上次');
    const second = await rollup('inc', shards);
    expect(second.out.match(/沿用上次的核对结果/g)).toHaveLength(2);
    const pledge = join(b, 'content/pledges/2025/bai-yulan-service.md');
    writeFileSync(pledge, readFileSync(pledge, 'utf8').replace('每周两次', '每周三次'));
    git(b, 'commit', '-qam', 'edit');
    const third = await rollup('inc', shards);
    const lines = third.out.split('\n');
    expect(lines.find((l) => l.includes('130102/a'))).toContain('沿用上次');
    expect(lines.find((l) => l.includes('130102/b'))).not.toContain('沿用上次');
    expect(third.rows.find((r) => r.id === '130102/b')?.commit).toBe(git(b, 'rev-parse', 'HEAD'));
  });

  test('the same inputs give the same bytes, whatever the folders and however many jobs', async () => {
    const shards = [
      { id: '130102/a', name: '甲中学', repo: repoA, board: board('same', boardA) },
      { id: '130102/b', name: '乙中学', repo: shardRepoOf('b', 'same-b') },
      { id: '130102/c', name: '丙中学', repo: shardRepoOf('c', 'same-c') },
    ];
    await rollup('same-1', shards, { extra: ['--jobs', '1'] });
    await rollup('same-two', shards, { extra: ['--jobs', '3'] });
    expect(readFileSync(join(work, 'runs/same-1/rollup/rollup.json'), 'utf8')).toBe(
      readFileSync(join(work, 'runs/same-two/rollup/rollup.json'), 'utf8'),
    );
  });

  test('hostile summaries from boards alone fail that board only; its figures are never counted', async () => {
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const cases: [string, (dir: string) => void, string][] = [
      ['empty-totals', editSummary((s) => (s.totals = {}), true), 'totals.members'],
      ['string-count', editSummary((s) => (s.totals.completion.done = '5'), true), 'totals.completion.done'],
      [
        'nested',
        (d) =>
          writeFileSync(
            join(d, 'summary.json'),
            `{"format": "chengnuo-summary", "schemaVersion": 1, "scope": "public", "shard": ${nested}}`,
          ),
        'shard',
      ],
      ['internal', editSummary((s) => (s.scope = 'internal'), true), '内部版的摘要'],
    ];
    const shards = cases.map(([name, edit], i) => ({ id: `130102/h${i}`, name, board: board(`alone-${name}`, boardA, edit) }));
    const r = await rollup('hostile-alone', [...shards, { id: '130102/a', name: '甲中学', repo: repoA }]);
    expect(r.code, r.err).toBe(0);
    cases.forEach(([name, , says], i) => {
      const row = r.rows[i];
      expect(row.status, name).toBe('failed');
      expect(row.reasons.join('\n'), name).toContain(says);
      expect(row.summary, name).toBeNull();
    });
    expect(r.rows[4].status).toBe('verified');
  });

  test('--merge refuses a batch of another registry', async () => {
    const shards = [{ id: '130102/a', name: '甲中学', repo: repoA }];
    const batch = await rollup('batch', shards, { extra: ['--batch', '1/1'] });
    expect(batch.code, batch.err).toBe(0);
    const other = await rollup('batch-merge', [{ ...shards[0], name: '改了名字' }], {
      extra: ['--merge', join(work, 'runs/batch/rollup')],
    });
    expect(other.code).toBe(2);
    expect(other.err).toContain('读的是另一份登记表');
  });

  test('a registry with a duplicate id is refused whole: the shard and its line, nothing written', async () => {
    const r = await rollup('dup', [
      { id: '130102/a', name: '甲中学', repo: repoA },
      { id: '130102/a', name: '甲中学', repo: repoA },
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/shards\.json 第 \d+ 行（130102\/a）：编号重复/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, 'runs/dup/rollup'))).toBe(false);
  });
});
