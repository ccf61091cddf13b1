/**
 * The build's own phases, for `npm run bench:build`: with BUILD_TIMINGS set to a file, each phase the project
 * runs itself (content check, pledge history, admin bundle, search index) appends one JSON line
 * `{"phase":"check","ms":1234}` to it. Unset, nothing is written and nothing is printed.
 */
import { appendFileSync } from 'node:fs';

export function recordPhase(phase: string, ms: number, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.BUILD_TIMINGS;
  if (file) appendFileSync(file, `${JSON.stringify({ phase, ms: Math.round(ms) })}\n`);
}

/** Runs `work` and records how long it took under `phase`. */
export function timed<T>(phase: string, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    recordPhase(phase, performance.now() - started);
  }
}
