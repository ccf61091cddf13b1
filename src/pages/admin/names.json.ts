/** Member and org names by id and the as-of date, for the CMS previews (which show names, not ids). Public information only. */
import type { APIRoute } from 'astro';
import { getBoard } from '../../data/board.ts';

export const GET: APIRoute = async () => {
  const board = await getBoard('public');
  const names = Object.fromEntries([...board.model.members, ...board.model.orgs].map((e) => [e.id, (e.data as { name: string }).name]));
  return new Response(JSON.stringify({ asOf: board.asOf, names }), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
