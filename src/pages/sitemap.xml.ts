/** The sitemap: every public page, absolute URLs under the configured site and base. */
import type { APIRoute } from 'astro';
import { getBoard } from '../data/board.ts';
import { absolute, paths } from '../data/paths.ts';
import { getRounds, roundPaths } from '../data/rounds.ts';
import { listKinds } from '../lib/pledgeLists.ts';

export const GET: APIRoute = async ({ site }) => {
  const board = await getBoard();
  const archive = await getRounds();
  const urls = [
    paths.home(),
    paths.stats(),
    paths.bulletins(),
    paths.about(),
    paths.search(),
    paths.honours(),
    ...listKinds.map(paths.list),
    ...board.orgsInOrder.map(paths.org),
    ...board.model.members.map((m) => paths.member(m.id)),
    roundPaths.index(),
    ...archive.rounds.map((r) => roundPaths.round(r.round.id)),
    ...[...archive.pledge.keys()].map(paths.pledge),
    ...[...archive.bulletin.keys()].map(paths.bulletin),
  ];
  // Sitemap entries must be absolute: without the board's address the sitemap is empty (robots.txt then names none).
  const listed = site ? urls : [];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${listed.map((u) => `<url><loc>${absolute(u, site)}</loc><lastmod>${board.asOf}</lastmod></url>`).join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
