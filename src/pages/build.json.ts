/** `/build.json`: `{ id, builtAt, asOf }` of this build; screens poll it and reload when the id changes (src/scripts/screen.ts). */
import type { APIRoute } from 'astro';
import { getBuildInfo } from '../data/buildInfo.ts';

export const GET: APIRoute = async () => {
  const info = await getBuildInfo();
  return new Response(`${JSON.stringify(info)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
