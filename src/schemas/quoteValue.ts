/**
 * A value as a message quotes it: never longer than `max` characters,
 * whatever the value is. Content can hold a string of a million characters
 * or a list nested a thousand deep; a message that serialised it whole
 * would be unreadable, and could exhaust the memory of whoever prints it.
 * Control characters are shown as `\u0007`, so the message stays one line.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function visible(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function cut(s: string, max: number): string {
  const chars = Array.from(s.slice(0, max * 2 + 2));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : s;
}

/** The keys of an object, one at a time, so a walk can stop early. */
function* keysOf(o: object): Generator<string> {
  for (const key in o) if (Object.hasOwn(o, key)) yield key;
}

/**
 * A bounded preview of a list or a group: walks at most `budget` characters' worth of it, never deeper than the
 * budget allows, so its cost is bounded by `max`, not by the value.
 */
function preview(v: unknown, budget: { left: number }, depth: number): string {
  if (budget.left <= 0) return '…';
  if (typeof v === 'string') {
    const s = JSON.stringify(visible(cut(v, budget.left)));
    budget.left -= s.length;
    return s;
  }
  if (v === null || typeof v !== 'object') {
    const s = String(v);
    budget.left -= s.length;
    return s;
  }
  if (depth > 8) return '…';
  const isList = Array.isArray(v);
  const parts: string[] = [];
  budget.left -= 2;
  const keys: Iterable<string | number> = isList ? v.keys() : keysOf(v as object);
  for (const key of keys) {
    if (budget.left <= 0) {
      parts.push('…');
      break;
    }
    const item = preview((v as Record<string | number, unknown>)[key], budget, depth + 1);
    parts.push(isList ? item : `${JSON.stringify(visible(cut(String(key), 20)))}:${item}`);
    budget.left -= 1;
  }
  return isList ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}

/**
 * The value quoted for a message, at most about `max` characters.
 * @example quoteValue('x'.repeat(1e6)) // → '“xxxx…x…”' (100 x)
 */
export function quoteValue(v: unknown, max = 100): string {
  if (typeof v === 'string') return `“${visible(cut(v, max))}”`;
  if (v === undefined) return 'undefined';
  return cut(preview(v, { left: max }, 0), max);
}

/** A list of names for a message: at most `count` of them, each cut to `max` characters, then “等 N 个”. */
export function quoteList(names: readonly string[], count = 10, max = 40): string {
  const shown = names
    .slice(0, count)
    .map((n) => `“${visible(cut(n, max))}”`)
    .join('、');
  return names.length > count ? `${shown} 等 ${names.length} 个` : shown;
}
