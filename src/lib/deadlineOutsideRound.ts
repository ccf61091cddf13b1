/** A pledge's deadline falls within its round (R4): the one message `npm run check` and the admin both give. */

/**
 * Why `deadline` is outside `round` (naming the round's dates), or undefined when it is inside, or there is nothing
 * to compare (no deadline, a round without dates).
 *
 * @example deadlineOutsideRound('2026-03-01', { start: '2025-01-01', end: '2025-12-31' }) // '完成时限 2026-03-01 不在本轮（2025-01-01 至 2025-12-31）之内。'
 */
export function deadlineOutsideRound(
  deadline: string | undefined,
  round: { start?: string; end?: string } | undefined,
): string | undefined {
  if (!deadline || !round?.start || !round.end) return undefined;
  if (deadline >= round.start && deadline <= round.end) return undefined;
  return `完成时限 ${deadline} 不在本轮（${round.start} 至 ${round.end}）之内。`;
}
