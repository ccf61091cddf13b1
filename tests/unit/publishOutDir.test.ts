/**
 * The swap that publishes a build (src/loader/publishOutDir.ts): it replaces the
 * destination only as a whole, and whatever a build cut short at any point
 * leaves behind, the next build puts right — touching nothing it did not make.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isRunning, publishOutDir, repairOutDir, stagingPaths, stagingPid } from '../../src/loader/publishOutDir.ts';

const root = new URL('../..', import.meta.url).pathname;

/** Every file under `dir` with the hash of its bytes, by relative path. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const rel = prefix ? `${prefix}/${name}` : name;
      if (statSync(join(d, name)).isDirectory()) visit(join(d, name), rel);
      else
        out[rel] = createHash('sha256')
          .update(readFileSync(join(d, name)))
          .digest('hex');
    }
  };
  visit(dir, '');
  return out;
}

function writeSite(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** A parent folder holding a published site `dist/`. */
function published(): { parent: string; dest: string; before: Record<string, string> } {
  const parent = mkdtempSync(join(tmpdir(), 'publish-'));
  const dest = join(parent, 'dist');
  writeSite(dest, { 'index.html': '<h1>旧的网站</h1>', 'members/li/index.html': '李明', 'pagefind/pagefind.js': 'old index' });
  return { parent, dest, before: snapshot(dest) };
}

describe('stagingPid', () => {
  test.each([
    ['.dist.build-staging-4242-a1b2c3d4', 4242],
    ['.dist.build-staging-1-0', 1],
    ['.dist.build-staging-4242', undefined],
    ['.dist.build-staging-abc-a1b2', undefined],
    ['.dist.build-staging-0-a1', undefined],
    ['.dist.build-staging-42-xyz', undefined],
    ['.dist2.build-staging-42-a1', undefined],
    ['dist.build-staging-42-a1', undefined],
    ['.dist.build-previous', undefined],
    ['dist', undefined],
  ])('reads %s as %s', (entry, pid) => {
    expect(stagingPid('dist', entry)).toBe(pid);
  });

  test('recognises the names stagingPaths makes', () => {
    const p = stagingPaths('/srv/www/site', 77, 'beef');
    expect(p.staging).toBe('/srv/www/.site.build-staging-77-beef');
    expect(p.previous).toBe('/srv/www/.site.build-previous');
    expect(stagingPid('site', '.site.build-staging-77-beef')).toBe(77);
  });
});

describe('isRunning', () => {
  test('is true for this process and false for one that has exited', () => {
    const done = spawnSync(process.execPath, ['-e', '0']);

    expect(isRunning(process.pid)).toBe(true);
    expect(isRunning(done.pid!)).toBe(false);
  });
});

describe('publishOutDir', () => {
  test('replaces the published site with the staged one and keeps nothing beside it', () => {
    const { parent, dest } = published();
    const p = stagingPaths(dest);
    writeSite(p.staging, { 'index.html': '<h1>新的网站</h1>' });

    publishOutDir(p);

    expect(snapshot(dest)).toEqual({ 'index.html': createHash('sha256').update('<h1>新的网站</h1>').digest('hex') });
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('publishes the first site when there is none yet', () => {
    const parent = mkdtempSync(join(tmpdir(), 'publish-'));
    const p = stagingPaths(join(parent, 'out'));
    writeSite(p.staging, { 'index.html': 'first' });

    publishOutDir(p);

    expect(readFileSync(join(parent, 'out', 'index.html'), 'utf8')).toBe('first');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  test('puts the previous site back when the new one cannot be moved in', () => {
    const { dest, before } = published();
    // No staging folder: the second rename fails.
    const p = stagingPaths(dest);

    expect(() => publishOutDir(p)).toThrow();

    expect(snapshot(dest)).toEqual(before);
    expect(existsSync(p.previous)).toBe(false);
  });
});

describe('repairOutDir', () => {
  test('puts the previous site back when a swap was cut between its two renames', () => {
    const { parent, dest, before } = published();
    const p = stagingPaths(dest, 31001, 'ab');
    writeSite(p.staging, { 'index.html': 'new but unproven' });
    // The state a kill between the two renames leaves.
    spawnSync('mv', [dest, p.previous]);
    expect(existsSync(dest)).toBe(false);

    const r = repairOutDir(dest, () => false);

    expect(r.restored).toBe(true);
    expect(snapshot(dest)).toEqual(before);
    expect(r.removed).toEqual([p.staging]);
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('removes the kept previous site when the new one was already in place', () => {
    const { dest, before } = published();
    const p = stagingPaths(dest);
    writeSite(p.previous, { 'index.html': 'the site before' });

    const r = repairOutDir(dest);

    expect(r).toEqual({ restored: false, removed: [p.previous] });
    expect(snapshot(dest)).toEqual(before);
  });

  test('removes only staging folders of this destination whose build is gone', () => {
    const { parent, dest, before } = published();
    const others = [
      'dist-backup',
      '.dist.build-staging-notes',
      '.other.build-staging-31002-ab',
      '.dist.build-staging-31003-cd',
      'dist.build-staging-31002-ab',
    ];
    for (const name of others) writeSite(join(parent, name), { 'keep.txt': name });
    writeSite(join(parent, '.dist.build-staging-31002-ab'), { 'index.html': 'half' });

    const r = repairOutDir(dest, (pid) => pid === 31003);

    expect(r).toEqual({ restored: false, removed: [join(parent, '.dist.build-staging-31002-ab')] });
    expect(readdirSync(parent).sort()).toEqual(['dist', ...others].sort());
    expect(snapshot(dest)).toEqual(before);
  });

  test('repairs a build killed for real between the two renames, and the next publish succeeds', () => {
    const { parent, dest, before } = published();
    const script = join(parent, 'killed.ts');
    // A build that stages a site and is killed (SIGKILL, nothing runs after it) inside publishOutDir's window.
    writeFileSync(
      script,
      `import { mkdirSync, writeFileSync } from 'node:fs';
import { publishOutDir, stagingPaths } from ${JSON.stringify(join(root, 'src/loader/publishOutDir.ts'))};
const p = stagingPaths(${JSON.stringify(dest)});
mkdirSync(p.staging);
writeFileSync(p.staging + '/index.html', 'new');
publishOutDir(p, () => process.kill(process.pid, 'SIGKILL'));
`,
    );
    // Node itself runs the script (tsx as a loader), so the process that kills itself is the one spawned here.
    const killed = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    // The kill landed in the window: the destination is missing, the previous site waits beside it.
    expect(existsSync(dest)).toBe(false);
    expect(snapshot(join(parent, '.dist.build-previous'))).toEqual(before);

    const r = repairOutDir(dest);

    expect(r.restored).toBe(true);
    expect(snapshot(dest)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(['dist', 'killed.ts']);

    const next = stagingPaths(dest);
    writeSite(next.staging, { 'index.html': 'next' });
    publishOutDir(next);
    expect(snapshot(dest)).toEqual({ 'index.html': createHash('sha256').update('next').digest('hex') });
  });
});
