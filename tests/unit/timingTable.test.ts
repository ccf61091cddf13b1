/** `npm run test:timings`' table (tests/timings/timingTable.ts): slowest first, shares, per-project sums, the wall beside. */
import { expect, test } from 'vitest';
import { timingTable } from '../timings/timingTable.ts';

const rows = [
  { file: 'tests/unit/a.test.ts', project: 'unit', collect: 500, run: 1500, tests: 3, state: 'passed' },
  { file: 'tests/build/b.test.ts', project: 'build', collect: 1000, run: 7000, tests: 2, state: 'passed' },
  { file: 'tests/e2e/c.test.ts', project: 'e2e', collect: 0, run: 0, tests: 0, state: 'skipped' },
];

test('lists the files slowest first with their share of the summed time, then each project and the wall', () => {
  const lines = timingTable(rows, 12_000).split('\n');
  expect(lines[1]).toMatch(/^tests\/build\/b\.test\.ts\s+build\s+8\.0 s\s+80\.0%\s+1\.0 s\s+7\.0 s\s+2\s+passed$/);
  expect(lines[2]).toMatch(/^tests\/unit\/a\.test\.ts\s+unit\s+2\.0 s\s+20\.0%\s+0\.5 s\s+1\.5 s\s+3\s+passed$/);
  expect(lines[3]).toMatch(/^tests\/e2e\/c\.test\.ts\s+e2e\s+0\.0 s\s+0\.0%/);
  expect(lines.slice(5)).toEqual([
    'build: 1 files, 8.0 s',
    'e2e: 1 files, 0.0 s',
    'unit: 1 files, 2.0 s',
    "all files: 3, 10.0 s; wall 12.0 s (two files at a time, maxWorkers 2 in vitest.config.ts: a file's time includes waiting for the cores the other file uses; the tiers one after another)",
  ]);
});

test('an empty run still prints its wall time', () => {
  expect(timingTable([], 1500)).toContain('all files: 0, 0.0 s; wall 1.5 s');
});
