/** `/build.json`: `{ id, builtAt, asOf }` of this build; screens poll it and reload when the id changes (src/scripts/screen.ts). */
import type { APIRoute } from 'astro';
import { contentDir } from '../contentDir.ts';
import { getBoard } from '../data/board.ts';
import { boardBuildInfo } from '../loader/screenBuildInfo.ts';

export const GET: APIRoute = async () => {
  const info = boardBuildInfo(await getBoard(), contentDir());
  return new Response(`${JSON.stringify(info)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
