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

/**
 * Builds a `Problem`: the one place one is made, so every problem has the same fields in the same order
 * (the order `--json` prints them in). `field` defaults to the whole file, `severity` to a content error.
 * @example problem({ file: 'content/site.json', rule: 'missing', message: '缺少站点设置文件 site.json。' })
 */
export function problem(p: { file: string; field?: string; rule: string; severity?: Severity; message: string }): Problem {
  return { file: p.file, field: p.field ?? '', rule: p.rule, severity: p.severity ?? 'error', message: p.message };
}

/** Formats a zod-style path (`['records', 2, 'progress']`) as `records[2].progress`. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
