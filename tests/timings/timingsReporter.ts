/**
 * A Vitest reporter for `npm run test:timings`: after the run it prints each test file's time (collecting, then its
 * tests and hooks), slowest first. It measures; it asserts nothing. Used beside the default reporter, so the run
 * reads as usual. Arguments pass through: `npm run test:timings -- --project e2e`.
 */
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { timingTable, type FileTiming } from './timingTable.ts';

export default class TimingsReporter implements Reporter {
  private started = Date.now();

  onInit(): void {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: FileTiming[] = modules.map((m) => {
      const d = m.diagnostic();
      return {
        file: relative(process.cwd(), m.moduleId),
        project: m.project.name,
        collect: d.collectDuration,
        run: d.duration,
        tests: [...m.children.allTests()].length,
        state: m.state(),
      };
    });
    process.stdout.write(`\n测试文件用时（npm run test:timings）：\n${timingTable(rows, Date.now() - this.started)}\n`);
  }
}
