/** The admin bundle is built apart from the site and only when its own inputs change. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { adminStamp } from '../../src/cli/buildAdmin.ts';

const root = new URL('../..', import.meta.url).pathname;

describe('adminStamp', () => {
  test('does not change when content changes, and changes when admin code does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stamp-'));
    cpSync(join(root, 'admin'), join(dir, 'admin'), { recursive: true });
    cpSync(join(root, 'package-lock.json'), join(dir, 'package-lock.json'));
    mkdirSync(join(dir, 'content'));
    const before = adminStamp(dir);
    writeFileSync(join(dir, 'content', 'site.json'), '{}');
    expect(adminStamp(dir)).toBe(before);
    writeFileSync(join(dir, 'admin', 'index.html'), '<!-- changed -->');
    expect(adminStamp(dir)).not.toBe(before);
  });
});
