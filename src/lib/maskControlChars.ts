/**
 * Lets a file with a raw control character in a field be parsed, so the
 * field's own rule can name it. YAML and JSON refuse such a file outright
 * (“non-printable characters”, “bad control character”) with only a line
 * number; here each one is swapped for a private-use marker before parsing
 * and swapped back in the parsed strings, where the schema refuses it by the
 * field's Chinese label (src/schemas/fieldTypes.ts).
 */

// Tab and line feed are part of the syntax; carriage returns are gone by now (normalizeText).
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const MARKER = '\uE000';

/**
 * `text` with every raw control character masked, and the function that puts them back into a parsed value.
 * Without control characters the text is returned as it is and `restore` is the identity.
 */
export function maskControlChars(text: string): { text: string; restore: (value: unknown) => unknown } {
  const found = text.match(RAW);
  if (!found) return { text, restore: (v) => v };
  // Strings come back in document order, so the n-th marker met is the n-th character masked.
  let next = 0;
  const unmask = (s: string) => (s.includes(MARKER) ? s.replace(/\uE000/g, () => found[Math.min(next++, found.length - 1)]) : s);
  const restore = (v: unknown, depth = 0): unknown => {
    if (typeof v === 'string') return unmask(v);
    if (v === null || typeof v !== 'object' || depth > 64) return v;
    if (Array.isArray(v)) return v.map((x) => restore(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [unmask(k), restore(x, depth + 1)]));
  };
  return { text: text.replace(RAW, MARKER), restore: (v) => restore(v) };
}
