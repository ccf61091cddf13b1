/**
 * Reproducible builds: the same content, the same commit and the same as-of date build a byte-identical dist/,
 * the admin bundle included. The sample is built as production builds it (a CMS backend, so the admin is in the
 * output; SITE set) twice, each time from its own checkout of the same commit, and each build from its own work
 * and cache folders (buildSite), at a different wall-clock time, in a time zone 26 hours away (so even the local
 * date differs) and under another machine locale (Czech sorts “ch” after “h”, so an unlabelled localeCompare
 * shows). The second checkout lies deeper, on another file system where it can (tmpfs lists a folder in
 * creation order, ext4 in hash order), so neither the folder nor the file system's order may show. Every file
 * is compared byte for byte. A third build, of the internal scope, is checked for the folders it was built from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, opendirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, root, walk, type BuildResult } from './buildSite.ts';

const withAdmin = {
  CMS_BACKEND: 'forgejo',
  CMS_REPO: 'dangzongzhi/gongkai',
  CMS_BASE_URL: 'https://git.school.example',
  CMS_APP_ID: 'test-client-id',
};
const site = 'https://gongkai.example.org';

/** A fresh checkout of `commit` of this repository in `dir` (git clone, so it is clean and names the same commit). */
function checkout(dir: string, commit: string): string {
  execFileSync('git', ['clone', '--quiet', '--no-checkout', root, dir], { stdio: 'ignore' });
  execFileSync('git', ['-C', dir, 'checkout', '--quiet', '--detach', commit], { stdio: 'ignore' });
  return dir;
}

/** The text of an emitted file; Pagefind's files are gzip. */
function text(dir: string, rel: string): string {
  const buf = readFileSync(join(dir, rel));
  return (buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf).toString('utf8');
}

/** The files only in `a`, only in `b`, and in both with different bytes (each with its first difference, for the message). */
function compare(a: string, b: string) {
  const fa = walk(a).sort();
  const fb = new Set(walk(b));
  const differ: string[] = [];
  for (const f of fa.filter((x) => fb.has(x))) {
    const x = readFileSync(join(a, f));
    const y = readFileSync(join(b, f));
    if (x.equals(y)) continue;
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    const around = (buf: Buffer) => JSON.stringify(buf.subarray(Math.max(0, i - 40), i + 60).toString('utf8'));
    differ.push(`${f} @${i}: ${around(x)} ≠ ${around(y)}`);
  }
  return { onlyFirst: fa.filter((f) => !fb.has(f)), onlySecond: [...fb].filter((f) => !fa.includes(f)).sort(), differ };
}

/** Emitted files whose text names one of `folders`. */
function naming(dist: string, folders: string[]): string[] {
  return walk(dist).filter((f) => folders.some((d) => text(dist, f).includes(d)));
}

let first: BuildResult;
let second: BuildResult;
let internal: BuildResult;
let contentFirst = '';
let contentSecond = '';
const inMemory: string[] = [];

beforeAll(() => {
  const commit = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const shm = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const a = checkout(join(mkdtempSync(join(tmpdir(), 'repro-a-')), 'board'), commit);
  const deep = join(mkdtempSync(join(shm, 'repro-b-')), 'another', 'machine');
  mkdirSync(deep, { recursive: true });
  const b = checkout(join(deep, 'board'), commit);
  contentFirst = join(a, 'content');
  contentSecond = join(b, 'content');
  first = buildSite({
    contentDir: contentFirst,
    site,
    env: { ...withAdmin, TZ: 'Pacific/Kiritimati', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
  // A build takes half a minute or more: the second runs at another time, and its local date is a day earlier.
  // Its work, cache and output folders lie on the second file system too (buildSite makes them in os.tmpdir()),
  // so Astro writes, and Pagefind reads, the pages there.
  const tmp = process.env.TMPDIR;
  const before = new Set(readdirSync(shm));
  process.env.TMPDIR = shm;
  try {
    second = buildSite({
      contentDir: contentSecond,
      site,
      env: { ...withAdmin, TZ: 'Etc/GMT+12', LANG: 'cs_CZ.UTF-8', LC_ALL: 'cs_CZ.UTF-8' },
    });
  } finally {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
  }
  // /dev/shm is memory: what this test put there goes when it ends (the second build's work and cache folders, the checkout).
  if (shm === '/dev/shm') {
    inMemory.push(dirname(dirname(deep)));
    for (const name of readdirSync(shm)) if (!before.has(name) && /^(build|astro-cache)-/.test(name)) inMemory.push(join(shm, name));
  }
  internal = buildSite({
    contentDir: contentSecond,
    site,
    env: { ...withAdmin, SITE_SCOPE: 'internal', TZ: 'America/Los_Angeles', LC_ALL: 'lt_LT.UTF-8' },
  });
}, 1_200_000);

afterAll(() => {
  for (const dir of inMemory) rmSync(dir, { recursive: true, force: true });
});

describe('reproducible builds', () => {
  test('both builds of the public board succeed, admin included', () => {
    expect(first.code, first.out).toBe(0);
    expect(second.code, second.out).toBe(0);
    for (const f of ['index.html', 'admin/index.html', 'admin/config.yml', 'build.json', 'manifest.json', 'pagefind/pagefind-entry.json']) {
      expect(existsSync(join(first.outDir, f)), f).toBe(true);
    }
    expect(walk(first.outDir).filter((f) => f.startsWith('admin/assets/') && f.endsWith('.js')).length).toBeGreaterThan(0);
  });

  test('the two checkouts list their folders in different orders where the file system allows', () => {
    // Not a condition of reproducibility, but of this test's reach: on tmpfs the second checkout is listed in another order.
    if (!contentSecond.startsWith('/dev/shm/')) return;
    // Node's readdir sorts; a raw listing (opendir) shows the file system's own order.
    const order = (dir: string) => {
      const d = opendirSync(join(dir, 'members'));
      const names: string[] = [];
      for (let e = d.readSync(); e; e = d.readSync()) names.push(e.name);
      d.closeSync();
      return names.join(' ');
    };
    expect(order(contentSecond)).not.toBe(order(contentFirst));
    expect(second.outDir.startsWith('/dev/shm/')).toBe(true);
  });

  test('the same commit builds a byte-identical dist/ in another folder, at another time, zone and locale', () => {
    expect(walk(first.outDir).length).toBeGreaterThan(100);
    expect(compare(first.outDir, second.outDir)).toEqual({ onlyFirst: [], onlySecond: [], differ: [] });
  });

  test('no file of either scope names the folders it was built in or from', () => {
    expect(internal.code, internal.out).toBe(0);
    expect(walk(internal.outDir).some((f) => f.startsWith('internal/'))).toBe(true);
    const folders = (r: BuildResult, content: string) => [
      root.replace(/\/$/, ''),
      content.replace(/\/content$/, ''),
      r.outDir.replace(/\/dist$/, ''),
    ];
    expect(naming(first.outDir, folders(first, contentFirst))).toEqual([]);
    expect(naming(internal.outDir, folders(internal, contentSecond))).toEqual([]);
  });
});
