/**
 * The items of a list grouped by a key, in the order the keys first appear.
 * @example groupBy(['ab', 'ac', 'b'], (s) => s[0]) // Map { 'a' => ['ab', 'ac'], 'b' => ['b'] }
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
