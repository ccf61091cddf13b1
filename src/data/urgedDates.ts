/**
 * The dates of the checks that urged each pledge, from the checks this scope publishes: the branch's quarterly checks
 * (每季度一检查) and the upper organisation's (督查、随机检查) apart. One pass over the checks per board, not one per
 * pledge page.
 */
import type { IsoDate } from '../lib/dates.ts';
import { pledgeRef } from '../lib/pledgeRef.ts';
import type { Board } from './board.ts';

interface Urged {
  branch: IsoDate[];
  upper: IsoDate[];
}

const byBoard = new WeakMap<Board, Map<string, Urged>>();

/** The dates a pledge (by id) was urged on by the branch's checks and by the upper organisation's, oldest first. */
export function urgedDates(board: Board, pledgeId: string): Urged {
  let map = byBoard.get(board);
  if (!map) {
    map = new Map();
    for (const c of board.model.checks) {
      for (const ref of c.data.urged ?? []) {
        const id = pledgeRef(ref, c.round);
        const u = map.get(id) ?? { branch: [], upper: [] };
        const side = c.data.by === 'upper' ? 'upper' : 'branch';
        map.set(id, { ...u, [side]: [...u[side], c.data.date].sort() });
      }
    }
    byBoard.set(board, map);
  }
  return map.get(pledgeId) ?? { branch: [], upper: [] };
}
