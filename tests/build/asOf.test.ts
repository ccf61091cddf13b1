/**
 * `npm run build -- --as-of` (AS_OF): the content check before the build and
 * the pages count at the same day, over site.json's asOf, and the build says
 * which date it used and where it came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildResult } from './buildSite.ts';

let built: BuildResult;

beforeAll(() => {
  built = buildSite({ env: { AS_OF: '2025-10-01' } });
});

describe('build as of a given day', () => {
  test('the build prints the date it used and its source', () => {
    expect(built.code, built.out).toBe(0);
    expect(built.out).toContain('统计截止日期：2025-10-01（命令行 --as-of）');
    expect(built.out).not.toContain('2025-12-26（site.json 的 asOf）');
  });

  test("the pages count at that day, not at site.json's asOf", () => {
    const home = readFileSync(join(built.outDir, 'index.html'), 'utf8');
    expect(home).toContain('统计截止日期：2025-10-01');
  });

  test('a malformed AS_OF stops the build before Astro runs, in Chinese', () => {
    const bad = buildSite({ env: { AS_OF: '2025-13-01' } });
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('--as-of “2025-13-01”不是有效的日期');
    expect(existsSync(bad.outDir)).toBe(false);
  });
});
