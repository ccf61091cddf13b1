/** `/summary.json`: this board's machine-readable summary for the county and province roll-ups (src/lib/shardSummary.ts); counts only, no names. */
import type { APIRoute } from 'astro';
import { getSummaryJson } from '../data/summary.ts';

export const GET: APIRoute = async ({ site }) => {
  return new Response(await getSummaryJson(site), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
