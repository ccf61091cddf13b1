/**
 * A problem found in the content: a content error (the build stops) or an
 * audit finding (the rules of 承诺践诺评诺 are not fully met; it is shown,
 * and fails only under `--strict`).
 */
export type Severity = 'error' | 'finding';

/** One problem, as the CLI prints it and `--json` emits it. */
export interface Problem {
  /** Path of the file, relative to the repository root. */
  file: string;
  /** Field path inside the file, as `records[2].progress`; empty for the whole file. */
  field: string;
  /** Audit rule id (`R1`…`R15`) or error code (`yaml`, `required`, `ref` …). */
  rule: string;
  severity: Severity;
  /** What is wrong, in Chinese, for a branch secretary. */
  message: string;
}

/** A content problem raised as an error: the build stops on it. */
export class ContentError extends Error implements Problem {
  readonly file: string;
  readonly field: string;
  readonly rule: string;
  readonly severity = 'error' as const;

  constructor(p: Omit<Problem, 'severity'>) {
    super(p.message);
    this.name = 'ContentError';
    this.file = p.file;
    this.field = p.field;
    this.rule = p.rule;
  }
}

/** Formats a zod-style path (`['records', 2, 'progress']`) as `records[2].progress`. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
