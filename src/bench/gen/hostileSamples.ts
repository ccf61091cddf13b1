/**
 * Hostile content for the hostile-content tests and `npm run bench:hostile`: the same inputs in both, so the
 * benchmark measures what the tests prove is refused.
 */

/** Front matter of `text` with `lines` added at its top. */
export const withFront = (text: string, lines: string) => text.replace(/^---\n/, `---\n${lines}`);

/** A billion-laughs alias bomb: 9 levels of 9 aliases, 9^9 (387 million) items once expanded, in under 1 KB. */
export function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let level = 1, prev = 'a'; level < 9; level += 1) {
    const name = String.fromCharCode(97 + level);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    prev = name;
  }
  return `${lines.join('\n')}\n`;
}
