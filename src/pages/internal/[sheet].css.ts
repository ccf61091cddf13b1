/**
 * /internal/print-banner.css (internal build only): the banner printed at the top of every sheet of an internal
 * page (src/lib/printBannerCss.ts), linked from every page of the internal build (src/layouts/BaseLayout.astro).
 */
import type { APIRoute } from 'astro';
import { getBoard } from '../../data/board.ts';
import { t } from '../../i18n/t.ts';
import { printBannerCss } from '../../lib/printBannerCss.ts';

export async function getStaticPaths() {
  return (await getBoard()).scope === 'internal' ? [{ params: { sheet: 'print-banner' } }] : [];
}

export const GET: APIRoute = () =>
  new Response(printBannerCss(t('internal.printBanner')), { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
