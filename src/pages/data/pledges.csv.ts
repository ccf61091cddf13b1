/** Open data as CSV: UTF-8 with a BOM so Excel opens the Chinese correctly (src/data/pledgesCsv.ts). */
import type { APIRoute } from 'astro';
import { getBoard } from '../../data/board.ts';
import { pledgesCsv } from '../../data/pledgesCsv.ts';
import { publicPledges } from '../../data/publicRecords.ts';

export const GET: APIRoute = async ({ site }) => {
  const board = await getBoard();
  return new Response(pledgesCsv(publicPledges(board, site)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
