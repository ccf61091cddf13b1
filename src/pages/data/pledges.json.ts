/** Open data: every published pledge, public fields only. */
import type { APIRoute } from 'astro';
import { getBoard } from '../../data/board.ts';
import { publicPledges } from '../../data/publicRecords.ts';

export const GET: APIRoute = async ({ site }) => {
  const board = await getBoard();
  const body = { site: board.model.site.data.name, round: board.round.id, asOf: board.asOf, pledges: publicPledges(board, site) };
  return new Response(JSON.stringify(body, null, 1), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
