/**
 * Where each top-level key of a Markdown file's front matter sits, by line, read without a YAML parser: a line
 * that starts at column 0 with neither a space, a list dash nor a comment starts a key, and its region runs to the
 * next such line. Used by the git history (src/loader/pledgeChange.ts) to tell cheaply which fields a change
 * touched, and whether a version was published; anything this reading cannot decide is handed to the real parser.
 */

export interface FrontmatterOutline {
  /** Index of the closing `---` line (the body starts after it); -1 when the file has no front matter. */
  end: number;
  /** Each top-level key's lines, [start, end) as line indices. */
  keys: Map<string, [number, number]>;
  /** The line index's key, or `''` for the opening line, `'body'` at or after the closing line. */
  keyAt(line: number): string;
}

const KEY = /^([A-Za-z_][\w-]*)\s*:/;

/** @example frontmatterOutline(['---', 'title: a', 'records:', '- date: x', '---', 'text']).keys.get('records') // → [2, 4] */
export function frontmatterOutline(lines: readonly string[]): FrontmatterOutline {
  const keys = new Map<string, [number, number]>();
  const starts: number[] = [];
  const names: string[] = [];
  let end = -1;
  if (lines[0]?.trimEnd() === '---') {
    for (let i = 1; i < lines.length; i += 1) {
      const line = lines[i];
      const c = line.charCodeAt(0);
      // ' ', '-', '#', and the empty line never start a key; only then is the line looked at more closely.
      if (line.length === 0 || c === 32 || c === 45 || c === 35 || c === 9) {
        if (c === 45 && line.trimEnd() === '---') {
          end = i;
          break;
        }
        continue;
      }
      const m = KEY.exec(line);
      if (!m) continue;
      starts.push(i);
      names.push(m[1]);
    }
  }
  const stop = end < 0 ? lines.length : end;
  for (let k = 0; k < starts.length; k += 1) keys.set(names[k], [starts[k], k + 1 < starts.length ? starts[k + 1] : stop]);
  return {
    end,
    keys,
    keyAt(line: number): string {
      if (end >= 0 && line >= end) return 'body';
      let found = '';
      for (let k = 0; k < starts.length && starts[k] <= line; k += 1) found = names[k];
      return found;
    },
  };
}

/**
 * The review's `status:` value when the lines say it plainly: a block mapping whose own `status:` key (at the
 * mapping's indentation) holds a bare word. Otherwise (a flow mapping `{…}`, an anchor, a quoted key) undefined,
 * and the caller asks the YAML parser.
 */
export function reviewStatusOf(lines: readonly string[], outline: FrontmatterOutline): string | undefined {
  const region = outline.keys.get('review');
  if (!region) return undefined;
  const first = lines[region[0]];
  if (!/^review\s*:\s*(#.*)?$/.test(first)) return undefined;
  let indent = -1;
  for (let i = region[0] + 1; i < region[1]; i += 1) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const own = line.length - line.trimStart().length;
    if (indent < 0) indent = own;
    if (own !== indent) continue;
    const m = /^\s+status\s*:\s*['"]?([A-Za-z]+)['"]?\s*(#.*)?$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** The top-level `visibility:` value, or undefined. */
export function visibilityOf(lines: readonly string[], outline: FrontmatterOutline): string | undefined {
  const region = outline.keys.get('visibility');
  if (!region) return undefined;
  return /^visibility\s*:\s*['"]?([A-Za-z]+)['"]?\s*(#.*)?$/.exec(lines[region[0]])?.[1];
}
