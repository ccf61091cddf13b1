/** The table `npm run test:timings` prints: one row per test file, slowest first, with each file's share of the run. */

export interface FileTiming {
  /** The file, relative to the project root. */
  file: string;
  /** The Vitest project (unit, build, e2e). */
  project: string;
  /** Importing the file and collecting its tests, in ms. */
  collect: number;
  /** Its tests and hooks (beforeAll builds, servers, browsers), in ms. */
  run: number;
  tests: number;
  state: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The rows as text: slowest first; per project, its files' summed time; and the run's wall time beside that sum. Files
 * run two at a time (maxWorkers 2), so the sums exceed the wall time, and each file's time includes waiting for the
 * cores the other file uses; the global setups (the e2e tier's builds, the shared servers) are in the wall time only.
 * @example timingTable([{ file: 'a.test.ts', project: 'unit', collect: 500, run: 1500, tests: 3, state: 'passed' }], 2500)
 */
export function timingTable(rows: readonly FileTiming[], wallMs: number): string {
  const total = (r: FileTiming) => r.collect + r.run;
  const sorted = [...rows].sort((a, b) => total(b) - total(a) || a.file.localeCompare(b.file));
  const sum = sorted.reduce((a, r) => a + total(r), 0);
  const width = Math.max(4, ...sorted.map((r) => r.file.length));
  const lines = [
    `${'file'.padEnd(width)}  project   total     share   collect   tests+hooks  tests  state`,
    ...sorted.map((r) =>
      [
        r.file.padEnd(width),
        r.project.padEnd(8),
        seconds(total(r)).padStart(8),
        `${sum ? ((100 * total(r)) / sum).toFixed(1) : '0.0'}%`.padStart(7),
        seconds(r.collect).padStart(9),
        seconds(r.run).padStart(13),
        String(r.tests).padStart(6),
        ` ${r.state}`,
      ].join('  '),
    ),
    '',
  ];
  const projects = [...new Set(sorted.map((r) => r.project))].sort();
  for (const p of projects) {
    const mine = sorted.filter((r) => r.project === p);
    lines.push(`${p}: ${mine.length} files, ${seconds(mine.reduce((a, r) => a + total(r), 0))}`);
  }
  lines.push(
    `all files: ${sorted.length}, ${seconds(sum)}; wall ${seconds(wallMs)} (two files at a time, maxWorkers 2 in vitest.config.ts: a file's time includes waiting for the cores the other file uses; the tiers one after another)`,
  );
  return lines.join('\n');
}
