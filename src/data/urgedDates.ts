/**
 * The dates of the quarterly checks (每季度一检查) that urged each pledge, from the checks this scope publishes:
 * one pass over the checks per board, not one per pledge page.
 */
import type { IsoDate } from '../lib/dates.ts';
import { pledgeRef } from '../lib/pledgeRef.ts';
import type { Board } from './board.ts';

const byBoard = new WeakMap<Board, Map<string, IsoDate[]>>();

/** The dates a pledge (by id) was urged on, oldest first. */
export function urgedDates(board: Board, pledgeId: string): IsoDate[] {
  let map = byBoard.get(board);
  if (!map) {
    map = new Map();
    for (const c of board.model.checks) {
      for (const ref of c.data.urged ?? []) {
        const id = pledgeRef(ref, c.round);
        map.set(id, [...(map.get(id) ?? []), c.data.date].sort());
      }
    }
    byBoard.set(board, map);
  }
  return map.get(pledgeId) ?? [];
}
