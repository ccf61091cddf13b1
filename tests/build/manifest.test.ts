/**
 * `/manifest.json` and `npm run verify` (issue 13), on real builds of a copy of the sample committed to its own
 * git repository (so the manifest names a real commit and a clean work tree): the public build at `/` and the
 * internal one under a base path (`/gongkai/`). A private member is added to the copy: in neither manifest.
 *
 * - a clean build verifies (exit 0), from the folder and over HTTP;
 * - every published pledge, member, org, bulletin and round page of the build is in its manifest, and nothing else;
 * - a content file edited after the build is reported by file and URL (exit 1); a page deleted from dist/ too;
 * - the public manifest names nothing internal (no review, no evaluation, no internal bulletin, no private
 *   member); the internal one lists the internal items (an internal member too);
 * - the open-data section links the manifest; bad usage and an unreadable manifest exit 2 without a stack trace;
 * - issue 22, item 9: the public manifest hashes what the board publishes of each item (src/lib/publishedItem.ts),
 *   not its file, so a guessed review note or a guessed record dated after the as-of date cannot be confirmed by
 *   hashing a candidate file; verify recomputes the same projection from the repository. The internal manifest
 *   keeps whole-file hashes. A pledge of the copy carries a review note and a record after the as-of date.
 * - issue 23: `/summary.json` (src/lib/shardSummary.ts) in both builds, its SHA-256 in the manifest; the copy's
 *   site.json names a shard. Its numbers are the board's own (the open data's statuses and categories), it names no
 *   member (not even the private and internal ones), and only the internal one has internal counts.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Manifest } from '../../src/lib/buildManifest.ts';
import { summaryFormat, type ShardSummary } from '../../src/lib/shardSummary.ts';
import { buildSite, root, walk } from './buildSite.ts';

const work = mkdtempSync(join(tmpdir(), 'manifest-'));
const repo = join(work, 'repo');
const content = join(repo, 'content');

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.org',
      GIT_AUTHOR_DATE: '2025-12-26T12:00:00Z',
      GIT_COMMITTER_DATE: '2025-12-26T12:00:00Z',
    },
  }).trim();

/** `npm run verify -- …args`, run asynchronously (the HTTP test's server lives in this process). */
function verify(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'src/cli/verify.ts'), ...args],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CONTENT_DIR: '' } },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout, err: stderr });
      },
    );
  });
}

const guessed = join(content, 'pledges/2025/bai-yulan-service.md');
/** The pledge `text` with a review note and a record of 2026-01-08 (after the as-of date) holding `record`. */
const withUnpublished = (text: string, note: string, record: string) =>
  text
    .replace("  date: '2025-02-20'\n", `  date: '2025-02-20'\n  note: ${note}\n`)
    .replace('  progress: 75\n---', `  progress: 75\n- date: '2026-01-08'\n  note: ${record}\n  progress: 80\n---`);
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let publicDist = '';
let internalDist = '';
let commit = '';
const manifestOf = (dist: string) => JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;

beforeAll(() => {
  mkdirSync(repo, { recursive: true });
  cpSync(join(root, 'content'), content, { recursive: true });
  // A private member: listed by neither build.
  writeFileSync(
    join(content, 'members/mi-mi.md'),
    "---\nname: 米密\norg: tuixiu\nstatus: retired\njoined: '1990-06-18'\nvisibility: private\n---\n",
  );
  // An internal member: in the internal build's manifest only.
  writeFileSync(
    join(content, 'members/nei-bu.md'),
    "---\nname: 内部\norg: tuixiu\nstatus: retired\njoined: '1990-06-18'\nvisibility: internal\n---\n",
  );
  // Unpublished text in a published pledge: a review note, and a record dated after the as-of date (2025-12-26).
  writeFileSync(
    guessed,
    withUnpublished(readFileSync(guessed, 'utf8'), '审核意见：帮扶名单请报支部备案', '寒假里在家辅导，已联系好5个孩子'),
  );
  // A shard id for the summary (issue 23).
  const site = JSON.parse(readFileSync(join(content, 'site.json'), 'utf8'));
  writeFileSync(
    join(content, 'site.json'),
    `${JSON.stringify({ ...site, shard: { region: '130102', unit: 'shiyan-zhongxue' } }, null, 2)}\n`,
  );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'sample');
  commit = git('rev-parse', 'HEAD');
  const pub = buildSite({ contentDir: content });
  expect(pub.code, pub.out).toBe(0);
  publicDist = pub.outDir;
  const int = buildSite({ contentDir: content, base: '/gongkai/', env: { SITE_SCOPE: 'internal' } });
  expect(int.code, int.out).toBe(0);
  internalDist = int.outDir;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The item pages a build emitted (by URL without the base), of the kinds that have one page each. */
function emittedPages(dist: string): string[] {
  return walk(dist)
    .filter((f) => /^(pledges|members|orgs|bulletins|rounds)\/.+\/index\.html$/.test(f))
    .map((f) => `/${f.replace(/index\.html$/, '')}`)
    .filter((u) => !/^\/(bulletins|rounds)\/$/.test(u));
}

describe('the manifest', () => {
  test('names the commit, a clean tree, the as-of date and only repository-relative paths, sorted', () => {
    for (const dist of [publicDist, internalDist]) {
      const text = readFileSync(join(dist, 'manifest.json'), 'utf8');
      const m = manifestOf(dist);
      expect(m.commit).toBe(commit);
      expect(m.clean).toBe(true);
      expect(m.asOf).toBe('2025-12-26');
      expect(text).not.toContain(work);
      expect(text).not.toContain(root);
      for (const i of m.items) expect(i.source).toMatch(/^content\/[a-z0-9/-]+\.(md|json)$/);
      const keys = m.items.map((i) => `${i.url} ${i.source}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  test('the internal manifest hashes whole files', () => {
    const m = manifestOf(internalDist);
    expect(m.sha256Of).toBe('file');
    for (const i of m.items) expect(i.sha256).toBe(sha256(readFileSync(join(repo, i.source))));
  });

  test('the public manifest hashes what is published of each item: no hash is a file’s, so no guessed file can be confirmed', () => {
    const m = manifestOf(publicDist);
    expect(m.sha256Of).toBe('published');
    expect(m.items.length).toBeGreaterThan(100);
    for (const i of m.items) expect(i.sha256, i.source).not.toBe(sha256(readFileSync(join(repo, i.source))));
  });

  test('lists every item page the build publishes, with the base, and no page the build lacks', () => {
    for (const [dist, base] of [
      [publicDist, '/'],
      [internalDist, '/gongkai/'],
    ] as const) {
      const m = manifestOf(dist);
      expect(m.base).toBe(base);
      const listed = new Set(
        m.items
          .filter((i) => i.kind !== 'commendation' && i.kind !== 'review' && i.kind !== 'evaluation')
          .map((i) => `/${i.url.slice(base.length)}`),
      );
      expect([...listed].sort()).toEqual(emittedPages(dist).sort());
      const kinds = new Set(m.items.map((i) => i.kind));
      for (const k of ['round', 'org', 'member', 'pledge', 'bulletin', 'commendation']) expect(kinds).toContain(k);
      expect(m.items.filter((i) => i.kind === 'commendation').map((i) => i.url)).toContain(`${base}honours/`);
      expect(m.items.find((i) => i.source === 'content/pledges/2025/bai-yulan-service.md')?.url).toBe(
        `${base}pledges/2025/bai-yulan-service/`,
      );
    }
  });

  test('the public manifest names nothing internal; the internal one lists the internal items, nothing private', () => {
    const pub = readFileSync(join(publicDist, 'manifest.json'), 'utf8');
    for (const word of ['reviews/', 'evaluations/', 'internal/', 'zongzhi-results', 'mi-mi', 'nei-bu']) expect(pub).not.toContain(word);
    expect(manifestOf(publicDist).items.some((i) => i.kind === 'review' || i.kind === 'evaluation')).toBe(false);

    const int = manifestOf(internalDist);
    expect(int.items.map((i) => i.source)).toContain('content/bulletins/2025/zongzhi-results.md');
    expect(int.items.find((i) => i.source === 'content/members/nei-bu.md')?.url).toBe('/gongkai/members/nei-bu/');
    expect(int.items.find((i) => i.source === 'content/evaluations/2025/tuixiu.md')?.url).toBe('/gongkai/internal/results/2025/tuixiu/');
    expect(
      int.items.some(
        (i) => i.kind === 'review' && i.source.startsWith('content/reviews/2025/') && i.url.startsWith('/gongkai/internal/reviews/'),
      ),
    ).toBe(true);
    expect(readFileSync(join(internalDist, 'manifest.json'), 'utf8')).not.toContain('mi-mi');
  });

  test('the open-data section links the manifest and says what it is', () => {
    for (const [dist, base] of [
      [publicDist, '/'],
      [internalDist, '/gongkai/'],
    ] as const) {
      const about = readFileSync(join(dist, 'about/index.html'), 'utf8');
      expect(about).toMatch(new RegExp(`<a href="${base}manifest\\.json"[^>]*data-manifest-link`));
      expect(about).toContain('npm run verify');
    }
  });
});

describe('npm run verify', () => {
  test('a clean build verifies, both scopes', async () => {
    for (const dist of [publicDist, internalDist]) {
      const r = await verify(dist, '--content', content);
      expect(r.err).toBe('');
      expect(r.out).toContain(`${manifestOf(dist).items.length} 项全部一致`);
      expect(r.code).toBe(0);
    }
  });

  test('over HTTP: a clean board verifies; a page the server lacks is reported', async () => {
    let missing = '';
    const server: Server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = join(publicDist, path.endsWith('/') ? `${path}index.html` : path);
      if (path === missing || path.includes('..') || !existsSync(file)) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200).end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const clean = await verify(url, '--content', content);
      expect(clean.out).toContain('全部一致');
      expect(clean.code).toBe(0);
      missing = '/members/bai-yulan/';
      const r = await verify(url, '--content', content);
      expect(r.out).toContain(`✗ 页面缺失：${missing}（来源文件 content/members/bai-yulan.md）：返回 HTTP 404。`);
      expect(r.out).toContain('页面缺失 1 项');
      expect(r.code).toBe(1);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });

  test('a content file edited after the build is reported by file and URL', async () => {
    const file = join(content, 'pledges/2025/bai-yulan-service.md');
    const before = readFileSync(file);
    writeFileSync(file, Buffer.concat([before, Buffer.from('\n补记一句。\n')]));
    try {
      const r = await verify(publicDist, '--content', content);
      expect(r.out).toContain('✗ 内容与网站不一致：content/pledges/2025/bai-yulan-service.md（页面 /pledges/2025/bai-yulan-service/）');
      expect(r.out).toContain('内容不一致 1 项');
      expect(r.code).toBe(1);
    } finally {
      writeFileSync(file, before);
    }
    expect((await verify(publicDist, '--content', content)).code).toBe(0);
  });

  test('another review note or another record after the as-of date changes nothing the public manifest says; the internal one sees the file change', async () => {
    const before = readFileSync(guessed, 'utf8');
    writeFileSync(
      guessed,
      withUnpublished(
        readFileSync(join(root, 'content/pledges/2025/bai-yulan-service.md'), 'utf8'),
        '另一条猜测的审核意见',
        '另一条猜测的记实',
      ),
    );
    try {
      const pub = await verify(publicDist, '--content', content);
      expect(pub.out).toContain('全部一致');
      expect(pub.code).toBe(0);
      const int = await verify(internalDist, '--content', content);
      expect(int.out).toContain(
        '✗ 内容与网站不一致：content/pledges/2025/bai-yulan-service.md（页面 /gongkai/pledges/2025/bai-yulan-service/）',
      );
      expect(int.code).toBe(1);
    } finally {
      writeFileSync(guessed, before);
    }
  });

  test('a published record rewritten after the build is reported by the public manifest too', async () => {
    const before = readFileSync(guessed, 'utf8');
    writeFileSync(guessed, before.replace('6人都过了第一册', '5人过了第一册'));
    try {
      const r = await verify(publicDist, '--content', content);
      expect(r.out).toContain('✗ 内容与网站不一致：content/pledges/2025/bai-yulan-service.md（页面 /pledges/2025/bai-yulan-service/）');
      expect(r.code).toBe(1);
    } finally {
      writeFileSync(guessed, before);
    }
  });

  test('a source outside the content repository is reported, never read', async () => {
    const r = await verify(hostile('/x/', '../../../etc/passwd'), '--content', content);
    expect(r.out).toContain('✗ 来源文件不在内容文件夹之内，没有读取：../../../etc/passwd（页面 /x/）。');
    expect(r.code).toBe(1);
  });

  test('a page deleted from dist/ is reported by URL and file', async () => {
    const page = join(internalDist, 'orgs/tuixiu/index.html');
    const before = readFileSync(page);
    rmSync(page);
    try {
      const r = await verify(internalDist, '--content', content);
      expect(r.out).toContain('✗ 页面缺失：/gongkai/orgs/tuixiu/（来源文件 content/orgs/tuixiu.md）：生成的网站里没有这个页面。');
      expect(r.out).toContain('页面缺失 1 项');
      expect(r.code).toBe(1);
    } finally {
      writeFileSync(page, before);
    }
  });

  /** A folder whose manifest lists one item at `url`, from `source`. */
  function hostile(url: string, source = 'content/orgs/tuixiu.md'): string {
    const dir = mkdtempSync(join(work, 'hostile-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ items: [{ kind: 'org', url, source, sha256: '0'.repeat(64) }] }));
    return dir;
  }

  test('bad usage and an unreadable manifest exit 2 with a Chinese message, never a stack trace', async () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    const garbage = mkdtempSync(join(work, 'garbage-'));
    writeFileSync(join(garbage, 'manifest.json'), '{"items": [{"url": 3}]}');
    const cases = [
      { args: [], says: '用法：npm run verify' },
      { args: [publicDist, internalDist], says: '用法：npm run verify' },
      { args: [empty, '--content', content], says: '找不到' },
      { args: [garbage, '--content', content], says: '格式不对' },
      { args: [publicDist, '--content', join(work, 'nowhere')], says: '找不到内容文件夹' },
      { args: [hostile('//evil.example/x/'), '--content', content], says: '格式不对' },
      { args: [hostile('/x\u001b[2J/'), '--content', content], says: '格式不对' },
    ];
    for (const c of cases) {
      const r = await verify(...c.args);
      expect(r.err).toContain(c.says);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(2);
    }
  });
});

describe('the summary (issue 23)', () => {
  const summaryOf = (dist: string) => JSON.parse(readFileSync(join(dist, 'summary.json'), 'utf8')) as ShardSummary;
  const names = () =>
    walk(join(content, 'members')).map((f) => /^name: (.+)$/m.exec(readFileSync(join(content, 'members', f), 'utf8'))?.[1] ?? f);

  test('each build publishes one, and its manifest carries its SHA-256 and address', () => {
    for (const [dist, base] of [
      [publicDist, '/'],
      [internalDist, '/gongkai/'],
    ] as const) {
      const m = manifestOf(dist);
      expect(m.summary).toEqual({ url: `${base}summary.json`, sha256: sha256(readFileSync(join(dist, 'summary.json'))) });
    }
  });

  test('names the shard, the round, the profile, the as-of date and where it was built from', () => {
    const s = summaryOf(publicDist);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(s.format).toBe(summaryFormat);
    expect(s.schemaVersion).toBe(1);
    expect(s.shard).toMatchObject({
      id: '130102/shiyan-zhongxue',
      region: '130102',
      unit: 'shiyan-zhongxue',
      type: 'school',
      level: 'general-branch',
    });
    expect(s.round).toEqual({ id: '2025', title: expect.any(String), start: '2025-01-01', end: '2025-12-31' });
    expect(s.profile).toBe('five-stages');
    expect(s.asOf).toBe('2025-12-26');
    expect(s.provenance).toEqual({ tool: pkg.name, version: pkg.version, commit, clean: true });
    for (const o of s.orgs) expect(o.id).toBe(`130102/shiyan-zhongxue/${o.org}`);
    expect(s.orgs.filter((o) => o.parent === null).map((o) => o.org)).toEqual(['zongzhi']);
  });

  test('its totals are the board’s: the open data’s statuses and categories, the members the board shows', () => {
    const s = summaryOf(publicDist);
    const open = JSON.parse(readFileSync(join(publicDist, 'data/pledges.json'), 'utf8')) as {
      pledges: { status: string; category: string; orgId: string }[];
    };
    const current = open.pledges;
    expect(s.totals.pledges.total).toBe(current.length);
    for (const [status, n] of Object.entries(s.totals.pledges.byStatus))
      expect(n, status).toBe(current.filter((p) => p.status === status).length);
    for (const [category, c] of Object.entries(s.totals.pledges.byCategory))
      expect(c.total, category).toBe(current.filter((p) => p.category === category).length);
    expect(s.totals.completion.done).toBe(current.filter((p) => p.status === 'closed' || p.status === 'closed-late').length);
    expect(s.totals.overdue).toBe(s.totals.pledges.byStatus.overdue);
    const memberPages = walk(join(publicDist, 'members')).filter((f) => /^[^/]+\/index\.html$/.test(f)).length;
    expect(s.totals.members.all).toBe(memberPages);
    expect(s.orgs.reduce((n, o) => n + o.members, 0)).toBe(memberPages);
    // The top org rolls up every pledge of the board.
    expect(s.orgs.find((o) => o.parent === null)?.pledges).toEqual(s.totals.completion);
    expect(s.totals.trend.at(-1)).toMatchObject(s.totals.completion);
  });

  test('the public summary has no internal counts and names no member; the internal one has counts only', () => {
    const pub = readFileSync(join(publicDist, 'summary.json'), 'utf8');
    const int = readFileSync(join(internalDist, 'summary.json'), 'utf8');
    for (const name of names()) {
      expect(pub, name).not.toContain(name);
      expect(int, name).not.toContain(name);
    }
    expect(summaryOf(publicDist).internal).toBeUndefined();
    const s = summaryOf(internalDist);
    expect(s.scope).toBe('internal');
    // The internal member counts in the internal build, the private one in neither.
    expect(s.totals.members.all).toBe(summaryOf(publicDist).totals.members.all + 1);
    expect(s.internal?.upward).toEqual(['ranking', 'grades']);
    const round = s.internal?.ranking.find((r) => r.stage === 'round');
    expect(round?.rows.map((r) => r.org).sort()).toEqual(s.orgs.map((o) => o.id).sort());
    const graded = Object.values(s.internal?.grades ?? {}).reduce((a, b) => a + b, 0);
    expect(graded).toBeGreaterThan(0);
    expect(Object.keys(s.internal?.findings ?? {}).every((rule) => /^R\d+$/.test(rule))).toBe(true);
    expect(s.internal?.changes).toEqual({ commits: 0, pledges: 0 });
  });
});
