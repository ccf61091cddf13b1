/** `/manifest.json`: every item this build publishes, its URL, its source file and the file's SHA-256 (src/data/manifest.ts), and the SHA-256 of `/summary.json`. `npm run verify` checks a board against it. */
import type { APIRoute } from 'astro';
import { getManifest } from '../data/manifest.ts';
import { manifestJson } from '../lib/buildManifest.ts';

export const GET: APIRoute = async ({ site }) => {
  return new Response(manifestJson(await getManifest(site)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
