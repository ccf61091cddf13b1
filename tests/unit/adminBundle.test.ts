/** The admin bundle is built apart from the site, and again exactly when a file it compiles changes. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hashInputs, isUpToDate, readStamp } from '../../src/cli/buildAdmin.ts';

const root = new URL('../..', import.meta.url).pathname;

/** A copy of the project's sources with a stamp as the last build wrote it. */
function stampedCopy(inputs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'stamp-'));
  for (const name of ['admin', 'src', 'package-lock.json']) cpSync(join(root, name), join(dir, name), { recursive: true });
  mkdirSync(join(dir, 'content'));
  mkdirSync(join(dir, 'public', 'admin'), { recursive: true });
  writeFileSync(join(dir, 'public', 'admin', 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'public', 'admin', '.build-stamp'), JSON.stringify({ inputs, hash: hashInputs(inputs, dir) }));
  return dir;
}

describe('the admin bundle stamp', () => {
  const inputs = ['admin/main.ts', 'src/schemas/pledge.ts', 'src/lib/dates.ts', 'src/styles/tokens.css'];

  test('is up to date when nothing it compiled changed, content included', () => {
    const dir = stampedCopy(inputs);
    writeFileSync(join(dir, 'content', 'site.json'), '{}');
    writeFileSync(join(dir, 'src', 'pages', 'about.astro'), '<p>not in the bundle</p>');
    expect(isUpToDate(dir)).toBe(true);
  });

  test.each(inputs.concat('admin/vite.config.ts', 'package-lock.json'))('is out of date when %s changes', (file) => {
    const dir = stampedCopy(inputs);
    writeFileSync(join(dir, file), '/* changed */');
    expect(isUpToDate(dir)).toBe(false);
  });

  test('the stamp of the real build lists the schemas, src/lib and the shared components it compiles', () => {
    const stamp = readStamp(join(root, 'public', 'admin', '.build-stamp'));
    expect(stamp, 'run npm run admin:build first (npm test does)').not.toBeNull();
    expect(stamp!.inputs).toEqual(
      expect.arrayContaining([
        'admin/main.ts',
        'src/schemas/pledge.ts',
        'src/lib/pledgeStatus.ts',
        'src/components/PledgeCard.tsx',
        'src/styles/tokens.css',
      ]),
    );
    expect(stamp!.inputs.some((f) => f.startsWith('content/') || f.includes('node_modules'))).toBe(false);
  });
});
