/**
 * The sample as built for these tests (tests/e2e/globalSetup.ts: the public and the internal board, from this
 * repository): no pledge page marks a commit as 改动了已公开的内容 or 无法核对, and the pages say where the
 * comparing starts (content/history-baseline.json). Reads the built files only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { walk } from '../build/buildSite.ts';

describe('the built sample’s 修改记录', () => {
  test.each(['distDir', 'internalDistDir'] as const)('in %s, every pledge page lists its commits and marks none', (key) => {
    const dist = inject(key);
    const pages = walk(join(dist, 'pledges')).filter((f) => f.endsWith('index.html'));
    expect(pages.length).toBeGreaterThan(50);
    const marked: string[] = [];
    let listed = 0;
    let withBaseline = 0;
    for (const page of pages) {
      const html = readFileSync(join(dist, 'pledges', page), 'utf8');
      if (/data-marked|data-unverified/.test(html)) marked.push(page);
      if (html.includes('data-history-commit=')) listed += 1;
      if (html.includes('data-history-baseline=')) withBaseline += 1;
    }
    expect(marked).toEqual([]);
    // Built from a checkout: the history was read, and the baseline explained where it applies.
    if (listed > 0) expect(withBaseline).toBeGreaterThan(0);
  });
});
