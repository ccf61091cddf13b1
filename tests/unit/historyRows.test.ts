/** The 修改记录 summary never contradicts itself: the marked commits are among those counted after publication. */
import { expect, test } from 'vitest';
import { type CommitChange, historyRows } from '../../src/lib/historyRows.ts';

/** Every kind of step a pledge file can take, by what it was and what it became. */
const steps: Omit<CommitChange, 'commit' | 'date'>[] = [
  { kind: 'edited', wasPublic: false, isPublic: false, rewrote: [], changed: [] },
  { kind: 'edited', wasPublic: false, isPublic: true, rewrote: [], changed: [] },
  { kind: 'edited', wasPublic: false, isPublic: true, rewrote: ['2026-03-01'], changed: ['title'] },
  { kind: 'edited', wasPublic: true, isPublic: true, rewrote: [], changed: [] },
  { kind: 'edited', wasPublic: true, isPublic: true, rewrote: [], changed: ['title'] },
  { kind: 'edited', wasPublic: true, isPublic: false, rewrote: [], changed: [] },
  { kind: 'deleted', wasPublic: true, isPublic: false, rewrote: [], changed: [] },
  { kind: 'edited', wasPublic: true, isPublic: true, rewrote: [], changed: [], unknown: true },
];

function* sequences(n: number): Generator<number[]> {
  if (n === 0) {
    yield [];
    return;
  }
  for (const rest of sequences(n - 1)) for (let i = 0; i < steps.length; i++) yield [...rest, i];
}

test('for every sequence of up to four steps after a public creation, marked and unverified commits are among those counted', () => {
  let checked = 0;
  for (let n = 0; n <= 4; n++)
    for (const seq of sequences(n)) {
      const commits: CommitChange[] = [
        { commit: 'c0'.padEnd(40, '0'), date: '2026-03-01', kind: 'created', wasPublic: false, isPublic: true, rewrote: [], changed: [] },
        ...seq.map((i, k) => ({ ...steps[i], commit: `c${k + 1}`.padEnd(40, '0'), date: `2026-03-0${k + 2}` })),
      ];
      for (const drafts of ['show', 'collapse'] as const) {
        const s = historyRows(commits, { asOf: '2026-12-31', drafts });
        expect(s.afterPublished, JSON.stringify(seq)).toBe(seq.length);
        expect(s.marked + s.unverified, JSON.stringify(seq)).toBeLessThanOrEqual(s.afterPublished);
        checked += 1;
      }
    }
  expect(checked).toBe(2 * (1 + 8 + 64 + 512 + 4096));
});
