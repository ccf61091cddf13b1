/** Atom feed of bulletins and 销号 events. */
import type { APIRoute } from 'astro';
import { getBoard } from '../data/board.ts';
import { absolute, paths } from '../data/paths.ts';
import { t } from '../i18n/t.ts';
import { xmlText } from '../lib/xmlText.ts';

// Every text in the feed goes through xmlText: escaped, and stripped of what XML 1.0 forbids, so the feed is well-formed whatever the content holds.
const esc = xmlText;

export const GET: APIRoute = async ({ site }) => {
  const board = await getBoard();
  const name = board.model.site.data.name;
  const entries = [
    ...board.bulletins.map((b) => ({
      id: absolute(paths.bulletin(b.id), site),
      title: b.data.title,
      date: b.data.date,
      summary: board.nameOf(b.data.org),
      html: board.html(b),
    })),
    ...board.pledges
      .filter((p) => p.entry.data.closed?.date && p.entry.data.closed.date <= board.asOf)
      .map((p) => ({
        id: absolute(paths.pledge(p.id), site),
        title: t('feed.closed', { owner: p.ownerName, title: p.entry.data.title }),
        date: p.entry.data.closed?.date as string,
        summary: `${board.nameOf(p.orgId)} · ${p.entry.data.closed?.date}`,
        html: '',
      })),
  ].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const updated = `${entries[0]?.date ?? board.asOf}T00:00:00Z`;
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <title>${esc(t('feed.title', { site: name }))}</title>
  <id>${esc(absolute(paths.home(), site))}</id>
  <link rel="alternate" href="${esc(absolute(paths.home(), site))}"/>
  <link rel="self" href="${esc(absolute(paths.feed(), site))}"/>
  <updated>${updated}</updated>
  <author><name>${esc(name)}</name></author>
${entries
  .map(
    (e) => `  <entry>
    <title>${esc(e.title)}</title>
    <id>${esc(e.id)}</id>
    <link rel="alternate" href="${esc(e.id)}"/>
    <updated>${esc(e.date)}T00:00:00Z</updated>
    <summary>${esc(e.summary)}</summary>${e.html ? `\n    <content type="html">${esc(e.html)}</content>` : ''}
  </entry>`,
  )
  .join('\n')}
</feed>
`;
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
