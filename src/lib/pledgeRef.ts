/**
 * Resolves a reference to a pledge from a per-round file: a bare file name
 * means the pledge of the same round, `<round>/<name>` names any.
 */
export function pledgeRef(ref: string, round: string | undefined): string {
  return ref.includes('/') || !round ? ref : `${round}/${ref}`;
}
