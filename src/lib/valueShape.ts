/**
 * What a parsed value's shape says before anything walks it for real: a
 * list or group reached twice (a YAML alias: js-yaml shares the anchored
 * value by reference, so nine lines of `*a` make a billion-item tree for
 * whatever walks it next), nesting deeper than any content needs, or more
 * items than one file can reasonably hold. The walk itself is iterative and
 * stops at the first finding, so its cost is bounded by the text, not by the
 * tree the text describes.
 */

export type ShapeFinding = { kind: 'shared' } | { kind: 'deep'; depth: number } | { kind: 'many'; count: number };

/**
 * The first reason `value` may not be walked, or undefined.
 * @example valueShape({ a: list, b: list }, 20, 1e5) // → { kind: 'shared' } when both name the same array
 */
export function valueShape(value: unknown, maxDepth: number, maxNodes: number): ShapeFinding | undefined {
  const seen = new Set<object>();
  const stack: [unknown, number][] = [[value, 1]];
  let nodes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    nodes += 1;
    if (nodes > maxNodes) return { kind: 'many', count: maxNodes };
    if (v === null || typeof v !== 'object') continue;
    if (seen.has(v)) return { kind: 'shared' };
    seen.add(v);
    if (depth > maxDepth) return { kind: 'deep', depth: maxDepth };
    if (Array.isArray(v)) for (const item of v) stack.push([item, depth + 1]);
    else for (const key in v) if (Object.hasOwn(v, key)) stack.push([(v as Record<string, unknown>)[key], depth + 1]);
  }
  return undefined;
}
