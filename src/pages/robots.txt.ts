/**
 * robots.txt: the public board invites indexing and names its sitemap; the
 * internal build (SITE_SCOPE=internal) asks every crawler to stay out, as its
 * pages' `noindex` does.
 */
import type { APIRoute } from 'astro';
import { getBoard } from '../data/board.ts';
import { absolute, href } from '../data/paths.ts';

export const GET: APIRoute = async ({ site }) => {
  const board = await getBoard();
  // A sitemap names absolute addresses: without the board's address there is none to name.
  const sitemap = site ? `\nSitemap: ${absolute(href('sitemap.xml'), site)}\n` : '';
  const body = board.scope === 'internal' ? 'User-agent: *\nDisallow: /\n' : `User-agent: *\nAllow: /\n${sitemap}`;
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
