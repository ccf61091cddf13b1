/** The sitemap: every public page, absolute URLs under the configured site and base. */
import type { APIRoute } from 'astro';
import { getBoard } from '../data/board.ts';
import { absolute, paths } from '../data/paths.ts';

export const GET: APIRoute = async ({ site }) => {
  const board = await getBoard();
  const urls = [
    paths.home(),
    paths.stats(),
    paths.bulletins(),
    paths.about(),
    paths.search(),
    paths.honours(),
    ...board.orgsInOrder.map(paths.org),
    ...board.model.members.map((m) => paths.member(m.id)),
    ...board.pledges.map((p) => paths.pledge(p.id)),
    ...board.bulletins.map((b) => paths.bulletin(b.id)),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.map((u) => `<url><loc>${absolute(u, site)}</loc><lastmod>${board.asOf}</lastmod></url>`).join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
